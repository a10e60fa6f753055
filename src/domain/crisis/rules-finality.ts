/**
 * Round-5 kinds of suicidal language that carry no method word and no verb of
 * intent: a decision tied to a time, last messages, goodbye letters,
 * arrangements for the children, giving things away, means in hand with
 * finality, "can't keep myself safe", and a bare emergency number. Each rule
 * is a KIND (docs/crisis-screen.md lists examples); the benign look-alikes
 * ("my last day at work", "date night", "gave away my old clothes", "call 911
 * if you see the dog") are excluded by what makes them ordinary — an object,
 * an event or a condition — not by listing sentences.
 */
import { CHILD, METHOD, PILLS } from "./lexicon.js";
import type { CrisisRule } from "./rules.js";

const r = (source: string): RegExp => new RegExp(source);

/** Near-term time or a goodbye: what turns a decision or readiness into a plan. */
const WHEN = String.raw`(?:tonight|today|tomorrow|this weekend|right now|now|goodbye|bye|it is time|its time|this is it|tonight is it|at peace|esta noche|hoy|manana|ahora|ya es hora|adios|me voy|es el dia|es la noche)`;
/** Events that make "tonight is the night" a plan for fun, not for dying. */
const EVENT = String.raw`(?:date|party|fiesta|movie|movies|pelicula|peliculas|game|concert|show|birthday|cumpleanos|graduation|graduacion|wedding|boda|dinner|cena|premiere|episode|finale|recital|dance|baile|game night|girls night|prom)`;
/** Days people name for a plan. */
const DAY = String.raw`(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lunes|martes|miercoles|jueves|viernes|sabado|domingo)`;
/** Family a goodbye letter or an arrangement is addressed to. */
const KIN = String.raw`(?:everyone|everybody|each of (?:them|my \w+)|all of (?:you|them)|you all|my (?:kids|children|babies|family|sons|daughters|husband|wife|mom|mother|parents|boys|girls|son|daughter|baby)\b(?!\s+(?:teacher|teachers|school|coach|doctor|dad|father|mom|caseworker|therapist|lawyer|judge|principal|class|daycare|pediatrician|counselor)\b))`;

export const FINALITY_RULES: CrisisRule[] = [
  {
    id: "si.decided_with_time", // "i've made up my mind, tonight is it", "ya lo decidí, esta noche"
    category: "suicide_self_harm",
    // A decision with no object ("decided to go back to school", "decidí que voy a
    // estudiar" have one) next to a near time or a goodbye.
    pattern:
      /\b(?:made up my mind|made my (?:decision|choice)|i (?:have |already |finally )?decided|my mind is made up|(?:ya )?esta decidido|its decided|it is decided|(?:ya )?lo (?:decidi|tengo decidido)|ya decidi|(?:ya )?tome (?:la|mi) decision)\b(?! (?:to|on|about|that|what|which|if|whether|a|the|i am (?:going|taking)|voy|que|sobre|de|el|la|los|las|a|ir|volver|el trabajo)\b)/,
    alsoRequires: r(String.raw`\b${WHEN}\b`),
  },
  {
    id: "si.the_time_is_set", // "tonight's the night i finally do it", "saturday is the day", "it all ends tonight"
    category: "suicide_self_harm",
    pattern: r(
      String.raw`^(?!.*\b${EVENT}\b).*(?:\b(?:(?:tonight|today|tomorrow|this weekend|now|${DAY})\s+is|tonights|todays)\s+the\s+(?:night|day|time)\b|\b(?:esta noche|hoy|manana|el ${DAY})\s+es\s+(?:la noche|el dia)\b)|\b(?:it|this|everything|it all|all of this|all this|todo|esto)\s+(?:all\s+)?(?:ends|is over|will be over|se acaba|termina)\s+(?:tonight|today|now|esta noche|hoy)\b(?! (?:with|at|in|for|con|en)\b)|\bi (?:picked|chose|set|have picked|have chosen) (?:the|a) (?:date|day)\s*$`,
    ),
  },
  {
    id: "si.last_message", // "this is the last text you'll get from me", "este es mi último mensaje"
    category: "suicide_self_harm",
    pattern:
      /\b(?:this is|these are|here is|este es|esta es|es)\s+(?:my|the|mi|el)\s+(?:very\s+)?(?:last|final|ultimo|ultima)\s+(?:text|txt|message|msg|mensaje|mensajito)\b(?! (?:for|of|until|before|today|tonight|about|del dia|de hoy|por hoy|hasta)\b)|\blast (?:text|message) (?:you|u) (?:will|ll|are going to) (?:ever )?(?:get|receive|read|see) from me\b(?! (?:today|tonight|for))/,
  },
  {
    id: "si.not_here_tomorrow", // "ya no voy a estar mañana", "ya no me van a volver a ver", "by the time you read this i'll be gone"
    category: "suicide_self_harm",
    pattern:
      /\bya no (?:voy a|vaya a|estare|va a)\s*(?:estar|existir)?\b(?=\s*$|\s+(?:manana|para|aqui|con|mas|cuando|en este mundo)\b)|\bya no (?:me )?(?:van|vas|vayan) a (?:volver a )?(?:ver|saber de) (?:me|mi)\b|\bya no (?:me )?(?:van|vas) a (?:volver a )?ver\b|\bnunca (?:me )?(?:van|vas) a volver a ver\b|\bby the time (?:you|u|they|anyone|someone|somebody) (?:read|see|get|find|open)s? (?:this|these|my)\b|\b(?:ill|i will|i am going to|i wont)\s+be\s+(?:gone|dead)\s+(?:before|by the time)\b/,
  },
  {
    id: "si.goodbye_letters", // "i wrote a letter for each of my kids", "les dejé cartas a todos"
    category: "suicide_self_harm",
    // Letters to family (or to everyone) are farewell notes; a letter to a teacher
    // or a grandmother is a letter.
    pattern: r(
      String.raw`\b(?:wrote|written|writing|left|leaving|write|leave)\s+(?:a\s+|my\s+|some\s+|the\s+|little\s+)?(?:goodbye\s+)?(?:letters?|notes?)\s+(?:for|to)\s+${KIN}|\b(?:wrote|written|writing|write|left|leaving)\s+(?:my\s+|all\s+my\s+|the\s+|some\s+)?(?:goodbye|farewell|suicide)\s+(?:letters?|notes?)\b|\bgoodbye (?:letters?|notes?)\b|\b(?:escribi|deje|estoy escribiendo|ya escribi|ya deje|he escrito|escribiendo)\s+(?:les\s+|le\s+)?(?:las\s+|unas\s+|mis\s+)?(?:cartas|notas)\b|\b(?:escribi|deje|estoy escribiendo|ya escribi|ya deje)\s+(?:les\s+|le\s+)?(?:una\s+|la\s+|mi\s+)?(?:carta|nota)\s+(?:de despedida|(?:a|para)\s+(?:mis|mi familia|todos|cada))\b|\bcartas? de despedida\b`,
    ),
  },
  {
    id: "si.care_for_my_kids", // "please take care of my kids for me", "cuiden a mis hijos por mí"
    category: "suicide_self_harm",
    // Handing one's children over with no errand, time or place attached.
    pattern: r(
      String.raw`^(?!.*\b(?:while|until|till|tomorrow|at \d|after school|this weekend|tonight while|when i (?:work|go|am at)|mientras|hasta|manana|el fin de semana|schedule|pick up|ride)\b).*(?:\b(?:take care of|look after|watch over|raise|love|cuiden(?: a| de)?|cuida(?: a| de)|cuidar(?: a| de)|quieran a)\s+(?:my|mis|a mis)\s+${CHILD}\s+(?:for me|por mi|when i am gone|cuando no este)\b|\bcuiden (?:a|de) mis ${CHILD}\b|\b(?:promise|prometeme|prometanme)\b.*\b(?:take care of|look after|cuidar)\b.*\b(?:my|mis)\s+${CHILD}\b)`,
    ),
  },
  {
    id: "si.giving_away", // "i'm giving all my things away", "gave my dog away, i won't need it", "ya regalé mis cosas"
    category: "suicide_self_harm",
    pattern:
      /\b(?:giving|gave|give|given|regale|regalando|regalar|repartir|repartiendo|reparti)\s+(?:away\s+)?(?:all\s+|toda\s+|todas\s+)?(?:of\s+)?(?:my|mis|todas mis|todo lo que tengo)\s+(?:things|stuff|belongings|possessions|cosas|pertenencias)\b(?! (?:to (?:goodwill|charity|the shelter|donation|the church)|a la (?:caridad|iglesia)|que ya no uso|viejas|usadas|old|i dont use)\b)|\b(?:wont|will not|am not going to|dont)\s+need\s+(?:them|it|those|any of (?:it|this|them)|my \w+|anything)\s+(?:anymore|again|where i am going|after (?:tonight|today))\b|\bi wont need (?:them|it)\s*$|\bya no (?:lo|la|los|las) voy a necesitar\b/,
  },
  {
    id: "si.means_and_finality", // "got my dad's gun out of the safe. i'm done", "tengo las pastillas aquí y ya no quiero nada"
    category: "suicide_self_harm",
    pattern: r(String.raw`\b(?:${METHOD}|${PILLS}|oxy|fent|fentanyl|fentanilo)\b`),
    alsoRequires:
      /\b(?:i am done\b(?! (?:with (?:the|my|laundry|work|school|dinner|that|it for today)|taking|for (?:today|the day)))|done with (?:everything|it all|life|all of it)|nothing left|ya no quiero nada|ya se (?:lo )?que (?:voy a|hacer)|(?:i )?know what (?:i am going|to do|im going)|dont trust myself|saved up|been saving|ahorrando|guardando|enough now|ya no puedo|ya no aguanto|its time|it is time|this is it|tonight is it|at peace|no tengo miedo|not scared|i am ready\s*$|estoy list[oa]\s*$|im ready\s*$)\b/,
  },
  {
    id: "si.cant_keep_safe", // "i can't keep myself safe", "not safe with myself", "no me puedo mantener a salvo"
    category: "suicide_self_harm",
    pattern:
      /\b(?:cant|can not|cannot|not able to|unable to|dont think i can|not sure i can)\s+(?:keep|stay)\s+(?:myself\s+)?safe\b|\b(?:not|dont feel|never feel|no longer)\s+safe\s+(?:with|around|from)\s+myself\b|\bnot safe (?:alone|by myself)\b|\bdont trust myself\b(?! (?:with (?:money|cooking|driving|the car|food|sweets))\b)|\bno (?:estoy|me siento) (?:segur[oa]|a salvo) (?:conmigo|de mi)\b|\bno (?:me )?puedo mantener(?: me)? a salvo\b|\bno confio en mi mism[oa]\b/,
  },
  {
    id: "si.ready_unafraid", // "i'm ready to go. i'm not scared anymore", "ya estoy lista, no tengo miedo"
    category: "suicide_self_harm",
    pattern: /\b(?:i am|im|estoy|ya estoy)\s+(?:so\s+)?(?:ready|list[oa]|en paz|at peace)\b(?! (?:to go (?:to|home|out|back|shopping)|for (?:the|my|this|school|work|bed|tomorrow)|para (?:la|el|mi|ir|salir))\b)/,
    alsoRequires: /\b(?:not (?:scared|afraid)(?: anymore| of (?:dying|death|it))?|no (?:tengo|le tengo) miedo|at peace|en paz|goodbye|adios|its time|ya es hora)\b/,
  },
  {
    id: "si.say_goodbye", // "i just wanted to say goodbye to you"
    category: "suicide_self_harm",
    pattern:
      /\b(?:wanted|want|wanna|needed|need|have|had)\s+to\s+say\s+(?:goodbye|good bye|bye|my goodbyes)\b(?! (?:to (?:the|my (?:\w+ )?(?:mom|dad|sister|brother|grandma|grandpa|friend|cousin|aunt|uncle)) (?:before|at|when))|for now|before (?:we|they|the)\b)|\b(?:queria|quiero|necesito)\s+despedir me\b(?! de (?:la|el|los|las)\b)/,
  },
  {
    id: "si.swallowed_whole", // "just swallowed the whole bottle"
    category: "suicide_self_harm",
    pattern:
      /\b(?:swallowed|took|popped|downed|me tome|me trague)\s+(?:the|a|my|el|la|un|una|todo el|toda la)\s+(?:whole|entire|full)?\s*(?:bottle|box|pack|frasco|bote|caja)\b(?! of (?:water|wine|beer|soda|juice|vodka|tequila|liquor|cereal|candy|tea|chips))|\b(?:swallowed|took|popped|downed)\s+(?:the\s+)?(?:whole|entire)\s+(?:bottle|box|pack|thing)\b(?! of (?:water|wine|beer|soda|juice|vodka|tequila|liquor|cereal|candy|tea|chips))/,
  },
  {
    id: "si.at_edge", // "i'm on the edge of the overpass right now"
    category: "suicide_self_harm",
    pattern:
      /\b(?:i am|im|estoy)\s+(?:on|at|standing on|sitting on|en)\s+(?:the\s+)?(?:edge|ledge|railing|side|orilla|borde)\s+(?:of\s+(?:the|a|this)|del|de la)\s+(?:overpass|bridge|roof|building|cliff|balcony|parking garage|puente|edificio|azotea|techo|barranco)\b/,
  },
  {
    id: "si.nobody_will_miss_time", // "nobody will miss me, it's time"
    category: "suicide_self_harm",
    pattern: /\b(?:nobody|no one|noone)\s+(?:will|would|is going to)\s+(?:miss|notice|care about)\s+me\b|\bnadie me va a extranar\b/,
    alsoRequires: /\b(?:its time|it is time|tonight|goodbye|adios|ya es hora|esta noche|i am done|ready)\b/,
  },
];

/** Emergency numbers sent on their own (or nearly) are a cry for help, not a topic. */
export const BARE_EMERGENCY_RULE: CrisisRule = {
  id: "help.bare_911", // "911", "911 please", "someone call 911" — not "a 911 dispatcher", "call 911 if you see the dog"
  category: "explicit_help",
  pattern:
    /^(?:(?:please|plz|pls|someone|somebody|anyone|alguien|por favor|porfa|call|llamen al|llama al|llamen|llama|me|help|ayuda)\s+)*(?:911|9 1 1)(?:\s+(?:please|plz|pls|now|asap|ahora|por favor|porfa|ya|help|ayuda|urgente))*$/,
};
