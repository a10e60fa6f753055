/**
 * Hold-out 10, written 2026-12-02 ~01:45-01:55 UTC, AFTER the round-2 learned
 * layer was frozen (commit 4dff152) and never used to change it. Its first
 * measurement estimates round 2 on unseen text (docs/crisis-screen.md,
 * BENCHMARKS.md). Written fresh as a parent would text, not paraphrased from
 * the development set or hold-outs 8–9. Format: ../labelled.ts.
 */
export const HOLDOUT10 = String.raw`
I SI | i found my dad's old hunting rifle and i keep looking at it
I SI | tonight i'm going to swallow the whole pack of sleeping pills
I SI | i'm writing a note for the kids right now
I SI | i don't want to be alive when the sun comes up
I SI | planning to crash my car on the way home
I SI | i just can't be here anymore, i'm going to end it
I SI | it's decided, i won't be here for christmas
I SI | i'm going to cut myself tonight, i can't stop thinking about it
I SI | i keep thinking the world would keep spinning fine without me. tonight i'm gonna test that
I SI | i'm on the ledge of the parking deck
I SI | im tired of being alive
I SI | i want to stop breathing forever
I SI | i want this life to be over, i have the rope
I SI | nobody will find me in time this time
I SI | i'm scared of what i'll do to myself tonight
I SI | i took 20 of my seroquel on purpose
I SI | ive been stockpiling my meds to do it
I SI | gonna end myself fr fr
I SI | wana dy 2nite
I SI | i h8 being alive, want 2 kms
I SI | tengo ganas de matarme
I SI | me voy a tomar todas las pastillas que tengo
I SI | ya no quiero vivir más, esta noche termino
I SI | ando pensando en aventarme de un edificio
I SI | ojalá me muriera mientras duermo, y si no pasa lo voy a hacer yo
I SI | ya tengo la carta escrita para mis hijos
I SI | me corté y no para de salir sangre
I SI | ya no quiero existir, lo voy a hacer hoy
I SI | quiero desaparecer para siempre, ya tengo cómo
I SI | im gonna overdose on purpose, ya no aguanto
I SI | i want to die, neta
I OD | my husband is gray and making gurgling sounds after using
I OD | i took something laced i think, everything is spinning and my heart won't slow down
I OD | she's not responding after shooting up, i gave narcan once
I OD | mi amigo se quedó dormido después de fumar y no lo puedo despertar
I OD | me inyecté y siento el pecho muy apretado, no puedo respirar bien
I CD | my daughter swallowed a bunch of my vitamins and she's throwing up
I CD | the baby fell in the pool and isn't breathing right
I CD | mi niño se comió unas pastillas que encontró en mi bolsa
I CD | my baby's dad is high and won't give her back, he's driving with her
I VA | my boyfriend is choking me and the kids are watching
I VA | he's breaking things and says he's gonna kill me
I VA | mi ex está afuera con un cuchillo gritando
I VA | he locked me in the room and took my phone, texting from the ipad
I TP | my son told his teacher he wants to kill himself
I TP | my friend texted me that she's going to overdose tonight
I TP | mi esposo dice que se va a pegar un tiro
I HE | please please help me right now
I SI | i counted what i have and it's enough to not wake up
I SI | i'm sorry for everything, i love you all, bye
I TP | my roommate locked herself in the bathroom and said she has a razor
P | i keep thinking everyone would be relieved if something happened to me
I HE | auxilio, ayúdenme ya
P | i feel like a ghost in my own life
P | i'm so worn out from everything, i just don't care what happens anymore
P | i'm a waste of space
P | i wish i'd never been born
P | i've given up on getting better
P | honestly whats the point of me
P | im so alone i cant breathe
P | i just want it all to go quiet
P | everyone is better off not dealing with me
P | me siento como una carga para mi familia
P | ya no tengo ganas de seguir luchando
P | para qué estoy aquí
P | me da igual si me pasa algo
P | siento que no valgo ni un peso
P | quiero que todo se acabe ya, estoy agotada
C | i drank last night after work
C | used a little this morning
C | i've been wanting to use all week
C | i'm holding a pipe right now thinking about it
C | my dealer texted me and i didn't delete it
C | me tomé una botella de vino yo sola
C | tengo ansias de consumir
C | fumé cristal el fin de semana
C | i slipped, please don't be mad
C | i was around people using and it got to me
C | the urge is so strong today
C | recaí el viernes
C | i've been sneaking drinks again
N | I'll be a few minutes late
N | can we meet at 3 instead of 2
N | I'm at the clinic waiting to be seen
N | they're making me wait forever at the office
N | yes i'll come to group
N | I already did my check-in today
N | thanks, talk tomorrow
N | my son's teacher called, he's doing great
N | im outside your office
N | I finished my parenting class
N | can I get a bus pass
N | mañana llego temprano
N | no voy a poder ir, estoy enferma
N | gracias por todo su apoyo
N | ya tengo mi cita con el abogado
N | me dieron el trabajo!
N | i'm dying of laughter at this meme
N | this cold is killing me
N | my phone almost died lol
N | my dog died last week, the kids are sad
N | the movie was about a guy who tried to kill himself, made me cry
N | i'm not going to use, just having a tough day
N | i'd never hurt myself, i have my kids
N | ugh kill me, my daughter's science project is due tomorrow
N | my toddler is going to be the death of me lol
N | me estoy muriendo de sueño en el trabajo
N | casi me matas del susto jaja
N | i'm done with this job, putting in my two weeks
N | goodbye summer, hello school
N | i took all my pills this morning like the doctor said
N | i keep my meds locked up so the kids can't reach them
N | i bought a knife block for the new place
N | we walked across the bridge downtown for the lights festival
N | my husband is being a jerk again but i'm ok
N | i'm sad today but i know it'll pass
N | i'm overwhelmed with bills but making a plan
N | estoy estresada por la renta, pero ya hablé con mi trabajadora social
N | my mom passed away 10 years ago today, thinking of her
N | i got my kids back!!!
N | we're moving next week
N | no me siento bien, creo que es gripa
N | my baby has a rash, should i take her in?
N | i miss my kids so much, visit is saturday
N | i'm so tired, the twins were up all night
N | i need a break lol
N | going dark for a few days, camping with no service
N | i'm ready for this week to be over
N | ya me voy a la cama, estoy muerta
N | my cousin is taking the kids to the zoo
N | court moved my hearing to january
N | at the laundromat
N | the kids and i are baking cookies
N | can you send me the group zoom link
N | tengo que llevar a mi hija al dentista el jueves
N | i'm nervous about my hearing tomorrow but ready
N | this new job is killing my feet lol
N | in line at the pharmacy
N | just woke up from a nap
N | feeling so blessed this morning
K | 4, good day
K | 3 meh
K | 5 great
K | 2 tired
K | bien, gracias a dios
K | un 3
K | todo bien hoy
K | good!! 😊
K | ok ok
K | not bad at all
`;
