/**
 * The one constant-time comparison for secrets that arrive in requests (bearer tokens,
 * the edge's forward secret, computed webhook signatures). Web-standard only, so the
 * same code runs on Node and in the Cloudflare Worker.
 *
 * The time taken depends on the lengths, never on where the first differing byte is:
 * a caller probing byte by byte learns nothing. Lengths are not secret here (a token's
 * length is in the docs, a signature's is fixed).
 */
const encoder = new TextEncoder();

export function constantTimeEqual(given: string, expected: string): boolean {
  const a = encoder.encode(given);
  const b = encoder.encode(expected);
  let diff = a.length ^ b.length;
  // Walk the expected value in full even when the given one is shorter or longer.
  for (let i = 0; i < b.length; i++) diff |= (a[i] ?? 0) ^ b[i]!;
  return diff === 0;
}
