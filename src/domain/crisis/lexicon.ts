/**
 * Reusable regex fragments (sources, not RegExps) for the crisis rules.
 * All operate on normalised text: lower-case ASCII, digits, single spaces.
 */

/** Any run of up to n filler words, lazily: "i have (a big) bottle". */
export const upTo = (n: number): string => String.raw`(?:\s+\w+){0,${n}}?`;

export const LAUGH = String.raw`(?:lol|lmao|lmfao|rofl|haha\w*|hehe\w*|jaja\w*|jeje\w*|jk)`;

/** Children, including "my 4 year old" and common Spanish diminutives. */
export const CHILD = String.raw`(?:baby|babies|babys|kid|kids|son|sons|daughter|daughters|child|children|toddler|infant|newborn|little ones?|little boy|little girl|[0-9]+ ?(?:year|yr|month|mo)s? old|[0-9]+ ?yo|bebe|bebes|beba|bebita|bebito|hijo|hija|hijos|hijas|nino|nina|ninos|ninas|nene|nena|nenes|chiquito|chiquita|chiquitos|mija|mijo)`;

/** People who commonly perpetrate violence in parents' messages. */
export const AGENT = String.raw`(?:he|hes|he is|she|shes|she is|they|theyre|they are|my (?:bf|boyfriend|husband|hubby|ex|exs|ex husband|ex boyfriend|partner|baby daddy|babydaddy|bd|babys dad|kids dad|dad|father|mom|mother|brother|sister|roommate|man|old man|girlfriend|gf|wife|stepdad|step dad|uncle|cousin|neighbor)|el|ella|mi (?:esposo|marido|novio|pareja|ex|papa|padre|hermano|suegro|suegra|vecino))`;

/** Pills and medications, as people name them by text. */
export const PILLS = String.raw`(?:pills?|meds|medications?|medicine|tablets|xanax|xans|bars|percs?|percocets?|oxys?|oxycontin|tylenol|advil|benadryl|sleeping pills|klonopin|benzos?|methadone|suboxone|subs|bupe|buprenorphine|seroquel|gabapentin|edibles|pastillas?|pildoras?|medicinas?|metadona)`;

/** Means of self-harm; only meaningful together with an intent cue. */
export const METHOD = String.raw`(?:pills?|meds|medications?|tablets|bottle|rope|noose|gun|pistol|knife|blade|razor|razors|bridge|pastillas|pildoras|pistola|cuerda|soga|navaja|cuchillo|puente|arma)`;

/** Farewell / resolve cues that turn a method mention into a plan. */
export const INTENT_CUE = String.raw`(?:goodbye|good bye|bye forever|last (?:text|message|time you hear)|this is it|tell my (?:kids|babies|baby|son|daughter|mom|family|children) (?:i|that i) love|sorry for everything|forgive me|cant (?:do this|go on|take (?:it|this)) any ?more|cant go on|decided|dont try to stop me|no one can stop me|in my hand|death|no me detengan|no (?:puedo|aguanto) mas|ya no puedo|ya decidi|adios|perdonenme|perdoname|despedirme|en (?:la|mi) mano|muerte)`;

/** Substances, for "i used meth", "got into my stash". */
export const DRUGS = String.raw`(?:baggie|drugs|dope|fent\w*|heroin|meth|crack|coke|cocaine|pills|stash|needles?|rig|pipe|bag|weed|alcohol|liquor|drogas?|fentanilo|cristal|crystal|piedra|perico|coca)`;

/** Words people put between the parts of a statement without changing it ("i dont EVEN want to"). */
export const FILLER = String.raw`(?:\s+(?:even|really|just|honestly|fr|fucking|fuckin|fkn|literally|so|kinda|still|truly|only|actually|seriously|lowkey|sometimes|tbh|ngl|genuinely|ni|ya|solo|nomas|neta|de verdad|la verdad))*`;

/** The sender as subject in Spanish: first-person auxiliaries a proclitic "me" climbs over. */
export const ES_AUX_1P = String.raw`(?:quiero|queria|quisiera|voy a|iba a|puedo|podria|pienso|debo|deberia|tengo que|tengo ganas de|me dan ganas de|estoy pensando en|he pensado en|intente|trate de|necesito|prefiero|deseo)`;

/** Spanish verbs of self-harm, as infinitive stems or conjugations (clitics are split by normalise). */
export const ES_SELF_HARM_VERB = String.raw`(?:matar|matare|suicidar|suicido|suicide|ahorcar|colgar|cuelgo|envenenar|disparar|tirar(?= (?:del|de un|de una|al|desde|a las vias|enfrente))|aventar(?= (?:del|de un|de una|al|desde|enfrente))|quitar la vida|quito la vida|hacer dano|hago dano|hice dano|lastimar|cortar(?! (?:el|la|los|las|un|una|mi|mis)\b(?! (?:venas|munecas|brazos?|piernas?|muslos?|cuello|garganta|piel)))|corto(?! (?:el|la|los|las|un|una|mi|mis)\b(?! (?:venas|munecas|brazos?|piernas?|muslos?|cuello|garganta|piel))))`;

/** Losing one's children (custody, CPS, removal): hopelessness tied to it is read as risk. */
export const CHILD_LOSS = String.raw`(?:(?:lose|losing|lost|take|took|taking|takes|taken|without|sin|quitan|quitaron|quiten|quitar|perder|perdi|pierdo)\s+(?:away\s+)?(?:my|mis|a mis|a mi|mi|the|a los|a las|los|las)\s+${CHILD}|(?:lose|losing|lost|perder|perdi|pierdo)\s+(?:the\s+|la\s+)?(?:custody|custodia)|\bcps\s+(?:took|takes|is taking|is going to take)|(?:${CHILD})\s+(?:were|got|are being|fueron)\s+(?:taken|removed|placed)|\bme quitaron a)`;

/** Finality: nothing left, done, cannot go on — strong when tied to losing one's children. */
export const FINALITY = String.raw`(?:i am done|no reason to live|nothing (?:left )?to live for|cant live|dont want to live|wont keep living|no point (?:in )?living|rather be dead|end it|me mato|no tengo (?:razon|motivo|por que|porque|nada) (?:para|pa) vivir|no quiero vivir|para que vivo|me muero|no (?:voy a|puedo) seguir|ya no puedo mas)`;

/** Acute body signs that turn drug use into an emergency. */
export const ACUTE_SIGNS = String.raw`(?:bad reaction|se desmayo|desmayad[oa]|heart wont slow down|vomiting|throwing up|esta vomitando|gurgling|snoring weird|passed out|going to pass out|about to pass out|wont wake up|chest (?:feels|is|hurts|pain|tight|is tight|feels tight|feels weird|feels funny)|chest hurts|heart (?:is )?(?:racing|pounding|beating so fast|feels weird|hurts)|cant breathe|hard to breathe|cant stay awake|cant keep my eyes open|passing out|keep passing out|nodding out|cant feel my|me duele (?:el|mi) pecho|dolor (?:de|en el) pecho|el corazon (?:me late|acelerado)|no puedo respirar|siento que me muero|me estoy desmayando)`;

/** People a parent texts about (for "my X says he wants to die"); things ("my phone") are not people. */
export const PERSON = String.raw`(?:husband|hubby|wife|partner|son|daughter|kid|child|baby|boyfriend|bf|girlfriend|gf|ex|brother|sister|bro|sis|mom|mother|dad|father|cousin|friend|best friend|bestie|roommate|neighbor|uncle|aunt|nephew|niece|grandma|grandpa|sponsor|coworker|teen|teenager|landlord|boss|manager|caseworker|guy|dude|man|woman|bitch|girl|person|esposo|esposa|marido|pareja|hijo|hija|novio|novia|hermano|hermana|mama|papa|madre|padre|primo|prima|amigo|amiga|vecino|vecina|tio|tia|sobrino|sobrina|suegro|suegra)`;

/** Looking up how to die: research is a plan in progress. */
export const RESEARCH = String.raw`(?:looked up|look up|looking up|googled|googling|searched|searching|researching|researched|busque|buscando|estoy buscando)`;
