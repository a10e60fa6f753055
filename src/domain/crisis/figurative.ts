/**
 * Rewrites figurative, negated or purely topical phrases into their plain
 * meaning BEFORE the crisis rules run, so the rules can stay simple.
 *
 * Why rewrite spans instead of vetoing the whole message: a parent can joke
 * and disclose in one text ("lol i'm dead 😂 but honestly i want to die").
 * Only the figurative span is neutralised; everything else is still screened.
 *
 * Replacements use plain words (e.g. "dying to" → "eager to") so meaning the
 * concern rules need survives ("me muero por usar" → "tengo ganas de usar").
 * Sentinel tokens starting with "x" are never words in en/es.
 */

import { LAUGH, PERSON } from "./lexicon.js";

export interface Rewrite {
  id: string;
  pattern: RegExp;
  replacement: string;
}


/** Order matters: negations first, then figurative speech. */
export const REWRITES: readonly Rewrite[] = [
  // --- negated self-harm: becomes a hopelessness signal, not a page --------
  {
    id: "neg.not_suicidal",
    pattern:
      /\b(?:not|never been|never|no longer|am not|not feeling|dont feel|no soy|no estoy|ya no soy)\s+(?:really\s+)?(?:suicidal|suicida)\b/g,
    replacement: "xnegatedselfharm",
  },
  {
    id: "neg.no_thoughts",
    pattern:
      /\bno\s+(?:suicidal\s+)?thoughts?\s+(?:of|about)\s+(?:suicide|hurting myself|killing myself|self ?harm|harming myself)\b/g,
    replacement: "xnegatedselfharm",
  },
  {
    id: "neg.wont_kill_self",
    pattern:
      /\b(?:not|never|wont|would never|wouldnt|not going to|am not going to|dont want to|do not want to)\s+(?:ever\s+)?(?:kill|hurt|harm|cut)\s+myself\b|\bno me (?:voy a|quiero) (?:matar|suicidar|lastimar|cortar)\b/g,
    replacement: "xnegatedselfharm",
  },
  // Negated harm to others/children ("i would never hurt my kids").
  {
    id: "neg.wont_hurt",
    pattern:
      /\b(?:dont|do not|never|would never|wouldnt|didnt|did not|not|nunca|jamas)\s+(?:want to\s+|going to\s+|ever\s+|would\s+)?(?:hurt|hit|harm|lastimar|pegar|pegarle|lastimaria)\b/g,
    replacement: "xneghurt",
  },

  // --- topical mentions (classes, awareness events) -------------------------
  {
    id: "topic.prevention",
    pattern:
      /\b(?:suicide|overdose|od|relapse|narcan|naloxone)\s+(?:prevention|awareness|training|class|classes|vigil|walk|kits?|workshop|group|education|plan)\b/g,
    replacement: "xtopic",
  },

  {
    // "passed from an overdose 2 yrs ago": grief, not an emergency. Hours and
    // minutes are deliberately NOT included — "od'd an hour ago" is now.
    id: "topic.past_overdose",
    pattern:
      /\b(?:od|oded|overdos\w*|sobredosis)\b(?=(?:\s+\w+){0,3}?\s+(?:[0-9]+|a|one|two|three|four|five|few|several|many)\s+(?:yrs?|years?|months?|anos|meses)\s+ago\b|(?:\s+\w+){0,3}?\s+(?:last year|in 20[0-9]{2}|anniversary))/g,
    replacement: "xpastoverdose",
  },

  {
    // "i used to cut myself": habitual past, not a disclosure of now.
    id: "topic.past_self_harm",
    pattern: /\bused to (?:cut|hurt|harm|burn)\s+myself\b/g,
    replacement: "xpastselfharm",
  },
  {
    // "committed suicide 3 years ago today": anniversary grief. Days and
    // hours are excluded on purpose — a recent loss still escalates.
    id: "topic.past_suicide",
    pattern:
      /\bsu[iy]?[cs]{1,2}i?d(?:e|io)\b(?=(?:\s+\w+){0,3}?\s+(?:[0-9]+|a|one|two|three|four|five|few|several|many)\s+(?:yrs?|years?|months?|anos|meses)\s+ago\b)/g,
    replacement: "xpastsuicide",
  },

  {
    // Titles and compounds where "suicide" names a film, band, game mode or
    // manoeuvre, not the sender: "suicide squad", "escuadron suicida", "suicide mission".
    id: "topic.media_title",
    pattern:
      /\b(?:suicide squad|escuadron suicida|suicide ?boys|suicide silence|suicidal tendencies|virgin suicides|dying light|dead by daylight|red dead\w*|walking dead|dead island|kill bill|suicid\w* (?:mission|missions|mode|run|runs|doors?|squeeze|drills?|sprints?|lane|bomb\w*|attack|king|kings|mision|modo))\b|\b(?:song|movie|film|show|album|band|book|episode|series|game|pelicula|cancion|serie|juego|libro)\s+(?:called\s+|named\s+|llamad[oa]\s+)?(?=su[iy]?[cs]{1,2}i?d)\w+/g,
    replacement: "xmedia",
  },
  {
    // "suicidal" said of a thing, not a person: "that boss fight is suicidal".
    id: "fig.suicidal_thing",
    pattern:
      /\b(?!(?:he|she|they|who|i|am|son|daughter|husband|wife|brother|sister|mom|dad|mother|father|friend|boyfriend|bf|gf|girlfriend|partner|kid|child|cousin|roommate|ex|uncle|aunt|baby|everyone|everybody|someone|somebody|me|feel|feeling|been|felt|getting|got|so)\b)[a-z]+ (?:is|was|seems|looks|sounds) (?:\w+ )?suicidal\b/g,
    replacement: "xrisky",
  },
  {
    // "a documentary about suicide", "charla sobre el suicidio": a topic, not a disclosure.
    id: "topic.about",
    pattern:
      /\b(?:documentary|documental|article|articulo|class|clase|video|podcast|talk|charla|book|libro|news|noticias|show|movie|pelicula|lesson|training|taller)\s+(?:sobre|about|de|on)\s+(?:el\s+|la\s+|las\s+|los\s+)?(?:suicid\w*|sobredosis|overdos\w*|self ?harm)\b/g,
    replacement: "xtopic",
  },
  {
    // "murio de sobredosis hace 3 anos": Spanish puts the time after "hace".
    id: "topic.es_past",
    pattern:
      /\b(?:sobredosis|suicidio|se suicido|se mato)\b(?=(?:\s+\w+){0,3}?\s+hace\s+(?:[0-9]+|un|una|dos|tres|cuatro|cinco|varios|muchos)\s+(?:anos?|meses|mes)\b)/g,
    replacement: "xpastoverdose",
  },
  { id: "topic.toy_rope", pattern: /\b(?:rope swing|jump rope|jumping rope|rope course|tow rope|rope lights?)\b/g, replacement: "xtoy" },

  // --- laughing / joking ---------------------------------------------------
  {
    id: "fig.dead_lol",
    pattern: new RegExp(
      String.raw`\b(?:i am|i was|we are|im)\s+(?:so\s+)?(?:dead|dying|deceased|weak|crying)\s+${LAUGH}\b|\b${LAUGH}\s+(?:i am|im|i was)\s+(?:so\s+)?(?:dead|dying|deceased|weak)\b`,
      "g",
    ),
    replacement: "laughing",
  },
  {
    // "im dying 💀💀": the skull after "dead/dying" is laughter, not death.
    id: "fig.dead_skull",
    pattern: /\b(?:i am|im|i was|we are)\s+(?:so\s+|literally\s+|actually\s+)?(?:dead|dying|deceased)(?:\s+death)+\b/g,
    replacement: "laughing",
  },
  {
    // "mom is gonna kill me if im late", "me va a matar si llego tarde": a
    // consequence idiom, recognised by the condition that follows.
    id: "fig.kill_me_if",
    pattern: /\b(?:kill|murder)\s+me\s+(?:if|when|for)\b|\bme\s+(?:va|van|vas)\s+a\s+matar\s+(?:si|cuando|por)\b/g,
    replacement: "be upset",
  },
  {
    // Play, not violence: "he pushed me on the swing", "she threw me in the pool lol".
    id: "fig.play_push",
    pattern: /\b(?:pushed|pushing|push|threw|throwing)\s+me\s+(?:on|in|into)\s+(?:the|a)\s+(?:swing|swings|stroller|cart|wheelchair|pool|wagon|sled)\b/g,
    replacement: "played with me",
  },
  {
    id: "fig.kill_time",
    pattern: /\b(?:kill|killing|matar|matando)\s+(?:el\s+|the\s+|some\s+)?(?:time|tiempo|rato)\b/g,
    replacement: "pass time",
  },
  {
    id: "fig.disappear_into",
    pattern: /\bdisappear\s+(?:into|in|to|on)\s+(?:my|the|a|an)\s+\w+\b/g,
    replacement: "rest",
  },
  {
    // "this traffic is killing me", "my knee is killing me": the progressive is
    // hyperbole; "he is killing me" stays (a pronoun can be an attacker).
    id: "fig.is_killing_me",
    pattern: /(?<!\b(?:he|she|they)\s)\b(?:is|are|s|was|keeps|been|just)\s+(?:(?:really|literally|so)\s+)?killing\s+me\b/g,
    replacement: "bothers me",
  },
  {
    id: "fig.killing_it", // success: "killing it at work", "gonna kill this interview"
    pattern: /\b(?:killing|killed|slay\w*)\s+it\b|\b(?:kill|killing|killed)\s+(?:this|that|the|my)\s+(?:interview|test|exam|game|presentation|workout|shift|set|audition|meeting|class)\b/g,
    replacement: "do great",
  },
  {
    // Things die: "my phone is about to die", "my car is dead", "my feet are dead".
    id: "fig.thing_dead",
    pattern: new RegExp(
      String.raw`\b(?:my|the|this|our|his|her)\s+(?!(?:\w+\s+)?${PERSON}\b)(\w+)(?:\s+\w+){0,3}?\s+(?:is|are|s|was|just|went|about to|is about to|almost)\s+(?:\w+\s+){0,2}?(?:dead|died|die|dying)\b|\bdead (?:battery|phone|car|end|line|week|weekend|tired|zone)\b`,
      "g",
    ),
    replacement: "xbroken",
  },
  { id: "fig.kmsl", pattern: /\bkmsl\b/g, replacement: "laughing" },
  {
    id: "fig.cant_breathe_lol",
    pattern: new RegExp(String.raw`\b${LAUGH}\s+(?:i\s+)?cant breathe\b|\bcant breathe\s+${LAUGH}`, "g"),
    replacement: "laughing",
  },
  {
    // "my mom is gonna kill me lol", "gonna kill me if i'm late again".
    id: "fig.kill_me_joke",
    pattern: new RegExp(
      String.raw`\b(?:kill|murder|matar)\s+(?:me|him|her|you)\s+${LAUGH}|\bkill me\s+if i (?:am late|miss|forget|dont (?:call|text|show|clean|finish)|fail|lose|mess|break|spend|eat)\b|\bmatar(?: me)? de (?:la |un |el )?(?:susto|risa|coraje|hambre|nervios|los nervios|cansancio|gusto)\b`,
      "g",
    ),
    replacement: "be upset",
  },

  // --- everyday hyperbole ----------------------------------------------------
  {
    id: "fig.dying_to",
    pattern: /\bdying\s+(?:to|for)\b/g,
    replacement: "eager to",
  },
  {
    id: "fig.dying_of",
    pattern:
      /\bdying\s+(?:of\s+)?(?:laughing|laughter|boredom|embarrassment|heat|hunger|cold|thirst|curiosity|here)\b/g,
    replacement: "very",
  },
  { id: "fig.could_kill_for", pattern: /\b(?:could|would)\s+(?:kill|die)\s+for\b/g, replacement: "would love" },
  { id: "fig.dead_tired", pattern: /\bdead\s+(?:tired|asleep|on my feet|beat|serious|ass)\b/g, replacement: "very tired" },
  { id: "fig.hit_me_up", pattern: /\bhit\s+me\s+up\b/g, replacement: "contact me" },
  { id: "fig.high_on_life", pattern: /\bhigh on life\b/g, replacement: "happy" },
  {
    id: "fig.od_on_treats",
    pattern:
      /\b(?:od|oded|oding|overdos\w*)\s+(?:on\s+)?(?:coffee|caffeine|sugar|candy|chocolate|netflix|tv|food|pizza|snacks|sweets|cafe|dulces)\b/g,
    replacement: "too much",
  },
  // Spanish: "me muero de hambre/risa/sueño", "me muero por verlos".
  {
    id: "fig.es_me_muero_de",
    pattern:
      /\b(?:me\s+)?(?:(?:quiero|voy a|iba a|queria|estoy|ando)\s+)?(?:muero|estoy muriendo|mori|moria|morimos|morir(?: me)?|muriendo me|muert[oa]s?)\s+de\s+(?:la\s+|los\s+|el\s+|tanta\s+|tanto\s+)?(hambre|risa|sueno|frio|calor|cansancio|aburrimiento|verguenza|pena|nervios|sed|ganas|envidia|amor|gusto|flojera|emocion|ansias|celos)\b/g,
    replacement: "tengo mucho $1",
  },
  {
    // "no puedo más con este calor": weather/traffic hyperbole.
    id: "fig.es_no_puedo_con",
    pattern: /\bno (?:puedo|aguanto) (?:mas )?con (?:este|el|tanto|esta|tanta) (?:calor|frio|trafico|sueno|hambre|lluvia|tarea)\b/g,
    replacement: "xweather",
  },
  { id: "fig.es_me_muero_por", pattern: /\bme (?:muero|estoy muriendo)\s+por\b/g, replacement: "tengo ganas de" },
];

export function neutraliseFigurative(normalised: string): { text: string; rewriteIds: string[] } {
  let text = normalised;
  const rewriteIds: string[] = [];
  for (const rewrite of REWRITES) {
    rewrite.pattern.lastIndex = 0;
    if (rewrite.pattern.test(text)) {
      rewrite.pattern.lastIndex = 0;
      text = text.replace(rewrite.pattern, rewrite.replacement);
      rewriteIds.push(rewrite.id);
    }
  }
  return { text, rewriteIds };
}
