/**
 * Hold-out 7, written after the round-6 rules were final (2026-12-01 ~23:23
 * UTC) and never used to change them. Its first measurement estimates
 * performance on unseen text (docs/crisis-screen.md, BENCHMARKS.md). Earlier
 * hold-outs (set/holdout4.ts, set/round5.ts, set/holdout6.ts) are development
 * data now.
 */
export const HOLDOUT = String.raw`
I SI | i'm writing down who gets what
I SI | i already picked out the spot
I SI | nobody needs to come looking for me
I SI | i won't be picking up the kids tomorrow, or ever
I SI | i've decided it's better this way for everyone
I SI | i'm out of fight. the pills are in my purse
I SI | i took the gun out and i'm just sitting with it
I SI | told my sister she can have the kids
I SI | cancelled all my appointments, i won't need them
I SI | i'm tired of waking up
I SI | i keep picturing my funeral and it feels peaceful
I SI | this world is better without me in it
I SI | i'm going to the lake and i'm going to walk in
I SI | my body is here but i'm already gone, tonight i finish it
I SI | the note is on the fridge
I SI | i won't call you again
I SI | i'd like to fall asleep and be done
I SI | it would be so easy to just take them all
I SI | i'm thinking about jumping
I SI | i'm in the bathtub with a razor
I SI | can't breathe, can't think, i want to die
I SI | i deleted all my pics, tell my mom i'm sorry
I SI | i keep driving past the bridge thinking about it
I SI | i bought rope today
I SI | i'm going to hang myself in the garage
I SI | i want to kill my self
I SI | i don't care if i wake up
I SI | last night i almost did it, tonight i will
I SI | i'm going to take my life
I SI | i'm suicidal again
I SI | i'm not gonna be here much longer
I SI | i feel like i should just die
I SI | send help i'm not ok and i have pills
I SI | please call 911 for me
I SI | 911!!!
I SI | ya no voy a llegar a la cita del martes ni a ninguna
I SI | ya dejé todo listo para que no batallen
I SI | mis hijos van a estar mejor con mi hermana cuando yo falte
I SI | ya escogí el lugar
I SI | no quiero despertar mañana
I SI | me quiero ir con mi abuelita al cielo
I SI | ya me cansé de vivir, hoy termino con esto
I SI | tengo la pistola de mi esposo en la mano
I SI | me tomé como 30 pastillas
I SI | voy a dejar de sufrir esta noche
I SI | nadie me va a encontrar a tiempo
I SI | estoy pensando en matarme
I SI | ya no quiero estar en este mundo
I SI | sólo quiero morirme
I SI | cuiden a mis bebés, los amo
I SI | perdónenme por lo que voy a hacer
I SI | no quiero vivir, i'm serious
I SI | i want to die, ya no aguanto más
I SI | ya tengo las pills, tonight
I SI | me voy a matar tonight
I OD | he's not waking up and his lips are purple
I OD | i used and now my heart is pounding out of my chest
I OD | mi amiga se puso morada después de inyectarse
I OD | my mom took too many of her pain pills
I CD | my son drank from the bottle of bleach
I CD | la niña se tragó una pila
I VA | he broke down the door and he's hitting me
I VA | me encerró y no me deja salir
I TP | my husband just sent me a goodbye text and isn't answering
I TP | mi hijo se está cortando
I HE | sos
I HE | necesito a alguien ahora mismo por favor
P | i don't know how to keep going
P | i'm so empty inside
P | i just want to vanish
P | i can't take this pain anymore
P | why does everything hurt
P | no sirvo para nada
P | me siento atrapada
P | estoy harta de todo
C | i had a few drinks tonight
C | thinking about calling my old dealer
C | tengo ganas de tomar
N | tonight's the night we finally get pizza
N | i'm writing down the grocery list
N | i picked out the spot for the picnic
N | i won't be picking up the kids tomorrow, their dad has them
N | i cancelled my appointment, can we reschedule?
N | i'm tired of waking up at 5 am for work lol
N | the note is on the fridge for the babysitter
N | i'm going to the lake with the kids saturday
N | we bought a new rope swing
N | i deleted instagram, so much better
N | my dad's funeral was today, i'm holding up ok
N | i'm done, finished my last class!
N | i could just die of embarrassment
N | he killed it at his recital
N | we're all dying to see the new movie
N | my meds are working good
N | i'm out of diapers, can you help?
N | last night the baby slept 6 hours!!
N | i told my sister she can have the crib
N | goodbye old apartment!
N | i'm so sorry i missed group, love you guys
N | ya dejé todo listo para la fiesta
N | ya escogí el vestido para la boda
N | me voy con mi abuelita el fin de semana
N | mañana no voy a poder ir a la cita
N | me muero de risa con mi hija
N | se me murió el teléfono
N | la bebé ya duerme toda la noche
N | ya me cansé de esperar el camión jaja
N | estoy feliz, tengo trabajo nuevo
N | perdón por no contestar, los quiero
N | i'm done con la tarea de mi hijo
N | tonight vamos al cine con los kids
N | i want to kill this headache lol
K | good
K | 5
K | ok
K | bien
K | fine today
K | so so
K | tired
K | muy bien
K | all good here
K | kinda stressed
K | happy today
K | regular
`;
