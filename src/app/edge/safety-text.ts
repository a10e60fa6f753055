/**
 * The safety text the edge answers a crisis text with when the origin cannot: the
 * unknown-sender text from flows/program-messages.json (its "en" form is bilingual),
 * which is what the origin sends to a sender it does not know. The edge cannot look
 * anyone up, so every sender gets this one.
 */
import programMessages from "../../../flows/program-messages.json";
import { renderTemplate } from "../../domain/text/template";

/** Used only if the flow text cannot be rendered; the safety path must never fail. */
export const FALLBACK_SAFETY_TEXT =
  "You are not alone. In danger now: call 911. Call or text 988 any time (en español: envíe AYUDA al 988).";

export function edgeSafetyText(programName: string): string {
  const template = (programMessages as { texts?: { crisisSafetyUnknown?: { en?: unknown } } }).texts?.crisisSafetyUnknown?.en;
  if (typeof template !== "string") throw new Error("flows/program-messages.json: texts.crisisSafetyUnknown.en is missing");
  return renderTemplate(template, { programName, firstName: "", peerName: "Your peer" });
}

/** edgeSafetyText, or the built-in copy (logged) if the flow file's text cannot be rendered. */
export function safetyTextOrFallback(programName: string): string {
  try {
    return edgeSafetyText(programName);
  } catch (err) {
    console.error("edge: crisisSafetyUnknown could not be rendered; using the built-in safety text", {
      // The template and its variable names only: no message text exists here.
      error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
    });
    return FALLBACK_SAFETY_TEXT;
  }
}
