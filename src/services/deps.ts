import type { NotificationPort } from "../channels/notify";
import type { SmsPort } from "../channels/sms";
import type { Clock } from "../clock";
import type { Config } from "../config";
import type { Cadence } from "../flows/appointments-config";
import type { FlowCatalog } from "../flows/catalog";
import type { Logger } from "../log";
import type { Queues } from "../queues";
import type { Db } from "../store";
import type { SlackRuntime } from "../slack/app";

/** Everything a use case may touch, built once by the composition root (src/main.ts). */
export interface Deps {
  config: Config;
  db: Db;
  queues: Queues;
  sms: SmsPort;
  notify: NotificationPort;
  flows: FlowCatalog;
  /** Appointment and incentive cadence (flows/appointments.json, flows/incentives.json). */
  cadence: Cadence;
  clock: Clock;
  log: Logger;
  /** Set when Slack is configured (src/slack/app.ts attachSlack); /slack/events needs it. */
  slack?: SlackRuntime | null;
}
