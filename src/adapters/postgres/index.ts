import type { Db, Queryable } from "./db";
import { appointmentsStore } from "./appointments";
import { askBacksStore } from "./askbacks";
import { phasesStore } from "./phases";
import { pointsStore } from "./points";
import { casesStore } from "./cases";
import { checkinsStore } from "./checkins";
import { inboundStore } from "./inbound";
import { notificationsStore } from "./notifications";
import { optOutsStore } from "./opt-outs";
import { outboundStore } from "./outbound";
import { participantsStore } from "./participants";
import { peersStore } from "./peers";
import { respondersStore } from "./responders";
import { slackThreadsStore } from "./slack-threads";
import { flowRunsStore } from "./flow-runs";
import { pausesStore } from "./pauses";
import { recoveryCapitalStore } from "./recovery-capital";
import { boundariesStore } from "./boundaries";
import { consentsStore } from "./consents";
import { reportsStore } from "./reports";
import { disclosuresStore } from "./disclosures";
import { usersStore } from "./users";
import { sessionsStore } from "./sessions";
import { auditStore } from "./audit";
import { consoleReadsStore } from "./console-reads";

/** Repositories bound to one connection or transaction; cheap to build per transaction. */
export function storeFor(q: Queryable) {
  return {
    peers: peersStore(q),
    slack: slackThreadsStore(q),
    participants: participantsStore(q),
    inbound: inboundStore(q),
    outbound: outboundStore(q),
    checkins: checkinsStore(q),
    notifications: notificationsStore(q),
    optOuts: optOutsStore(q),
    responders: respondersStore(q),
    cases: casesStore(q),
    appointments: appointmentsStore(q),
    phases: phasesStore(q),
    points: pointsStore(q),
    flowRuns: flowRunsStore(q),
    pauses: pausesStore(q),
    recoveryCapital: recoveryCapitalStore(q),
    boundaries: boundariesStore(q),
    askBacks: askBacksStore(q),
    // Monthly progress reports (features/reports): consents, drafts, the disclosure log.
    consents: consentsStore(q),
    reports: reportsStore(q),
    disclosures: disclosuresStore(q),
    // Web console (features/console): accounts, sessions, audit log, page reads.
    users: usersStore(q),
    sessions: sessionsStore(q),
    audit: auditStore(q),
    consoleReads: consoleReadsStore(q),
  };
}
export type Store = ReturnType<typeof storeFor>;

/** Runs `fn` with repositories inside one transaction. */
export function inTransaction<R>(db: Db, fn: (store: Store) => Promise<R>): Promise<R> {
  return db.transaction((tx) => fn(storeFor(tx)));
}

export { openDb, type Db, type Queryable } from "./db";
export { migrate } from "./migrate";
