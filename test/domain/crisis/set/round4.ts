/**
 * Round 4: written as the third hold-out after the round-3 rules. Measured once
 * (recall 66.3%, FPR 7.0%, see docs/crisis-screen.md), then used to generalise the
 * rules by kind, so it is development data now.
 */
export const ROUND4 = String.raw`
I SI | i bought a gun today. i know what im going to do with it
I SI | i'm going to end my suffering tonight
I SI | nobody is going to find me in time
I SI | i took all of my antidepressants about an hour ago
I SI | im on the roof of my building
I SI | tired of living. tonight i'll finally sleep forever
I SI | i'm going to let the car run in the garage
I SI | i keep hoping a truck hits me
I SI | i'm giving away my stuff, my kids should have my things
I SI | i dont want to exist anymore i have the pills ready
I SI | i want to cut so deep this time
I SI | gonna jump
I SI | i hope i die in my sleep
I SI | id rather die than go back to jail
I SI | thinking about taking my life
I SI | i'll be dead by morning
I SI | ive got the rope tied
I SI | my plan is to drive off the bridge after i drop the kids at school
I SI | i want it to be over, i'm going to take everything i have
I SI | this is the last time you'll hear from me
I SI | i want to die rn
I SI | i wanna end myself
I SI | i'm gonna off myself
I SI | kms tonight for real
I SI | me voy a tomar todo el frasco de pastillas
I SI | quiero que me lleve la muerte
I SI | ya compré las pastillas para acabar con esto
I SI | me voy a aventar del carro en la autopista
I SI | ojalá me muera dormida
I SI | estoy en el puente y me voy a tirar
I SI | ya no quiero vivir, tengo todo listo
I SI | me quiero cortar
I SI | siento que lo mejor es quitarme la vida
I SI | voy a hacerlo esta noche, ya me despedí
I SI | ya me cansé, me voy a matar
I SI | i can't anymore, me quiero matar
I OD | he's not breathing and his face is gray
I OD | i think i took too much fent, i'm really dizzy
I OD | my roommate is unconscious and i can't wake her
I OD | my friend shot up and fell over, he's not responding
I OD | i'm having a really bad reaction to something i took, chest is so tight
I OD | she's nodding out hard and her lips are turning blue
I OD | mi novio se puso azul, no sé qué hacer
I OD | se desmayó después de inyectarse
I OD | creo que me dio una sobredosis
I CD | my baby swallowed one of my subs
I CD | my kid got into the xanax
I CD | the baby is blue and not breathing
I CD | my boyfriend is hurting my daughter
I CD | he grabbed my son by the throat
I CD | mi niño se tragó una pastilla de mi mamá
I CD | mi pareja está golpeando a mis hijos
I VA | he is beating me up
I VA | he's got me locked in and he took my phone
I VA | i'm scared he's going to kill me tonight
I VA | he threatened me with a gun
I VA | i want to kill my ex, i'm going over there now
I VA | me pegó en la cara y me quitó el teléfono
I VA | tengo miedo, me está persiguiendo con un cuchillo
I HE | HELP ME
I HE | sos sos
I HE | please i need help
I HE | ayuda por favor
I TP | my husband just told me he's going to kill himself
I TP | my friend took a bunch of pills to kill herself
I TP | my teenage son says he wants to die
I TP | mi papá dice que se va a matar
I TP | my sister is standing on the bridge
P | everything is falling apart and i can't breathe
P | i'm so depressed i can't get out of bed
P | i can't do anything right
P | i feel like nobody would miss me
P | i'm sick of this life
P | i want to sleep and never deal with anything again
P | there's nothing left for me
P | i don't see the point anymore
P | i hate myself so fucking much
P | i'm just a burden
P | no aguanto más esta vida
P | me siento muy sola y sin ganas
P | no le importo a nadie
P | ya no quiero nada
P | estoy harta de mí misma
P | me quiero desaparecer de todo
P | nadie me entiende, ya me cansé
P | i'm broken
C | i slipped and drank
C | used last night, i'm ashamed
C | i'm craving dope bad
C | bought a bag but didnt use it
C | smoked a blunt and took some pills
C | me eché unas cervezas
C | tengo muchas ansias
C | volví a tomar
C | i'm not suicidal just really low
K | 8 feeling good
K | alright day
K | not bad thanks
K | doing good
K | 3 sad but ok
K | ok, at work
K | bien bien
K | cansadita pero bien
K | good, kids at school
K | good 💪
K | 5 normal day
K | feeling ok
K | yep all good
K | a bit stressed
K | happy today!
K | okay
K | fine, busy
K | bien, gracias por preguntar
N | this commute is killing me
N | i'm dying, my daughter just fell asleep in her cereal
N | the movie killed me lol
N | i could die for some tacos
N | my plants are dying
N | i killed that spider finally
N | i'm done with laundry!!
N | we ended up at the hospital for my son's ear, all good now
N | my friend overdosed a few years ago, i think about him a lot
N | i carry narcan now
N | can we talk about my goals
N | i got into the program!
N | my kids want pizza tonight
N | is it ok if i miss group on friday
N | i hope you have a good night
N | me muero de sueño jaja
N | estoy que me muero de calor
N | mis hijos me van a matar de la risa
N | quiero dormir todo el fin de semana
N | me quiero ir a mi casa ya
N | ya quiero que acabe la semana
N | ¿dónde es la junta?
N | mi hijo se cayó pero está bien
N | ayuda con el transporte, no tengo carro
N | i need to end my phone contract
N | my toddler hit me in the face with a toy lol
N | he pushed me on the swing lol, great day
N | lol i'm gonna kill my sister, she ate my fries
N | this homework is suicide lol
N | going to the gun range with my dad? no, just kidding, at the park
N | i'm over it, moving on
N | my cat died last night
N | the baby has a cold
N | i'm ready to go to sleep
N | i have a plan for the week
N | give me a call when you can
N | the kids are with their dad this weekend
N | my anxiety is bad today but i'm managing
N | i need a break from everything lol
`;
