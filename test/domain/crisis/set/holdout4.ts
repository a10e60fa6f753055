/**
 * Hold-out (fourth), written after the round-4 rules (2026-12-01 ~22:45 UTC).
 * Measured once as a hold-out (recall 69.2%, imminent 57.4%, FPR 1.8%; docs/crisis-screen.md),
 * then its misses were generalised by kind in round 5 (rules-unspoken.ts), so it is
 * development data now.
 */
export const HOLDOUT4 = String.raw`
I SI | i've made up my mind, tonight is it
I SI | i'm sorry for everything i put you all through
I SI | i looked at the bottle for an hour and i think i'm going to do it
I SI | my kids are better off in foster care than with me alive
I SI | i'm at the river and i'm not coming back
I SI | i don't want to be alive tomorrow
I SI | i keep thinking i should just end it
I SI | i cut my wrists
I SI | i have a belt and a door, that's all i need
I SI | i can't promise i'll be safe tonight
I SI | i'm going to take every pill in this house
I SI | i have been saving up my pills for this
I SI | i dont think i want to live anymore tbh
I SI | i want to go be with my mom in heaven tonight
I SI | i'm not scared of dying anymore, i'm ready
I SI | today i'm going to kill myself
I SI | wanna be dead fr
I SI | gonna unalive myself 2nite
I SI | i wish i could just die already
I SI | i'm planning my suicide
I SI | no quiero seguir con vida
I SI | ya tengo la soga colgada
I SI | me voy a inyectar todo lo que tengo para no despertar
I SI | ya no vale la pena seguir viviendo, hoy me voy
I SI | quiero dejar este mundo
I SI | perdónenme, ya no puedo con esto, adiós
I SI | me corté muy profundo y no para
I SI | estoy pensando en colgarme
I SI | i want to matarme ya
I OD | i think my wife overdosed she's barely breathing
I OD | he smoked something and now he's seizing
I OD | my son took a bunch of pills and he's throwing up
I OD | someone od'd in my bathroom
I OD | i did too much and i can't feel my legs
I OD | she's not responding after she used, i'm scared
I OD | mi primo se pasó de droga y no despierta
I OD | tomé pastillas con alcohol y me siento muy rara
I CD | my 3 year old drank the bleach
I CD | the baby got into my bag and ate something
I CD | my son fell in the pool and isn't breathing
I CD | my husband is choking my daughter
I CD | i left my baby with my ex and he's high
I CD | mi hijo se tomó mis pastillas
I CD | mi bebé se cayó de la cama y no responde
I VA | he's strangling me
I VA | my boyfriend keeps hitting me and i can't leave
I VA | he's drunk and says he'll shoot me
I VA | somebody is trying to get into my house
I VA | i'm so angry i could kill him
I VA | mi novio me está golpeando
I VA | me amenaza con una pistola
I VA | mi esposo dice que me va a matar hoy
I HE | 911
I HE | please someone help me
I HE | auxilio auxilio
I HE | help please
I TP | my daughter just told me she took pills to die
I TP | my husband is in the garage with a gun
I TP | my friend says she's going to jump off a bridge
I TP | mi hermano se quiere aventar del puente
I TP | mi mamá se tomó todas sus pastillas
P | i'm so tired of everything
P | i hate my life so much
P | i don't know how much more i can take
P | i'm lost
P | i feel like a failure
P | everything i do is wrong
P | i'm exhausted with life
P | i don't want to feel anything anymore
P | life feels pointless
P | i'm worthless to everyone
P | i just want to disappear for good
P | no aguanto mi vida
P | me siento inútil y sola
P | no tengo ganas de vivir así
P | todo es una mierda, ya no puedo
P | quisiera dormir y no despertar por un rato
P | me odio tanto
C | i relapsed last weekend
C | drank again
C | i used meth yesterday
C | cravings are killing me
C | i want to get high
C | i failed my drug test
C | volví a usar
C | tengo ganas de fumar cristal
C | me emborraché ayer
K | good
K | ok
K | 6
K | 4 tired
K | fine thanks
K | doing good today
K | a little down but ok
K | all good
K | 8!
K | bien
K | más o menos
K | cansada
K | todo bien
K | not bad
K | great day
K | ok, busy
K | 3
K | going ok
N | i'm dying to see you guys at group
N | this week is killing me lol
N | my son is driving me crazy
N | i could kill for a nap
N | dead tired
N | the kids are with my mom
N | can i reschedule my appointment
N | i need diapers
N | what time is group
N | my phone is dying, text later
N | we're going to the lake tomorrow
N | my daughter jumped off the diving board for the first time!
N | i'm at the bridge waiting for the bus
N | i got my 30 day chip
N | i'm so proud of my son
N | me muero de hambre
N | me muero de risa
N | mi hija me va a matar, le rompí su juguete jaja
N | ¿a qué hora es la cita?
N | gracias por todo
N | ya llegué a casa
N | necesito ayuda con la renta
N | no quiero despertar a los niños
N | no quiero vivir con mi suegra jaja
N | i'm done cooking, finally
N | the baby hit her head but she's fine
N | my son said he wants to kill the boss in his video game
N | my ex is picking the kids up at 5
N | i need to cut my son's hair
N | i have pills for my headache, is that ok with my suboxone
N | i'm not suicidal, just tired of this rain lol
N | dying laughing at this video
N | this heat is killing me
N | i'm ready to go to the meeting
N | i gave away my old clothes to the shelter
N | i'm going to end my lease in june
N | we watched the walking dead
N | quiero desaparecer el estrés con un baño caliente
N | ayuda para encontrar guardería
`;
