import { z } from "zod";

/**
 * Slack's part of the config schema (merged into src/app/config.ts, which stays the one place
 * that reads the environment). Slack is on with a bot token plus either a signing secret
 * (HTTP at /slack/events) or an app-level token (Socket Mode, no public URL needed).
 */
const optionalString = z
  .string()
  .trim()
  .transform((s) => (s === "" ? undefined : s))
  .optional();

export const slackConfigShape = {
  SLACK_BOT_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  /** App-level token (xapp-…): Socket Mode instead of HTTP. */
  SLACK_APP_TOKEN: optionalString,
  /** Lets the real Bolt/WebClient talk to a fake Slack on loopback (tests). Ends with "/api/". */
  SLACK_API_BASE_URL: optionalString,
  /** Where the supervisors' daily summary goes (channel id). */
  SLACK_SUPERVISOR_CHANNEL: optionalString,
  /** Show initials and "new message — open to read" instead of bodies in channel history. */
  SLACK_REDACT: z
    .enum(["true", "false", "1", "0", ""])
    .optional()
    .transform((v) => v === "true" || v === "1"),
};

export type SlackMode = "off" | "http" | "socket";

export interface SlackSettings {
  mode: SlackMode;
  botToken?: string;
  signingSecret?: string;
  appToken?: string;
  apiBaseUrl?: string;
  supervisorChannel?: string;
  redact: boolean;
}

const set = (source: Record<string, string | undefined>, k: string) => (source[k] ?? "").trim() !== "";

/** Partial Slack config is an error naming the missing variable, never a silent sandbox. */
export function slackConfigProblems(source: Record<string, string | undefined>): string[] {
  const bot = set(source, "SLACK_BOT_TOKEN");
  const secret = set(source, "SLACK_SIGNING_SECRET");
  const app = set(source, "SLACK_APP_TOKEN");
  if (bot && !secret && !app) {
    return ["  SLACK_SIGNING_SECRET: set it (HTTP mode) or SLACK_APP_TOKEN (Socket Mode) together with SLACK_BOT_TOKEN"];
  }
  if (!bot && (secret || app)) return ["  SLACK_BOT_TOKEN: required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set"];
  if (app && !source.SLACK_APP_TOKEN!.trim().startsWith("xapp-")) return ["  SLACK_APP_TOKEN: must be an app-level token (xapp-…)"];
  return [];
}

export function slackSettings(c: {
  SLACK_BOT_TOKEN?: string;
  SLACK_SIGNING_SECRET?: string;
  SLACK_APP_TOKEN?: string;
  SLACK_API_BASE_URL?: string;
  SLACK_SUPERVISOR_CHANNEL?: string;
  SLACK_REDACT: boolean;
}): SlackSettings {
  const mode: SlackMode = !c.SLACK_BOT_TOKEN ? "off" : c.SLACK_APP_TOKEN ? "socket" : "http";
  return {
    mode,
    botToken: c.SLACK_BOT_TOKEN,
    signingSecret: c.SLACK_SIGNING_SECRET,
    appToken: c.SLACK_APP_TOKEN,
    apiBaseUrl: c.SLACK_API_BASE_URL,
    supervisorChannel: c.SLACK_SUPERVISOR_CHANNEL,
    redact: c.SLACK_REDACT,
  };
}
