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
export const PILLS = String.raw`(?:pills?|meds|medications?|medicine|tablets|xanax|xans|bars|percs|percocets?|oxys?|oxycontin|tylenol|advil|benadryl|sleeping pills|klonopin|pastillas|pildoras|medicinas?)`;

/** Means of self-harm; only meaningful together with an intent cue. */
export const METHOD = String.raw`(?:pills?|meds|medications?|tablets|bottle|rope|noose|gun|pistol|knife|blade|razor|razors|bridge|pastillas|pildoras|pistola|cuerda|soga|navaja|cuchillo|puente|arma)`;

/** Farewell / resolve cues that turn a method mention into a plan. */
export const INTENT_CUE = String.raw`(?:goodbye|good bye|bye forever|last (?:text|message|time you hear)|this is it|tell my (?:kids|babies|baby|son|daughter|mom|family|children) (?:i|that i) love|sorry for everything|forgive me|cant (?:do this|go on|take (?:it|this)) any ?more|cant go on|decided|dont try to stop me|no one can stop me|in my hand|death|no me detengan|no (?:puedo|aguanto) mas|ya no puedo|ya decidi|adios|perdonenme|perdoname|despedirme|en (?:la|mi) mano|muerte)`;

/** Substances, for "i used meth", "got into my stash". */
export const DRUGS = String.raw`(?:drugs|dope|fent\w*|heroin|meth|crack|coke|cocaine|pills|stash|needles?|rig|pipe|bag|weed|alcohol|liquor|drogas?|fentanilo|cristal|crystal|piedra|perico|coca)`;
