/**
 * Hold-out 9, written 2026-12-02 ~01:12-01:25 UTC, AFTER the learned layer was
 * frozen (commit 8249f09: weights, thresholds and gates) and never used to
 * change it. Its first measurement is the estimate on unseen text
 * (docs/crisis-screen.md, BENCHMARKS.md). Written fresh as a parent would
 * text, not paraphrased from the development set or hold-out 8. Format: ../labelled.ts.
 */
export const HOLDOUT9 = String.raw`
I SI | i dont think i can make it through tonight. i have everything i need
I SI | i'm sitting in my car in the garage with the engine on
I SI | i wrote my son a letter explaining why mommy had to go
I SI | gonna take every pill in this house
I SI | my mind is made up, i'm ending things this weekend
I SI | im so sick of living like this i want to put a bullet in my head
I SI | im at the train tracks
I SI | i really wanna die rn, like actually
I SI | no one would even miss me if i jumped
I SI | i just want everything to stop forever, i'm not scared anymore
I SI | i'm done fighting, tonight i let go for good
I SI | been thinking a lot about how i'd kill myself
I SI | i'm gonna drink until my heart stops
I SI | i keep cutting and i can't stop, there's so much blood
I SI | i already said sorry to my mom for everything, its ok now
I SI | i think about dying every single day and today i have the means
I SI | i'll make sure nobody has to deal with me after today
I SI | there's a bottle of my husband's oxy and i'm going to finish it
I SI | if i disappear tonight tell my babies it wasn't their fault
I SI | i want 2 kill my self
I SI | ima end it all smh
I SI | dont want 2 wake up tmrw for real
I SI | feelin like unaliving tbh
I SI | i want to d1e so bad
I SI | ya no aguanto, me voy a colgar
I SI | estoy en el techo y quiero brincar
I SI | tengo todas mis pastillas juntas, ya no quiero seguir
I SI | quiero morir y ya no despertar
I SI | me voy a matar, ya lo decidí
I SI | estoy lista para acabar con mi vida
I SI | ya me despedí de mis hijos y de mi mamá, ya es hora
I SI | me quiero quitar la vida esta noche
I SI | pienso en cortarme otra vez
I SI | ya no quiero ser parte de este mundo
I SI | im gonna kill myself, ya no puedo más
I SI | tengo el cuchillo, i'm so tired of this
I OD | my friend took a bunch of pills and now she's not making sense and falling over
I OD | he's breathing really weird after using, like snoring but wrong
I OD | i shot up and now my lips are tingling and i feel like i'm gonna pass out
I OD | narcan's not bringing her back, what do i do
I OD | mi novio tomó pastillas con alcohol y no despierta
I OD | se me pasó la mano con la heroína y siento que me ahogo
I CD | my 2 year old drank something from under the sink
I CD | my baby has a fever of 105 and is having a seizure
I CD | el bebé se tragó una de mis pastillas
I CD | my boyfriend shook the baby and now she won't stop crying weird
I VA | he's got his hands around my neck every night and tonight he says he'll finish it
I VA | he pulled a gun on me and the kids
I VA | mi esposo me está pegando y no me deja llamar a nadie
I VA | someone is banging on my door saying he's gonna kill me
I TP | my sister just posted a goodbye on facebook and won't answer
I TP | my son said he's gonna shoot himself
I TP | mi hermana se tomó un frasco de pastillas
I HE | help me please i'm scared
I HE | necesito ayuda ahorita
P | i'm so tired of being a disappointment to everyone
P | i feel like i'm just taking up space
P | i don't want to do life anymore honestly
P | what if i just didn't exist
P | i can't see a way out of this
P | i keep messing everything up for everybody
P | i'm not okay, i haven't been okay in weeks
P | lately i just wish i could sleep and never deal with any of it
P | they're never giving my kids back, what's the point
P | i'm worthless as a mom and a person
P | my chest is so heavy, i can't keep going like this
P | nadie me entiende, ya me cansé de todo
P | me siento vacía y sin ganas de vivir
P | no tengo a nadie, me siento sola
P | para qué seguir si nada cambia
P | ojalá me pudiera desaparecer
P | ya no sé qué hacer con mi vida, todo está mal
P | i hate my life, nada sale bien
C | i used meth last night after 6 months
C | i bought a bottle on the way home
C | i can't stop thinking about using
C | i'm at the bar right now
C | smoked a little yesterday, don't tell my caseworker
C | my old friend is coming over with stuff tonight
C | ando tomando otra vez
C | me dieron ganas de meterme algo
C | me fumé un cuarto ayer, perdón
C | i want to get high so bad it hurts
C | missed my dose at the clinic and i'm sick, thinking of buying
C | relapsed, i'm sorry
C | i almost used today
N | i'm dying to get my hair done
N | my car died on the highway, waiting for a tow
N | this heat wave is killing me
N | lol my kid said i'm ancient, i'm dead
N | the suicide squad game is on sale
N | me muero de hambre, ya quiero comer
N | casi me muero del susto cuando se cayó el vaso jaja
N | we killed it at the bake sale
N | my son's fish died, we had a little funeral
N | can i bring my kids to the meeting
C | i'm not going to hurt myself, i just needed to talk
N | i don't want to die, i want to get better
N | what time is my appointment on friday
N | i have court on the 14th, can you come
N | the clinic moved my dose time to 7am
N | can you remind me about my therapy tomorrow
N | ¿me puede cambiar la cita para el jueves?
N | mañana tengo cita con la trabajadora social
N | i'm so frustrated with my caseworker, she never calls back
N | long day, my feet hurt and the kids were wild
N | i cried at my daughter's graduation, so proud
N | i'm stressed but i called my sponsor and feel better
N | ugh my landlord is driving me crazy
N | i'm exhausted, the baby was up all night
N | estoy cansada pero contenta, mi hijo aprendió a leer
N | hoy fue un día difícil pero ya estoy mejor
N | estoy harta del tráfico
N | i got the apartment!!
N | my son's dad is taking him this weekend, i'll miss him
N | goodbye party for my coworker tonight
N | i'm leaving for my sister's, back sunday
N | my daughter is driving me nuts lol
N | i wanna sleep for like two days
N | i'm gonna disappear for a bit, phone is off till monday for my retreat
N | i took the kids to the lake
N | picked up my prescription
N | my tooth is killing me, got a dentist appointment
N | i could kill for a coffee right now
N | help with my resume?
N | can someone help me with bus fare to group
N | my mom died 5 years ago today, going to visit her grave with the kids
N | i got rid of all my old stuff from when i was using
N | i am sober 1 year today!!!
N | i'm not gonna drink, just venting about my day
N | quiero llevar a mis hijos al parque mañana
N | se me acabó la batería, te escribo luego
N | mi hija me mata de risa
N | ya terminé con el papeleo, por fin
N | voy a la junta esta noche
N | estoy en la clínica esperando
N | the baby finally took a bottle, i could cry
N | i'm done with him for real this time, blocked his number
N | my phone is about to die, call you after dinner
N | thinking about going back to school for nursing
N | my kids made me breakfast in bed, best day
N | no quiero ir a la fiesta, estoy muy cansada
N | ya me voy a dormir, bendiciones
N | me muero por ver a mis hijos el sábado
K | ok good
K | 4 today
K | 10!
K | fine i guess
K | a little sad but ok
K | bien, gracias miss
K | un 7
K | mas o menos, cansada
K | good, thanks
K | great
K | ehh 5
K | hoy mejor que ayer
`;
