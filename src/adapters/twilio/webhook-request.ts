/**
 * Reading a Twilio webhook: a form body, signed over the public URL Twilio called.
 * The origin's webhook and the edge Worker both read requests this way, from the
 * standard Request, so they accept and refuse exactly the same requests.
 */
import { formParams, verifyTwilioSignature } from "./signature";

const FORM = "application/x-www-form-urlencoded";

export interface SignedWebhook {
  /** The body as received: the edge forwards these exact bytes. */
  body: string;
  params: Record<string, string>;
}

export interface WebhookRejection {
  status: 400 | 403;
  error: string;
}

export interface WebhookSigning {
  /** Without it every webhook is refused: an unsigned webhook is never trusted. */
  authToken: string | undefined;
  /** The URL Twilio calls, without a trailing slash; the signature covers it. */
  publicUrl: string;
  /** The route's path, e.g. "/twilio/sms" (mounting prefixes make c.req.path unreliable). */
  path: string;
}

/**
 * The body and params of a correctly signed Twilio form post, or why it is refused.
 * The caller limits the body size first (hono/body-limit), so reading it here is bounded.
 */
export async function readSignedWebhook(request: Request, signing: WebhookSigning): Promise<SignedWebhook | WebhookRejection> {
  if (!signing.authToken) return { status: 403, error: "Twilio webhooks are off: TWILIO_AUTH_TOKEN is not set" };
  if (!(request.headers.get("content-type") ?? "").includes(FORM)) return { status: 400, error: `body must be ${FORM}` };
  const body = await request.text();
  const params = formParams(body);
  const url = signing.publicUrl + signing.path + new URL(request.url).search;
  if (!(await verifyTwilioSignature(signing.authToken, request.headers.get("x-twilio-signature"), url, params))) {
    return { status: 403, error: "invalid signature" };
  }
  return { body, params };
}

export function isRejection(read: SignedWebhook | WebhookRejection): read is WebhookRejection {
  return "error" in read;
}
