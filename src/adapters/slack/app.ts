import { App } from "@slack/bolt";
import { createSlackNotifications } from "./notify";
import type { NotificationPort } from "../../ports/notify";
import type { Deps } from "../../ports/deps";
import { boltLogger, webClientOptions } from "./client";
import { slackSettings, type SlackSettings } from "./config";
import { HonoReceiver } from "./hono-receiver";

export interface SlackRuntime {
  mode: "http" | "socket";
  redact: boolean;
  app: App;
  /** Set in HTTP mode: what /slack/events hands verified requests to. */
  http: { receiver: HonoReceiver; signingSecret: string } | null;
  notifications: NotificationPort;
  /** Socket Mode opens its websocket here; HTTP mode has nothing to start. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Builds the Bolt app for the configured mode, or null when Slack is off (notes then stay
 * in the sandbox outbox). `deps` is read when events arrive, so the caller may set
 * `deps.notify` to this runtime's notifications afterwards.
 */
export function createSlackRuntime(
  base: Pick<Deps, "db" | "clock" | "log">,
  settings: SlackSettings,
): SlackRuntime | null {
  const deps = base;
  if (settings.mode === "off" || !settings.botToken) return null;
  const clientOptions = webClientOptions(settings.apiBaseUrl, deps.log);
  const logger = boltLogger(deps.log);
  const receiver = settings.mode === "http" ? new HonoReceiver(deps.log) : null;
  const app =
    settings.mode === "socket"
      ? new App({
          token: settings.botToken,
          appToken: settings.appToken,
          socketMode: true,
          clientOptions,
          logger,
          tokenVerificationEnabled: false,
        })
      : new App({ token: settings.botToken, receiver: receiver!, clientOptions, logger, tokenVerificationEnabled: false });
  app.error(async (err) => {
    deps.log.error("slack listener error", { error: `${err.name}: ${err.message}`.slice(0, 300) });
  });
  const notifications = createSlackNotifications({
    client: app.client,
    db: deps.db,
    clock: deps.clock,
    log: deps.log,
    redact: settings.redact,
    supervisorChannel: settings.supervisorChannel,
  });
  let started = false;
  return {
    redact: settings.redact,
    mode: settings.mode,
    app,
    http: receiver ? { receiver, signingSecret: settings.signingSecret ?? "" } : null,
    notifications,
    async start() {
      if (settings.mode !== "socket" || started) return;
      await app.start();
      started = true;
    },
    async stop() {
      if (!started) return;
      started = false;
      await app.stop();
    },
  };
}

export { slackSettings };
