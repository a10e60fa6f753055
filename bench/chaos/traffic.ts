/**
 * The chaos run's load generator: signed POST /twilio/sms through a small round-robin
 * balancer over the web processes, as Twilio → a load balancer would deliver them.
 *
 * The balancer does what a real one does when a backend dies: a refused or reset
 * connection marks that backend down for a second and the same request goes to the
 * next one. A 5xx answer is counted and sent once more to another backend (what
 * Twilio's Fallback URL does); the MessageSid stays the same, so the service must store
 * it once whichever attempt got through.
 */
import { randomBytes } from "node:crypto";
import twilio from "twilio";

export const PUBLIC_URL = "https://buddyline.example.org";
export const TWILIO_AUTH_TOKEN = "chaos-twilio-auth-token-0123456789";
export const ACCOUNT_SID = "AC00000000000000000000000000000000";
export const PROGRAM_NUMBER = "+15550001111";

/** A crisis reply must be in the webhook's own answer within this (issue 13 goal). */
export const CRISIS_REPLY_MS = 1000;
const REQUEST_TIMEOUT_MS = 5000;
/** How long one text keeps being retried across backends before it counts as unanswered. */
const GIVE_UP_AFTER_MS = 10_000;
const MAX_5XX_RETRIES = 1;

export interface TextRecord {
  sid: string;
  from: string;
  crisis: boolean;
  scenario: string;
  /** Epoch ms when the first attempt left. */
  startedAt: number;
  /** From the first attempt to the final answer (ms); null when none came. */
  ms: number | null;
  status: number | null;
  attempts: number;
  fiveXX: number;
  connectionErrors: number;
  /** 200, and for a crisis text a TwiML <Message> naming 988. */
  ok: boolean;
}

export class Balancer {
  private next = 0;
  private readonly downUntil = new Map<number, number>();
  constructor(private readonly ports: number[]) {}

  pick(exclude?: number): number {
    const now = Date.now();
    for (let i = 0; i < this.ports.length; i++) {
      const port = this.ports[(this.next + i) % this.ports.length]!;
      if (port === exclude && this.ports.length > 1) continue;
      if ((this.downUntil.get(port) ?? 0) <= now) {
        this.next = (this.next + i + 1) % this.ports.length;
        return port;
      }
    }
    // Every backend marked down: try them anyway, in turn.
    this.next = (this.next + 1) % this.ports.length;
    return this.ports[this.next]!;
  }

  markDown(port: number) {
    this.downUntil.set(port, Date.now() + 1000);
  }
}

export function newMessageSid(): string {
  return `SM${randomBytes(16).toString("hex")}`;
}

/** Sends one signed text through the balancer, retrying as described above. */
export async function sendText(lb: Balancer, t: { from: string; body: string; crisis: boolean; scenario: string }): Promise<TextRecord> {
  const params = { MessageSid: newMessageSid(), AccountSid: ACCOUNT_SID, From: t.from, To: PROGRAM_NUMBER, Body: t.body, NumMedia: "0" };
  const signature = twilio.getExpectedTwilioSignature(TWILIO_AUTH_TOKEN, `${PUBLIC_URL}/twilio/sms`, params);
  const form = new URLSearchParams(params).toString();
  const rec: TextRecord = {
    sid: params.MessageSid,
    from: t.from,
    crisis: t.crisis,
    scenario: t.scenario,
    startedAt: Date.now(),
    ms: null,
    status: null,
    attempts: 0,
    fiveXX: 0,
    connectionErrors: 0,
    ok: false,
  };
  const t0 = performance.now();
  let last: number | undefined;
  while (performance.now() - t0 < GIVE_UP_AFTER_MS) {
    const port = lb.pick(last);
    last = port;
    rec.attempts++;
    try {
      const res = await fetch(`http://127.0.0.1:${port}/twilio/sms`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
        body: form,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await res.text();
      rec.status = res.status;
      if (res.status >= 500) {
        rec.fiveXX++;
        if (rec.fiveXX <= MAX_5XX_RETRIES) continue;
        break;
      }
      rec.ms = performance.now() - t0;
      rec.ok = res.status === 200 && (!t.crisis || /<Message>[^<]*988/.test(text));
      return rec;
    } catch {
      // Refused, reset, or no answer within REQUEST_TIMEOUT_MS: that backend is down for now.
      rec.connectionErrors++;
      lb.markDown(port);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return rec;
}

/**
 * Issues `perSecond` texts a second until `stop()` resolves, each from `next()`, without
 * waiting for answers (a slow answer must not slow the offered load).
 */
export function offerLoad(
  lb: Balancer,
  perSecond: number,
  next: (i: number) => { from: string; body: string; crisis: boolean },
  scenario: string,
  into: TextRecord[],
) {
  const inFlight = new Set<Promise<void>>();
  const started = Date.now();
  let issued = 0;
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    const due = Math.floor(((Date.now() - started) / 1000) * perSecond);
    while (issued < due) {
      const p = sendText(lb, { ...next(issued), scenario }).then((r) => {
        into.push(r);
        inFlight.delete(p);
      });
      inFlight.add(p);
      issued++;
    }
    setTimeout(tick, 10);
  };
  tick();
  return {
    /** Stops issuing and resolves when every text issued has its answer (or gave up). */
    async stop() {
      stopped = true;
      await Promise.all([...inFlight]);
    },
  };
}
