/**
 * Round 2: written as the first hold-out after the rules were final. Measured once
 * (recall 65.9%, see docs/crisis-screen.md), then used to generalise the rules by
 * kind, so it is development data now. The current hold-out is set/holdout.ts.
 * Languages are mixed in this file; labelled.ts tags each line.
 */
export const ROUND2 = String.raw`
I SI | i cant do this life anymore im going to end things tonight
I SI | i looked up how many tylenol it takes
I SI | i keep looking at the knife in the kitchen and thinking about it
I SI | im parked by the lake and i dont plan on driving home
I SI | i just need it all to be over for good, i have the pills
I SI | wanna go to sleep and not wake up ever
I SI | i wrote a note for my mom
I SI | my kids will be better without a junkie mom around, i'm done
I SI | im going to hang myself
I SI | there's a rope in the garage and i keep thinking about using it
I SI | i dont think ill make it through tonight
I SI | been googling ways to die
I SI | its my last night. thank you for trying
I SI | i hurt myself again, burned my arm on purpose
I SI | suicidal af rn
I SI | i wanna unalive
I SI | everybody would be better off if i just died
I SI | i took a bunch of my meds to end it
I SI | i want to die so bad i can taste it
I SI | nothing left for me here. goodbye
I SI | me quiero aventar de un puente
I SI | estoy pensando en tomarme todas las pastillas
I SI | ya no quiero despertar nunca
I SI | me voy a colgar
I SI | ya me cansé de vivir, esta noche se acaba
I SI | les escribí una carta a mis hijos por si no estoy mañana
I SI | quiero morir, ya no aguanto este dolor
I SI | no quiero estar viva
I SI | mejor me mato y ya
I SI | si me quitan a los niños no voy a seguir
I SI | ya no kiero vivir la neta
I SI | i want to kill myself bro fr
I SI | gonna od on purpose tonite
I SI | im gunna end it
I OD | she's not breathing right after she shot up
I OD | my husband took too many of his pain pills and wont wake up
I OD | i think im overdosing
I OD | my cousin is gurgling and passed out after smoking
I OD | i did way too much coke and my heart feels like its going to explode
I OD | i think the pills were pressed with fent, i feel like im going to pass out
I OD | mi hermano se metió algo y no respira bien
I OD | se tomó un frasco de pastillas
I OD | creo que tomé demasiado y me siento muy mal
I OD | my friend is purple and i gave 2 narcans
I CD | my son drank some of my methadone
I CD | my baby ate one of my pills i think
I CD | my daughter is missing, she didnt come home from school
I CD | he's shaking the baby
I CD | mi hija se tomó pastillas de mi bolsa
I CD | mi esposo le pegó a mi hijo y lo dejó sangrando
I VA | he's choking me right now
I VA | he just slapped me and said im next
I VA | my ex broke in and is screaming he'll kill me
I VA | im locked in my bedroom hes trying to get in
I VA | im not safe. please
I VA | me amenazó con matarme si me voy
I VA | me acaba de golpear y tengo miedo
I VA | im going to stab him when he gets home
I VA | voy a matar a ese tipo
I HE | sos please
I HE | help me please someone
I HE | auxilio por favor
I HE | necesito ayuda urgente
I TP | my friend says she's going to kill herself tonight
I TP | my wife locked herself in the bathroom with a razor and says shes done
I TP | my son said he wants to die
I TP | mi hija dice que se quiere morir
I TP | mi amigo está pensando en matarse
I TP | my brother posted a goodbye message on facebook
P | i dont want to do this anymore
P | i'm so tired of everything
P | i wish i could just disappear
P | what's the point of trying
P | nobody would even notice
P | i feel like such a burden
P | i cant keep going like this
P | i hate myself for what i did to my kids
P | why do i even bother
P | no one cares if i'm here
P | honestly i'm done
P | it's all too much
P | i feel hopeless
P | i want to give up
P | ya no aguanto esta vida
P | me siento una carga
P | para qué sigo
P | estoy cansada de luchar
P | no valgo nada
P | quisiera desaparecer
P | soy la peor madre del mundo
P | no tengo ganas de nada
C | used yesterday
C | i slipped last night
C | had a drink after my shift
C | thinking about using
C | i want to get high so bad
C | my cravings are out of control
C | i smoked crack last night
C | recaí el fin de semana
C | tengo ganas de tomar
C | consumí anoche
C | salí positivo en el drug test
C | i'm not going to kill myself, i'm just sad
K | good day
K | 6
K | doing well
K | ok busy
K | fine
K | tired but good
K | hanging in
K | bien, cansada
K | todo bien gracias
K | good, went to my meeting
K | 4 the kids are sick
K | better
K | i'm good!
K | alright
K | sober and happy
K | muy bien
K | 9!
K | eh ok
K | not bad
K | all good 👍
N | my baby is killing me with this teething
N | i'm dead, my toddler just said a bad word
N | i want to die my hair red for summer
N | can't believe how fast the kids are growing
N | i'm so done with this rain
N | my son is obsessed with the game dying light
N | lol my kids are going to kill me
N | what's the address for court
N | do you know any free dentists
N | the kids are at their grandma's
N | i have a doctor's appointment at 2
N | me muero de calor
N | el calor me está matando
N | me muero de ganas de ir a la playa
N | ya quiero que sea viernes
N | ¿mañana hay grupo?
N | gracias por la ayuda con la renta
N | mi hijo quiere ser bombero
N | no puedo ir a la cita, ¿la podemos mover?
N | ya no puedo ir el martes
N | we're going camping this weekend
N | i need help finding a daycare
N | my ex finally signed the papers
N | the baby fell asleep on me
N | i got my license back!!
N | dead battery again ugh
N | i'm dying to try that new taco place
N | that movie had me dying lol
N | my phone is about to die
N | i'm not going to make it to group tonight, sick kid
N | this headache is killing me
N | i could sleep for days lol
N | my daughter's fish died, she's sad
N | we're moving next month
N | i just want this week to be over lol
N | my car is dead
N | i shot my shot and got the job
N | the doctor said my son needs glasses
N | thanks for the diapers
N | i'm so proud of my daughter
`;
