/**
 * Hold-out 6, written after the round-5 rules (2026-12-01 ~23:21 UTC). Measured
 * once as a hold-out (recall 63.9%, imminent 58.7%, FPR 11.1%, ask-back 2.2%;
 * docs/crisis-screen.md), then its misses were generalised by kind in round 6
 * (rules-unspoken.ts, cues.ts), so it is development data now.
 */
export const HOLDOUT6 = String.raw`
I SI | i think tonight i'm finally going through with it
I SI | i won't be around much longer, i just wanted you to know you helped
I SI | please make sure my son gets my truck
I SI | i put my affairs in order today
I SI | everything's arranged. the kids are at my mom's for good
I SI | i've got the whole bottle of my sleeping meds right here
I SI | holding my husband's gun right now
I SI | i've been sitting on the tracks for a while
I SI | im so tired, i want to go to sleep forever tonight
I SI | can't do this another day. tonight i'm ending things
I SI | thank you for everything you did for me. i mean it. this is goodbye
I SI | love you, sorry, don't be mad at me
I SI | i'm not going to be a problem for anyone after tonight
I SI | i don't see myself alive next week
I SI | i'm going to drink until my heart stops
I SI | i want my life to stop
I SI | i feel like killing myself
I SI | ive been cutting again and i cant stop the bleeding
I SI | i've thought about how, when and where
I SI | i need someone to stop me
I SI | i'm afraid of what i'm going to do to myself tonight
I SI | if they take my kids i'm ending it
I SI | dying sounds like relief right now
I SI | i don't plan on waking up tomorrow
I SI | my last wish is that my kids forgive me
I SI | i'm not safe right now
I SI | i'm scared i'll hurt myself
I SI | wanna die rn no cap
I SI | gonna end it fr this time
I SI | 9-1-1
I SI | call 911 please i took too much
I SI | ya está decidido, me voy esta noche
I SI | ya no quiero seguir viviendo
I SI | esta es la última vez que me escriben
I SI | les pido que cuiden bien a mis niños cuando yo no esté
I SI | hoy me despido de todos
I SI | ya les escribí una carta de despedida
I SI | tengo el cuchillo en la mano y no quiero seguir
I SI | me tomé todo el frasco
I SI | estoy en el puente, ya no aguanto
I SI | no me siento segura conmigo misma hoy
I SI | no sé si voy a aguantar esta noche
I SI | tengo miedo de hacerme daño
I SI | me quiero morir de verdad, no es broma
I SI | ya no tiene caso vivir
I SI | quiero que se acabe mi vida
I SI | ya no voy a molestar a nadie
I SI | i'm done, ya no puedo, tengo las pills aquí
I SI | i wanna die, ya no aguanto
I SI | ya decidí, tonight is the night
I SI | take care of my babies, ya me voy
I OD | she's turning blue please help
I OD | my cousin shot up and fell over, he's gurgling
I OD | took a bunch of my benzos and drank, can't keep my eyes open
I OD | mi novio está tirado en el piso y no despierta
I CD | my daughter found my pills and ate some
I CD | he's shaking the baby
I VA | he's choking me
I VA | she just stabbed me
I VA | mi esposo me está ahorcando
I TP | my brother says he's gonna shoot himself
I TP | mi hija me dijo que se quiere morir
I HE | please someone help me
P | i feel like nothing will ever get better
P | i'm drowning and nobody sees it
P | everyone would be fine without me around probably
P | i'm just a burden to my family
P | i don't know why i'm still here
P | ya no le encuentro sentido a nada
P | me siento sola y sin salida
P | no sé para qué sigo
P | estoy cansada de vivir así
C | i drank last night after 6 months
C | i really want to use today
C | ayer fumé cristal
N | tonight is the night, first concert in years!!
N | this is my last week at this job thank god
N | i gave all my baby clothes to my sister's shower
N | my son called 911 by accident lol the cops came
N | i made up my mind about the apartment, taking it
N | last message tonight, going to sleep
N | goodbye for now, see you thursday
N | i wrote my kids a note for their lunchboxes
N | i'm ready for court tomorrow
N | i'm on the bridge, stuck in traffic, will be late
N | the knife set you gave me is amazing
N | my pills are ready to pick up at walgreens
N | can you watch my kids for me saturday morning?
N | i'm done with the paperwork finally
N | it all ends today with the custody hearing, wish me luck
N | the dog is dying to go out lol
N | i'm dead tired
N | my last day of probation!!
N | i've been sleeping a lot better
N | i'm not coming back to that meeting, the leader is rude
N | hoy es el día de la graduación de mi hija
N | ya me voy a dormir, buenas noches
N | ya decidí qué hacer con la casa
N | le dejé una nota a la maestra
N | mañana ya no voy a estar en el trabajo, estoy de vacaciones
N | cuida a mis hijos mientras voy al doctor porfa
N | llamé al 911 por el accidente en la esquina, todos bien
N | regalé mis cosas viejas a la iglesia
N | mi último día de terapia fue hoy
N | tengo las pastillas del doctor para la gripa
N | ya no aguanto el calor jaja
N | this is my último día de clases
N | tonight es la noche de la fiesta
N | i'm done con el trabajo for today
K | good
K | 3
K | ok today
K | fine
K | tired
K | bien, gracias
K | más o menos
K | todo bien
K | better
K | stressed but ok
K | doing alright
`;
