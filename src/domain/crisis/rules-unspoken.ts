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
    id: "si.going_through_with_it", // "tonight i'm finally going through with it"
    category: "suicide_self_harm",
    pattern: /\b(?:go|going|gonna|went|about to go|ready to go)\s+through with it\b|\b(?:lo voy a|voy a)\s+(?:hacer|llevar a cabo)\s+(?:esta noche|hoy|ya)\b/,
  },
  {
    id: "si.affairs_in_order", // "i put my affairs in order today", "make sure my son gets my truck", "everything's arranged"
    category: "suicide_self_harm",
    pattern:
      /\b(?:put|putting|got|getting|have|set)\s+(?:all\s+)?my (?:affairs|things|life|papers|stuff) in order\b|\bmake sure (?:my|that my)\s+\w+\s+(?:gets|get|has|keeps|takes)\s+(?:my|all my)\b|\beverything(?:s| is) (?:arranged|taken care of|set up for (?:the kids|my kids|them))\b(?!\s+(?:for (?:the|our|my) (?:party|trip|wedding|move|birthday|appointment|meeting|hearing)))|\bya (?:deje|tengo) todo (?:arreglado|en orden|listo para (?:mis hijos|los ninos))\b/,
  },
  {
    id: "si.no_future_self", // "i don't see myself alive next week", "i don't plan on waking up tomorrow"
    category: "suicide_self_harm",
    pattern:
      /\b(?:dont|do not|cant|can not)\s+(?:see myself|picture myself|plan on|expect to be|expect to)\s+(?:alive|being alive|waking up|wake up|here|living|being here)\b|\bno me veo (?:viv[oa]|aqui) (?:manana|la proxima semana|en una semana)\b/,
  },
  {
    id: "si.until_death", // "i'm going to drink until my heart stops"
    category: "suicide_self_harm",
    pattern: /\b(?:until|till|til|hasta que)\s+(?:my heart stops|i die|i stop breathing|i dont wake up|i am dead|me muera|se me pare el corazon|deje de respirar)\b/,
  },
  {
    id: "si.life_to_stop", // "i want my life to stop", "quiero que se acabe mi vida"
    category: "suicide_self_harm",
    pattern: /\bwant (?:my life|my heart|living) to (?:stop|end|be over)\b|\bque se (?:acabe|termine) mi vida\b|\bno (?:vale la pena|tiene caso|tiene sentido) (?:seguir )?(?:vivir|viviendo|estar viv[oa])\b|\bya no tiene caso (?:vivir|seguir)\b/,
  },
  {
    id: "si.how_when_where", // "i've thought about how, when and where"
    category: "suicide_self_harm",
    pattern: /\bhow when (?:and )?where\b|\bwhen and how\b(?=.*\b(?:thought|planned|know|decided)\b)|\bcomo cuando y donde\b/,
  },
  {
    id: "si.afraid_of_myself", // "i need someone to stop me", "afraid of what i'm going to do to myself"
    category: "suicide_self_harm",
    pattern:
      /\b(?:need|want) (?:someone|somebody|you) to stop me\b|\b(?:afraid|scared|terrified) (?:of )?what i (?:might|will|am going to|could|may) do(?: to myself| tonight)?\b|\btengo miedo de lo que (?:me )?(?:pueda|vaya a) hacer\b/,
  },
  {
    id: "si.death_as_relief", // "dying sounds like relief right now"
    category: "suicide_self_harm",
    pattern:
      /\b(?:dying|death|being dead|not waking up|not being here|morir me|morir|la muerte)\s+(?:sounds|seems|would be|feels|looks|suena|seria|se ve)\s+(?:like\s+)?(?:a\s+|como\s+|un\s+)?(?:relief|peaceful|easier|better|nice|good|alivio|descanso|mejor)\b/,
  },
  {
    id: "si.last_wish", // "my last wish is that my kids forgive me"
    category: "suicide_self_harm",
    pattern: /\bmy (?:last|final|dying) (?:wish|words|request)\b|\bmi (?:ultimo deseo|ultima voluntad)\b/,
  },
  {
    id: "si.no_more_bother", // "i'm not going to be a problem for anyone after tonight", "ya no voy a molestar a nadie"
    category: "suicide_self_harm",
    pattern:
      /\b(?:not going to|wont|will not|never going to)\s+be\s+(?:a|the)\s+(?:problem|burden|bother)\s+(?:for|to)\s+(?:anyone|anybody|you|nobody|no one|my family)\b(?:\s+\w+){0,2}\s*(?:after|anymore|again|$)|\bya no (?:voy a|les voy a|te voy a|vuelvo a)\s+(?:molestar|ser una carga|estorbar|dar problemas)\b/,
  },
  {
    id: "si.es_last_time", // "esta es la última vez que me escriben", "hoy me despido de todos"
    category: "suicide_self_harm",
    pattern:
      /\b(?:es la )?ultima vez que (?:me (?:escriben|ven|oyen|escuchan)|les escribo|te escribo|sabran de mi|saben de mi)\b|\bme despido de (?:todos|todas|ustedes|ti|mis hijos|mi familia)\b|\blast time (?:i (?:will|ll) )?(?:text|write|talk to) (?:you|u)\b(?! (?:about|before|today|tonight|until|till)\b)/,
  },
  {
    id: "si.es_survive_night", // "no sé si voy a aguantar esta noche"
    category: "suicide_self_harm",
    pattern: /\bno se si (?:voy a |vaya a |pueda )?(?:aguantar|sobrevivir|llegar a manana|amanecer|pasar la noche)\b(?!\s+(?:el|la|los|las|con|sin|a mi|tanto)\b)/,
  },
  {
    id: "si.kids_and_leaving", // "take care of my babies, ya me voy"
    category: "suicide_self_harm",
    pattern: r(String.raw`\b(?:take care of|look after|cuiden(?: a| de)?|cuida(?: a| de)?)\s+(?:my|mis|a mis)\s+${CHILD}\b`),
    alsoRequires: /\b(?:ya me voy|me voy para siempre|goodbye|adios|for good|forever|when i am gone|cuando no este|i am leaving for good|i love them)\b/,
  },
  {
    id: "si.whole_bottle_here", // "i've got the whole bottle of my sleeping meds right here"
    category: "suicide_self_harm",
    pattern: /\b(?:whole|entire|full)\s+(?:bottle|box|pack|frasco|bote|caja)\b/,
    alsoRequires: /\b(?:right here|in front of me|next to me|with me|in my hand|aqui (?:conmigo|en la mano)|en la mano|enfrente de mi)\b/,
  },
  {
    id: "si.on_the_tracks", // "i've been sitting on the tracks for a while"
    category: "suicide_self_harm",
    pattern: /\b(?:sitting|standing|laying|lying|waiting|parked)\s+(?:on|at|by|near)\s+(?:the\s+)?(?:train\s+)?(?:tracks|rails|railroad)\b|\b(?:sentad[oa]|parad[oa]|acostad[oa]) en las vias\b/,
  },
  {
    id: "si.holding_someones_means", // "holding my husband's gun right now"
    category: "suicide_self_harm",
    pattern: /\b(?:holding|have|got|tengo|agarre)\s+(?:my|mi|the|la|el)\s+\w+\s+(?:gun|pistol|pistola|knife|rope)\b(?=.*\b(?:right now|now|ahora|in my hand|en la mano|loaded|cargada)\b)/,
  },
  {
    id: "hp.why_still_here", // "i don't know why i'm still here"
    category: "hopelessness",
    pattern: /\bwhy i am still (?:here|alive|around|trying)\b|\bpara que sigo (?:aqui|viv[oa])\b/,
  },
  {
    id: "ru.es_used_drug", // "ayer fumé cristal"
    category: "return_to_use",
    pattern: /\b(?:fume|use|me meti|inhale|me inyecte|esnife|consumi)\s+(?:cristal|piedra|perico|coca|cocaina|heroina|fentanilo|crack|meth|foco|chiva)\b/,
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
