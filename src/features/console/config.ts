import { z } from "zod";

/**
 * Web console settings (docs/console.md), spread into the one config schema
 * (src/app/config.ts) so they are read and reported with every other variable.
 */
export const consoleConfigShape = {
  /** Wrong passwords for one account within CONSOLE_LOCKOUT_MINUTES before it is locked for that long. */
  CONSOLE_LOCKOUT_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
  CONSOLE_LOCKOUT_MINUTES: z.coerce.number().positive().max(24 * 60).default(15),
  /** Wrong passwords from one address (any accounts) within the same window before it is refused (429). */
  CONSOLE_IP_ATTEMPTS: z.coerce.number().int().min(1).max(10_000).default(30),
  /** A session unused this long ends (idle expiry). */
  CONSOLE_SESSION_IDLE_MINUTES: z.coerce.number().positive().max(24 * 60).default(30),
  /** A session ends this long after sign-in, however active (absolute expiry). */
  CONSOLE_SESSION_MAX_HOURS: z.coerce.number().positive().max(24 * 7).default(12),
  /** Behind a reverse proxy: take the client address for the per-address limit from the last X-Forwarded-For entry (the proxy's). */
  CONSOLE_TRUST_PROXY: z
    .enum(["true", "false"], { error: "must be true or false" })
    .default("false")
    .transform((v) => v === "true"),
};
