/**
 * Crisis rules as data. Each rule is one idea a reviewer can read and test on
 * its own; `id` is what goes into the audit trail (never the message).
 *
 * A rule fires when `pattern` matches the neutralised text and, if present,
 * `alsoRequires` matches too (co-occurrence, e.g. a method + a farewell).
 *
 * Bias: when a phrase is genuinely ambiguous in this population (parents in
 * recovery, child-welfare involved) the rule errs towards escalation. The
 * false-positive budget is spent on free text, not on routine check-ins.
 */
import { ACUTE_SIGNS, AGENT, CHILD, CHILD_LOSS, DRUGS, ES_AUX_1P, ES_SELF_HARM_VERB, FILLER, FINALITY, INTENT_CUE, METHOD, PERSON, PILLS, RESEARCH, upTo } from "./lexicon.js";
import { BARE_EMERGENCY_RULE, FINALITY_RULES } from "./rules-finality.js";
import { UNSPOKEN_RULES } from "./rules-unspoken.js";
import { CUE_RULES } from "./cues.js";
import type { CrisisCategory } from "./types.js";

export interface CrisisRule {
  id: string;
  category: CrisisCategory;
  pattern: RegExp;
  alsoRequires?: RegExp;
  /**
   * Hyperbole people also use in jest ("kms lol", "me quiero morir jaja"). When
   * the text laughs, a jokeable hit is lowered one step instead of trusted:
   * self-directed → ask the parent (possible); ambiguous distress → dropped;
   * "he's gonna kill me lol" → dropped. Plans, methods and farewells are never
   * jokeable.
   */
  jokeable?: "ask" | "drop";
}

const r = (source: string): RegExp => new RegExp(source);

// ---------------------------------------------------------------------------
// Suicide / self-harm (imminent)
// ---------------------------------------------------------------------------
const DIE = String.raw`(?:di+e+d?|be dead|death|not be (?:alive|here)|not exist|stop existing|stop living|disappear forever|end it all|end my life|kill myself|morir(?: me)?|estar muert[oa])`;

const SUICIDE_RULES: CrisisRule[] = [
  {
    id: "si.suicide_word", // suicide, suicidal, suicde, sucide, suiside, suicidio, suicidarme
    category: "suicide_self_harm",
    // Not when said of someone else ("my son is suicidal", "his suicide note"): see tp.suicidal.
    pattern: /(?<!\b(?:he|she|they|hes|shes|theyre|is|are|his|her|their)\s(?:(?:really|so|very|being|been|feeling|was|were|is|has been)\s)?)\bsu[iy]?[cs]{1,2}i?d(?:e|es|al|el|le|ial|io|ios|arme|arse|ar|a|ing)?\b/,
    // A disclosure, not a topic: the sender is in it (a first-person or feeling word), or
    // the text is SMS-short. Long texts about suicide in general ("teens' mental health,
    // suicidal thoughts", news, reviews) are topics; measured on a public tweet set where
    // every text says "suicidal", this kind was most of the false pages.
    alsoRequires:
      /\b(?:i|i am|me|my|myself|mine|ive|id|ill|yo|mi|estoy|soy|tengo|me siento|feel|feeling|felt|been|having|getting|so|very|kinda|af|right now|tonight|again|hoy|ya|otra vez)\b|^(?:\S+\s+){0,7}\S+$/,
    jokeable: "ask",
  },
  { id: "si.kms", category: "suicide_self_harm", pattern: /\b(?:kms|kys|kmsf)\b/, jokeable: "ask" },
  {
    id: "si.kill_self", // kill myself, kil myself, killing my self
    category: "suicide_self_harm",
    pattern: /\bkil+(?:s|ing|in|led|ed|d)?\s+(?:myself|my ?self|me self)\b/,
    jokeable: "ask",
  },
  {
    id: "si.harm_self",
    category: "suicide_self_harm",
    pattern:
      /\b(?:hurt|hurting|harm|harming|cut|cutting|cuttin|hang|hanging|shoot|shooting|drown|drowning|off|offing|end|ending|poison|poisoning|starve|starving|stab|stabbing|overdose|od)\s+(?:myself|my ?self)\b/,
  },
  {
    id: "si.self_harm_words",
    category: "suicide_self_harm",
    pattern:
      /\bself ?harm\w*|\bcutting again\b|\b(?:cut|cutting|slit|slitting|slice|slicing)\s+(?:my\s+)?(?:wrists?|arms?|thighs?|legs?|veins?|throat)\b|\brelapsed? on (?:cutting|sh|self harm)\b|\bi cut\s+(?:again|last night|tonight|deep|myself)\b|\bme (?:corte|cortaba|estoy cortando|volvi a cortar)\b(?!\s+(?:el|los|las unas|la|un|una)\b)/,
  },
  {
    id: "si.algospeak", // unalive, sewer slide, self delete
    category: "suicide_self_harm",
    pattern: /\bun ?aliv\w*|\bsewer ?slide\b|\bself ?delet\w*|\bdelete myself\b/,
  },
  {
    id: "si.want_to_die", // "i want to die", "wanna b dead", "ready to die", "i dont want to die" (fear → escalate)
    category: "suicide_self_harm",
    pattern: r(
      String.raw`\b(?:i|i am|i just|i really|and|to|just|honestly|really|so|i still|i am so|me)?\s*(?:want|wanted|wanting|wish|wishing|ready|plan|planning|trying|tried|deserve|need|rather|prefer)${FILLER}\s+(?:to${FILLER}\s+)?${DIE}\b`,
    ),
    jokeable: "ask",
  },
  {
    id: "si.wish_dead",
    category: "suicide_self_harm",
    pattern:
      /\b(?:wish|wishing) (?:i|id|i had) (?:was|were|could|would|had|just)?\s*(?:be\s+)?(?:dead|die|just die|disappear|never been born|not wake up|not be here|not here|gone)\b|\bwish i (?:wasnt|werent|was not) (?:alive|here|born|around)\b/,
    jokeable: "ask",
  },
  {
    id: "si.end_it",
    category: "suicide_self_harm",
    pattern:
      /\bend(?:ing)?\s+(?:it all|my life|my own life|everything|things|it tonight|it now|it for good|this life|myself)\b|\b(?:want|going|ready|about|plan|planning|decided)\s+to\s+end\s+it\b|\bit all to (?:end|stop|be over)\b|\bwant (?:it|this|everything) (?:all )?to (?:end|be over)\b|\b(?:take|taking) my (?:own )?life\b/,
  },
  {
    id: "si.better_off",
    category: "suicide_self_harm",
    pattern:
      /\bbetter off (?:dead|without me|if i (?:was|were|am)?\s*(?:dead|gone|not here|wasnt here|died|die))\b|\b(?:notice|care|miss me)\s+if\s+i\s+(?:was|were|am)?\s*(?:gone|dead|died|disappeared)\b/,
  },
  {
    id: "si.dont_want_to_live",
    category: "suicide_self_harm",
    pattern:
      /\b(?:dont|do not|no longer|not)\s+(?:really\s+)?(?:want|wish)\s+(?:to\s+)?(?:live|be alive|be here any ?more|exist|keep living|go on living|be on this earth|wake up(?: any ?more| ever again| again|$))/,
    jokeable: "ask",
  },
  {
    id: "si.not_wake_up",
    category: "suicide_self_harm",
    pattern:
      /\b(?:hope|hoping|wish|want|rather|pray|praying)\b(?:\s+\w+){0,5}?\s+(?:not|never|dont|wont)\s+wake\s+up\b|\bsleep\s+(?:and\s+)?(?:not|never)\s+wake\s+up\b/,
  },
  {
    id: "si.nothing_to_live_for",
    category: "suicide_self_harm",
    pattern:
      /\b(?:no reason|nothing(?: left)?|no point|nobody|no one)\s+(?:to|for me to|worth)\s+(?:live|living|keep living|be alive|stay alive)(?: for)?\b/,
  },
  {
    id: "si.jump",
    category: "suicide_self_harm",
    pattern:
      /\bjump(?:ing|ed)?\s+(?:off|from|of|in front of)\s+(?:a|the|this|my)?\s*(?:bridge|building|roof|overpass|ledge|cliff|balcony|train|bus|car|truck|window|parking garage)\b|\bstanding\s+on\s+(?:the|a|this)\s+(?:bridge|ledge|edge|roof)\b|\bon the edge of (?:the|a) (?:bridge|roof|building)\b/,
  },
  {
    id: "si.gun_self",
    category: "suicide_self_harm",
    pattern:
      /\bgun\s+(?:to|in|against)\s+my\s+(?:head|mouth|temple|chest)\b|\bblow my (?:brains|head) (?:out|off)\b|\bpull(?:ing)? the trigger\b|\busing it on myself\b/,
  },
  {
    id: "si.rope",
    category: "suicide_self_harm",
    pattern: /\b(?:rope|noose|soga|cuerda)\b/,
    alsoRequires:
      /\b(?:ready|tied|tie|neck|hang|hanging|ceiling|beam|closet|tree|decided|bought|got a|got the|have a|i have|cuello|colgar|colgarme|lista|tengo una|ya decidi)\b/,
  },
  {
    id: "si.take_all_pills", // future/intent: "going to take all my meds"
    category: "suicide_self_harm",
    pattern: r(
      String.raw`\b(?:take|taking|swallow|swallowing|down|eat)\s+(?:all|every|the whole|a whole|whole|a bunch|a handful|handful|the rest)\s+(?:of\s+)?(?:my\s+|the\s+|these\s+|those\s+|them\s+)?(?:${PILLS}|(?:bottle|box|pack|packet|strip|handful) of\s+(?:my\s+|the\s+|his\s+|her\s+)?(?!(?:water|wine|beer|soda|juice|chips|cereal|cookies|candy|tea)\b)\w+)\b|\b${PILLS}\b.*\btake (?:them|it|em) all\b`,
    ),
  },
  {
    id: "si.method_with_intent", // "💊💊 💀 goodbye", "tengo las pastillas en la mano"
    category: "suicide_self_harm",
    pattern: r(String.raw`\b${METHOD}\b`),
    alsoRequires: r(String.raw`\b${INTENT_CUE}\b`),
  },
  {
    id: "si.farewell", // a goodbye note without a method
    category: "suicide_self_harm",
    pattern:
      /\b(?:this is my last (?:text|message)|tell my (?:kids|babies|children|son|daughter) (?:i|that i) love them\b.*\b(?:goodbye|bye|sorry)|goodbye forever|bye forever|goodbye (?:everyone|everybody|world|my babies|my kids)|adios (?:a todos|mundo|para siempre|mis hijos))\b|\bsorry for everything\b.*\b(?:goodbye|bye|last)\b/,
  },
  {
    id: "si.resolve",
    category: "suicide_self_harm",
    pattern:
      /\bi am done for good\b|\b(?:going to|about to|ready to|want to)\s+jump\b(?!\s+(?:in|on|into|rope|start|back|through|ahead|the gun|over|out)\b)|\bno quiero seguir(?=\s*$|\s+(?:mas|asi|adelante|viviendo|perdon\w*)\b)/,
  },
  {
    id: "si.want_death",
    category: "suicide_self_harm",
    pattern: /\b(?:want|wish for|waiting for|ready for|pray for)\s+death\b/,
  },
  // Spanish
  {
    id: "si.es_quiero_morir", // me quiero morir, quiero morirme, ojala me muera, ganas de morir
    category: "suicide_self_harm",
    pattern:
      /\b(?:me quiero|quiero|quisiera|queria|me quisiera|deseo|ojala|ganas de|me dan ganas de)\s+(?:ya\s+)?(?:me\s+)?(?:morir|morir me|muera|muriera|estar muert[oa]|no existir|dejar de existir|dejar de vivir|ir me de este mundo|desaparecer de este mundo|suicidar|colgar|ahorcar)\b|\bcuando (?:me muera|ya no este)\b(?! (?:en|de viaje))/,
    jokeable: "ask",
  },
  {
    // Reflexive self-harm with the clitic before ("me quiero matar", "me estoy
    // cortando") or after the verb ("quiero matarme", "queriendome matar" —
    // normalise splits "matarme" into "matar me"). A third-person auxiliary
    // ("me va a matar") is someone threatening the sender: see va.es_*.
    id: "si.es_reflexive",
    category: "suicide_self_harm",
    pattern: r(
      String.raw`\bme\s+(?:${ES_AUX_1P}\s+)?(?:${ES_SELF_HARM_VERB}|estoy (?:cortando|lastimando|matando|haciendo dano)|corte(?= (?:otra vez|de nuevo|las|los|el brazo|la pierna|anoche|hoy|ayer|$)|$))|\b(?:${ES_SELF_HARM_VERB})\s+me\b(?! (?:de (?:risa|hambre|sueno|coraje|los nervios)|(?:el|la|los|las|un|una|mis?)\b(?! (?:venas|munecas|brazos?|piernas?|muslos?|cuello|garganta|piel|vida)\b)))|\b(?:hacer|haciendo) me (?:dano|algo)\b|\bquitar me la vida\b|(?:^|\b(?:ya|yo|mejor|pues|entonces|y)\s+)me mato\b(?! (?:de|trabajando|estudiando|haciendo|por)\b)|\bsi\b(?:\s+\w+){1,8}?\s+me mato\b|\bpegar me un tiro\b|\bdar me un tiro\b|\b(?:acabar|terminar) con mi (?:propia )?vida\b|\b(?:acab|termin)\w* con todo\b(?! (?:el|lo|la|los|las|mi|tu|su)\b)`,
    ),
    jokeable: "ask",
  },
  {
    id: "si.es_no_quiero_vivir", // "no quiero ni existir", "ya no quiero vivir" — not "no quiero vivir en este barrio"
    category: "suicide_self_harm",
    pattern:
      /\bno (?:quiero|quisiera|deseo|tengo ganas de)\s+(?:(?:ni|ya|seguir|mas)\s+)*(?:vivir(?! (?:en|con|cerca|lejos|alla|ahi|aca|aqui|junto)\b)|viviendo|estar viv[oa]|existir|seguir aqui|seguir en este mundo|despertar(?! (?:a|al|temprano|tarde|a las)\b)|amanecer)\b|\bquiero no (?:estar aqui|estar viv[oa]|existir|despertar|seguir)\b|\bquiero dejar de (?:vivir|existir|respirar)\b/,
  },
  {
    id: "si.es_forever", // "me quiero ir para siempre", "dormir y nunca mas despertar", "lista para morir"
    category: "suicide_self_harm",
    pattern:
      /\b(?:quiero|quisiera|me quiero|voy a)\s+ir(?: me)? para siempre\b|\bdormir(?: me)?\s+(?:y\s+)?(?:no|nunca|jamas)\s+(?:mas\s+)?(?:volver a\s+)?despertar\b|\b(?:list[oa]|preparad[oa])\s+(?:para|pa)\s+(?:morir|ir me|la muerte)\b|\b(?:ya tengo|tengo) (?:como|con que) hacer(?:lo)?\b/,
  },
  {
    id: "si.es_mejor_sin_mi",
    category: "suicide_self_harm",
    pattern:
      /\b(?:estarian|estaria|estan|vivirian|estarias|estaran|seria|serian)\s+mejor\s+sin\s+(?:mi|su (?:mama|madre|papa|padre|mami)|nosotr[oa]s)\b|\bmejor (?:muert[oa]|me muero)\b/,
  },
  {
    id: "si.es_tirarme",
    category: "suicide_self_harm",
    pattern:
      /\b(?:tirar me|aventar me|me (?:voy a |quiero )?(?:tirar|aventar)|brincar|saltar)\s+(?:del|de un|de una|de el|al|desde el|desde un|a las vias del|enfrente del?)\s+(?:puente|edificio|techo|tren|metro|azotea|carro|camion|trafico|barranco)\b/,
  },
  {
    id: "si.es_no_despertar",
    category: "suicide_self_harm",
    pattern:
      /\b(?:ojala|quiero|quisiera)\s+(?:ya\s+)?no\s+despertar\b(?! (?:a|al|temprano)\b)/,
  },
];


// ---------------------------------------------------------------------------
// Suicide by kind of language (imminent): indirect, farewell, staged means,
// finality tied to losing one's children. Each rule is a kind, not a phrase.
// ---------------------------------------------------------------------------
// "if i was gone", "once i'm gone", "without me", "if i died"
const ABSENCE = String.raw`(?:(?:if|once|when|after|since)\s+i${FILLER}\s+(?:am\s+|was\s+|were\s+|will be\s+|ll be\s+)?(?:gone|dead|not here|not around|no longer here|died|die|disappeared|wasnt here|wasnt around|was not here)|without me)`;
const INDIRECT_RULES: CrisisRule[] = [
  {
    id: "si.others_better_without_me", // "everyone would be happier if i was gone"
    category: "suicide_self_harm",
    // Cheap gate first: the full pattern below only runs on texts that have these words.
    pattern: /\b(?:without me|if i|once i|when i|after i|since i|better off|fine once|better without)\b/,
    alsoRequires: r(String.raw`\b(?:better|happier|easier|fine|ok|okay|relieved|free|lighter|a favor|a favour)\b(?:\s+\w+){0,3}?\s+${ABSENCE}\b|\b${ABSENCE}\b(?:\s+\w+){0,3}?\s+(?:better|happier|easier|fine|ok|okay|relieved)\b|\bbetter(?: off)? (?:dead|without (?:me|their mom|their mother|their dad|mommy|mom|a \w+ (?:mom|mother|dad|father|parent)))\b|\bbe fine once i am gone\b`),
  },
  {
    id: "si.not_around_after", // "nobody will have to worry about me after tonight", "u wont hear from me again"
    category: "suicide_self_harm",
    pattern:
      /\b(?:wont|will not|will never|never|dont|wont ever|no one will|nobody will)\s+(?:have to\s+)?(?:worry about|deal with|put up with|take care of|hear from|see|bother with)\s+me\s+(?:again|anymore|after (?:tonight|today|this)|ever again|much longer)\b|\bnever (?:going to )?(?:hear from|see) me again\b|\b(?:you|they|nobody|no one|everyone)\b(?:\s+\w+){0,3}?\s+(?:hear from|see) me again\b(?:\s+after)?|\b(?:wont|will not|not going to|am not going to)\s+be\s+(?:around|here|alive|a burden|a problem|in (?:your|the) way)\s+(?:much longer|tomorrow|anymore|after tonight|for long|by (?:morning|tomorrow))\b|\b(?:by|after) (?:tomorrow|tonight|morning|the weekend)\b(?:\s+\w+){0,3}?\s+(?:gone|dead|not be here|be gone)\b|\bgone for good\b|\bafter tonight\b(?:\s+\w+){0,3}?\s+(?:gone|over|done|no more|free)\b/,
  },
  {
    id: "si.time_has_come", // "tonight is the night. im done"
    category: "suicide_self_harm",
    pattern: /^(?!.*\b(?:date|party|fiesta|movie|movies|pelicula|peliculas|game|concert|show|birthday|cumpleanos|wedding|boda|dinner|cena|episode|finale|prom)\b).*(?:\b(?:tonight|today|this weekend|tomorrow|now) is the (?:night|day|time)\b|\besta noche (?:es la noche|se acaba|acabo|termino)\b|\bhoy (?:es el dia(?! (?:de|del|para)\b)|se acaba todo)\b)/,
  },
  {
    id: "si.farewell_words", // goodbyes, notes, messages to the kids
    category: "suicide_self_harm",
    pattern:
      /\bthis is (?:my )?goodbye\b|\b(?:goodbye|bye) (?:everyone|everybody|world|all|forever|my (?:babies|kids|loves))\b|\btell (?:them|my \w+|everyone|my family|the kids) (?:i|that i) (?:love|loved|am sorry|was sorry)\b|\b(?:writing|saying|said|wrote|write)\s+(?:my|all my|mis)\s+(?:goodbyes|goodbye letters|goodbye notes)\b|\besto es un adios\b|\b(?:ya )?me despedi(?: de)?\b|\bdespedir me de (?:mis|todos|mi familia)\b|\b(?:perdonen|perdona) me por todo\b|\bdigan(?: le| les)? a mis hijos que (?:los|las) (?:amo|quiero|quise)\b/,
  },
  {
    id: "si.staged_means", // "pills counted out on the table", "gun loaded next to me"
    category: "suicide_self_harm",
    pattern: r(
      String.raw`\b${PILLS}\b(?:\s+\w+){0,2}?\s+(?:counted|lined up|laid out|set out|sorted out|poured out|all out|ready|contadas|listas|preparadas|en la mano)\b(?! (?:to pick|for pick|for you|at|para recoger|en la farmacia)\b)|\b(?:counted|lined|laid|poured|set)\s+(?:out|up)?\s*(?:all\s+)?(?:my\s+|the\s+)?${PILLS}\b|\b(?:took|poured|got)\s+(?:the\s+|my\s+|all\s+(?:the\s+|my\s+)?)?${PILLS}\s+out\b.*\b(?:lined|counted|them up)\b|\b(?:gun|pistol|pistola)\s+(?:is\s+)?(?:loaded|cargada)\b|\bloaded (?:gun|pistol)\b|\benough\s+(?:\w+\s+){1,2}to\s+(?:not wake up|never wake up|die|kill me|end it|kill myself)\b|\b(?:overdos\w*|od|oding)\s+on purpose\b|\bhave a way to (?:end it|do it|die)\b`,
    ),
  },
  {
    id: "si.vehicle", // "driving my car off the road", "sitting in the garage with the car running"
    category: "suicide_self_harm",
    pattern:
      /\b(?:drive|driving|drove|crash|crashing|steer|swerve|swerving)\s+(?:my\s+(?:car|truck)\s+|the\s+(?:car|truck)\s+)?(?:off|into)\s+(?:the|a)\s+(?:road|bridge|cliff|tree|wall|river|lake|traffic|pole|truck|overpass|highway|semi)\b|\b(?:car|truck) off (?:the|a) (?:road|bridge|cliff)\b|\b(?:car|engine)\b(?:\s+\w+){0,2}?\s+run(?:ning)?\s+in the garage\b|\bgarage with the (?:car|engine) running\b|\b(?:step|walk|walking|stepping|jump|jumping|throw myself)\s+(?:out\s+)?(?:in front of|into)\s+(?:a|the|on coming|oncoming)?\s*(?:train|bus|truck|car|traffic|semi|ocean|sea|lake|river|water)\b(?!\s+(?:park|festival|show|with (?:the|my) kids))|\b(?:manejar|estrellar|chocar)\s+(?:el|mi)\s+(?:carro|coche|troca)\s+(?:contra|en)\s+(?:un|el|una|la)\b|\baventar me al (?:tren|trafico|carro)\b/,
  },
  {
    id: "si.plan_talk", // "i have a plan this time", "thinking about how id do it"
    category: "suicide_self_harm",
    pattern:
      /\bi (?:have|got|made) (?:a|my) plan\b(?=\s*$|\s+(?:this time|now|tonight|already|and|for how|to (?:die|end|kill|do it)))|\bhow (?:id|i would|i will|i am going to|i could) (?:do it|end it|die|kill myself)\b|\bthinking (?:about|of) (?:dying|death|suicide|ending it|ending my life|killing myself|not being here|how to die|overdosing)\b|\ball i (?:want|think about|can think about|need)(?: to do)? is (?:to )?(?:die|dying|death|suicide|end it|ending it|kill myself)\b|\bwant out of (?:this life|life|this world)\b|\bcant stop thinking about (?:dying|death|suicide|killing myself)\b/,
  },
  {
    id: "si.dont_want_to_live_filler", // "i dont EVEN want to be here anymore", "dnt wanna b here n e more"
    category: "suicide_self_harm",
    pattern: r(
      String.raw`\b(?:dont|do not|no longer|didnt|never)${FILLER}\s+(?:want|wish)\s+to${FILLER}\s+(?:live|be alive|exist|keep living|go on|be here (?:anymore|no more|any longer|on this earth)|be on this earth|be around (?:anymore|no more)|wake up(?: tomorrow| again| ever)?\s*$)|\b(?:wont|will not|cant|can not)\s+(?:keep|go on)\s+living\b|\bno quiero (?:ya |ni )?estar (?:here|aqui) (?:anymore|ya|mas)\b|\bya no quiero estar (?:here|aqui)\b`,
    ),
    jokeable: "ask",
  },
  {
    id: "si.end_it", // "to end it", "thinking about ending it"
    category: "suicide_self_harm",
    pattern: /\b(?:to|about|of|bout) end(?:ing)? it\b(?! (?:with|early|at|for the day|there|before|off|right)\b)|\bending it (?:all|tonight|now|today)\b|\bi am ending it\b/,
  },
  {
    id: "si.ready_to_go", // "im ready to go. i just want it over"
    category: "suicide_self_harm",
    pattern: /\b(?:i am|i feel|im|feel)\s+ready to go\b(?! (?:to|home|out|back|shopping|now to)\b)/,
    alsoRequires: /\b(?:want it (?:all )?over|want it to end|i am done|goodbye|no more|cant do this|tired of (?:living|life|everything))\b/,
  },
  {
    id: "si.alcohol_and_pills", // "drank a whole bottle and took my sleeping pills"
    category: "suicide_self_harm",
    pattern: /\b(?:drank|downed|drinking|me tome|tome)\s+(?:a\s+|una\s+|la\s+)?(?:whole|entire|fifth|bottle|lot|so much|botella|toda la botella)\b/,
    alsoRequires: r(String.raw`\b(?:took|swallowed|popped|and|y|con|me tome|tome)\s+(?:all\s+|my\s+|some\s+|the\s+|mis\s+|las\s+|unas\s+)*(?:sleeping\s+)?${PILLS}\b`),
  },

  {
    id: "si.researching_means", // "googling ways to die", "looked up how many tylenol it takes"
    category: "suicide_self_harm",
    pattern: r(
      String.raw`\b${RESEARCH}\b(?:\s+\w+){0,2}?\s+(?:how (?:many|much)\b(?:\s+\w+){0,3}?\s+(?:${PILLS}|${DRUGS}|it takes|to (?:die|overdose|od))|ways? to (?:die|kill (?:myself|yourself)|end it|overdose)|how to (?:die|kill (?:myself|yourself)|overdose|hang|end it|end my life)|painless (?:ways?|death)|lethal dose|como (?:morir|matar me|suicidar me|ahorcar me)|formas de (?:morir|matar me))\b|\bhow (?:many|much)\s+(?:${PILLS})\s+(?:it takes|does it take|would it take)\s+to\b`,
    ),
  },
  {
    id: "si.dwelling_on_means", // "keep looking at the knife and thinking about it"
    category: "suicide_self_harm",
    pattern: r(String.raw`\b(?:${METHOD}|garage|car|bridge|lake|river|tracks|vias)\b`),
    alsoRequires:
      /\b(?:keep|cant stop|been)\s+(?:looking at|staring at|thinking about (?:it|using it|doing it|it again))\b|\bthinking about (?:using it|doing it)\b|\b(?:dont|not|no)\s+(?:plan(?:ning)? on|going to|gonna|intend to)\s+(?:driving|coming|going|walking|making it)\s+(?:home|back)\b|\bno (?:pienso|voy a) (?:regresar|volver) a (?:casa|la casa)\b/,
  },
  {
    id: "si.not_through_tonight", // "i dont think ill make it through tonight", "its my last night"
    category: "suicide_self_harm",
    pattern:
      /\b(?:dont think|not sure|doubt)\s+(?:i|i will|ill|i am going to|i can)\s+(?:make it|last|survive)\s+(?:through|past|to|until)\s+(?:tonight|the night|tomorrow|morning|the weekend)\b|\b(?:wont|will not|not going to)\s+(?:make it|be alive|survive)\s+(?:through|past|until|to)\s+(?:tonight|the night|tomorrow|morning)\b|\b(?:its|it is|this is|tonight is)\s+my last (?:night|day)\b(?! (?:of|at|in|on)\b)|\bpor si no (?:estoy|despierto|amanezco) (?:manana|mas)\b|\bno (?:voy a )?(?:llegar|amanecer) a manana\b/,
  },
  {
    id: "si.goodbye_with_despair", // "nothing left for me here. goodbye"
    category: "suicide_self_harm",
    pattern: /\b(?:goodbye|good bye|bye forever|adios)\b/,
    alsoRequires:
      /\b(?:nothing left|i am done|sorry for everything|love you all|thank you for trying|thanks for trying|take care of my|cant do this|no more|no puedo mas|ya no puedo|cuiden a mis|los amo|perdon por todo|nada (?:me )?queda)\b/,
  },
  {
    id: "si.es_take_all_pills", // "tomarme todas las pastillas"
    category: "suicide_self_harm",
    pattern: r(String.raw`\btomar(?: me)?\s+(?:todas|todo|el frasco|un frasco|el bote|toda la caja)\s+(?:de\s+)?(?:las\s+|mis\s+)?(?:${PILLS})?`),
  },
  {
    id: "si.es_farewell_letter",
    category: "suicide_self_harm",
    pattern: /\b(?:escribi|deje|estoy escribiendo)\s+(?:les\s+)?(?:una\s+)?(?:carta|cartas|nota)\s+(?:a|para)\s+(?:mis|mi (?:familia|hij[oa]|bebe|esposo|esposa|mama))\b/,
  },

  {
    id: "si.arrangements", // "give my kids to my sister when im gone", "life insurance will take care of them"
    category: "suicide_self_harm",
    pattern:
      /\b(?:when|once|after|if)\s+i\s+(?:am\s+)?(?:gone|dead|die)\b|\blife insurance\b|\bcuando (?:yo )?(?:ya )?no (?:este|estemos)\b|\bcuando me (?:muera|vaya para siempre)\b|\bseguro de vida\b/,
    alsoRequires:
      /\b(?:give|take care of|raise|custody|insurance|tell|kids|babies|children|will be|would be|them|my (?:sister|mom|mother)|mejor|bien|felices|hijos|cuiden|seguro|cuidar)\b/,
  },
  {
    id: "si.holding_means", // "been sitting in the bathtub with a razor for an hour"
    category: "suicide_self_harm",
    pattern: r(
      String.raw`\b(?:sitting|holding|staring at|in my hand|next to me|with me|laying|lying|standing)\b(?:\s+\w+){0,5}?\s+(?:with\s+)?(?:a|the|my|una|un|la|mi)\s+(?:razor|blade|knife|gun|pistol|rope|noose|navaja|cuchillo|pistola|soga|cuerda)\b(?! (?:safe|lock|show|range|class))|\b(?:razor|blade|knife|gun|pistol|rope|noose)\s+(?:in my hand|next to me|in my lap)\b|\bpensando en usar (?:la|lo)\b`,
    ),
  },

  {
    id: "si.warning_signs", // giving things away, ending the suffering, "nobody will find me in time"
    category: "suicide_self_harm",
    pattern:
      /\bgiving away (?:all )?(?:my|all my) (?:stuff|things|belongings|clothes|stuff to)\b|\bend(?:ing)? (?:my|the|this) (?:suffering|pain|misery|existence)\b|\b(?:find|found|reach|get to) me (?:in time|too late|before it is too late)\b|\bby the time (?:they|anyone|someone|you) (?:find|finds|get to) me\b|\blast time (?:you|anyone|u)(?: will|ll)? (?:hear from|see) me\b|\b(?:i will|ill|i am going to)\s+be\s+(?:dead|gone)\s+(?:by|before|tonight|tomorrow|soon)\b|\b(?:hope|hoping|wish|wishing|pray|praying)\s+(?:that\s+)?(?:a|the|some)\s+(?:car|truck|bus|train|semi)\s+(?:hits|would hit|will hit|runs over|kills)\s+me\b|\b(?:hope|hoping|pray|praying)\s+(?:that\s+)?i\s+(?:die|dont wake up|never wake up)\b|\bque me (?:lleve la muerte|muera ya)\b|\bojala me (?:atropelle|muera)\b|\bpara (?:acabar|terminar) con (?:esto|todo|mi vida)\b|\bto end (?:this|it all|everything)(?=\s*$|\s+(?:now|tonight|today|for good|once and for all|forever)\b)/,
  },
  {
    id: "si.means_with_intent", // "bought a gun today. i know what im going to do with it"
    category: "suicide_self_harm",
    pattern: r(String.raw`\b(?:bought|got|picked up|have|compre|consegui)\s+(?:a|the|my|una|un|la|el|some)\s+(?:${METHOD}|${PILLS})\b`),
    alsoRequires: /\b(?:know what i am going to do|going to use (?:it|them) (?:on myself|tonight)|use it on myself|for myself|to end it|se lo que voy a hacer|para mi)\b/,
  },
  {
    id: "si.at_height", // "im on the roof of my building", "estoy en el puente y me voy a tirar"
    category: "suicide_self_harm",
    pattern:
      /\bi am (?:on|at|up on) (?:the )?(?:roof|ledge|edge of the roof|top of the (?:building|parking garage)|overpass|train tracks|tracks)\b|\bestoy en (?:el|la) (?:puente|azotea|techo|vias)\b.*\bme (?:voy a|quiero) (?:tirar|aventar)\b/,
  },
  {
    id: "si.cut_deep",
    category: "suicide_self_harm",
    pattern: /\b(?:want|going|need|about)\s+to\s+cut\b(?:\s+\w+){0,2}?\s+(?:so\s+|really\s+)?(?:deep|deeper|again|this time)\b/,
  },
  {
    id: "si.sleep_forever_tonight", // "tonight i'll finally sleep forever"
    category: "suicide_self_harm",
    pattern: /\b(?:sleep forever|be free|rest for good|dormir para siempre|descansar para siempre)\b/,
    alsoRequires: /\b(?:tonight|finally|for good|esta noche|por fin|hoy)\b/,
  },
  {
    id: "si.child_loss_finality", // "if they take my kids im done", "sin mis hijos no tengo razon para vivir"
    category: "suicide_self_harm",
    pattern: r(String.raw`\b${CHILD_LOSS}\b`),
    alsoRequires: r(String.raw`\b${FINALITY}\b`),
  },
];

// ---------------------------------------------------------------------------
// Someone else at risk of suicide (imminent, third party): the sender is not the
// person at risk, so the case gets the third-party safety text.
// ---------------------------------------------------------------------------
const THIRD_PERSON = String.raw`(?:he|she|they|hes|shes|theyre|him|her|them|(?:my|mi|our|his|her) (?:\w+ )?${PERSON}|el|ella)`;
const OTHER_SELF_HARM = String.raw`(?:(?:kill|killing|kil|hurt|hurting|harm|harming|cut|cutting|hang|hanging|shoot|shooting|off|offing|od|overdose)\s+(?:himself|herself|themselves|themself)|end(?:ing)?\s+(?:his|her|their)\s+(?:own\s+)?life|take\s+(?:his|her|their)\s+(?:own\s+)?life|(?:take|taking|took)\s+all\s+(?:of\s+)?(?:his|her|their)\s+${PILLS}|jump(?:ing)?(?=\s*$|\s+(?:off|from)\s+(?:a|the|his|her)\s+(?:bridge|building|roof|overpass|ledge|balcony|cliff|parking)|\s+in front)|die)`;
const THIRD_PARTY_RULES: CrisisRule[] = [
  {
    id: "tp.self_harm",
    category: "third_party",
    pattern: r(
      String.raw`\b${THIRD_PERSON}\b(?:\s+\w+){0,5}?\s+(?:says|said|told me|tells me|keeps saying|keeps talking about|is talking about|talking about|talks about|threatening to|threatened to|threatens to|wants to|want to|is going to|going to|tried to|trying to|about to|plans to|planning to)\s+(?:(?:he|she|they)\s+(?:is going to|wants to|will|want to|is about to|might)\s+)?${OTHER_SELF_HARM}\b|\b(?:he|she|they)\s+(?:wants?|wanna)\s+(?:to\s+)?die\b|\b(?:kill|killing|killed|cut|cutting|hurting|hanging|shot)\s+(?:himself|herself|themselves)\b`,
    ),
  },
  {
    id: "tp.doesnt_want_to_live", // "my wife says she doesn't want to live anymore"
    category: "third_party",
    pattern: r(
      String.raw`\b(?:says|said|told me|keeps saying|tells me)\s+(?:that\s+)?(?:he|she|they)${FILLER}\s+(?:doesnt|dont|does not|do not|no longer)${FILLER}\s+(?:want|wants|wish)\s+to\s+(?:live|be alive|be here|exist|wake up|go on)\b|\b(?:dice|dijo)\s+que\s+(?:ya\s+)?no\s+quiere\s+(?:vivir|seguir|existir|despertar)\b`,
    ),
  },
  {
    id: "tp.suicidal",
    category: "third_party",
    pattern: r(String.raw`\b(?:he|she|they|hes|shes|theyre|my \w+(?: \w+)?)\s+(?:is|are|s|was|seems|sounds|has been|been|is being)?\s*(?:really\s+|very\s+|so\s+)?suicidal\b|\b(?:his|her|their) suicide (?:note|letter|plan)\b`),
  },
  {
    id: "tp.with_means", // "locked herself in the bathroom with a razor"
    category: "third_party",
    // Cheap gate first: the full pattern below only runs on texts that have these words.
    pattern: /\b(?:locked|barricaded|shut|se encerro)\b/,
    alsoRequires: r(String.raw`\b(?:locked|barricaded|shut)\s+(?:himself|herself|themselves)\b(?:\s+\w+){0,6}?\s+(?:with|con)\s+(?:a\s+|the\s+|his\s+|her\s+|una\s+|un\s+)?${METHOD}\b|\bse encerro\b(?:\s+\w+){0,6}?\s+con\s+(?:una|un|la|el)\s+${METHOD}\b`),
  },
  {
    id: "tp.goodbye_message", // "my bf just texted me goodbye and wont answer"
    category: "third_party",
    pattern:
      /\b(?:texted|sent|messaged|wrote|left|posted|put up)\s+(?:me\s+)?(?:a\s+)?(?:goodbye|good bye|farewell|suicide note|goodbye (?:text|message|note|letter|post))\b|\b(?:me )?(?:mando|envio|dejo|escribio)\s+(?:me\s+)?(?:un|una)\s+(?:mensaje|carta|nota)\s+de\s+despedida\b/,
  },
  {
    id: "tp.es_se_quiere_matar", // "se quiere matar", "hablando de matarse", "se esta cortando"
    category: "third_party",
    pattern:
      /\bse\s+(?:quiere|queria|va a|iba a|intento|trato de|piensa|esta pensando en|anda pensando en)\s+(?:matar|suicidar|quitar la vida|cortar(?! (?:el|la|los|las|un|una|su|sus)\b(?! (?:venas|munecas|brazos?|piernas?)))|colgar|ahorcar|tirar (?:del|de un|al)|aventar|morir)\b|\b(?:matar|suicidar|quitar|ahorcar|colgar) se\b(?! (?:el|la|los|las)\b(?! vida))|\bse esta (?:cortando|matando|lastimando|haciendo dano)\b|\bdice que se (?:quiere|va a) (?:morir|matar|suicidar)\b/,
  },
];

// ---------------------------------------------------------------------------
// Danger by kind (imminent): unsafe at home, harm to others with words between,
// overdose signs after use, narcan failing with words between.
// ---------------------------------------------------------------------------
const DANGER_RULES: CrisisRule[] = [
  {
    id: "va.held_or_chased", // "he's got me locked in and took my phone", "me esta persiguiendo con un cuchillo"
    category: "violence_abuse",
    pattern:
      /\b(?:got|has|have)\s+me\s+(?:locked|trapped)\s+(?:in|up)\b|\b(?:took|smashed|broke|grabbed|threw)\s+my\s+phone\b.*\b(?:he|she|him|locked|wont let|hit|scared)\b|\b(?:he|she|him|locked|wont let|hit|scared)\b.*\b(?:took|smashed|broke|grabbed)\s+my\s+phone\b|\b(?:chasing|following|coming at|came at)\s+me\s+with\s+(?:a|the|his|her)\s+(?:knife|gun|bat|hammer|machete)\b|\b(?:persiguiendo|siguiendo|amenazando)\s+(?:con|with)\s+(?:un|una|el|la|su)\s+(?:cuchillo|pistola|arma|navaja|machete|bate)\b|\bme quito el (?:telefono|celular)\b/,
  },

  {
    id: "va.threat_contracted", // "screaming he'll kill me" (he'll → hell after apostrophes go)
    category: "violence_abuse",
    pattern: /\b(?:hell|shell|theyll|he will|she will|they will|hes going to|shes going to)\s+(?:\w+\s+)?(?:kill|hurt|shoot|stab|murder|beat)\s+(?:me|us|the kids|my kids|the baby)\b(?!\s+(?:lol|lmao|haha|if|when|for)\b)|\b(?:broke|breaking|busted|kicked)\s+(?:in|into my|down my|the door)\b|\bi am not safe\b/,
  },
  {
    id: "va.hiding", // "hiding in my car, he's looking for me"
    category: "violence_abuse",
    pattern: /\bhiding\s+(?:in|inside|under|at|behind)\s+(?:the|my|a|our|his|her)\s+\w+\b|\bescondid[oa]\s+en\s+(?:el|la|mi|un|una)\s+\w+\b/,
    alsoRequires: /\b(?:he|hes|him|she|shes|they|looking for me|find me|from (?:him|her|them)|el|ella|me busca|me esta buscando)\b/,
  },
  {
    id: "va.es_just_hit", // "me acaba de golpear", "voy a matar a ese tipo"
    category: "violence_abuse",
    pattern:
      /\b(?<!se )me\s+(?:acaba de|acaban de|volvio a|sigue|quiso|trato de)\s+(?:golpear|pegar|ahorcar|lastimar|apunalar|violar|empujar|patear)\b|\b(?:voy a|quiero|lo voy a|la voy a)\s+matar\s+a\s+(?:ese|esa|este|esta|mi|el|la|un|una|alguien|todos)\b/,
  },

  {
    id: "va.unsafe_at_home", // "i dont feel safe at home", "im scared to go home", "no me siento segura en mi casa"
    category: "violence_abuse",
    pattern:
      /\b(?:dont|do not|not|no longer|never)\s+(?:feel\s+|feeling\s+)?safe\s+(?:at home|here|in my (?:own )?(?:house|home|room)|with (?:him|her|them|my \w+)|around (?:him|her|them))\b|^not safe\b|\b(?:scared|afraid|terrified|frightened)\s+(?:to|of)\s+(?:go|going|be|being)\s+(?:back\s+)?(?:home|to (?:the|my) (?:house|apartment|place)|alone with him)\b|\bno me siento segur[oa]\s+(?:en (?:mi|la) casa|aqui|con (?:el|ella))\b|\b(?:tengo\s+)?miedo\s+de\s+(?:volver|regresar|ir|llegar|estar)\s+(?:a\s+(?:la|mi)\s+casa|con el|sola con el)\b/,
  },
  {
    id: "va.homicidal_filler", // "i want to fucking stab my landlord", "i feel like i could kill someone"
    category: "violence_abuse",
    pattern: r(
      String.raw`\b(?:i|i am|ill|i will|i could|i might|feel like i could|i swear i am)${FILLER}\s+(?:going to|want to|about to|could|might|will|trying to|gonna)${FILLER}\s+(?:kill|stab|shoot|murder|hurt|strangle|choke|beat)\s+(?:him|her|them|someone|somebody|anyone|everyone|(?:my|that|this|his|her|the)\s+(?:\w+\s+)?${PERSON})\b(?!\s+(?:lol|lmao|haha|jk))|\b(?:lo|la|los|las)\s+(?:voy a|quiero|iba a)\s+(?:matar|apunalar|balacear)\b|\b(?:matar|apunalar|balacear)\s+(?:lo|la|los|las)\b(?=.*\b(?:juro|ahorita|hoy|ya)\b)`,
    ),
    jokeable: "drop",
  },
  {
    id: "va.weapon_at_door", // "está afuera con una pistola", "he's outside with a gun"
    category: "violence_abuse",
    pattern:
      /\b(?:afuera|outside|at the door|en la puerta|aqui|here)\s+(?:con|with)\s+(?:una?|a|his|her|su)\s+(?:pistola|arma|cuchillo|navaja|gun|knife|pistol|bat)\b/,
  },
  {
    id: "va.thrown_at_me",
    category: "violence_abuse",
    pattern: /\b(?:throwing|threw|throws|thrown)\s+(?:\w+\s+){0,2}at me\b|\bme (?:avento|tiro|esta aventando) (?:cosas|platos|\w+) (?:a mi|encima)\b/,
  },
  {
    id: "od.too_much_then_signs", // "shot up way too much and my chest feels weird"
    category: "overdose_medical",
    pattern: r(
      String.raw`\b(?:shot up|injected|snorted|did|used|took|smoked|hit|me inyecte|me meti|me pase con|tome|consumi|use|me tome)\b${upTo(3)}\s+(?:way\s+|so\s+|mucho\s+)?(?:too much|too many|to much|demasiad[oa]s?|la dosis)\b|\b(?:mixed|mezcle)\b${upTo(3)}\s+(?:${PILLS}|${DRUGS}|benzos?|alcohol|xanax)\b${upTo(3)}\s+(?:with|and|con|y)\s+(?:${PILLS}|${DRUGS}|benzos?|alcohol|xanax|fent\w*)`,
    ),
    alsoRequires: r(String.raw`\b(?:${ACUTE_SIGNS}|chest|pecho|corazon|cant breathe|dying|muero|weird|raro|awake|mal|bad|sick)\b|\b(?:shot up|injected|me inyecte|me pase con)\b`),
  },
  {
    id: "od.use_then_signs", // drug use with acute body signs
    category: "overdose_medical",
    pattern: r(String.raw`\b${ACUTE_SIGNS}\b`),
    alsoRequires: r(String.raw`\b(?:${DRUGS}|${PILLS}|used|using|smoked|smoking|snorted|snorting|shot up|shooting up|did a line|line|dose|dosis|consumi|use|high|laced|benzos?|took|tome|inyect\w*)\b`),
  },
  {
    id: "od.narcan_not_working_gap", // "the narcan we gave him is not working at all"
    category: "overdose_medical",
    pattern:
      /\b(?:narcan|naloxone|naloxona)s?\b(?:\s+\w+){0,6}?\s+(?:not|isnt|didnt|wont|aint|no|nothing|did nothing|hizo nada)\b(?:\s+\w+){0,2}?\s*(?:working|work|worked|helping|help|doing anything|funciona\w*|sirve|sirvio|nada|reacciona|despierta|responde|breathing|respira)?\b/,
  },
  {
    id: "od.bleeding_wont_stop",
    category: "overdose_medical",
    pattern: /\bblood (?:everywhere|all over)\b|\b(?:bleeding|blood)\b(?:\s+\w+){0,3}?\s+(?:wont|will not|cant|doesnt) stop\b|\bno (?:para|deja) de sangrar\b|\bsangre por todos lados\b/,
  },
];

// ---------------------------------------------------------------------------
// Overdose / medical emergency now (imminent)
// ---------------------------------------------------------------------------
const OVERDOSE_RULES: CrisisRule[] = [
  {
    id: "od.word", // od, oded, od'ing, o.d., overdose(d), overdoes, sobredosis
    category: "overdose_medical",
    pattern:
      /\b(?:od|ods|oded|oding|odin|odeing|overdos\w*|overdoes\w*|overdoz\w*|over dos(?:e|ed|ing|es)|ovedos\w*|overdo(?:se|sed|sing)|sobre ?dosis|sobredos\w*)\b/,
  },
  {
    id: "od.not_breathing",
    category: "overdose_medical",
    pattern:
      /\b(?:not|isnt|is not|aint|stopped|barely|cant|wont|hes not|shes not|hardly)\s+breath(?:e|ing)\b|\bno (?:esta )?respira(?:ndo)?\b|\bsin respirar\b|\bdejo de respirar\b|\bno puedo respirar\b/,
  },
  {
    id: "od.blue",
    category: "overdose_medical",
    pattern:
      /\b(?:turning|turned|going|is|hes|shes|looks|look|are)\s+(?:all\s+|so\s+)?(?:blue|purple|gray|grey)\b(?! (?:shirt|dress|car|hair|eyes|one|team)\b)|\blips (?:are |look |turning )?(?:blue|purple)\b|\bse (?:puso|esta poniendo|pone) (?:azul|morad[oa])\b|\blabios morados\b/,
  },
  {
    id: "od.unresponsive",
    category: "overdose_medical",
    pattern:
      /\b(?:cant|wont|couldnt|can not)\s+wake\s+(?:him|her|them|my \w+)(?:\s+up)?\b(?! up (?:for|in time|on time|early)\b)|\bbreathing\s+(?:really\s+|so\s+|very\s+)?(?:slow|shallow|weird|funny|strange)\b|\b(?:he|she|they|hes|shes|him|her|my \w+(?: \w+)?)(?:\s+\w+){0,3}?\s+(?:wont|will not|isnt|not|cant)\s+(?:wake|waking)\s+up\b(?!\s+(?:for|in time|on time|early))|\bunresponsive\b|\bno (?:despierta|reacciona)\b|\bno (?:lo|la) puedo despertar\b/,
  },
  {
    id: "od.narcan_now",
    category: "overdose_medical",
    pattern:
      /\b(?:gave|give|giving|need|needs|needed|used|use|using|get|grab|administer\w*|hit (?:him|her|them) with|le di|darle|necesito|ocupo)\s+(?:him\s+|her\s+|them\s+|me\s+|el\s+|a el\s+|a ella\s+|some\s+|[0-9]+\s+|two\s+|dos\s+|another\s+|otra\s+)?(?:narcan|naloxone|naloxona)s?\b|\bnarcan (?:him|her|them)\b/,
  },
  {
    id: "od.took_too_many",
    category: "overdose_medical",
    pattern: r(
      String.raw`\b(?:took|taken|swallowed|downed|popped|ate)\b${upTo(3)}\s+(?:too many|to many|way too many|whole|all|bottle|bunch|handful|lot|lots|[0-9]{2,})\b${upTo(3)}\s*${PILLS}\b|\b(?:took|taken|did|used|done|had)\s+(?:way\s+)?(?:too|to)\s+(?:much|many)\b`,
    ),
  },
  {
    id: "od.took_all_of", // "took all my seroquel" — any medicine name
    category: "overdose_medical",
    pattern: r(
      String.raw`\b(?:took|taken|swallowed|downed|popped)\s+(?:all|every one of|the whole|a whole|the rest of)\s+(?:of\s+)?(?:my|the|his|her|these|those)\s+(?!${CHILD}\b|(?:day|week|weekend|time|family|thing|money|stuff|class|classe|shift|test|trash|food|clothe|dog|bag|box|paper|form|kid|belonging)s?\b)\w+`,
    ),
  },
  {
    id: "od.unknown_amount",
    category: "overdose_medical",
    pattern:
      /\b(?:dont know|idk|not sure|no se)\s+(?:how (?:much|many)|cuant[oa]s?)\s+(?:i|he|she|they|me|se)?\s*(?:took|did|used|had|tome|tomo|use|uso)\b|\bse me paso la mano\b(?:\s+\w+){0,4}?\s+(?:droga|drogas|pastillas|cristal|fentanilo|perico|coca|heroina|dosis)\b/,
  },
  {
    id: "od.injured_other", // someone else hurt now: "he shot himself"
    category: "overdose_medical",
    pattern:
      /\b(?:shot|stabbed|hung|hanged|cut|overdosed)\s+(?:himself|herself|themselves|themself)\b|\bse (?:disparo|ahorco|colgo|corto las venas)\b|\bbleeding from (?:his|her|my|the|their) (?:head|neck|chest|mouth|ears?)\b/,
  },
  {
    id: "od.es_tirado",
    category: "overdose_medical",
    pattern: /\b(?:esta|estan)\s+tirad[oa]s?\b.*\bno (?:contesta|responde|reacciona|se mueve|despierta)\b/,
  },
  {
    id: "od.es_tome_pastillas",
    category: "overdose_medical",
    pattern:
      /\b(?:me tome|tome|tomo|se tomo|tomaron|se tomaron|me trague|se trago)\s+(?:todas|muchas|demasiadas|un frasco|el frasco|un bote|toda la caja|un monton|un chingo|[0-9]{2,})\b/,
  },
  {
    id: "od.dying_now",
    category: "overdose_medical",
    pattern:
      /\b(?:think|feel like|feels like|thought)\s+(?:i am|i|im)\s+(?:dying|going to die|having a heart attack)\b|\bi am dying\b|\bme (?:estoy muriendo|muero)\b|\bsiento que me (?:muero|voy a morir)\b/,
    jokeable: "drop",
  },
  {
    id: "od.acute_symptoms",
    category: "overdose_medical",
    pattern:
      /\b(?:seizure|seizing|convulsing|convulsion\w*|convulsionando|chest pain|heart attack|stroke|ataque al corazon|dolor (?:de|en el) pecho)\b|\b(?:bleeding|sangrando)\s+(?:a lot|so much|bad|badly|everywhere|mucho|out)\b|\bwont stop bleeding\b|\bno para de sangrar\b/,
  },
  {
    id: "od.collapsed",
    category: "overdose_medical",
    pattern:
      /\bfoaming at the mouth\b|\bespuma (?:por|en) la boca\b|\b(?:he|she|they|someone|somebody|my (?!tent|house|roof|ceiling|chair|bed|table|shelf|plan|case)\w+)(?:\s+\w+){0,3}?\s+(?:just\s+)?collapsed\b|\bse desmayo y\b|\b(?:he|she|hes|shes|they|him|her|my (?!car|truck|phone|bus|line|case|laptop|tv)\w+)(?:\s+\w+){0,4}?\s+(?:not|isnt|wont|stopped)\s+(?:moving|responding|responsive)\b(?!\s+to\b)|\bno se mueve\b/,
  },
  {
    id: "od.narcan_failing",
    category: "overdose_medical",
    pattern: /\b(?:narcan|naloxone|naloxona)s?\s+(?:isnt|is not|not|didnt|did not|wont|no)\s+(?:working|work|worked|funciona|funciono|hace nada)\b/,
  },
  {
    id: "od.laced",
    category: "overdose_medical",
    pattern: /\b(?:laced|cut|pressed)\s+(?:with|w)\s+(?:fent\w*|fentanilo|xylazine|tranq)\b/,
  },
];

// ---------------------------------------------------------------------------
// Child in danger now (imminent) — also triggers mandated-reporter handling
// ---------------------------------------------------------------------------
const CHILD_RULES: CrisisRule[] = [
  {
    id: "cd.ingested",
    category: "child_danger",
    pattern: r(
      String.raw`\b${CHILD}\b${upTo(2)}\s+(?:swallowed|ate|got into|drank|found|took|put|se trago|se tomo|se comio|encontro|agarro)\b${upTo(4)}\s*(?:${PILLS}|${DRUGS}|baggie|bag of|in (?:his|her|their) mouth|bleach|cloro|cleaner|chemicals|detergent|pods?|battery|batteries|lighter fluid|vape juice|antifreeze|something|algo)\b`,
    ),
  },
  {
    id: "cd.medical",
    category: "child_danger",
    // Cheap gate first: the full pattern below only runs on texts that have these words.
    pattern: /\b(?:not breathing|isnt breathing|stopped breathing|cant breathe|turning blue|unresponsive|wont wake up|choking|seizure|seizing|missing|bleeding|not moving|isnt moving|no se mueve|no respira|no esta respirando|no despierta|ahogando|ahoga|desaparecio|sangrando|no reacciona|convulsionando|se cayo y no)\b/,
    alsoRequires: r(
      String.raw`\b${CHILD}\b${upTo(6)}\s+(?:is\s+|isnt\s+|s\s+|esta\s+)?(?:not breathing|isnt breathing|stopped breathing|cant breathe|turning blue|unresponsive|wont wake up(?!\s+(?:for|in time|on time|early))|choking|having a seizure|seizing|missing|bleeding|not moving|isnt moving|no se mueve|no respira|no esta respirando|no despierta|se esta ahogando|se ahoga|desaparecio|sangrando|no reacciona|convulsionando|se cayo y no)\b`,
    ),
  },
  {
    id: "cd.harmed",
    category: "child_danger",
    pattern: r(
      String.raw`\b(?:hit|hitting|hits|beat|beating|beats|hurt|hurting|hurts|harm|threw|throw|throwing|slammed|slamming|shoved|shoving|pushed|choke|choking|chokes|choked|shook|shaking|shake|punch\w*|kick\w*|burn\w*|touch\w*|molest\w*|abus\w*|rape\w*|threaten\w*|pegando|pegandole|pega|pego|golpeando|golpeandole|golpea|golpeo|lastimando|lastimo|maltratando|tocando|abusando)\s+(?:on\s+)?(?:my|the|our|his|her|a|mi|mis|a mi|a mis|al|a la|a los|la|el|los)?\s*${CHILD}\b`,
    ),
  },
  {
    id: "cd.grabbed",
    category: "child_danger",
    pattern: r(String.raw`\b(?:grabbed|grabbing|grab|picked up|lifted|dragged|dragging)\s+(?:my|the|our|his|her)\s+${CHILD}\s+by (?:the|his|her) (?:neck|throat|hair)\b`),
  },
  {
    id: "cd.alone",
    category: "child_danger",
    pattern: r(
      String.raw`\b${CHILD}\s+(?:are|is|were|s)?\s*(?:home\s+)?(?:all\s+)?alone\b(?!\s+with)|\bleft\s+(?:the|my)\s+${CHILD}\s+(?:home\s+)?alone\b|\b(?:ninos|hijos|nenes|bebe|nino|nina|hijo|hija)\s+(?:estan|esta|se quedaron|se quedo)\s+sol[oa]s?\b|\bdeje\s+(?:a\s+)?(?:los|mis|mi|al|a la)\s+\w+\s+sol[oa]s?\b`,
    ),
  },
  {
    id: "cd.impaired_caregiver", // "kids dad is drunk and driving with them"
    category: "child_danger",
    pattern: r(String.raw`\b${CHILD}\b`),
    alsoRequires:
      /\b(?:drunk|high|loaded|wasted|nodding out|nodded out|passed out|borrach[oa]|drogad[oa])\b(?:\s+\w+){0,4}?\s+(?:driving|drove|manejando|with (?:them|the kids|my kids|the baby|my baby)|watching (?:them|the kids|the baby)|con (?:ellos|los ninos|mis hijos|el bebe))\b|\b(?:se llevo|took|has|se llevaron|took off with)\s+(?:a\s+)?(?:los|las|mis|the|my|el|la)\s+\w+\s+(?:\w+\s+)?(?:drunk|high|wasted|borrach[oa]|drogad[oa])\b/,
  },
  {
    id: "cd.left_in_danger",
    category: "child_danger",
    pattern: r(
      String.raw`\bleft\s+(?:the|my)\s+${CHILD}\s+(?:in the car|in the tub|in the bath|in the bathtub|with him|with her dad|with his dad)\b|\bdeje (?:a )?(?:mi|mis|el|la|los) \w+ en el carro\b`,
    ),
  },
  {
    id: "cd.missing",
    category: "child_danger",
    pattern: r(
      String.raw`\b(?:cant|couldnt)\s+find\s+(?:my|the)\s+${CHILD}\b|\bno encuentro a (?:mi|mis)\s+(?:hij|bebe|nin|nen)\w*|\b${CHILD}\s+(?:is|are)\s+(?:missing|gone)\b`,
    ),
  },
];

// ---------------------------------------------------------------------------
// Violence / abuse now (imminent)
// ---------------------------------------------------------------------------
const VIOLENCE_RULES: CrisisRule[] = [
  {
    id: "va.attacking_me",
    category: "violence_abuse",
    pattern: r(
      String.raw`\b${AGENT}\s+(?:is\s+|s\s+|keeps\s+|kept\s+|just\s+|started\s+|been\s+|is still\s+|wont stop\s+)?(?:hitting|beating|choking|strangling|hurting|attacking|punching|kicking|stabbing|raping|slapping|threatening|hit|beat|choked|strangled|punched|kicked|stabbed|raped|slapped|attacked|assaulted|pushed|shoved|dragged|threw|throwing|slammed|slamming|pinned|pinning)\s+(?:me|on me|us)\b`,
    ),
  },
  {
    id: "va.weapon",
    category: "violence_abuse",
    pattern: r(
      String.raw`\b${AGENT}\b${upTo(3)}\s+(?:has|got|with|holding|pulled|pointing|tiene|trae|con)\s+(?:a\s+|his\s+|her\s+|the\s+|una\s+|un\s+|su\s+)?(?:gun|knife|pistol|weapon|bat|pistola|cuchillo|arma|navaja)\b`,
    ),
  },
  {
    id: "va.threat_to_kill_me",
    category: "violence_abuse",
    pattern: r(
      String.raw`\b${AGENT}\b${upTo(3)}\s+(?:going to|will|wants to|threatened to|threatening to|trying to|tried to|gonna)\s+(?:kill|hurt|shoot|stab|beat|choke|murder)\s+(?:me|us)\b`,
    ),
    jokeable: "drop",
  },
  {
    id: "va.homicidal", // the parent threatening someone else
    category: "violence_abuse",
    pattern: /\b(?:i am|i|ill|i will)\s+(?:going to|want to|about to)\s+(?:kill|stab|shoot|murder)\s+(?:him|her|them|someone|somebody|my ex|that)\b/,
  },
  {
    id: "va.fear_hiding",
    category: "violence_abuse",
    pattern:
      /\b(?:scared|afraid|fear|terrified)\s+(?:for my life|he will|hell|he is going to|he might|she will|of him)\b|\bhiding\s+(?:from\s+(?:him|her|them|my)|in the (?:bathroom|closet|car))\b|\b(?:trying to|tryna)\s+(?:break|kick)\s+(?:in|down|the door)\b|\b(?:breaking|kicking)\s+(?:in|down)\s+(?:the|my)\s+door\b|\bwont let me (?:leave|go|out)\b|\blocked me in\b|\blocked (?:myself )?in (?:the|my) (?:bathroom|room|bedroom|closet|car)\b|\b(?:banging|pounding|beating) on (?:the|my) (?:door|window)\b|\bput (?:his|her) hands on me\b/,
  },
  {
    id: "va.es_me_pega",
    category: "violence_abuse",
    pattern:
      /\b(?<!se )(?:me|nos)\s+(?:esta|estan|sigue|siguen)?\s*(?:pegando|golpeando|ahorcando|lastimando|amenazando|maltratando|pega|golpea|golpeo|pego|ahorco|amenazo|violo|agredio|agrede|ataco)\b/,
  },
  {
    id: "va.es_me_quiere_matar",
    category: "violence_abuse",
    pattern:
      /\bme\s+(?:quiere|va a|van a|quieren|amenaza con|amenazo con|trato de|intento)\s+(?:matar|pegar|golpear|ahorcar|lastimar|apunalar)\b|\bamenazo con matarme\b/,
    jokeable: "drop",
  },
  {
    id: "va.es_miedo",
    category: "violence_abuse",
    pattern:
      /\bno me deja (?:salir|irme)\b|\bme encerro\b|\btengo miedo (?:de que me|de el|de ella|que me mate|por mi vida)\b|\bme estoy escondiendo\b|\bme (?:dio|dieron|esta dando|dan) (?:una |un )?(?:golpiza|paliza|putiza|cachetada|bofetada|madrazo|chingadazo|golpe)\b/,
  },
];

// ---------------------------------------------------------------------------
// Explicit help (imminent). Keyword list is product policy — see keywords.ts.
// ---------------------------------------------------------------------------
const HELP_RULES: CrisisRule[] = [
  {
    id: "help.repeated", // "help help help" is not the carrier HELP keyword
    category: "explicit_help",
    pattern: /\bhelp\s+help\b/,
  },
  {
    id: "help.urgent",
    category: "explicit_help",
    pattern:
      /\b(?:please|someone|somebody|anyone)\s+help(?:\s+me)?(?:\s+please)?$|\b(?:i|we)\s+need\s+help\s+(?:now|right now|asap|please|immediately|urgently|bad)\b|\b(?:please|plz)\s+(?:i|we)\s+need\s+help\s*$|\bnecesito ayuda\s+(?:ya|ahora|urgente|por favor|porfa)\b|\balguien\s+(?:ayudeme|ayudame|ayudenme)\b|\b(?:ayudenme|ayudeme)\b|\b(?:por favor|porfa|please)\s+(?:ayudame|ayuda)\b/,
  },
  {
    id: "help.call_911",
    category: "explicit_help",
    pattern:
      /\b(?:call|calling|need|llama|llamen|llame|llamar|marquen)\s+(?:an?\s+|al\s+|a la\s+|una\s+)?(?:911|ambulance|ambulancia|police|policia|cops)\b(?!.*\b(?:todos (?:estan )?bien|todo bien|everyone (?:is )?(?:ok|okay|fine)|all good|by accident|por error|por accidente)\b)(?!\s+(?:if (?:you|u) (?:see|find)|si (?:ves|ven|miras|encuentras))\b)/,
  },
];

// ---------------------------------------------------------------------------
// Return to use (concern)
// ---------------------------------------------------------------------------
const RETURN_TO_USE_RULES: CrisisRule[] = [
  {
    id: "ru.had_drinks", // "had a few beers last night"
    category: "return_to_use",
    pattern:
      /\b(?:had|drank|downed|had like)\s+(?:a few|a couple|some|two|three|four|five|six|[0-9]+|a couple of|a bunch of|too many|a|one)\s+(?:beers?|drinks?|shots?|glasses of wine|wines?|seltzers?|white claws?|tall cans?|forties|40s)\b(?! of (?:water|juice|milk|soda|coffee|tea)\b)/,
  },

  {
    id: "ru.i_used",
    category: "return_to_use",
    pattern:
      /\bi\s+(?:have\s+|ve\s+|just\s+|already\s+)?used\b(?!\s+(?:to|my|the|a|an|your|it|that|this|his|her|their|our|some of|up|as|for|all my|every|me)\b)|^used\b(?!\s+(?:to|my|the|a|an|your|it|that|this|his|her|their|our|some of|up|as|for|all my|every|me)\b)|\bused\s+(?:again|last night|yesterday|today|this morning|this weekend|over the weekend|tonight)\b/,
  },
  {
    id: "ru.relapse",
    category: "return_to_use",
    pattern: /\b(?:relaps\w*|relasp\w*|re laps\w*)\b/,
  },
  {
    id: "ru.slip",
    category: "return_to_use",
    pattern:
      /\b(?:i|i have|ive|i just)\s+slipped(?:\s+up)?\b(?!\s+(?:on|and fell|in the|at work))|\bhad a slip\b|^slipped\b|\bslipped\s+(?:last night|yesterday|again|this weekend|over the weekend)\b|\bslip(?:ped)? up\b/,
  },
  {
    id: "ru.picked_up",
    category: "return_to_use",
    pattern: /\bfell off\s+(?:again|last night|yesterday|today|this weekend)\b|\bpicked up\s+(?:again|last night|yesterday|today|after)\b|\bi picked up$/,
  },
  {
    id: "ru.clean_time_lost",
    category: "return_to_use",
    pattern:
      /\bback (?:to|at|on) day (?:1|one)\b|\bday (?:1|one) again\b|\blost my (?:clean|sober|sobriety) (?:time|date)\b|\bstart(?:ing)? (?:my )?(?:count|clean time|days) over\b|\breset my (?:date|days|clock|count)\b|\bafter\s+(?:\w+\s+){0,2}(?:days?|weeks?|months?|years?|yrs?)\s+(?:clean|sober)\b|\bnot (?:clean|sober) any ?more\b|\bfell off the wagon\b|\b(?:been|started|back to)\s+(?:drinking|smoking meth|smoking crack|getting high|shooting up|snorting)\b/,
  },
  {
    id: "ru.positive_test",
    category: "return_to_use",
    pattern:
      /\b(?:failed|dirty|positive|hot)\s+(?:my\s+|the\s+|a\s+)?(?:ua|test for|u a|uds|drug test|drop|screen|swab|test for)\b|\b(?:tested|came back|came up|popped)\s+(?:positive|dirty)\b|\bpositive for\b|\b(?:sali|salio|di|dio)\s+positiv[oa]\b/,
  },
  {
    id: "ru.got_high",
    category: "return_to_use",
    pattern:
      /\b(?:got|get|getting|i am|been|stayed|still)\s+(?:so\s+|really\s+|super\s+)?(?:high|loaded|wasted|drunk|lit|fucked up|tore up|smashed|faded)\b(?!\s+(?:school|five|blood|score|chair|heels|up))/,
  },
  {
    id: "ru.drank_used",
    category: "return_to_use",
    pattern: r(
      String.raw`\b(?:i|ive|i just|and|then|so i)\s+(?:drank|smoked|shot up|snorted|took a hit|hit (?:a|the) pipe|hit it|did (?:a line|lines|meth|dope|coke|fent\w*|heroin|crack))\b(?!\s+(?:a\s+)?(?:cig\w*|coffee|water|tea|juice|soda|milk|pop|a cig\w*|vape|some water|black))|\b(?:and|then|so i)\s+used\b(?!\s+(?:to|the|my|a|an|it|your|that|this)\b)|\btook a (?:hit|bump|line|shot|pull)\b(?!\s+(?:to|at)\b)|\bhit (?:a|the|my|his|her|\w+s) pipe\b|^(?:drank|smoked|relapsed|got high|got drunk|shot up)\b|\b(?:using|drinking|smoking|shooting up|getting high)\s+again\b|\b(?:been|started|back to|keep|kept|i am)\s+using\b(?!\s+(?:the|my|a|an|your|it|this|that|her|his)\b)|\bi\s+(?:used|did|bought|copped)\s+${DRUGS}\b`,
    ),
  },
  {
    id: "ru.es_recai",
    category: "return_to_use",
    pattern:
      /\b(?:reca[iy]\w*|recaida)\b|\bvolvi a (?:consumir|usar|tomar|beber|drogarme|fumar|caer|meterme)\b|\b(?:consumi|me drogue|me emborrache|me puse (?:borrach[oa]|hasta atras|pedo|high)|me endrogue|me meti (?:algo|cristal|coca|perico|droga))\b|\b(?:use|tome|fume|consumi)\s+(?:anoche|ayer|hoy|otra vez|de nuevo|el fin)\b|\bestoy\s+(?:drogad[oa]|borrach[oa]|pasad[oa]|high|pedo)\b|\b(?:me tome|tome|me eche|me avente)\s+(?:unas?|un par de|varias|unos|mis|[0-9]+)?\s*(?:cervezas?|chelas?|tragos?|copas?|caguamas?|shots?|vinos?|botellas?)\b/,
  },
];

// ---------------------------------------------------------------------------
// Cravings (concern)
// ---------------------------------------------------------------------------
const NOT_A_DRUG_CRAVING = String.raw`(?:\s+(?:some\s+|a\s+|an\s+|for\s+|for\s+some\s+|my\s+)?(?:pizza|tacos?|food|chocolate|sweets|candy|coffee|ice ?cream|burgers?|chips|sugar|snacks?|junk food|chinese|mexican|sushi|fries|donuts?|cake|pie|bbq|chicken|wings|hot cheetos|cheetos|soda|tea|pasta|noodles|ramen|bed|sleep|a nap|nap|attention|hugs?|you|kids|mom|moms cooking|pickles|fruit|salad|pho|menudo|pozole|tamales)\b)`;

const CRAVING_RULES: CrisisRule[] = [
  {
    id: "cr.bag_unused", // "bought a bag but didnt use it", "tengo muchas ansias"
    category: "cravings",
    pattern: /\b(?:bought|got|picked up|copped)\s+(?:a|some)\s+(?:bag|point|gram|baggie)\b|\b(?:didnt|did not|havent)\s+(?:use|used|touch|touched)\s+(?:it|them)\b|\btengo (?:muchas |bien )?ansias\s*$/,
  },
  {
    id: "cr.holding_unused", // "i have a bag and havent used it yet"
    category: "cravings",
    pattern: /\bhavent (?:used|touched|done|opened) (?:it|them|any|anything)\b(?:\s+yet)?|\bhavent used yet\b|\btengo (?:algo|una bolsa|droga|cristal)\b(?:\s+\w+){0,3}?\s+(?:no (?:lo|la) he usado|todavia no)\b/,
  },

  {
    id: "cr.craving",
    category: "cravings",
    pattern: r(String.raw`\bcrav(?:e|es|ed|ing|ings|in)\b(?!${NOT_A_DRUG_CRAVING})`),
  },
  {
    id: "cr.want_to_use",
    category: "cravings",
    pattern:
      /\b(?:want|wanting|urge|urges|tempted|itching|eager|close|about|thinking about|thinking of|feel like|feeling like)\s+(?:to\s+)?(?:use|using|get high|getting high|drink|drinking|pick up|picking up|go get some|call my dealer|relapse|smoke|shoot up|score)\b(?!\s+(?:the|my|your|a|an|it|this|that|water|coffee|tea|juice|soda|milk|some water|him|her|them|my kids|the kids)\b)/,
  },
  {
    id: "cr.urges",
    category: "cravings",
    pattern: /\burges?\s+(?:are|is|to|so|really|r)\b|\b(?:strong|bad|big|crazy|intense)\s+urges?\b/,
  },
  {
    id: "cr.has_drugs", // holding but not (yet) using
    category: "cravings",
    pattern:
      /\b(?:bought|got|copped|have|holding|picked up|scored)\s+(?:some|a bag of|a gram of|a point of|a bag|a few)?\s*(?:dope|fent\w*|meth|crack|coke|heroin|shard|ice|blues|perc 30s)\b/,
  },
  { id: "cr.triggered", category: "cravings", pattern: /\btrigger(?:ed|ing)\b/ },
  {
    id: "cr.dealer",
    category: "cravings",
    pattern: /\b(?:my|the|old|his|her)\s+(?:dealer|plug|connect)\b(?!\s+(?:in|for the|is broken))|\bmi (?:dealer|dealer|conecte|vendedor)\b/,
  },
  {
    id: "cr.es_ganas",
    category: "cravings",
    pattern:
      /\b(?:ganas|antojo|deseo|ansias|ansiedad|tentad[oa])\s+(?:de|por)?\s*(?:usar|consumir|tomar(?!\s+(?:agua|cafe|te|jugo|un descanso|una siesta|aire|el bus|el camion|leche))|beber|drogarme|fumar(?!\s+(?:cigarro|un cigarro))|meterme|la droga|las drogas|droga|alcohol|cerveza|la botella|cristal|piedra|perico|coca|heroina|fentanilo)\b|\bquiero (?:usar|consumir|drogarme|meterme algo|tomar alcohol|una cerveza)\b/,
  },
];

// ---------------------------------------------------------------------------
// Hopelessness without intent (concern)
// ---------------------------------------------------------------------------
const HOPELESSNESS_RULES: CrisisRule[] = [
  {
    id: "hp.low_words", // "so depressed i cant get out of bed", "nothing left for me", "im broken"
    category: "hopelessness",
    pattern:
      /\b(?:so|really|super|very|severely|too)\s+depressed\b|\bcant get out of bed\b|\bcant do anything right\b|\btodo lo hago mal\b|\bsick of (?:this|my) life\b|\bnever (?:have to )?(?:deal with|face|feel) anything again\b|\bnothing left for me\b|\bdont see the point\b|\bno le importo a nadie\b|\bya no quiero nada\b|\b(?:hart[oa]|cansad[oa]) de mi mism[oa]\b|\bya me canse\s*$|\bi am (?:so |just |completely )?broken\s*$|\bestoy (?:muy )?deprimid[oa]\b/,
  },
  {
    id: "hp.do_it_euphemism", // "i'm so close to doing it", "i have everything i need to do it tonight": ask, do not guess
    category: "hopelessness",
    pattern:
      /\b(?:close to|ready to|about to|everything i need to|finally going to|going to finally|gonna finally|the courage to|el valor de|lista para|listo para)\s+(?:do|doing|hacer)\s+(?:it|lo)\b(?=\s*$|\s+(?:tonight|now|today|this time|for real|for good|hoy|ya|esta noche))/,
  },

  {
    id: "hp.falling_apart", // distress without a stated wish: "falling apart", "waste of space", "quiero que todo se acabe"
    category: "hopelessness",
    pattern: r(
      String.raw`\b(?:falling apart|breaking down|losing my mind|cant cope|not coping|me estoy derrumbando|me estoy volviendo loca|me estoy volviendo loco)\b|\bstop feeling (?:like this|this way|anything)\b|\bmake (?:it|the pain|everything) stop\b|\bquiero que (?:todo|esto|el dolor) (?:se acabe|termine|pare)\b|\bwaste of (?:space|air|life|oxygen)\b|\bi ruin everything\b|\b(?:everyone|everybody) hates me\b|\btodos me odian\b|\b(?:sick|tired) of being (?:me|alive|myself)\b|\bcansad[oa] de ser yo\b|\b(?:go to )?sleep and (?:stay there|not come back)\b|\b(?:not|never) going to get better\b|\bnunca voy a estar bien\b|\bnada va a cambiar\b|\brun away from (?:everything|it all|my life)\b|\bhuir de todo\b|\bno tengo fuerzas\b|\bsin fuerzas\b|\bno sirvo (?:como|de) (?:madre|mama|padre)\b|\bestoy perdid[oa]\b`,
    ),
  },

  {
    id: "hp.why_bother", // "why do i even bother", "i dont want to do this anymore", "honestly im done"
    category: "hopelessness",
    pattern: r(
      String.raw`\bwhy (?:do|should|would) i${FILLER}\s+(?:bother|try|keep trying|keep going|care)\b|\b(?:dont|do not)${FILLER}\s+want to (?:do (?:this|it)|keep (?:doing|going)|try) (?:anymore|no more)\b|^(?:\w+\s+){0,2}i am${FILLER}\s+done\s*$|\b(?:its|it is|everything is|this is)${FILLER}\s+(?:all\s+)?too much\b(?! (?:money|food|work|homework|traffic|paperwork)\b)|\b(?:nobody|no one)${FILLER}\s+would${FILLER}\s+(?:notice|care|miss me)\b|\b(?:no one|nobody) cares if i\b|\bno tengo ganas de nada\b|\bno (?:valgo|sirvo)\s+(?:para\s+|pa\s+)?nada\b`,
    ),
  },

  {
    id: "hp.self_hate",
    category: "hopelessness",
    pattern:
      /\bi(?: am)?(?:\s+(?:really|just|so|fucking|honestly|lowkey))*\s+(?:hate|despise|loathe|cant stand)\s+(?:myself|my ?self|who i am|being me|everything about me|me)\b|\bme (?:odio|doy asco)\b|\bodio mi vida\b/,
  },
  {
    id: "hp.disappear", // "i want to disappear", "quisiera dormir para siempre", "run away and never come back"
    category: "hopelessness",
    pattern: r(
      String.raw`\b(?:want|wish|wanna|could|need|would love|rather)${FILLER}\s+(?:to${FILLER}\s+)?(?:disappear|vanish|sleep forever|go to sleep forever|not feel anything|not feel)\b|\b(?:quiero|quisiera|me quiero|ganas de|deseo)\s+(?:ya\s+|solo\s+|nomas\s+)?(?:desaparecer|dormir para siempre|dormir me para siempre|ir me lejos|huir)\b(?! (?:este|esta|el|la|los|las|mi|tu|su)\b)|\b(?:run away|leave|go away|go|ir me|ir|irme)\b(?:\s+\w+){0,2}?\s+(?:and never come back|y no volver|y nunca volver|no volver nunca|y ya no volver)\b|\b(?:easier|better|mejor)\s+(?:to not|not to|if i (?:didnt|couldnt)|no)\s+(?:feel|be here|exist|wake up|sentir|existir)\b|\bsleep forever\b`,
    ),
  },
  {
    id: "hp.no_way_forward",
    category: "hopelessness",
    pattern:
      /\b(?:dont|cant|do not|can not|no longer)\s+see\s+(?:a|any)\s+(?:way|future|point|light|reason)\b|\bno (?:veo|tengo) (?:salida|futuro|la salida)\b|\b(?:end of my rope|breaking point|rock bottom|hit bottom|toque fondo|estoy en el fondo|al limite)\b|\b(?:drowning|suffocating|me ahogo|me estoy ahogando)\b(?! in (?:work|paperwork|laundry|bills|homework|emails))|\bhow (?:much )?longer i can (?:keep going|do this|take (?:it|this)|hold on|last)\b|\bcuanto mas (?:voy a|puedo) aguantar\b/,
  },
  {
    id: "hp.cant_stop_crying",
    category: "hopelessness",
    pattern: /\b(?:cant|cannot) stop crying\b|\bkeep crying\b(?:\s+\w+){0,3}?\s+cant stop\b|\bno (?:puedo )?(?:dejar|paro) de llorar\b/,
  },
  {
    id: "hp.give_up_on",
    category: "hopelessness",
    pattern: /\b(?:give|giving|gave) up on (?:everything|life|myself|it all|living)\b|\bfeel(?:ing)? like giving up\b|\bme (?:quiero )?rend\w*\b/,
  },
  {
    id: "hp.bad_parent", // "my kids would be better off with someone else", "im a horrible mother"
    category: "hopelessness",
    pattern:
      /\b(?:better off|estarian mejor)\s+(?:with|con)\s+(?:someone|somebody|anyone|alguien|otra persona|their dad|su papa|another)\b|\b(?:they|my kids|my babies|mis hijos)\s+(?:deserve|merecen)\s+(?:better|algo mejor|una mejor)\b|\b(?:i am|soy)(?:\s+(?:such|so|the|a|una|la|just))*\s+(?:bad|terrible|horrible|awful|worst|shitty|crappy|useless|mala|pesima|peor)\s+(?:mom|mother|mommy|parent|dad|father|madre|mama)\b/,
  },
  {
    id: "hp.feel_alone_empty",
    category: "hopelessness",
    pattern:
      /\bfeel(?:ing)?\s+(?:so\s+|really\s+|completely\s+|all\s+|very\s+)?(?:alone|lonely|empty|numb|hopeless|worthless|useless|dead inside|like a burden|like nothing|like a failure)\b|\bme siento (?:muy |tan |bien )?(?:vaci[oa]|sol[oa]|muert[oa] por dentro|sin esperanza|un estorbo|una carga|inutil|nada|perdid[oa])\b|\b(?:muert[oa]|dead) (?:por dentro|inside)\b/,
  },
  {
    id: "hp.dont_care_anymore",
    category: "hopelessness",
    pattern:
      /\bdont care (?:what happens to me|if i (?:live|die|wake up|make it)|about anything anymore|anymore)\b|\bno me importa (?:lo que me pase|si me muero|nada|si vivo)\b|\b(?:life|this life|everything|it all|todo)\s+(?:is|es)\s+(?:just\s+)?(?:too much|demasiado)\b|\bi am not (?:ok|okay|alright|fine)\b(?! (?:with|about|to)\b)|\bi cant(?: do it| take it| take this| go on| deal)? anymore\b|\bi cant\s*$|\bwant (?:everything|it all|the pain|this|it|all of this) to (?:stop|end)\b|\bwant (?:it|this) (?:all )?over\b/,
  },
  {
    id: "hp.es_ya_no_puedo", // object-less "can't": distress; "ya no puedo ir" is logistics
    category: "hopelessness",
    pattern: /\bya no (?:puedo|aguanto)\b(?! \w*(?:ar|er|ir)\b)(?! (?:con|el|la|los|las|que|ese|esa|este|esta)\b(?! vida\b))/,
  },

  {
    id: "hp.whats_the_point",
    category: "hopelessness",
    pattern: /\b(?:whats|what is|wats|wuts|whats even|what even is) the point\b|\bno point (?:in|any ?more|trying|to)\b|\bpointless\b/,
  },
  {
    id: "hp.give_up",
    category: "hopelessness",
    pattern: /\b(?:i|i am|just|going to|want to|ready to)\s+(?:give|giving)\s+up\b(?!\s+(?:smoking|cigarettes|sugar|soda|caffeine|coffee|meat|my seat|custody of))/,
  },
  {
    id: "hp.cant_anymore",
    category: "hopelessness",
    pattern:
      /\bcant\s+(?:do this|do it|take (?:it|this|any ?more)|handle (?:it|this|anything)|go on|keep going|keep doing this|keep living like this|live like this)(?:\s+any ?more)?\b|\bi am (?:so\s+)?done with (?:everything|it all|life|this life)\b|\b(?:tired|sick) of (?:everything|it all|fighting|living|trying|life|being alive)\b|\bi hate my life\b/,
  },
  {
    id: "hp.hopeless_words",
    category: "hopelessness",
    pattern:
      /\b(?:hopeless|no hope|lost all hope|lost hope|giving up hope)\b|\bi am (?:so\s+|such\s+)?(?:useless|worthless|a failure|a burden|nothing|a bad mom|a terrible mom|a bad mother|a bad dad)\b|\bfailure as a (?:mom|mother|dad|father|parent)\b|\bfeel(?:ing)?\s+(?:like\s+)?(?:such\s+|so\s+)?(?:a\s+)?(?:failure|worthless|useless|a burden)\b/,
  },
  {
    id: "hp.nobody_cares",
    category: "hopelessness",
    pattern: /\b(?:nobody|no one|noone|no body)\s+(?:cares|loves me|would care|would notice|would miss me|gives a)\b(?! about (?:my|the|your|his|her|this|that|what|how|it)\b)/,
  },
  {
    id: "hp.never_get_kids_back",
    category: "hopelessness",
    pattern: r(String.raw`\bnever\s+(?:get|getting|see|seeing|going to get)\s+my\s+${CHILD}\s+(?:back|again)\b`),
  },
  {
    id: "hp.empty",
    category: "hopelessness",
    pattern:
      /\bfeel(?:ing)?\s+(?:so\s+|really\s+|completely\s+)?(?:empty|numb|dead inside|hopeless)\b|\bnothing matters(?: any ?more)?\b(?! (?:more|as much)\b)|\bno way out\b/,
  },
  { id: "ns.negated", category: "negated_self_harm", pattern: /\bxnegatedselfharm\b/ },
  {
    id: "hp.es",
    category: "hopelessness",
    pattern:
      /\bno (?:puedo|aguanto|soporto) (?:mas|ya|esto)\b|\bya no (?:puedo|aguanto|soporto)(?=\s*$|\s+(?:mas|con|seguir|vivir|aguantar|soportar|sola|solo|de|asi)\b)|\bno le (?:veo|encuentro) (?:sentido|caso)\b|\bsin ganas de nada\b|\bme (?:canse|cansé) de (?:luchar|todo|vivir|intentar)\b|\bnadie me (?:va a )?extran\w*|\bpara que (?:sigo|seguir|intentar|intento|vivo|luchar|lucho|me esfuerzo)\b|\bno vale la pena\b|\bme rindo\b|\bno tiene sentido\b|\b(?:nada|la vida|mi vida) (?:ya )?(?:no )?tiene sentido\b|\bsin esperanza\b|\bno (?:sirvo|valgo) (?:para|pa) nada\b|\bsoy un(?:a)? (?:fracaso|estorbo|carga|mala madre)\b|\b(?:cansad[oa]|hart[oa]) de (?:todo|vivir|la vida|luchar)\b|\btodo me sale mal\b|\bnadie me quiere\b|\ba nadie le importo\b|\bnunca voy a recuperar a mis hijos\b/,
  },
];

export const CRISIS_RULES: readonly CrisisRule[] = [
  ...SUICIDE_RULES,
  ...INDIRECT_RULES,
  ...FINALITY_RULES,
  ...UNSPOKEN_RULES,
  ...THIRD_PARTY_RULES,
  ...DANGER_RULES,
  ...OVERDOSE_RULES,
  ...CHILD_RULES,
  ...VIOLENCE_RULES,
  ...HELP_RULES,
  BARE_EMERGENCY_RULE,
  ...RETURN_TO_USE_RULES,
  ...CRAVING_RULES,
  ...HOPELESSNESS_RULES,
  ...CUE_RULES,
];

/**
 * Safety net, run only when no rule fired: a first-person text that still uses
 * the vocabulary of death, self-harm or danger is asked about ("possible")
 * rather than passed as ordinary. Figurative spans were already rewritten, and
 * things that die ("my phone", "the battery") or past deaths of others
 * ("my mom died") do not count. It turns unseen phrasings into an ask-back
 * instead of a miss; its cost is measured as the ask-back rate on benign text.
 */
export const SAFETY_NET: CrisisRule = {
  id: "net.risk_words",
  category: "hopelessness",
  pattern: r(
    String.raw`(?<!\b(?:i am|im|i was)\s(?:so\s|literally\s)?)\b(?:die|dying|dead|death|kill|killing|suicid\w*|overdos\w*|od|end it|ending it|end things|gone for good|hurt myself|harm myself|razor|blade|noose|rope|gun|pistol|knife|blood|bleeding|burden|hopeless|worthless|goodbye|goodbyes|last night alive|morir\w*|muerte|muert[oa]|matar|sobredosis|navaja|pistola|cuchillo|soga|sangre|sangrando|adios|despedida|estorbo|no aguanto|cant go on|not safe|unsafe|scared|afraid|miedo|asustad[oa])\b(?! (?:battery|phone|celular|bateria|safe|lock|range|class|show|permit|license|with (?:my|him|her|them)))`,
  ),
  alsoRequires: /\b(?:i|i am|me|my|myself|mi|yo|estoy|tengo|quiero|us|we)\b/,
  jokeable: "drop",
};
