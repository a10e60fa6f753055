/**
 * Slack's v0 request signature: HMAC-SHA256 over `v0:{timestamp}:{raw body}` with the
 * signing secret, compared in constant time, and a timestamp within five minutes so a
 * captured request cannot be replayed later. Web Crypto only, so it runs on Node and
 * in Workers alike.
 */
import { constantTimeEqual } from "../../domain/text/constant-time";

export const REPLAY_WINDOW_SECONDS = 5 * 60;

export type SignatureCheck = { ok: true } | { ok: false; reason: "missing_headers" | "stale_timestamp" | "bad_signature" };

export async function verifySlackSignature(
  signingSecret: string,
  headers: { signature: string | undefined; timestamp: string | undefined },
  rawBody: string,
  nowMs: number,
): Promise<SignatureCheck> {
  const { signature, timestamp } = headers;
  if (!signature || !timestamp || !/^\d+$/.test(timestamp)) return { ok: false, reason: "missing_headers" };
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > REPLAY_WINDOW_SECONDS) return { ok: false, reason: "stale_timestamp" };
  const expected = `v0=${await hmacHex(signingSecret, `v0:${timestamp}:${rawBody}`)}`;
  return constantTimeEqual(signature, expected) ? { ok: true } : { ok: false, reason: "bad_signature" };
}

export async function hmacHex(secret: string, data: string): Promise<string> {
  const enc = new TextEncoder();
  const key = await crypto.subtle.importKey("raw", enc.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, enc.encode(data)));
  return [...mac].map((b) => b.toString(16).padStart(2, "0")).join("");
}
