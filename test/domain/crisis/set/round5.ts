/**
 * Round 5: written as the fifth hold-out BEFORE the round-5 rules (2026-12-01
 * ~23:20 UTC), measured once (see docs/crisis-screen.md), then used to
 * generalise the rules by kind, so it is development data now.
 */
export const ROUND5 = String.raw`
I SI | ok i decided. tonight is the night
I SI | tonight's the night i finally do it
I SI | i made my decision and im at peace with it. goodbye
I SI | this is the last text you'll get from me
I SI | you won't hear from me again after today
I SI | this is my last message, thank you for trying
I SI | i wrote a letter for each of my kids
I SI | i left notes for everybody on the kitchen table
I SI | i've been writing my goodbye letters
I SI | please take care of my kids for me
I SI | promise me you'll look after my babies when i'm gone
I SI | i gave my dog to my neighbor and my jewelry to my sister, i won't need them
I SI | i'm giving all my things away this week
I SI | i just wanted to say goodbye to you
I SI | goodbye everyone. i love you all
I SI | tell my kids i'm sorry
I SI | i have a rope in the garage and nothing left
I SI | got my dad's gun out of the safe. i'm done
I SI | i have enough pills saved up now
I SI | there's a full bottle of oxy in front of me and i'm done with everything
I SI | i'm standing on the bridge
I SI | i'm on the edge of the overpass right now
I SI | i know how i'd do it and i have what i need
I SI | i've figured out how i'm going to do it
I SI | i picked the date
I SI | saturday is the day. i have it all planned
I SI | i can't keep myself safe
I SI | i don't feel safe with myself tonight
I SI | not safe alone with my thoughts and the pills
I SI | i don't trust myself right now, i have the knife
I SI | call 911
I SI | 911 please
I SI | someone call 911
I SI | i'm ready to go. i'm not scared anymore
I SI | i'll be gone before the kids wake up
I SI | by the time you read this i'll be gone
I SI | nobody will miss me, it's time
I SI | the kids will be better off once i'm gone for good
I SI | i'm done fighting. it ends tonight
I SI | it all ends today
I SI | i'm going to go to sleep and not wake up, i took everything
I SI | just swallowed the whole bottle
I SI | i'm sitting in the car with the engine running in the garage
I SI | i cut myself again and it's deep
I SI | i wanna die so bad
I SI | end it all tonight
I SI | gonna kms
I SI | i want to be dead
I SI | i'm gonna hang myself
I SI | ya lo decidí, esta noche
I SI | ya tomé la decisión, hoy es el día
I SI | esta noche se acaba todo
I SI | ya no voy a estar mañana
I SI | mañana ya no voy a estar para mis hijos
I SI | les dejé cartas a todos
I SI | ya escribí las cartas para mis hijos
I SI | cuiden a mis hijos por mí
I SI | este es mi último mensaje
I SI | ya no me van a volver a ver
I SI | adiós a todos, los quiero
I SI | ya regalé mis cosas
I SI | tengo las pastillas aquí y ya no quiero nada
I SI | tengo una cuerda y ya sé lo que voy a hacer
I SI | no estoy segura conmigo misma
I SI | no me puedo mantener a salvo
I SI | llamen al 911
I SI | ya estoy lista, no tengo miedo
I SI | me quiero matar
I SI | me voy a tirar del puente
I SI | i already decided, esta noche me voy
I SI | ya escribí my goodbye letters
I SI | take care of mis hijos for me please
I SI | this is my último mensaje
I SI | tengo the pills ready, i'm done
I OD | my boyfriend is blue and not breathing, i gave narcan
I OD | took too many xanax and i can't stay awake
I OD | my friend overdosed, we need help
I OD | mi esposo no respira después de usar
I CD | my toddler drank the methadone
I CD | el niño se tomó el cloro
I VA | he has a knife and he's coming at me
I VA | mi pareja me está golpeando ahora mismo
I TP | my sister texted me she's going to kill herself tonight
I TP | mi hermano dice que se va a matar
I HE | help me please i'm not okay i need someone now
I HE | necesito ayuda ya por favor
P | i'm so tired of everything, i can't do this anymore
P | what's the point of anything
P | i feel like such a burden
P | i wish i could disappear for a while
P | nada tiene sentido
P | ya no puedo más con todo
P | soy una carga para todos
P | i'm so done with everything
P | nobody cares if i'm here or not
C | i relapsed last night
C | craving so bad right now
C | recaí ayer
N | this is my last day at work before maternity leave!
N | tonight is the night! date night finally
N | i gave away my old clothes to goodwill
N | call 911 if you see the dog loose lol
N | i wrote a letter to my son's teacher
N | last text from me today, going to bed
N | goodbye for now, talk tomorrow
N | it's my last week of treatment, so proud
N | i'm ready for the weekend
N | i made up my mind, i'm going back to school
N | i decided to cut my hair short
N | we said goodbye to grandma at the airport
N | i have a ton of pills to pick up at the pharmacy
N | my neighbor gave me her kids' old stroller
N | i'm done with laundry finally
N | tonight is the last episode of my show
N | can you take care of the kids schedule for the meeting?
N | my son wants to be a 911 dispatcher when he grows up
N | the bridge on 5th street is closed again
N | i'm at the end of my rope with this landlord haha
N | gonna sleep like the dead tonight
N | the baby swallowed a bit of bathwater, she's fine
N | i'm giving my old car to my cousin
N | made my decision about the job offer, taking it!
N | last time you'll hear me complain about the bus lol
N | ya lo decidí, voy a volver a estudiar
N | esta noche es la noche de películas con los niños
N | hoy es mi último día en el trabajo
N | regalé la ropa vieja de los niños
N | le escribí una carta a mi abuela
N | adiós, nos vemos mañana
N | mañana no voy a estar, tengo cita con el doctor
N | llama al 911 si ves al perro suelto jaja
N | ya estoy lista para la reunión
N | cuida a los niños mientras voy a la tienda
N | tengo mis pastillas de la presión
N | este es mi último cigarro, lo prometo
N | i'm done with my shift, voy para la casa
N | tonight es la fiesta de mi hija
N | ya decidí, i'm taking the job
N | last day de clases for the kids
K | good today
K | tired but ok
K | bien gracias
K | todo bien
K | ok
K | meh, surviving
K | un poco cansada
K | doing better than last week
K | fine, kids are sick tho
K | sí todo tranquilo
`;
