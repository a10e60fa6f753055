import { createSandboxVoice, createTwilioVoice, type VoicePort } from "../../adapters/twilio/voice";
import { describeError } from "../../ports/log";
import type { Deps } from "../../ports/deps";

const ports = new WeakMap<object, VoicePort>();

/**
 * The Calls API port for this app: the real twilio SDK when Twilio is configured (its base
 * URL overridable, like SMS), else the sandbox recorder. One per app (keyed by its db).
 */
export function voicePortFor(deps: Pick<Deps, "config" | "db">): VoicePort {
  let port = ports.get(deps.db);
  if (!port) {
    const c = deps.config;
    port =
      c.TWILIO_ACCOUNT_SID && c.TWILIO_AUTH_TOKEN && c.TWILIO_FROM
        ? createTwilioVoice({ accountSid: c.TWILIO_ACCOUNT_SID, authToken: c.TWILIO_AUTH_TOKEN, from: c.TWILIO_FROM, apiBaseUrl: c.TWILIO_API_BASE_URL })
        : createSandboxVoice();
    ports.set(deps.db, port);
  }
  return port;
}

/** Tests, the simulator and the bench hand in their own port before the first call. */
export function useVoicePort(deps: Pick<Deps, "db" | "store" | "transaction">, port: VoicePort): void {
  ports.set(deps.db, port);
}

// ---- work after the answer: Calls API requests run once the webhook has answered ----

const pendingByDb = new WeakMap<object, Set<Promise<unknown>>>();

/** Runs `fn` in the background, tracked per app; a failure is logged (ids only). */
export function later(deps: Pick<Deps, "db" | "store" | "transaction" | "log">, what: string, fn: () => Promise<unknown>): void {
  let pending = pendingByDb.get(deps.db);
  if (!pending) pendingByDb.set(deps.db, (pending = new Set()));
  const p: Promise<unknown> = Promise.resolve()
    .then(fn)
    .catch((err) => deps.log.error("voice: background step failed", { what, error: describeError(err) }))
    .finally(() => pending!.delete(p));
  pending.add(p);
}

/** Resolves once every background step started so far (and those they started) is done. */
export async function voiceIdle(deps: Pick<Deps, "db" | "store" | "transaction">): Promise<void> {
  const pending = pendingByDb.get(deps.db);
  while (pending && pending.size) await Promise.all([...pending]);
}
