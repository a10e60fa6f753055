/**
 * The one Twilio request-signature check (X-Twilio-Signature), used by the origin's
 * webhook and by the edge Worker. Web Crypto and URL only, so the same code runs on
 * Node and in workerd, where the twilio SDK (node:crypto, node:querystring) does not load.
 *
 * signature = base64(HMAC-SHA1(authToken, url + each POST param name+value, names sorted))
 *
 * Its verdict is `twilio.validateRequest`'s for every URL (test/edge/twilio-signature.test.ts
 * compares them): the URL without its port, with the scheme's default port, and both again
 * with the query string re-encoded the legacy way, because Twilio has signed each of these
 * depending on how the webhook URL was entered.
 */
import { constantTimeEqual } from "../../domain/text/constant-time";

/** POST parameters as we read them: one value per name (the last wins). */
export type TwilioParams = Readonly<Record<string, string>>;

const encoder = new TextEncoder();

/** The string Twilio signs: the URL, then every param name+value in sorted-name order. */
export function twilioSignedPayload(url: string, params: TwilioParams): string {
  // Default sort compares UTF-16 code units, exactly as the SDK's Object.keys(...).sort().
  return Object.keys(params)
    .sort()
    .reduce((acc, name) => acc + name + params[name], url);
}

/** The signature Twilio sends for this exact URL and these params (base64). */
export async function twilioSignature(authToken: string, url: string, params: TwilioParams): Promise<string> {
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", await hmacKey(authToken), encoder.encode(twilioSignedPayload(url, params))));
  let binary = "";
  for (const byte of mac) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * True when `signature` is Twilio's for `url` (in any of the forms Twilio signs) and
 * `params`. The signature is compared as the exact base64 text, in constant time, like
 * the SDK: a different spelling of the same bytes is not accepted.
 */
export async function verifyTwilioSignature(
  authToken: string,
  signature: string | null | undefined,
  url: string,
  params: TwilioParams,
): Promise<boolean> {
  // An HMAC-SHA1 in base64 is 28 characters; anything else cannot match.
  if (!authToken || !signature || signature.length !== 28) return false;
  for (const candidate of signedUrlVariants(url)) {
    if (constantTimeEqual(signature, await twilioSignature(authToken, candidate, params))) return true;
  }
  return false;
}

/**
 * The URLs Twilio may have signed for a request to `url`, in twilio.validateRequest's
 * order, without repeats. An unparseable URL has none (nothing verifies against it).
 */
export function signedUrlVariants(url: string): string[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [];
  }
  const bare = new URL(parsed);
  bare.port = "";
  const ported = parsed.port ? parsed.href : withDefaultPort(parsed);
  const variants = [bare.href, ported];
  for (const v of [bare.href, ported]) {
    const legacy = withLegacyQuery(v);
    if (legacy !== null) variants.push(legacy);
  }
  return [...new Set(variants)];
}

/**
 * Form body → params the way Twilio signs them (application/x-www-form-urlencoded, the
 * last value wins for a repeated name). A null-prototype object, so a field called
 * `__proto__` or `constructor` is just a field.
 */
export function formParams(body: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const [name, value] of new URLSearchParams(body)) out[name] = value;
  return out;
}

// One key per auth token: importing it costs more than the HMAC itself, and a process has one token.
type HmacKey = ReturnType<typeof crypto.subtle.importKey>;
let cachedKey: { token: string; key: HmacKey } | null = null;

function hmacKey(authToken: string): HmacKey {
  if (cachedKey?.token !== authToken) {
    const key = crypto.subtle.importKey("raw", encoder.encode(authToken), { name: "HMAC", hash: "SHA-1" }, false, ["sign"]);
    cachedKey = { token: authToken, key };
  }
  return cachedKey.key;
}

/** new URL() drops a default port, so the authority is spelled out by hand. */
function withDefaultPort(u: URL): string {
  const auth = u.username || u.password ? `${u.username}${u.password ? `:${u.password}` : ""}@` : "";
  const port = u.protocol === "https:" ? ":443" : ":80";
  return `${u.protocol}//${auth}${u.host}${port}${u.pathname}${u.search}${u.hash}`;
}

/**
 * The URL with its query string decoded and re-encoded the way Node's legacy
 * `querystring` module does (what older Twilio signing used): `+` is a space, repeated
 * names are grouped, integer-like names come first, and everything but
 * `A-Z a-z 0-9 - _ . ! ~ * ' ( )` is percent-encoded. Null when there is no query.
 */
function withLegacyQuery(url: string): string | null {
  const parsed = new URL(url);
  if (!parsed.search) return null;
  const query = parseLegacyQuery(parsed.search.slice(1));
  parsed.search = "";
  try {
    return `${parsed.href}?${stringifyLegacyQuery(query)}`;
  } catch {
    // encodeURIComponent refuses a lone surrogate; that form cannot have been signed.
    return null;
  }
}

/** Node's querystring.parse reads at most this many pairs. */
const MAX_QUERY_PAIRS = 1000;

function parseLegacyQuery(qs: string): Record<string, string | string[]> {
  // A plain object on purpose: its key order (integer-like names first) is what gets signed.
  const out: Record<string, string | string[]> = Object.create(null);
  for (const piece of qs.split("&").slice(0, MAX_QUERY_PAIRS)) {
    if (piece === "") continue;
    const eq = piece.indexOf("=");
    const name = decodeLegacy(eq < 0 ? piece : piece.slice(0, eq));
    const value = decodeLegacy(eq < 0 ? "" : piece.slice(eq + 1));
    const prev = out[name];
    if (prev === undefined) out[name] = value;
    else if (Array.isArray(prev)) prev.push(value);
    else out[name] = [prev, value];
  }
  return out;
}

function stringifyLegacyQuery(query: Record<string, string | string[]>): string {
  return Object.keys(query)
    .flatMap((name) => [query[name]!].flat().map((value) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`))
    .join("&");
}

/** `+` is a space; %XX sequences are UTF-8 bytes, a malformed one decodes to U+FFFD. */
function decodeLegacy(s: string): string {
  const spaced = s.replaceAll("+", " ");
  if (!/%[0-9a-fA-F]{2}/.test(spaced)) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return decodeBytes(spaced);
  }
}

/** Byte-wise percent-decoding, for text decodeURIComponent refuses (e.g. %FF). */
function decodeBytes(s: string): string {
  const bytes = s
    .split(/(%[0-9a-fA-F]{2})/)
    .flatMap((part) => (/^%[0-9a-fA-F]{2}$/.test(part) ? [parseInt(part.slice(1), 16)] : [...encoder.encode(part)]));
  return new TextDecoder().decode(new Uint8Array(bytes));
}
