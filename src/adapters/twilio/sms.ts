import twilio from "twilio";
import { SmsSendError, type SmsPort, type SmsSendRequest } from "../../ports/sms";

export interface TwilioSmsOptions {
  accountSid: string;
  authToken: string;
  from: string;
  /** Overrides https://api.twilio.com so the real SDK can talk to a fake on loopback. */
  apiBaseUrl?: string;
  statusCallbackUrl?: string;
  timeoutMs?: number;
}

export function createTwilioSms(opts: TwilioSmsOptions): SmsPort {
  const client = twilio(opts.accountSid, opts.authToken, { timeout: opts.timeoutMs ?? 10_000, autoRetry: false });
  if (opts.apiBaseUrl) client.api.baseUrl = opts.apiBaseUrl;
  return {
    channel: "twilio",
    async send(req: SmsSendRequest) {
      try {
        const msg = await client.messages.create({
          to: req.to,
          from: opts.from,
          body: req.body,
          // `!== undefined`, not truthiness: 0 s left must become 1 s, not Twilio's 10-hour default.
          ...(req.validitySeconds !== undefined ? { validityPeriod: validityPeriod(req.validitySeconds) } : {}),
          ...(opts.statusCallbackUrl ? { statusCallback: opts.statusCallbackUrl } : {}),
        });
        return { providerSid: msg.sid };
      } catch (err) {
        throw classifyTwilioError(err);
      }
    },
  };
}

/** Twilio accepts whole seconds in 1..36000 (10 h); out-of-range values are rejected, so clamp. */
function validityPeriod(seconds: number): number {
  return Math.max(1, Math.min(36_000, Math.floor(seconds)));
}

/**
 * 4xx answers that are about our sending, not about the recipient, and pass with time:
 * 21611 = this From number has too many messages queued at Twilio.
 */
const TRANSIENT_CODES = new Set(["21611"]);

export function classifyTwilioError(err: unknown): SmsSendError {
  const e = err as { status?: number; code?: number | string; message?: string };
  if (typeof e?.status === "number") {
    const code = e.code === undefined ? null : String(e.code);
    if (e.status === 429 || e.status >= 500 || (code !== null && TRANSIENT_CODES.has(code))) {
      return new SmsSendError(`twilio ${e.status}${code ? ` (${code})` : ""}`, "not_sent", code, e.status);
    }
    // Other 4xx answers (21211 invalid number, 21610 unsubscribed, 21614 not mobile…) say
    // this text to this number can never succeed; 401/403 are our credentials, not theirs.
    if (e.status >= 400 && e.status !== 401 && e.status !== 403) {
      return new SmsSendError(`twilio rejected (${code ?? e.status})`, "rejected", code, e.status);
    }
    return new SmsSendError(`twilio ${e.status}`, "not_sent", code, e.status);
  }
  const sysCode = (err as { code?: string })?.code;
  // Refused or unresolved connections never reached Twilio; anything else (timeouts,
  // resets) may have, so its outcome is unknown.
  if (sysCode === "ECONNREFUSED" || sysCode === "ENOTFOUND" || sysCode === "EAI_AGAIN") {
    return new SmsSendError(`connection failed (${sysCode})`, "not_sent", sysCode, null);
  }
  return new SmsSendError(`send outcome unknown (${sysCode ?? "error"})`, "unknown", sysCode ?? null, null);
}
