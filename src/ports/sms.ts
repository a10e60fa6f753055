/** The port every SMS send goes through: the real Twilio adapter or the sandbox outbox. */
export interface SmsSendRequest {
  to: string;
  body: string;
  /** Seconds the carrier may hold the text before dropping it (stale reminders are worse than none). */
  validitySeconds?: number;
}

export interface SmsPort {
  readonly channel: "twilio" | "sandbox";
  send(req: SmsSendRequest): Promise<{ providerSid: string }>;
}

/**
 * Why a send failed decides what happens next:
 * - not_sent: the provider surely did not take it (429, 5xx, connection refused) — retry with backoff;
 * - rejected: permanent (invalid number, unsubscribed) — record, never retry;
 * - unknown: we cannot tell whether it went out (timeout, reset) — resolved by policy per priority.
 */
export type SendFailure = "not_sent" | "rejected" | "unknown";

export class SmsSendError extends Error {
  constructor(
    message: string,
    readonly failure: SendFailure,
    readonly code: string | null = null,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = "SmsSendError";
  }
}
