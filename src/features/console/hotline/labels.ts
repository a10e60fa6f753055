/** Words for what the store keeps as codes (console pages are English-only: docs/console.md). */

export function severityLabel(severity: number): string {
  if (severity >= 100) return "Life at risk";
  if (severity >= 90) return "Danger to a child or violence";
  if (severity >= 80) return "Asked for help";
  return "Concern";
}

const CATEGORY: Record<string, string> = {
  suicide_self_harm: "suicide / self-harm",
  overdose_medical: "overdose / medical",
  child_danger: "child in danger",
  violence_abuse: "violence / abuse",
  third_party: "someone else at risk",
  explicit_help: "help keyword",
  hopelessness: "hopelessness",
  return_to_use: "return to use",
  cravings: "cravings",
  negated_self_harm: "negated self-harm",
};

export function categoryLabel(c: string): string {
  return CATEGORY[c] ?? c.replace(/_/g, " ");
}

export function minutesLabel(m: number): string {
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  return `${h} h ${m % 60} min`;
}
