/**
 * imminent: page a volunteer now. possible: ambiguous distress — ask the parent
 * ("are you thinking about suicide…?") before paging. concern: the peer should
 * see it (relapse, cravings). none: ordinary traffic.
 */
export type CrisisLevel = "imminent" | "possible" | "concern" | "none";

export type CrisisCategory =
  | "suicide_self_harm" // intent, plan, method, farewell, "kms", "unalive", "quiero morir"...
  | "overdose_medical" // overdose/medical emergency happening now
  | "child_danger" // a child in danger now
  | "violence_abuse" // violence/abuse happening now, or not safe at home
  | "third_party" // someone else is at risk of suicide ("my husband says he wants to kill himself")
  | "explicit_help" // explicit help keyword (SOS, AYUDA, ...)
  | "hopelessness" // ambiguous distress: hopeless, self-hate, "can't take it anymore", "quiero desaparecer"
  | "return_to_use" // relapse: "I used last night", "recaí"
  | "cravings" // "craving so bad", "tengo ganas de usar"
  | "negated_self_harm"; // "I'm not suicidal, just tired": no ask-back, but the peer sees it

export interface CrisisScreen {
  level: CrisisLevel;
  /** All categories that matched, most severe first. */
  categories: CrisisCategory[];
  /** Ids of rules that fired, for audit. Never contains message text. */
  ruleIds: string[];
}

/**
 * Most severe first. Order among imminent categories follows how quickly a
 * life can be lost (breathing/intent first), then third parties at risk.
 */
export const CATEGORY_SEVERITY: readonly CrisisCategory[] = [
  "suicide_self_harm",
  "overdose_medical",
  "child_danger",
  "violence_abuse",
  "third_party",
  "explicit_help",
  "hopelessness",
  "return_to_use",
  "cravings",
  "negated_self_harm",
];

export const IMMINENT_CATEGORIES: ReadonlySet<CrisisCategory> = new Set<CrisisCategory>([
  "suicide_self_harm",
  "overdose_medical",
  "child_danger",
  "violence_abuse",
  "third_party",
  "explicit_help",
]);

export const POSSIBLE_CATEGORIES: ReadonlySet<CrisisCategory> = new Set<CrisisCategory>(["hopelessness"]);

export function levelOf(category: CrisisCategory): Exclude<CrisisLevel, "none"> {
  if (IMMINENT_CATEGORIES.has(category)) return "imminent";
  return POSSIBLE_CATEGORIES.has(category) ? "possible" : "concern";
}

/** The most severe level among categories. */
export function levelOfAll(categories: readonly CrisisCategory[]): CrisisLevel {
  const levels = new Set(categories.map(levelOf));
  for (const l of ["imminent", "possible", "concern"] as const) if (levels.has(l)) return l;
  return "none";
}
