import { z } from "zod";

// ITU-T E.164: "+", a country code that never starts with 0, at most 15 digits in all.
// Seven digits is the shortest real international number (e.g. Niue); same bound as zod's z.e164().
const E164 = /^\+[1-9]\d{6,14}$/;

export const E164_MESSAGE = "must be an E.164 phone number like +15551234567";

export function isE164(s: string): boolean {
  return E164.test(s);
}

/**
 * Accepts human-formatted numbers ("+1 (555) 555-0100", "+52 55 1234 5678") but only with
 * a leading "+": guessing a country for "555-0100" could text a stranger abroad, and a
 * wrong recipient is a confidentiality breach (42 CFR Part 2), not a typo.
 * Phones paste numbers with invisible bidi marks and non-breaking hyphens, so those are
 * tolerated; letters, extensions ("x12") and a second "+" are not.
 */
export function normaliseE164(s: string): string | null {
  const cleaned = s.normalize("NFKC").replace(/\p{Cf}/gu, "").trim();
  if (!cleaned.startsWith("+")) return null;
  const rest = cleaned.slice(1);
  if (!/^[\d\s\p{Pd}.()]+$/u.test(rest)) return null;
  const candidate = "+" + rest.replace(/\D/g, "");
  return isE164(candidate) ? candidate : null;
}

/** Strict on purpose: stored numbers must already be normalised, so we never compare two spellings. */
export const e164Schema = z.string().regex(E164, { error: E164_MESSAGE });

/**
 * Logs and Slack show only the last four digits: enough for a peer to tell two parents
 * apart, not enough to identify or contact anyone. Anything with fewer than four digits
 * is redacted entirely rather than echoed.
 */
export function redactPhone(p: string): string {
  const digits = p.replace(/\D/g, "");
  return digits.length >= 4 ? `…${digits.slice(-4)}` : "…";
}
