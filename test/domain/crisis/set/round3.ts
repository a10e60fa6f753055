/**
 * Round 3: written as the second hold-out after the round-2 rules. Measured once
 * (recall 58.2%, see docs/crisis-screen.md), then used to generalise the rules by
 * kind and to add the safety net, so it is development data now.
 */
export const ROUND3 = String.raw`
I SI | i have everything i need to do it tonight
I SI | i'm going to swallow the whole bottle of my seroquel
I SI | been sitting in the bathtub with a razor for an hour
I SI | i wont be a burden much longer, promise
I SI | i'm writing my goodbyes now
I SI | i just want to die and be done with all of it
I SI | seriously thinking about ending my life
I SI | i'm so close to doing it
I SI | im going to walk into the ocean tonight
I SI | i'd be doing everyone a favor if i died
I SI | give my kids to my sister when im gone
I SI | my life insurance will take care of them
I SI | i want to shoot myself
I SI | planning to jump off the overpass after work
I SI | i keep wishing i was dead
I SI | i'm not going to be here tomorrow
I SI | i don't want to wake up tomorrow
I SI | if cps takes them i'll kill myself
I SI | i can't live like this, i'd rather die
I SI | k y s is what i should do
I SI | i want to d13
I SI | wanna kil myself
I SI | i swear im going to end my life tonight
I SI | i want to be dead
I SI | no quiero amanecer mañana
I SI | estoy pensando en cortarme las venas
I SI | me quiero quitar la vida
I SI | ya no quiero seguir en este mundo
I SI | voy a terminar con mi vida hoy
I SI | me quiero tirar a las vías del tren
I SI | mis hijos van a estar mejor cuando yo no esté
I SI | ya me quiero morir de verdad
I SI | tengo una pistola y estoy pensando en usarla
I SI | ya no kiero estar viva
I SI | i wanna die ya no puedo
I SI | me quiero kms fr
I OD | my boyfriend is not waking up after he used, his lips are blue
I OD | she took a handful of her klonopin
I OD | i think my son overdosed, he's on the floor
I OD | i smoked a blue and now i can barely breathe
I OD | he's breathing really slow and we can't wake him
I OD | my heart wont slow down after the meth
I OD | mi pareja se está muriendo, creo que es una sobredosis
I OD | le dimos narcan pero sigue sin respirar
I OD | mi hermana tomó muchas pastillas y está vomitando
I CD | my toddler found a baggie and put it in his mouth
I CD | my baby rolled off the bed and isnt moving
I CD | he's beating my daughter
I CD | my son is not breathing right
I CD | my kids are home alone and i'm at the hospital
I CD | mi bebé se comió algo de mi bolsa y está muy dormido
I CD | su papá se llevó a los niños borracho
I VA | he's got a knife and he's yelling
I VA | he pushed me down the stairs
I VA | my bf choked me last night and hes back
I VA | im afraid hes going to hurt me when he gets home
I VA | i'm hiding in my car, he's looking for me
I VA | mi esposo me está ahorcando
I VA | me golpeó y no me deja salir de la casa
I VA | tengo miedo de que me mate
I VA | im going to hurt him real bad
I HE | please help
I HE | SOS
I HE | i need help right now
I HE | ayúdenme por favor
I TP | my wife says she doesn't want to live anymore
I TP | my son keeps talking about killing himself
I TP | my mom is threatening to take her life
I TP | my sister sent me a suicide note
I TP | mi hijo se quiere suicidar
I TP | mi esposa dice que ya no quiere vivir
P | i feel like i'm falling apart
P | i just want to stop feeling like this
P | i'm tired of everything, tired of trying
P | i feel like i'm a waste of space
P | i ruin everything i touch
P | i wish i could go to sleep and stay there
P | there's no hope for me
P | i'm not going to get better
P | nothing matters
P | i'm so sick of being me
P | i want to run away from everything
P | everyone hates me
P | no puedo más con mi vida
P | me siento inútil
P | ya no tengo fuerzas
P | no sirvo como madre
P | estoy perdida, no sé qué hacer
P | quiero que todo se acabe
P | i'm drowning honestly
P | i can't anymore. seriously
C | i used again, i'm sorry
C | fell off last night
C | i got loaded friday
C | craving pills bad
C | thinking about calling my connect
C | drank a 12 pack yesterday
C | failed the test for meth
C | ando con ganas de usar
C | me tomé unas chelas ayer
C | recaí, no le digas a nadie
K | 7
K | 2
K | ok day
K | not great not terrible
K | tired af but sober
K | good morning!
K | ok
K | busy w the kids
K | doing alright
K | pretty good
K | bien y tú
K | más o menos, cansada
K | todo tranquilo aquí
K | estoy bien
K | 5, normal day
K | meh. kids are fighting
K | feeling good today
K | thanks, doing ok
K | yes all good
K | sober 6 months today
N | my son is killing it in soccer
N | i'm dying to see the new house
N | that homework almost killed me lol
N | can i bring my kids to group
N | when is my next ua
N | the kids are driving me nuts
N | my phone is at 2% about to die
N | my mom died last year and today is her birthday
N | i cut my finger cooking, it's fine
N | me corté el dedo cocinando, no es nada
N | my knee is killing me
N | i'm so dead after work lol
N | i want to disappear into a vacation
N | lmao i'm dying
N | me muero de frío
N | el jefe me va a matar jaja
N | mi hijo me quiere matar de un susto
N | nos morimos de risa en la fiesta
N | quiero ir al parque con los niños
N | ¿a qué hora abre la clínica?
N | help me understand the new schedule
N | can you help me with my resume
N | ayuda para llenar la aplicación
N | the baby swallowed water in the bath and coughed, she's fine
N | my daughter wants to be a nurse
N | i'm going to kill this interview tomorrow
N | i have a gun safe now, the caseworker asked
N | we went to the bridge to see the fireworks
N | i'm done with school for the semester!
N | i gave up soda this month
N | nothing matters more than my kids
N | i hate this weather
N | me odio cuando me levanto tarde jaja
N | vi un documental sobre el suicidio en la escuela, muy fuerte
N | the suicide prevention walk is saturday, want to come?
N | my brother is getting married
N | i'm at the end of my shift, call me in 10
N | ya no puedo ir al grupo los lunes por el trabajo
N | estoy muerta de cansancio lol
`;
