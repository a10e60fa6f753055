import { Hono, type Context } from "hono";
import { z } from "zod";
import { TWIML_CONTENT_TYPE } from "../../adapters/twilio/twiml";
import { isRejection, readSignedWebhook } from "../../adapters/twilio/webhook-request";
import { planWave } from "../../domain/voice/hunt";
import { HANGUP, outageSteps } from "../../domain/voice/flow";
import type { VoiceStep } from "../../domain/voice/steps";
import { withDeadline } from "../inbound/journal/deadline";
import { responderCacheFor } from "../inbound/journal/responder-cache";
import { describeError } from "../../ports/log";
import type { Deps } from "../../ports/deps";
import {
  bridge,
  callerKey,
  callStatus,
  dialDone,
  holdLoop,
  incomingCall,
  missedPrompt,
  noStoreSteps,
  queueExit,
  recorded,
  transcribed,
  whisper,
  whisperKey,
} from "./voice";
import { callbackAnswered } from "./voice-callback";
import { renderTwiml } from "./voice-twiml";
import { fieldErrors } from "../http/validation";

/** The incoming call's lookups (caller, responders) get this long before the outage answer. */
const INCOMING_DEADLINE_MS = 1_000;

const sid = (prefix: string) => z.string().regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), `must be a Twilio ${prefix} SID`);
const seconds = z
  .string()
  .regex(/^\d{1,6}$/)
  .optional()
  .transform((s) => (s === undefined ? null : Number(s)));

const incomingSchema = z.object({
  CallSid: sid("CA"),
  // Withheld numbers arrive as words ("anonymous", "+266696687"); still a caller to help.
  From: z.string().min(1, "required").max(64).regex(/^\P{Cc}*$/u, "must not contain control characters"),
});
const statusSchema = z.object({ CallSid: sid("CA"), CallStatus: z.string().min(1).max(32), CallDuration: seconds });
const digitsSchema = z.object({ Digits: z.string().max(32).optional() });
const queueSchema = z.object({ QueueResult: z.string().max(64).default("leave") });
const recordingSchema = z.object({ RecordingSid: sid("RE"), RecordingDuration: seconds });
const transcriptionSchema = z.object({
  RecordingSid: sid("RE"),
  TranscriptionStatus: z.string().max(32).default("failed"),
  TranscriptionText: z.string().max(20_000).default(""),
  RecordingDuration: seconds,
});
const dialSchema = z.object({ DialCallStatus: z.string().max(32).default("completed"), DialCallDuration: seconds });

const uuid = z.uuid();
const attemptOf = (c: Context) => Math.min(10, Math.max(0, Number.parseInt(c.req.query("attempt") ?? "0", 10) || 0));

/**
 * POST /twilio/voice and its callbacks, every one signed like /twilio/sms (403 otherwise).
 * Never a 500: a failing handler answers with its own safe TwiML (for a caller, the 911 and
 * 988 lines), because a 500 is dead air for someone in crisis. A callback about a call or
 * leg we do not know gets harmless TwiML and writes nothing.
 */
export function voiceRoutes(deps: Deps) {
  const app = new Hono();
  const signing = { authToken: deps.config.TWILIO_AUTH_TOKEN, publicUrl: deps.config.PUBLIC_URL.replace(/\/$/, "") };
  const twiml = (c: Context, steps: readonly VoiceStep[]) =>
    c.body(renderTwiml(steps, deps.config.PUBLIC_URL), 200, { "content-type": TWIML_CONTENT_TYPE });

  /**
   * One signed callback: verify, parse, run, answer. `ids` are the query ids it needs
   * (unknown or malformed → harmless TwiML); `fallback` answers when the handler fails.
   */
  function route<S extends z.ZodType>(
    path: string,
    schema: S,
    ids: ("call" | "leg")[],
    fallback: (c: Context) => readonly VoiceStep[] | Promise<readonly VoiceStep[]>,
    run: (input: z.infer<S>, q: { call: string; leg: string }, c: Context) => Promise<readonly VoiceStep[]>,
  ) {
    app.post(path, async (c) => {
      const read = await readSignedWebhook(c.req.raw, { ...signing, path: `/twilio/voice${path === "/" ? "" : path}` });
      if (isRejection(read)) return c.text(read.error, read.status);
      const parsed = schema.safeParse(read.params);
      if (!parsed.success) return c.json({ error: "invalid webhook", fields: fieldErrors(parsed.error) }, 400);
      const q = { call: c.req.query("call") ?? "", leg: c.req.query("leg") ?? "" };
      if (ids.some((k) => !uuid.safeParse(q[k]).success)) return twiml(c, HANGUP);
      try {
        return twiml(c, await run(parsed.data, q, c));
      } catch (err) {
        deps.log.error("voice callback failed; answered with its fallback", { path, error: describeError(err) });
        return twiml(c, await fallback(c));
      }
    });
  }

  route("/", incomingSchema, [], (c) => outage(deps, c), async (input) => {
    let answeredWithout = false;
    try {
      return await withDeadline(
        incomingCall({ callSid: input.CallSid, from: input.From }, deps, { abandoned: () => answeredWithout }),
        INCOMING_DEADLINE_MS,
        "incoming call",
      );
    } catch (err) {
      // The outage answer rings volunteers itself: a late hunt must not ring them twice.
      answeredWithout = true;
      throw err;
    }
  });

  route("/wait", z.object({}), ["call"], () => [{ verb: "pause", seconds: 5 }], (_i, q) => holdLoop(q.call, deps));
  route("/key", digitsSchema, ["call"], () => missedFallback(deps), (input, q, c) =>
    callerKey(q.call, c.req.query("stage") === "missed" ? "missed" : "greeting", input.Digits, deps),
  );
  route("/queue-exit", queueSchema, ["call"], () => missedFallback(deps), (input, q) => queueExit(q.call, input.QueueResult, deps));
  route("/missed", z.object({}), ["call"], () => missedFallback(deps), (_i, q) => missedPrompt(q.call, deps));
  route("/recorded", recordingSchema, ["call"], () => HANGUP, (input, q, c) =>
    recorded({ callId: q.call, forWhom: forWhom(c), recordingSid: input.RecordingSid, seconds: input.RecordingDuration }, deps),
  );
  route("/transcription", transcriptionSchema, ["call"], () => [], async (input, q, c) => {
    await transcribed(
      {
        callId: q.call,
        forWhom: forWhom(c),
        recordingSid: input.RecordingSid,
        text: input.TranscriptionText,
        completed: input.TranscriptionStatus === "completed",
        seconds: input.RecordingDuration,
      },
      deps,
    );
    return [];
  });

  route("/whisper", z.object({}), ["call", "leg"], () => HANGUP, (_i, q, c) => whisper(q.call, q.leg, attemptOf(c), deps));
  route("/whisper-key", digitsSchema, ["call", "leg"], () => HANGUP, (input, q, c) =>
    whisperKey({ callId: q.call, legId: q.leg, digits: input.Digits, attempt: attemptOf(c) }, deps),
  );
  route("/bridge", z.object({}), ["call", "leg"], () => HANGUP, (_i, q) => bridge(q.call, q.leg, deps));
  route("/dial-done", dialSchema, ["call"], () => HANGUP, (input, q) =>
    dialDone({ callId: q.call, legId: uuid.safeParse(q.leg).success ? q.leg : null, dialStatus: input.DialCallStatus, seconds: input.DialCallDuration }, deps),
  );
  route("/callback", z.object({}), ["call"], () => HANGUP, (_i, q) => callbackAnswered(q.call, deps));

  route("/status", statusSchema, [], () => [], async (input, _q, c) => {
    const leg = c.req.query("leg");
    if (leg !== undefined && !uuid.safeParse(leg).success) return [];
    await callStatus({ legId: leg ?? null, callSid: input.CallSid, callStatus: input.CallStatus, durationSeconds: input.CallDuration }, deps);
    return [];
  });

  return app;
}

function forWhom(c: Context): "hotline" | "peer" {
  return c.req.query("for") === "peer" ? "peer" : "hotline";
}

/** Postgres is away or slow: greeting, the volunteers last known on shift, then 988. */
function outage(deps: Deps, _c: Context): VoiceStep[] {
  const responders = responderCacheFor(deps).responders ?? [];
  const phones = planWave(0, responders, deps.clock.now(), { childSafety: false }).responders.map((r) => r.phone);
  return outageSteps(
    { callId: "outage", language: "both", program: deps.config.PROGRAM_NAME },
    phones,
    deps.config.TWILIO_FROM ?? "",
    deps.config.VOICE_988_NUMBER,
    deps.config.VOICE_RING_SECONDS,
  );
}

/** When the missed-call prompt itself fails: 911 named and 988 dialled, no voicemail to lose. */
const missedFallback = noStoreSteps;
