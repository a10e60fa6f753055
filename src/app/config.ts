import { z } from "zod";
import { localTimeSchema, zoneSchema } from "../domain/time/schemas";
import { slackConfigProblems, slackConfigShape } from "../adapters/slack/config";
import { consoleConfigShape } from "../features/console/config";

/**
 * The one place that knows about environment variables. Everything else receives a
 * typed `Config`. Secrets come only from here (never from files in the repo).
 */
const optionalString = z
  .string()
  .trim()
  .transform((s) => (s === "" ? undefined : s))
  .optional();

const configSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default("127.0.0.1"),
    /** Public URL Twilio calls us at; X-Twilio-Signature is computed over it. */
    PUBLIC_URL: z.url().default("http://127.0.0.1:3000"),
    /** Set with the edge Worker in front (docs/edge.md): Twilio webhooks without it in x-buddyline-edge-secret get 403. */
    EDGE_FORWARD_SECRET: optionalString.pipe(z.string().min(16, "must be at least 16 characters").optional()),
    ADMIN_TOKEN: optionalString.pipe(z.string().min(16, "must be at least 16 characters").optional()),
    DATA_DIR: z.string().default(".data"),
    DATABASE_URL: optionalString,
    /** The embedded PGlite runs in its own thread (default) or, with "off", on the service's event loop (kept to compare the two: BENCHMARKS.md). */
    PGLITE_THREAD: z.enum(["on", "off"]).default("on"),
    REDIS_URL: z.string().default("redis://127.0.0.1:6379"),
    QUEUE_PREFIX: z.string().default("buddyline"),
    PROGRAM_NAME: z.string().default("Buddyline"),
    /** Named in HELP in both languages, so a phone number or URL; unset = a localised "your program". */
    PROGRAM_CONTACT: optionalString,
    TWILIO_ACCOUNT_SID: optionalString,
    TWILIO_AUTH_TOKEN: optionalString,
    TWILIO_FROM: optionalString,
    /** Lets the real SDK talk to a fake Twilio on loopback in tests. */
    TWILIO_API_BASE_URL: optionalString,
    SMS_MAX_PER_SECOND: z.coerce.number().positive().default(1),
    /** A scheduled text whose send time was missed by more than this is skipped, not sent late. */
    SEND_GRACE_MINUTES: z.coerce.number().int().min(0).default(60),
    MISSED_CHECKINS_ALERT_AFTER: z.coerce.number().int().min(1).default(2),
    /** How many days ahead the planner keeps delayed check-in jobs. */
    PLAN_HORIZON_DAYS: z.coerce.number().int().min(1).max(14).default(2),
    FLOWS_DIR: z.string().default("flows"),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
    /** Unclaimed this long after the first page → backups and on-call supervisors. */
    HOTLINE_ESCALATE_AFTER_SECONDS: z.coerce.number().positive().default(120),
    /** Then page again every this many seconds until someone claims the case. */
    HOTLINE_REPEAT_EVERY_SECONDS: z.coerce.number().positive().default(120),
    /** A claimed case whose parent texts in crisis again re-opens if the holder has not replied within this. */
    HOTLINE_CLAIMED_REPLY_SECONDS: z.coerce.number().positive().default(180),
    /** Whether hotline volunteers are mandated reporters (child safety guidance differs). */
    HOTLINE_VOLUNTEERS_MANDATED_REPORTERS: z
      .enum(["true", "false"], { error: "must be true or false" })
      .default("false")
      .transform((v) => v === "true"),
    /** Token for supervisors: hotline cases (read, and take/reassign/release/close/review) and the summary; no admin writes. */
    SUPERVISOR_TOKEN: optionalString.pipe(z.string().min(16, "must be at least 16 characters").optional()),
    /** Bearer token for GET /metrics only (a scraper need not hold the admin token). */
    METRICS_TOKEN: optionalString.pipe(z.string().min(16, "must be at least 16 characters").optional()),
    MAX_BODY_BYTES: z.coerce.number().int().positive().default(64 * 1024),
    /** Outages (docs/decisions.md): each store lookup on the crisis path gives up after this, and a fallback answers. */
    CRISIS_LOOKUP_TIMEOUT_MS: z.coerce.number().int().positive().default(250),
    /** Local journal (DATA_DIR/journal) of texts Postgres could not take; bounded, routine texts may use 3/4 of it. */
    JOURNAL_MAX_BYTES: z.coerce.number().int().positive().default(16 * 1024 * 1024),
    /** How often the webhook process retries replaying its journal into Postgres. */
    JOURNAL_REPLAY_EVERY_MS: z.coerce.number().int().positive().default(5000),
    /** SMS send retries back off exponentially from 1 s up to this; they stop at the grace window (routine) or when the case closes (crisis). */
    SMS_RETRY_MAX_BACKOFF_SECONDS: z.coerce.number().positive().default(60),
    /** Worker role: how often it checks that Redis still holds its schedules (a restart without persistence empties it). */
    REDIS_CHECK_EVERY_SECONDS: z.coerce.number().positive().default(30),
    /** Supervisors' daily summary: local time and zone it is posted at (docs/boundaries.md). */
    SUPERVISOR_SUMMARY_TIME: localTimeSchema.default("08:00"),
    SUPERVISOR_TIME_ZONE: zoneSchema.default("America/New_York"),
    /** A note nobody acknowledged for this long is listed in the supervisors' summary. */
    UNACKED_ALERT_HOURS: z.coerce.number().positive().default(24),
    /** Optional program hotline named in the off-hours auto-reply next to 988. */
    PROGRAM_HOTLINE: optionalString,
    /** Voice hotline (docs/voice.md): seconds each wave of volunteer legs rings before the next wave. */
    VOICE_RING_SECONDS: z.coerce.number().int().min(5).max(60).default(25),
    /** Offer "press 2 for your peer's voicemail" during the parent's peer's working hours. */
    VOICE_PEER_VOICEMAIL: z
      .enum(["true", "false"], { error: "must be true or false" })
      .default("false")
      .transform((v) => v === "true"),
    /** What "press 9 for 988" dials: Twilio cannot dial the 988 short code; this 10-digit number reaches the same Lifeline. */
    VOICE_988_NUMBER: z.string().regex(/^\+[1-9]\d{6,14}$/, "must be an E.164 number").default("+18002738255"),
    ...slackConfigShape,
    ...consoleConfigShape,
  });

const TWILIO_VARS = ["TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_FROM"] as const;

export type Config = z.infer<typeof configSchema> & {
  readonly sandbox: boolean;
  readonly role: Role;
};
export type Role = "web" | "worker" | "all";

export class ConfigError extends Error {}

export function parseConfig(source: Record<string, string | undefined>, role: Role = "all"): Config {
  const parsed = configSchema.safeParse(source);
  const lines = parsed.success ? [] : parsed.error.issues.map((i) => `  ${i.path.join(".") || "(config)"}: ${i.message}`);
  // Checked on the raw source so it is reported together with every other bad variable.
  const twilioSet = TWILIO_VARS.filter((k) => (source[k] ?? "").trim() !== "").length;
  if (twilioSet > 0 && twilioSet < TWILIO_VARS.length) {
    lines.push(`  TWILIO_ACCOUNT_SID: set all of ${TWILIO_VARS.join(", ")}, or none (sandbox mode)`);
  }
  lines.push(...slackConfigProblems(source));
  if (!parsed.success || lines.length) throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  const c = parsed.data;
  return { ...c, sandbox: !c.TWILIO_ACCOUNT_SID, role };
}
