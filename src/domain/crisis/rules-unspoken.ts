/**
 * Kinds measured as misses on the fourth hold-out (docs/crisis-screen.md,
 * round 5): intent said through a purpose or a reunion ("para no despertar",
 * "be with my mom in heaven"), doubt about living, apology for everything,
 * not coming back from a place, and the acute kinds around it (pills with
 * alcohol and a symptom, a child not responding, a child left with someone
 * high, an intruder, a threat with a weapon, someone else with means).
 * Each rule is a kind; comments name an example, never the only target.
 */
import { CHILD, METHOD, PILLS } from "./lexicon.js";
import type { CrisisRule } from "./rules.js";

const r = (source: string): RegExp => new RegExp(source);
const THEM = String.raw`(?:he|she|they|my (?:\w+ )?(?:husband|wife|partner|son|daughter|boyfriend|bf|girlfriend|gf|brother|sister|mom|dad|friend|roommate|cousin|ex))`;
const PLACE = String.raw`(?:river|lake|ocean|beach|bridge|woods|tracks|cliff|roof|overpass|rio|lago|mar|puente|bosque|vias)`;

export const UNSPOKEN_RULES: CrisisRule[] = [
  {
    id: "si.so_as_not_to_wake", // "me voy a inyectar todo para no despertar", "so i don't wake up"
    category: "suicide_self_harm",
    pattern:
      /\b(?:para|pa)\s+(?:ya\s+)?no\s+(?:volver a\s+)?(?:despertar|amanecer|sentir nada nunca)\b|\bso (?:that )?i (?:dont|never|wont) wake up\b|\b(?:to|and) (?:never|not) wake up (?:again|ever)\b/,
  },
  {
    id: "si.doubt_living", // "i dont think i want to live anymore", "not sure i want to be alive"
    category: "suicide_self_harm",
    pattern:
      /\b(?:dont think|not sure|dont know if|no se si|no creo que)\s+(?:i|yo)?\s*(?:want|wanna|quiero|quiera)\s+(?:to\s+)?(?:live|be alive|be here|keep living|exist|go on|seguir viviendo|vivir|seguir aqui|existir)\b(?! (?:in|with|there|here with|near|alone in|en|con)\b)/,
  },
  {
    id: "si.reunion_in_death", // "i want to go be with my mom in heaven tonight", "quiero irme con mi mamá al cielo"
    category: "suicide_self_harm",
    pattern:
      /\b(?:want|wanna|ready|going|need|wish|quiero|quisiera|voy a|lista para|listo para)\b(?:\s+\w+){0,3}?\s+(?:be with|join|see|ir me con|estar con|reunir me con|ver a)\s+(?:my|mi|him|her|them)\b(?:\s+\w+){0,2}?\s+(?:in heaven|up there|on the other side|en el cielo|al cielo)\b|\b(?:go|going|ir me|ir)\s+(?:to heaven|al cielo)\s+(?:tonight|now|soon|today|esta noche|ya|hoy)\b/,
  },
  {
    id: "si.leave_this_world", // "quiero dejar este mundo", "ready to leave this world", "no quiero seguir con vida"
    category: "suicide_self_harm",
    pattern:
      /\b(?:want|wanna|ready|going|wish|quiero|quisiera|voy a|lista para|listo para)\s+(?:to\s+)?(?:leave|dejar|salir de|ir me de)\s+(?:this|este)\s+(?:world|earth|life|mundo|vida)\b|\bno (?:quiero|deseo) seguir con vida\b|\bno vale la pena (?:seguir )?(?:vivir|viviendo)\b|\b(?:not|isnt) worth (?:living|being alive|staying alive)\b/,
  },
  {
    id: "si.should_end_it", // "i keep thinking i should just end it"
    category: "suicide_self_harm",
    pattern: /\b(?:should|could|will|gonna|might|need to|wanna)\s+(?:just\s+|finally\s+)?end it\b(?! (?:with|early|at|for|there|before|off|right)\b)/,
  },
  {
    id: "si.not_coming_back", // "i'm at the river and i'm not coming back"
    category: "suicide_self_harm",
    pattern: r(String.raw`\b(?:(?:not|never)\s+(?:coming|going)\s+(?:back|home)|no\s+(?:voy a (?:volver|regresar)|vuelvo|regreso))\b(?! (?:to (?:work|that|this|the (?:gym|store|job|class|meeting|program))|until|till|for|after|hasta|al trabajo)\b)`),
    alsoRequires: r(String.raw`\b(?:${PLACE}|goodbye|adios|tonight|esta noche|forever|para siempre|ever)\b`),
  },
  {
    id: "si.means_all_i_need", // "i have a belt and a door, that's all i need", "ya tengo la soga colgada"
    category: "suicide_self_harm",
    pattern: r(String.raw`\b(?:${METHOD}|belt|cord|cable|cinturon|cable|${PILLS})\b`),
    alsoRequires: /\b(?:thats all i need|that is all i need|all i need now|es todo lo que necesito|no necesito mas|colgad[oa]|amarrad[oa]|lista en|ready in|hanging from|tied to)\b/,
  },
  {
    id: "si.means_then_do_it", // "i looked at the bottle for an hour and i think i'm going to do it"
    category: "suicide_self_harm",
    pattern: r(String.raw`\b(?:${METHOD}|${PILLS})\b`),
    alsoRequires:
      /\b(?:going to|gonna|about to|ready to|finally|tonight i|voy a|lista para|listo para)\s+(?:do|doing|hacer)\s+(?:it|lo)\b(?!\s+(?:again|later|tomorrow|after|before|for|with|mas tarde|despues)\b)|\b(?:looked|looking|stared|staring|mirando|mire)\s+(?:at\s+)?(?:the|my|it|la|el|las|mis)\b(?:\s+\w+){0,2}?\s+(?:for (?:an hour|hours|a long time)|por (?:una hora|horas))\b/,
  },
  {
    id: "si.cant_promise_safe", // "i can't promise i'll be safe tonight"
    category: "suicide_self_harm",
    pattern: /\b(?:cant|can not|wont|not sure i can|dont think i can|no puedo)\s+(?:promise|prometer|prometer te|prometer les)\s+(?:you\s+|que\s+)?(?:i will|ill|i am going to|to|voy a|que voy a)\s*(?:be|stay|keep myself|estar|seguir)\s+(?:safe|bien|a salvo)\b/,
  },
  {
    id: "si.sorry_for_everything", // "i'm sorry for everything i put you all through"
    category: "suicide_self_harm",
    pattern: /\bsorry for (?:everything|all the pain|all i put|what i put|all ive done|being a burden|all of it)\b(?! (?:today|earlier|last night|at dinner|this morning|lol|haha)\b)(?=(?:\s+\w+){0,6}\s*$)|\bperdon(?:en|ame)? (?:me )?por todo(?: lo que (?:les|te) hice)?\s*$/,
  },
  {
    id: "tp.pills_to_die", // "my daughter just told me she took pills to die"
    category: "third_party",
    pattern: r(String.raw`\b(?:he|she|they|el|ella)\s+(?:took|swallowed|drank|did|used|se tomo|tomo)\b(?:\s+\w+){0,4}?\s+(?:to (?:die|kill (?:himself|herself|themselves)|end (?:it|his life|her life))|para (?:morir|matar se|no despertar))\b`),
  },
  {
    id: "tp.with_means_in_place", // "my husband is in the garage with a gun"
    category: "third_party",
    pattern: r(String.raw`\b${THEM}\s+(?:is|s|has been|been)?\s*(?:in|at|locked in)\s+(?:the|his|her|their)\s+(?:garage|bathroom|bedroom|car|basement|room|closet|attic|shed)\s+with\s+(?:a|the|his|her|their|my)\s+(?:gun|rope|knife|razor|pills|pistol|noose|blade)\b`),
  },
  {
    id: "od.pills_and_alcohol_symptom", // "tomé pastillas con alcohol y me siento muy rara"
    category: "overdose_medical",
    pattern: r(String.raw`\b(?:took|tome|me tome|mixed|mezcle|popped)\s+(?:some\s+|my\s+|unas\s+|mis\s+|las\s+)?${PILLS}\s+(?:with|con|and|y)\s+(?:alcohol|liquor|vodka|beer|wine|drinks|cerveza|tequila|vino|licor)\b`),
    alsoRequires: /\b(?:weird|strange|funny|dizzy|sick|bad|off|rar[oa]|mal|maread[oa]|extran[oa])\b/,
  },
  {
    id: "cd.not_responding", // "mi bebé se cayó de la cama y no responde"
    category: "child_danger",
    pattern: r(String.raw`\b${CHILD}\b`),
    alsoRequires: /\b(?:no responde|no reacciona|no despierta|not responding|unresponsive|wont wake up|will not wake up|isnt breathing|not breathing|no respira|limp|floja|flojito)\b/,
  },
  {
    id: "cd.left_with_impaired", // "i left my baby with my ex and he's high"
    category: "child_danger",
    pattern: r(String.raw`\b(?:left|leave|deje|dejo)\s+(?:my|the|mi|mis|a mi|a mis|el|la|los)\s+${CHILD}\s+(?:with|con)\b`),
    alsoRequires: /\b(?:high|drunk|wasted|using|loaded|nodding|passed out|borrach[oa]|drogad[oa]|pased[oa])\b/,
  },
  {
    id: "va.intruder", // "somebody is trying to get into my house"
    category: "violence_abuse",
    pattern:
      /\b(?:someone|somebody|a man|a guy|he|they)\s+(?:is\s+|s\s+|are\s+)?(?:trying to|tryna|about to)\s+(?:get|break|kick|force)\s+(?:in|into|down)\b|\b(?:alguien|un hombre|un tipo|el)\s+(?:esta\s+)?(?:tratando|intentando|quiere)\s+(?:de\s+)?(?:entrar|meter se|tumbar la puerta)\b/,
  },
  {
    id: "va.threat_with_weapon", // "me amenaza con una pistola", "he's threatening me with a knife"
    category: "violence_abuse",
    pattern:
      /\b(?:me (?:esta )?amenaza(?:ndo)?|me amenazo|threatening me|threatened me|threatens me)\s+(?:con|with)\s+(?:una|un|a|the|his|her|el|la)\s+(?:pistola|cuchillo|arma|navaja|gun|knife|bat|pistol|machete)\b/,
  },
  {
    id: "help.keyword_please", // "help please", "ayuda por favor"
    category: "explicit_help",
    pattern: /^(?:help|ayuda|auxilio)(?:\s+me)?\s+(?:please|plz|pls|por favor|porfa|now|ahora|ya|asap)(?:\s+(?:please|plz|now|ya|ahora))*$/,
  },
  {
    id: "hp.worn_out_on_life", // "i'm exhausted with life", "i don't know how much more i can take", "i'm lost"
    category: "hopelessness",
    pattern:
      /\b(?:exhausted|worn out|drained|fed up)\s+(?:with|of|by)\s+(?:life|living|everything|it all)\b|\bhow (?:much )?more i can (?:take|handle|do|deal with)\b|^(?:\w+\s+){0,1}i am (?:so |completely |just )?lost\s*$|\beverything i do is (?:wrong|a mistake|bad)\b|\b(?:dont|do not) want to feel (?:anything|nothing|this|at all)\b|\bbetter off\b(?:\s+\w+){0,4}?\s+than with me\b/,
  },
];
