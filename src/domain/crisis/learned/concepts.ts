/**
 * Concept families for the learned layer: a word maps to the idea it carries, so
 * the model can weigh an idea it learned from one word when a parent uses
 * another ("overpass" and "puente" are both a high place; "aventar", "tirarme"
 * and "jump" are one act). Prefix stems over the normalised text (no accents,
 * lower case, clitics split), en + es. Broad on purpose: the model learns how
 * much each family matters, the lexicon only says what belongs together.
 */
const FAMILIES: Record<string, readonly string[]> = {
  death: ["die", "died", "dying", "dead", "death", "deceas", "unaliv", "suicid", "kill", "morir", "muer", "muert", "mori", "fallec", "matar", "mate", "mato", "grave", "funeral", "tumba", "heaven", "cielo", "coffin", "ataud", "bury", "enterr", "rip"],
  exist: ["alive", "exist", "living", "live", "life", "lives", "here", "vivir", "vivo", "viva", "vida", "existir", "aqui", "estar", "world", "mundo", "breathing", "awake", "wake", "waking", "despert", "amanec"],
  harm: ["hurt", "harm", "cut", "cutting", "burn", "burning", "bleed", "blood", "slit", "wrist", "hang", "hanging", "jump", "jumping", "stab", "shoot", "drown", "lastim", "dano", "cort", "sangr", "ahorc", "colg", "tirar", "aventar", "brinc", "saltar", "quemar", "herir", "venas", "muneca"],
  means: ["pill", "tylenol", "advil", "bottle", "rope", "noose", "belt", "gun", "pistol", "bullet", "knife", "razor", "blade", "bridge", "overpass", "roof", "ledge", "train", "tracks", "highway", "exhaust", "garage", "cliff", "lake", "river", "ocean", "poison", "bleach", "pastilla", "pildora", "soga", "cuerda", "cinturon", "pistola", "bala", "cuchillo", "navaja", "puente", "azotea", "techo", "vias", "tren", "veneno", "cloro", "frasco", "arma", "medicine", "meds", "dose", "dosis"],
  final: ["tonight", "forever", "last", "never", "anymore", "final", "finish", "over", "done", "end", "ending", "ended", "nunca", "siempre", "ultim", "termin", "acabar", "acabo", "noche", "hoy", "decid", "plan", "ready", "listo", "lista", "today", "tomorrow", "manana"],
  farewell: ["goodbye", "bye", "letter", "note", "sorry", "forgive", "insurance", "adios", "despedid", "despid", "perdon", "carta", "cuiden", "cuida", "tell", "diganle", "digan", "gracias", "thank", "remember", "recuerd", "miss"],
  burden: ["burden", "better", "without", "carga", "estorbo", "mejor", "sin", "happier", "felices", "worry", "preocup"],
  hopeless: ["hopeless", "pointless", "point", "worthless", "useless", "nothing", "empty", "numb", "nobody", "alone", "sentido", "vacio", "vacia", "nada", "nadie", "esperanza", "inutil", "fracas", "failure", "sola", "solo", "reason", "razon", "matter", "importa", "care", "hate", "odio", "terrible", "mala"],
  escape: ["disappear", "vanish", "gone", "leave", "away", "escape", "sleep", "desaparec", "irme", "ir", "largar", "escapar", "dormir", "dormi", "stop", "dejar", "rest", "descans", "peace", "paz"],
  pain: ["exhaust", "tired", "cant", "pain", "suffer", "drowning", "broken", "crying", "cry", "sufr", "cansad", "harta", "harto", "aguant", "dolor", "duele", "llor", "puedo", "anymore", "strength", "fuerza", "over"],
  od: ["overdos", "od", "oded", "narcan", "naloxone", "blue", "purple", "breath", "breathing", "respir", "desmay", "unresponsive", "responde", "reacciona", "morad", "azul", "shot", "inyect", "racing", "chest", "pecho", "seizure", "convuls", "vomit", "shaking"],
  violence: ["hit", "hitting", "choke", "choking", "beat", "beating", "punch", "threat", "kick", "golpe", "golpea", "pega", "amenaz", "ahorca", "hiding", "escond", "miedo", "scared", "afraid", "door", "puerta", "lock", "encerr"],
  child: ["baby", "babies", "kid", "kids", "son", "daughter", "child", "toddler", "infant", "bebe", "hijo", "hija", "nino", "nina", "nene", "nena", "mija", "mijo"],
  other: ["he", "hes", "she", "shes", "they", "husband", "wife", "boyfriend", "bf", "girlfriend", "gf", "brother", "sister", "mom", "dad", "roommate", "friend", "el", "ella", "esposo", "esposa", "novio", "novia", "hermano", "hermana", "mama", "papa", "amiga", "amigo", "pareja", "dice", "says", "said", "told"],
  use: ["use", "used", "using", "relaps", "slip", "drank", "drink", "drunk", "high", "dope", "fent", "meth", "heroin", "crack", "coke", "weed", "beer", "vodka", "liquor", "usar", "use", "recai", "recaida", "tome", "tomar", "drog", "cerveza", "cristal", "fumar", "dealer", "crav", "urge", "ganas", "ansias", "sober", "clean", "limpia", "limpio", "sobria"],
  neg: ["not", "never", "dont", "wont", "didnt", "no", "ni", "nunca", "isnt", "xnegatedselfharm"],
  laugh: ["lol", "lmao", "lmfao", "haha", "hehe", "jaja", "jeje", "jk", "rofl"],
  help: ["help", "ayuda", "ayudame", "auxilio", "911", "sos", "emergency", "emergencia", "please", "porfa", "favor", "now", "ahora", "ya"],
  // First person: English pronouns; Spanish drops the pronoun, so also "me"/"mi" and common first-person verbs.
  self: ["i", "im", "me", "my", "myself", "mine", "ive", "ill", "id", "yo", "mi", "mis", "estoy", "toy", "quiero", "kiero", "quisiera", "voy", "tengo", "soy", "puedo", "siento", "aguanto", "veo", "sirvo", "valgo", "odio", "necesito", "pienso", "creo", "ando", "sigo", "estaria", "estare"],
  want: ["want", "wanna", "wish", "rather", "going", "gonna", "gna", "ima", "will", "thinking", "think", "quiero", "quisiera", "voy", "pienso", "pensando", "ganas", "deseo", "planning"],
  routine: ["appointment", "cita", "group", "grupo", "meeting", "junta", "reunion", "class", "clase", "work", "trabajo", "school", "escuela", "ride", "bus", "schedule", "reschedule", "tomorrow", "court", "doctor", "clinic", "clinica", "refill", "form", "papeles", "rent", "renta"],
  fig: ["traffic", "trafico", "heat", "calor", "homework", "tarea", "laugh", "risa", "phone", "celular", "battery", "bateria", "movie", "pelicula", "show", "song", "cancion", "game", "juego", "squad", "weather", "embarrass", "verguenza", "sueno", "hambre", "plant", "xweather"],
};

// Exact words for short stems (≤ 3 letters would match too much as prefixes).
const EXACT = new Map<string, string[]>();
const PREFIX: [string, string][] = [];
for (const [family, stems] of Object.entries(FAMILIES)) {
  for (const stem of stems) {
    if (stem.length <= 3) EXACT.set(stem, [...(EXACT.get(stem) ?? []), family]);
    else PREFIX.push([stem, family]);
  }
}
const BY_HEAD = new Map<string, [string, string][]>();
for (const entry of PREFIX) {
  const head = entry[0].slice(0, 3);
  BY_HEAD.set(head, [...(BY_HEAD.get(head) ?? []), entry]);
}

/** Families present in the words of a screened text, in first-seen order (no duplicates). */
export function conceptsOf(words: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const w of words) {
    for (const f of EXACT.get(w) ?? []) seen.add(f);
    if (w.length >= 4) for (const [stem, f] of BY_HEAD.get(w.slice(0, 3)) ?? []) if (w.startsWith(stem)) seen.add(f);
  }
  return [...seen];
}
