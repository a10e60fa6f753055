/**
 * Cue combinations (possible → ask-back). Unseen suicidal texts rarely repeat a
 * phrasing, but they combine a few families of words: finality ("for good",
 * "ya no", "last time"), farewell or arrangements ("sorry", "forgive me", "take
 * care of", "gracias por todo"), death or the self at risk ("alive", "relief",
 * "myself"), and means ("pills", "the tracks"). Two families together in a
 * first-person text are asked about instead of passed as ordinary; one family
 * alone is everyday talk ("goodbye for now", "my last day", "i'm on the bridge,
 * traffic"). Asking costs one text; the cost is measured as benign ask-back.
 */
import type { CrisisRule } from "./rules.js";

const FIN = String.raw`(?:for good|forever|any ?more|no more|last (?:wish|words|time|thing)|para siempre|ya no|ultima vez|nunca mas|its over|it is over|its time|it is time|ya es hora|when i am gone|cuando (?:yo )?no este|after (?:tonight|today)|ever again|wont be (?:here|around))`;
const TONIGHT = String.raw`(?:tonight|esta noche|hoy|today|right now|ahora mismo)`;
const FARE = String.raw`(?:goodbye|good bye|sorry|forgive me|forgive|thank you for everything|thanks for everything|love you|love you all|dont be mad|make sure|affairs|arranged|in order|take care of|look after|perdon|perdoname|perdonen|gracias por todo|los quiero|te quiero|los amo|cuiden|despido|despedida|adios)`;
const DEATH = String.raw`(?:die|dying|dead|death|alive|relief|myself|heart stops?|stop breathing|waking up|wake up|be here|still here|a problem|a burden|in (?:the|your) way|molestar|estorbo|una carga|morir\w*|muerte|vivir|viviendo|viv[oa]|mi vida|my life|hurt|stop me|gone|hacer me dano|matar me)`;
const MEANS = String.raw`(?:pills|meds|bottle|gun|knife|rope|belt|tracks|bridge|roof|ledge|razor|blade|pastillas|frasco|pistola|cuchillo|cuerda|soga|puente|vias)`;
const DISTRESS = String.raw`(?:cant|can not|tired|i am done|afraid|scared|no puedo|aguanto|aguantar|cansad[oa]|miedo|hopeless|alone|sol[oa])`;

const pair = (id: string, a: string, b: string): CrisisRule => ({
  id,
  category: "hopelessness",
  pattern: new RegExp(String.raw`\b${a}\b`),
  alsoRequires: new RegExp(String.raw`\b${b}\b`),
  jokeable: "drop",
});

export const CUE_RULES: CrisisRule[] = [
  pair("cue.finality_farewell", FIN, FARE),
  pair("cue.finality_death", FIN, DEATH),
  pair("cue.farewell_death", FARE, DEATH),
  pair("cue.tonight_death", TONIGHT, DEATH),
  pair("cue.means_finality", MEANS, `(?:${FIN}|${FARE}|${TONIGHT})`),
  pair("cue.means_distress", MEANS, DISTRESS),
  // "love you, sorry, don't be mad at me": an apology and a declaration of love at once.
  pair("cue.apology_love", String.raw`(?:sorry|forgive me|dont be mad|perdon\w*|no se enojen|no te enojes)`, String.raw`(?:love you|love u|love yall|te quiero|te amo|los quiero|los amo)`),
];
