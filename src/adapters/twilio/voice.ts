import { randomBytes } from "node:crypto";
import twilio from "twilio";

/**
 * Outbound call legs through Twilio's Calls API: ringing volunteers from the program
 * number, ending legs that lost, and moving a caller out of the hold queue. The sandbox
 * port records the same requests in memory (the call simulator prints them).
 */
export interface VoiceLegRequest {
  to: string;
  /** Absolute URL Twilio fetches when the leg answers (the whisper). */
  url: string;
  /** Absolute URL for the leg's final status (no-answer, busy, completed…). */
  statusCallback: string;
  /** Seconds to ring before Twilio gives up with no-answer. */
  timeoutSeconds: number;
}

export interface VoicePort {
  readonly channel: "twilio" | "sandbox";
  /** The program number every leg is placed from (the volunteer sees it, never the parent's). */
  readonly from: string;
  createCall(req: VoiceLegRequest): Promise<{ sid: string }>;
  /** Ends a call: `canceled` for one still ringing, `completed` for one in progress. */
  endCall(sid: string, as: "canceled" | "completed"): Promise<void>;
  /** Sends a live call to new TwiML (a caller out of the hold queue). */
  redirectCall(sid: string, url: string): Promise<void>;
}

export interface TwilioVoiceOptions {
  accountSid: string;
  authToken: string;
  from: string;
  /** Overrides https://api.twilio.com so the real SDK can talk to a fake on loopback. */
  apiBaseUrl?: string;
  timeoutMs?: number;
}

export function createTwilioVoice(opts: TwilioVoiceOptions): VoicePort {
  const client = twilio(opts.accountSid, opts.authToken, { timeout: opts.timeoutMs ?? 5_000, autoRetry: false });
  if (opts.apiBaseUrl) client.api.baseUrl = opts.apiBaseUrl;
  return {
    channel: "twilio",
    from: opts.from,
    async createCall(req) {
      const call = await client.calls.create({
        to: req.to,
        from: opts.from,
        url: req.url,
        statusCallback: req.statusCallback,
        statusCallbackEvent: ["completed"],
        timeout: req.timeoutSeconds,
      });
      return { sid: call.sid };
    },
    async endCall(sid, as) {
      await client.calls(sid).update({ status: as });
    },
    async redirectCall(sid, url) {
      await client.calls(sid).update({ url, method: "POST" });
    },
  };
}

export interface SandboxVoiceRequest {
  kind: "create" | "end" | "redirect";
  sid: string;
  to?: string;
  url?: string;
  as?: string;
}

/** No account: legs are recorded, never placed. */
export function createSandboxVoice(from = "+15550000000"): VoicePort & { requests: SandboxVoiceRequest[] } {
  const requests: SandboxVoiceRequest[] = [];
  return {
    channel: "sandbox",
    from,
    requests,
    async createCall(req) {
      const sid = `CA${randomBytes(16).toString("hex")}`;
      requests.push({ kind: "create", sid, to: req.to, url: req.url });
      return { sid };
    },
    async endCall(sid, as) {
      requests.push({ kind: "end", sid, as });
    },
    async redirectCall(sid, url) {
      requests.push({ kind: "redirect", sid, url });
    },
  };
}
