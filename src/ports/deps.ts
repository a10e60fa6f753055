import type { NotificationPort } from "./notify";
import type { SmsPort } from "./sms";
import type { Clock } from "./clock";
import type { Config } from "../app/config";
import type { Cadence } from "../content/appointments-config";
import type { FlowCatalog } from "../content/catalog";
import type { Logger } from "./log";
import type { Queues } from "../jobs/queues";
import type { Db, Store } from "../adapters/postgres";
import type { VoicePort } from "../adapters/twilio/voice";

/**
 * Everything a use case may touch, built once by `buildContainer` (src/app/container.ts) and
 * never changed afterwards: tests and benches pass overrides to the builder instead.
 */
export interface Deps {
  config: Config;
  /** The connection; use cases read and write through `store` and `transaction`. */
  db: Db;
  /** Repositories on the shared connection. */
  store: Store;
  /** Runs `fn` with repositories bound to one transaction. */
  transaction<R>(fn: (store: Store) => Promise<R>): Promise<R>;
  queues: Queues;
  sms: SmsPort;
  /** Calls API (voice hotline legs): the real twilio SDK, or the sandbox recorder. */
  voice: VoicePort;
  notify: NotificationPort;
  flows: FlowCatalog;
  /** Appointment and incentive cadence (flows/appointments.json, flows/incentives.json). */
  cadence: Cadence;
  clock: Clock;
  log: Logger;
}
