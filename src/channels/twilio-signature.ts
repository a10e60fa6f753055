/**
 * Twilio request signatures (X-Twilio-Signature) with Web Crypto only, so the same
 * check runs on Node 20 (globalThis.crypto.subtle) and on Cloudflare Workers, where
 * the twilio SDK (node:crypto, node:url) does not load.
 *
 * signature = base64(HMAC-SHA1(authToken, url + each POST param name+value, names sorted))
 *
 * Pure apart from Web Crypto: no I/O, no SDK, no process.env.
 */

/** POST parameters as Twilio sends them: one value per name (the last wins, as in our Node webhook). */
export type TwilioParams = Readonly<Record<string, string>>;

const encoder = new TextEncoder();

/** The string Twilio signs: the full URL, then every param name+value in sorted-name order. */
export function twilioSignedPayload(url: string, params: TwilioParams): string {
  // Default sort compares UTF-16 code units, exactly as the twilio SDK's Object.keys(...).sort().
  return Object.keys(params)
    .sort()
    .reduce((acc, name) => acc + name + params[name], url);
}

function hmacKey(authToken: string, usage: "sign" | "verify") {
  return crypto.subtle.importKey("raw", encoder.encode(authToken), { name: "HMAC", hash: "SHA-1" }, false, [usage]);
}

/** The signature Twilio would send for this URL and these params (base64). */
export async function expectedTwilioSignature(authToken: string, url: string, params: TwilioParams): Promise<string> {
  const key = await hmacKey(authToken, "sign");
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(twilioSignedPayload(url, params))));
  let binary = "";
  for (const byte of mac) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * True when `signature` is Twilio's for `url` + `params`.
 *
 * The comparison is `crypto.subtle.verify`, which is constant-time, so no timing oracle
 * leaks how many bytes of a forged signature were right. Like `twilio.validateRequest`,
 * the URL is tried without and with its scheme's default port, because Twilio signs
 * `https://host/...` or `https://host:443/...` depending on how the webhook was entered.
 * (The SDK's third variant, legacy query-string encoding, is not needed for our URLs,
 * which carry no query string.)
 */
export async function verifyTwilioSignature(
  authToken: string,
  signature: string | null | undefined,
  url: string,
  params: TwilioParams,
): Promise<boolean> {
  if (!authToken || !signature) return false;
  const mac = decodeBase64(signature.trim());
  // An HMAC-SHA1 is 20 bytes; anything else cannot match and is not worth a crypto call.
  if (!mac || mac.length !== 20) return false;
  const key = await hmacKey(authToken, "verify");
  for (const candidate of urlVariants(url)) {
    if (await crypto.subtle.verify("HMAC", key, mac, encoder.encode(twilioSignedPayload(candidate, params)))) return true;
  }
  return false;
}

/** The URL as given, without its port, and with the scheme's default port spelled out. */
function urlVariants(url: string): string[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [url];
  }
  const variants = [url];
  const withoutPort = new URL(parsed);
  withoutPort.port = "";
  variants.push(withoutPort.toString());
  if (!parsed.port) {
    const port = parsed.protocol === "https:" ? "443" : parsed.protocol === "http:" ? "80" : "";
    // new URL() drops a default port, so splice it into the authority by hand.
    if (port) variants.push(withoutPort.toString().replace(`//${withoutPort.host}`, `//${withoutPort.host}:${port}`));
  }
  return [...new Set(variants)];
}

function decodeBase64(s: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(s)) return null;
  try {
    const binary = atob(s);
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

/**
 * Form body → params the way Twilio signs them and our Node webhook reads them
 * (application/x-www-form-urlencoded, last value wins for a repeated name).
 */
export function formParams(body: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(body)) out[name] = value;
  return out;
}
