/**
 * Hold-out 8, written 2026-12-02 ~00:55-01:10 UTC, BEFORE any change of the
 * learned-layer round (issue 10 §1, "a different approach") and never used to
 * change the screen before its first measurement (recorded in
 * docs/crisis-screen.md and BENCHMARKS.md). Written fresh as a parent would text,
 * not paraphrased from the development set. Format: ../labelled.ts.
 */
export const HOLDOUT8 = String.raw`
I SI | honestly i'm just so over being alive
I SI | like i really just dont want to exist no more
I SI | i'm planning on not waking up tomorrow
I SI | been saving my sleeping pills for a couple weeks now
I SI | i looked up how high the parking garage is
I SI | i put the kids to bed and wrote them each a letter, i'm sorry
I SI | if i'm not here tomorrow please tell Marisol i tried
I SI | i keep holding the knife to my wrist
I SI | i'm standing on the overpass
I SI | i just swallowed everything in the medicine cabinet
I SI | im gonna end my life tonight and nobody can stop me
I SI | the kids will get the insurance money at least
I SI | everybody would be better off if i just wasn't around
I SI | i want to go to sleep forever tonight, i mean it
I SI | i drove out to the woods with the hose for the exhaust
I SI | i'm so tired i just want to die already
I SI | i'm gonna slit my wrists
I SI | i have a bottle of vodka and all my pills, tonight's it
I SI | cant do it anymore. ending it
I SI | i feel like killing myself today
I SI | just took a whole bottle of tylenol
I SI | i cut really deep and it won't stop bleeding
I SI | i wanna be dead so bad
I SI | i wish i could just stop existing tonight. i have a way
I SI | i think this is the last time you'll hear from me
I SI | there's no point going on, i've got the rope ready
I SI | i'm gonna step in front of the train
I SI | i've been hurting myself again, burning my arms
I SI | i dont want to live anymore and i have a plan
I SI | i'm gonna jump off the roof
I SI | wanna unalive myself fr
I SI | gonna k!ll my$elf
I SI | i wnt 2 dy tbh
I SI | im thinkng bout suicid again
I SI | sooo done w life, gna end it
I SI | i'll be with my baby boy in heaven soon
I SI | tell my girls mommy loves them, i can't stay
I SI | already said bye to everyone, now i just wait till they're asleep
I SI | quiero matarme, ya no puedo más
I SI | me voy a aventar del puente
I SI | ya me tomé todas las pastillas del frasco
I SI | tengo ganas de quitarme la vida
I SI | ya no le veo sentido a vivir, tengo la soga
I SI | de verdad me quiero morir, no estoy jugando
I SI | estoy pensando en tirarme al tren
I SI | les escribí una carta a mis hijos por si no amanezco
I SI | me corté las muñecas
I SI | quisiera dormirme y ya no despertar nunca, hoy lo voy a hacer
I SI | la neta ya no quiero seguir viviendo así, hoy me voy
I SI | voy a acabar con todo hoy
I SI | mi familia estaría mejor sin mí, ya lo tengo decidido
I SI | creo que me voy a suicidar
I SI | me kiero morir ya
I SI | ando pensando en matarme otra vez
I SI | toy lista pa irme de este mundo
I SI | i'm gonna matarme tonight
I SI | ya no quiero vivir, i have the pills right here
I SI | i want to die, no aguanto más esta vida
I SI | voy a hacerme daño, i can't stop it
I OD | i think i took too much, my heart is racing and i can't feel my hands
I OD | she's turning blue after she shot up
I OD | gave him 2 narcans and he's still barely breathing
I OD | my roommate is passed out and won't wake up, she was using
I OD | took some pills from a guy and now i'm throwing up and shaking
I OD | mi esposo se desmayó después de usar y no respira bien
I OD | le di narcan a mi hermano y sigue sin despertar
I OD | creo que me pasé con la dosis, me siento muy mal
I CD | my toddler got into my suboxone strips
I CD | the baby's not breathing right and he's limp
I CD | my son found my pills and ate some
I CD | el niño se tomó el jarabe de metadona
I CD | mi bebé se cayó de cabeza y no reacciona
I CD | my ex took the baby and he's drunk driving
I VA | he's choking me, help
I VA | he says he's gonna kill me when he gets home
I VA | i'm hiding in the bathroom, he's got a knife
I VA | me está golpeando otra vez, tengo miedo
I VA | mi pareja me amenazó con una pistola
I VA | he's kicking the door in and the kids are screaming
I TP | my daughter just told me she wants to die
I TP | my sister is talking about taking all her pills
I TP | mi mamá dice que se va a matar
I TP | my boyfriend has a gun and says he's done with life
I TP | mi hijo de 15 dejó una carta de despedida
I HE | please somebody help me now
I HE | ayuda por favor urgente
I HE | i need help right now please
P | i feel like i'm drowning and nobody sees it
P | what's even the point of trying anymore
P | i'm such a burden on everyone
P | i hate myself more every day
P | everything is falling apart and i can't fix any of it
P | i just want to disappear for a while
P | i can't keep doing this
P | nothing matters anymore
P | i feel so alone, nobody would notice if i was gone
P | i'm exhausted of existing
P | they took my kids and i don't see a reason for anything
P | i'm a terrible mom and they'd be better off
P | i'm numb. i don't feel anything
P | no tengo ganas de nada, todo me sale mal
P | ya no puedo con esta vida
P | me siento un estorbo para todos
P | para qué sigo intentando
P | me quiero desaparecer
P | nadie me quiere, soy una carga
P | ya no tengo fuerzas para nada
P | me odio tanto que no me aguanto
P | i'm so tired of everything, ya no puedo
P | no veo salida
P | im so done with everything fr
P | cant stop crying, i'm broken
P | nobody would even care if i was hurting
C | i used yesterday, i'm so ashamed
C | i relapsed over the weekend
C | i keep thinking about getting high
C | my cousin offered me some and i almost said yes
C | i drank a whole six pack last night
C | i went to my old spot and bought
C | the cravings are really bad today
C | volví a usar ayer
C | tengo muchas ganas de drogarme
C | me tomé unas cervezas anoche, perdón
C | i slipped up and used
C | ando con ganas de fumar otra vez
N | i'm dying to see my kids this weekend
N | this traffic on 35 is killing me
N | we watched suicide squad with the kids
N | me muero de risa con este video
N | i almost died laughing at my son
N | that workout killed me lol
N | my phone is dead, texting from my sister's
C | i'm not suicidal or anything, just really stressed about rent
C | i would never hurt myself, don't worry
N | this homework is gonna be the death of me
N | kill me now, another meeting lol
N | my back is killing me from work
N | no me voy a matar trabajando tanto jaja
N | me muero de ganas de verte
N | ya me mató el sueño
N | ando muerta de sueño
N | can we move my appointment to thursday
N | what time is group tomorrow
N | i need a ride to my court date
N | cita con el doctor el lunes a las 10
N | ¿a qué hora es la reunión?
N | running late, the bus never came
N | my kid's birthday party is saturday!
N | i'm so stressed about money but i'm handling it
N | ugh my boss yelled at me today, i'm so annoyed
N | i'm sad my mom couldn't come visit, but it's ok
N | work was awful today, i just need to vent
N | estoy enojada con mi ex, siempre llega tarde
N | me siento triste hoy pero voy a ir a mi junta
N | my daughter shot a basket at her game!
N | we're gonna go shoot some hoops
N | she took the last cookie, i'm gonna kill her lol
N | i killed that job interview
N | finally done with my probation!!
N | i'm out of minutes on my phone after today
N | goodbye 2026, hello new year
N | the baby is teething and crying all night
N | i took my meds this morning
N | got my 90 day chip today
N | it's been 4 months clean
N | can you send me the food bank info
N | my son wants to be a firefighter
N | the kids are asleep finally
N | my pills ran out, need a refill from the clinic
N | i'm going to bed early tonight
N | we went to the river, the kids loved it
N | me voy a dormir temprano
N | ya llegué a la casa
N | mi hijo sacó buenas calificaciones
N | la trabajadora social viene mañana
N | necesito ayuda con la aplicación de vivienda
N | help me with the form please, i don't get the question 4
N | pienso mucho en mi abuela que murió, la extraño
N | my grandpa passed last year, miss him
N | i went to a funeral for my aunt today
N | that show about the overdose crisis was so sad
N | i'm reading a book on suicide prevention for my class
N | i'm tired but good
N | tired af but the kids are good
N | rough day but i made it to my meeting
N | i wanna disappear into my bed for like 12 hours lol
N | i could sleep for a week
N | i'm done with the dishes finally
N | im so done with this weather
N | me quiero ir de vacaciones a la playa con mis hijos
N | ya no aguanto a mi suegra jaja
N | i can't take this heat anymore
N | ya me voy, nos vemos mañana
N | my bf is mad at me but we'll talk
N | i'm a little down today but talked to my sponsor
N | dead tired lol
N | omg i'm dead 😂😂
N | this song slaps, i could die
N | my plant died again lol
N | bought a knife set for the kitchen
N | my friend's cat got out
N | my daughter fell off the swing but she's fine now
K | good morning, doing ok
K | 6 i guess
K | 9
K | pretty good today
K | meh, ok i guess
K | bien bien, ahí vamos
K | masomenos
K | cansadita pero bien, gracias
K | ok!
K | not great but ok
K | feeling good
K | todo bien x aquí
K | 8, good day
K | 2, stressed but sober
K | muy bien hoy, gracias
K | estoy bien, sin novedad
`;
