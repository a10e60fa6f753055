export type CrisisLevel = "imminent" | "concern" | "none";

export type CrisisCategory =
  | "suicide_self_harm" // intent, plan, method, "kms", "unalive", "quiero morir"...
  | "overdose_medical" // overdose/medical emergency happening now
  | "child_danger" // a child in danger now
  | "violence_abuse" // violence/abuse happening now
  | "explicit_help" // explicit help keyword (SOS, AYUDA, ...)
  | "return_to_use" // relapse: "I used last night", "recaí"
  | "cravings" // "craving so bad", "tengo ganas de usar"
  | "hopelessness"; // hopeless without intent: "what's the point", "no puedo más"

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
  "explicit_help",
  "return_to_use",
  "cravings",
  "hopelessness",
];

export const IMMINENT_CATEGORIES: ReadonlySet<CrisisCategory> = new Set<CrisisCategory>([
  "suicide_self_harm",
  "overdose_medical",
  "child_danger",
  "violence_abuse",
  "explicit_help",
]);

export function levelOf(category: CrisisCategory): Exclude<CrisisLevel, "none"> {
  return IMMINENT_CATEGORIES.has(category) ? "imminent" : "concern";
}
