/**
 * Ordinary traffic (development set), written 2026-12-02 ~01:22 UTC after the
 * first learned layer asked back on everyday texts that the benign sets,
 * full of crisis look-alikes, did not cover ("I'll be there", "no puedo ir",
 * "still here": found by screening the test suite's own strings). Most parent
 * texts are like these. Format: ../labelled.ts.
 */
export const ORDINARY = String.raw`
N | I'll be there
N | ill be there at 3
N | be there in 5
N | on my way
N | omw
N | I'm here, in the lobby
N | im outside
N | still here, they're running late
N | I can't make it today, can we do Thursday?
N | cant come today my son is sick
N | No puedo ir hoy, ¿podemos cambiarla?
N | no puedo ir el martes
N | ya llegué
N | aquí estoy
N | voy en camino
N | llego en 10 minutos
N | sorry i'm late
N | perdón, se me hizo tarde
N | thank you so much
N | thanks for checking on me
N | gracias por acordarte
N | muchas gracias
N | yes
N | no
N | yes please
N | no thanks
N | maybe
N | sounds good
N | okay see you then
N | ok perfecto
N | sí, ahí estaré
N | nos vemos mañana
N | what's the address again?
N | cuál es la dirección?
N | do i need to bring anything
N | do I need my ID?
N | can I bring my baby
N | puedo llevar a mi bebé?
N | is group still on tonight
N | hay junta hoy?
N | who is my new peer
N | can you call me later
N | call me when you can
N | llámame cuando puedas
N | text me the time please
N | I forgot my appointment, I'm so sorry
N | se me olvidó la cita, perdón
N | I need to reschedule
N | my ride fell through
N | the bus is late again
N | I missed the bus
N | no tengo cómo llegar
N | I got the job!
N | I passed my UA
N | salí limpia en la prueba
N | 30 days today
N | one year sober tomorrow
N | my daughter is home from school sick
N | the baby has a cold
N | my son has a doctor visit tomorrow
N | we're at the park
N | stuck at work till 6
N | I'm at work, can't talk
N | estoy trabajando, te escribo luego
N | going to bed, night
N | buenas noches
N | good morning!
N | buenos días
N | happy friday
N | it's raining so hard here
N | hace mucho frío hoy
N | I need to pause and think about it
N | let me think about it
N | déjame pensarlo
N | I don't know yet
N | no sé todavía
N | something else came up
N | not sure what you mean
N | what does that mean?
N | qué significa eso?
N | I don't understand the question
N | wrong number?
N | who is this
N | please don't stop texting me, it helps
N | these texts help a lot
N | me ayudan mucho sus mensajes
N | I'm doing better this week
N | I feel good about today
N | me siento bien hoy
N | no me siento mal, solo cansada
N | feeling ok, a little tired
N | I'm ok, just busy
N | kinda tired but fine
N | it was a long week
N | need to talk to my peer about daycare
N | necesito hablar con alguien sobre la renta
N | do you know a food pantry near me
N | where can I get diapers
N | dónde consigo pañales
N | can you help me find a job
N | I need a letter for my lawyer
N | my caseworker wants proof i go to group
N | court went well!
N | the judge gave me more visits with my kids
N | me dieron más visitas con mis hijos
N | I get my kids back next month!!
N | my mom is watching the kids tonight
N | i'm cooking dinner
N | made tamales today
N | watching a movie with the kids
N | we're going to the beach saturday
N | my son lost his first tooth
N | my daughter made honor roll
N | happy birthday to my baby today
N | pls send the link again
N | the link doesn't work
N | my phone was off sorry
N | se me descargó el teléfono
N | got a new number, this is Maria
N | this is my new phone
N | four out of five
N | like a three
N | como un 4
N | un dos, día difícil pero aquí vamos
K | 5!
K | 4 good
K | a 3
K | 2
K | 1 rough day
K | 3, ok
K | great today
K | doing alright
K | not bad
K | so-so
K | tired
K | good, thank you
K | bien, ¿y tú?
K | todo tranquilo
K | un 5
K | regular, gracias
K | happy
K | calm today
K | a bit anxious
K | stressed about money but ok
`;
