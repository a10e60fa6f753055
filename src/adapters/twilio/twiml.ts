/**
 * The one TwiML builder: the origin's webhook answer and the edge's safety reply.
 * Pure string work, so it runs on Node and in the Worker alike.
 */
export const TWIML_CONTENT_TYPE = "text/xml; charset=utf-8";

/** `<Response>` with one `<Message>`, or an empty `<Response>` (Twilio sends nothing). */
export function twimlMessage(message: string | null): string {
  const inner = message === null ? "" : `<Message>${escapeXml(message)}</Message>`;
  return `<?xml version="1.0" encoding="UTF-8"?><Response>${inner}</Response>`;
}

const XML_ESCAPES: Record<string, string> = { "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" };

function escapeXml(s: string): string {
  return s.replace(/[<>&'"]/g, (ch) => XML_ESCAPES[ch]!);
}
