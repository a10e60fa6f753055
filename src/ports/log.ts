import { pino, type DestinationStream } from "pino";

/**
 * Structured logs (pino), one JSON object per line on stderr. Callers pass ids and counts
 * only: phone numbers and message bodies never go to logs (42 CFR Part 2). Three layers
 * keep that promise: callers' discipline, pino `redact` on every field name that holds a
 * number or a body, and a mask over every string for anything shaped like a phone number
 * (SDK error texts quote the number). test/http/observability-logs.test.ts runs real
 * flows and scans every line.
 */
export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

/** Field names that carry a phone number or a message body, in any casing we receive. */
export const REDACTED_FIELDS = [
  "phone", "from", "to", "From", "To", "fromPhone", "toPhone", "phoneNumber",
  "body", "Body", "text", "message", "note", "reply", "content",
] as const;

/**
 * E.164 (+ and 8–15 digits, separators allowed), or a North American number written any
 * common way (5555550100, 555-555-0100, (555) 555 0100, 1-555-…), standing alone: not a
 * run inside a longer number or an id.
 */
const PHONE_SHAPED = /\+\d[\d\s().-]{6,18}\d|(?<![\w-])(?:1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}(?![\w-])/g;

export function maskPhones(text: string): string {
  return text.replace(PHONE_SHAPED, "[phone]");
}

/**
 * `write` receives each line without its newline (tests collect lines in an array);
 * without it lines go to stderr synchronously, so the last line before an exit is kept.
 */
export function createLogger(level: LogLevel, write?: (line: string) => void): Logger {
  const destination: DestinationStream = write
    ? { write: (chunk: string) => write(chunk.endsWith("\n") ? chunk.slice(0, -1) : chunk) }
    : pino.destination({ dest: 2, sync: true });
  const base = pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: [...REDACTED_FIELDS], censor: "[redacted]" },
    },
    destination,
  );
  const at = (lvl: Exclude<LogLevel, "silent">) => (msg: string, fields?: LogFields) => {
    if (!base.isLevelEnabled(lvl)) return;
    base[lvl](fields ? maskFields(fields) : {}, maskPhones(msg));
  };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

function maskFields(fields: LogFields): LogFields {
  const out: LogFields = {};
  for (const [k, v] of Object.entries(fields)) out[k] = typeof v === "string" ? maskPhones(v) : v;
  return out;
}

/** Error text for logs: the class and message, never request bodies attached to SDK errors. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return maskPhones(`${err.name}: ${err.message}`).slice(0, 300);
  return maskPhones(String(err)).slice(0, 300);
}
