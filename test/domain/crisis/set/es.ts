/** Spanish texts, with and without accents, SMS spellings. */
export const ES = String.raw`
I SI | me quiero morir
I SI | ya me quiero morir, no aguanto
I SI | estoy lista para morir
I SI | listo para morir ya
I SI | llevo días queriéndome matar
I SI | quiero dormir y nunca más despertar
I SI | no quiero ni existir
I SI | quiero no estar aquí
I SI | quiero dejar de vivir
I SI | me quiero ir para siempre
I SI | mis hijos estarían mejor sin su mamá
I SI | quiero hacerme daño
I SI | me dan ganas de hacerme daño otra vez
I SI | ya no quiero vivir
I SI | no quiero seguir viviendo
I SI | voy a quitarme la vida
I SI | estoy pensando en suicidarme
I SI | pienso en matarme todos los dias
I SI | me voy a matar esta noche
I SI | ya tengo las pastillas contadas
I SI | tengo la soga lista
I SI | me voy a tirar del puente
I SI | ya me despedí de mis hijos
I SI | perdónenme por todo, esto es un adiós
I SI | si me quitan a mis hijos me mato
I SI | sin mis hijos no tengo razón para vivir
I SI | ojalá no despertar mañana
I SI | quisiera morirme ya
I SI | me corté otra vez las muñecas
I SI | me estoy cortando y no puedo parar
I SI | ya no aguanto, esta noche acabo con todo
I SI | nadie me va a extrañar cuando me muera, ya lo decidí
I SI | k me kiero morir
I SI | kiero matarme ya
I SI | ya no kiero vivir xq nada sirve
I SI | estoy pensando en el suicidio otra vez
I SI | quiero suicidarme
I SI | me siento suicida
I SI | quiero desaparecer de este mundo para siempre
I SI | mejor me muero y ya
I SI | no vale la pena vivir así, ya tengo cómo hacerlo
I SI | voy a manejar el carro contra un árbol
I OD | creo que me pasé con la dosis y me duele el pecho
I OD | se tomó todas las pastillas
I OD | mi esposo no respira
I OD | le di narcan y no despierta
I OD | el narcan no le está funcionando
I OD | mi hermano está tirado en el baño y no responde
I OD | se puso morado y no reacciona
I OD | me inyecté demasiado y siento que me muero
I OD | tomé muchas pastillas con alcohol
I OD | sobredosis, ayuda
I OD | mi amigo está convulsionando
I CD | mi bebé se tragó mi metadona
I CD | el niño se tomó algo de cloro
I CD | mi hijo no respira
I CD | me pega a mí y al niño
I CD | le está pegando a mi hija
I CD | no encuentro a mi hijo
I CD | el papá de mis hijos anda borracho manejando con ellos
I CD | mi niña se cayó y no despierta
I VA | no me siento segura en mi casa
I VA | tengo miedo de volver a la casa
I VA | me está pegando
I VA | mi esposo me quiere matar
I VA | me amenazó con un cuchillo
I VA | está afuera con una pistola
I VA | me encerró y no me deja salir
I VA | me dio una golpiza
I VA | lo voy a matar te lo juro
I VA | tengo miedo por mi vida
I HE | ayuda
I HE | AYÚDAME
I HE | auxilio
I HE | necesito ayuda ya
I HE | por favor ayúdenme
I HE | llamen al 911
I HE | emergencia
I TP | mi esposo dice que se quiere matar
I TP | mi hijo dice que se va a suicidar
I TP | mi hermana se quiere quitar la vida
I TP | mi mamá está hablando de matarse
I TP | mi novio me mandó un mensaje de despedida y no contesta
I TP | mi hija se está cortando
P | ya no puedo más
P | no aguanto más
P | estoy cansada de todo
P | no le veo sentido a nada
P | me odio
P | soy una mala madre
P | no sirvo para nada
P | nadie me quiere
P | quiero desaparecer
P | me quiero desaparecer un tiempo
P | quisiera dormir para siempre
P | no tiene sentido seguir intentando
P | para qué sigo luchando
P | me siento vacía
P | ya me rindo
P | estoy harta de la vida
P | soy un estorbo para todos
P | a nadie le importo
P | todo me sale mal, ya no sé qué hacer
P | me siento sin esperanza
P | me quiero ir lejos y no volver
P | me siento muerta por dentro
P | ya no sé cuánto más voy a aguantar
P | estoy en el fondo
P | me quiero morir jaja
C | recaí anoche
C | volví a consumir
C | tengo muchas ganas de usar
C | me emborraché el sábado
C | salí positiva en la prueba
C | tengo ansias de fumar cristal
C | consumí ayer, perdón
C | me llamó mi dealer y casi voy
C | tomé unas cervezas anoche
C | estoy tentada de tomar
C | no me voy a matar, tranquila, solo estoy triste
C | usé el fin de semana
K | bien
K | bien gracias
K | todo bien
K | más o menos
K | cansada pero bien
K | 5
K | bien, fui a mi junta
K | aquí andamos
K | todo tranquilo
K | mal día pero sobria
K | mejor que ayer
K | estresada por la corte
K | ok
K | sí
K | no
K | bien, en el trabajo
K | bien gracias a dios
K | los niños están enfermos pero bien
K | ahí la llevo
K | 4, cansada
K | feliz hoy
K | nerviosa por mañana
K | bendecida
K | estoy bien, gracias por preguntar
K | regular
N | no quiero despertar a nadie
N | no quiero despertar al bebé
N | me quiero morir de la vergüenza jaja
N | me muero de hambre
N | me muero de risa con mi hijo
N | me muero de sueño
N | me muero por verte
N | me muero de ganas de ver a mis hijos
N | el tráfico me está matando
N | me mata este calor
N | mi mamá me va a matar si llego tarde jaja
N | este trabajo me va a matar jaja
N | me duelen los pies, me están matando
N | ¿a qué hora es mi cita?
N | ¿me puede mandar la dirección?
N | mi hijo tiene fiebre, no vamos a ir
N | necesito ayuda con la renta
N | ayuda con los papeles por favor, no entiendo la forma
N | ¿hay junta hoy?
N | gracias por todo
N | ya conseguí trabajo!!
N | la corte es el jueves
N | mi hija cumple años mañana
N | ya llegué
N | se me murió el celular
N | vimos escuadrón suicida con los niños
N | mi hermano murió de sobredosis hace 3 años, lo extraño
N | fui a la clase de narcan
N | me corté el pelo
N | voy a cortarme el pelo mañana
N | me voy a cortar las uñas
N | quiero matar el tiempo antes de la cita
N | mi bebé se tragó una moneda pero el doctor dice que está bien
N | ¿dónde consigo pañales?
N | el bebé no me deja dormir jaja
N | me quedé dormida, perdón
N | estoy muerta de cansancio
N | mi hijo me mata de risa
N | ando muerta del sueño
N | no quiero vivir en este barrio, quiero mudarme
N | ya me quiero ir a casa
N | me quiero ir de vacaciones
N | quiero desaparecer este celular, no sirve jaja
N | ya terminé con todo el papeleo
N | ya terminé con mi novio
N | no puedo más con este calor
N | sos una genia, gracias
N | vos sos lo máximo
N | mi hijo se cayó de la bici pero está bien
N | mi esposo dice que hola
N | tengo que llevar al niño al doctor
N | ¿me ayudas a encontrar una junta?
N | dejé de fumar hace un mes
N | ya no tomo, 6 meses sobria
`;
