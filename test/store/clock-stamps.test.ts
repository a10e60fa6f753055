import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Clock } from "../../src/ports/clock";
import { storeFor } from "../../src/adapters/postgres";
import { boundariesStore } from "../../src/adapters/postgres/boundaries";
import { DB_KINDS, openTestDb } from "../support/db";
import { participantInput, peerInput, uniqueKey, uniquePhone } from "./fixtures";

/**
 * Every timestamp the code compares comes from the injected Clock (issue 9). A row stamped
 * by SQL now() carries the database server's time instead, which a test clock (or a
 * server whose clock differs) does not see: a sweeper comparing the two finds nothing.
 */

const SRC = fileURLToPath(new URL("../../src/", import.meta.url));
// A SQL clock function anywhere in the code, not a method call like clock.now() or Date.now().
const SQL_CLOCK = /(?<![.\w])(now\(\)|current_timestamp|current_date|localtimestamp|clock_timestamp\(\)|statement_timestamp\(\)|transaction_timestamp\(\))/i;
// Never compared: when a migration file was applied (an operator's note, not logic).
const ALLOWED = [{ file: "migrate.ts", sql: "applied_at timestamptz not null default now()" }];

/** The string and template literals of a source file: where SQL lives (comments are not). */
function stringLiterals(code: string): string[] {
  const withoutComments = code.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:])\/\/.*$/gm, "$1");
  return withoutComments.match(/`(?:[^`\\]|\\.)*`|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g) ?? [];
}

async function sourceFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await sourceFiles(p)));
    else if (e.name.endsWith(".ts")) out.push(p);
  }
  return out;
}

describe("SQL clock functions in the code", () => {
  it("appear nowhere outside migrations' column defaults (the store passes the Clock's time)", async () => {
    const hits: string[] = [];
    for (const file of await sourceFiles(SRC)) {
      const where = relative(SRC, file);
      for (const literal of stringLiterals(await readFile(file, "utf8"))) {
        if (!SQL_CLOCK.test(literal)) continue;
        if (ALLOWED.some((a) => where.endsWith(a.file) && literal.includes(a.sql))) continue;
        hits.push(`${where}: ${literal.replace(/\s+/g, " ").slice(0, 160)}`);
      }
    }
    expect(hits).toEqual([]);
  });

  it("the check above does find one (it is not vacuous)", () => {
    const code = 'await q.query(`update t set updated_at = now() where id = $1`); // now() in a comment\nconst at = deps.clock.now();';
    expect(stringLiterals(code).filter((l) => SQL_CLOCK.test(l))).toEqual(["`update t set updated_at = now() where id = $1`"]);
    expect(SQL_CLOCK.test("where created_at < current_timestamp")).toBe(true);
    expect(SQL_CLOCK.test("deps.clock.now() and Date.now()")).toBe(false);
  });
});

describe.each(DB_KINDS)("rows are stamped by the injected Clock (%s)", (kind) => {
  // Far from the real date, so a value stamped by the database server stands out.
  const T = new Date("2001-02-03T04:05:06.789Z");
  const later = (ms: number) => new Date(T.getTime() + ms);
  const clock: Clock = { now: () => T };
  let db: Awaited<ReturnType<typeof openTestDb>>;
  beforeAll(async () => {
    db = await openTestDb(kind, clock);
  });
  afterAll(async () => db?.drop());

  it("every timestamptz column of every table holds the Clock's time, never the server's", async () => {
    await writeEveryTable(db, T, later);

    const { rows: columns } = await db.query<{ table_name: string; column_name: string; column_default: string | null }>(
      `select table_name, column_name, column_default from information_schema.columns
        where table_schema = current_schema() and data_type = 'timestamp with time zone'
          and table_name <> 'schema_migrations'
        order by table_name, column_name`,
    );
    expect(columns.length).toBeGreaterThan(20);
    // A table with a now() default can be stamped by the server just by leaving a column
    // out, so each must be written here; a column without a default cannot (the insert
    // fails), and SQL now() in the code is caught by the scan above.
    const defaulted = [...new Set(columns.filter((c) => /now\(\)/i.test(c.column_default ?? "")).map((c) => c.table_name))];
    expect(defaulted.length).toBeGreaterThan(15);
    const empty: string[] = [];
    for (const t of defaulted) {
      const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from ${t}`);
      if (rows[0]!.n === 0) empty.push(t);
    }
    expect(empty).toEqual([]);

    const serverStamped: string[] = [];
    for (const { table_name: t, column_name: c } of columns) {
      const { rows } = await db.query<{ n: number }>(
        `select count(*)::int as n from ${t} where ${c} is not null and ${c} not between $1 and $2`,
        [later(-24 * 3600_000), later(365 * 24 * 3600_000)],
      );
      if (rows[0]!.n > 0) serverStamped.push(`${t}.${c}`);
    }
    expect(serverStamped).toEqual([]);
  });
});

/** One or more writes through each repository, with every instant the caller passes near T. */
async function writeEveryTable(db: Awaited<ReturnType<typeof openTestDb>>, T: Date, later: (ms: number) => Date) {
  const s = storeFor(db);
  const b = boundariesStore(db);
  const hour = 3600_000;

  const peer = await s.peers.create(peerInput());
  await s.peers.update(peer.id, { name: "Rosa M." });
  await s.peers.setAway(peer.id, { until: later(hour), since: T });

  const p = await s.participants.create(participantInput({ peerId: peer.id }));
  await s.participants.update(p.id, { firstName: "Ana M." });
  await s.participants.setConsent(p.id, "opted_in", T);
  await s.pauses.pause(p.id, later(24 * hour), "vacation");
  await s.pauses.resume(p.id);
  await s.recoveryCapital.setCadence(p.id, "weekly");
  await s.optOuts.add(uniquePhone(), T);

  const { message: inbound } = await s.inbound.insertOnce({
    messageSid: uniqueKey("SM"), fromPhone: p.phone, toPhone: "+15550001111", body: "hi", participantId: p.id,
  });
  await s.inbound.insertManyOnce([{ messageSid: uniqueKey("SM"), fromPhone: p.phone, toPhone: "+15550001111", body: "again" }]);
  await s.inbound.markProcessed(inbound.id, "handled", T);

  const { message: out } = await s.outbound.createOnce({
    idempotencyKey: uniqueKey("out"), toPhone: p.phone, body: "hello", kind: "test", priority: "routine", participantId: p.id, notAfter: later(hour),
  });
  await s.outbound.transition(out.id, ["queued"], "sending", { countAttempt: true });
  await s.outbound.transition(out.id, ["sending"], "sent", { providerSid: "SMout1", sentAt: T });
  await s.outbound.recordDeliveryStatus("SMout1", "delivered", null);
  await s.outbound.holdEarlyStatus("SMnotyet", "sent", null);

  const checkin = await s.checkins.createOnce({
    participantId: p.id, kind: "daily", localDate: "2001-02-03", dueAt: T, status: "awaiting", windowClosesAt: later(hour),
  });
  await s.checkins.answer(checkin!.id, 4, inbound.id, T);
  await s.checkins.recordSkippedMany([{ participantId: p.id, kind: "nightly", localDate: "2001-02-03", dueAt: T }], "late");

  const { notification: note } = await s.notifications.createOnce({
    idempotencyKey: uniqueKey("n"), peerId: peer.id, participantId: p.id, kind: "parent_message", summary: "note", inboundMessageId: inbound.id,
  });
  await b.markDeferred(note.id, later(hour), T);
  const { digest } = await b.claimIntoDigest(uniqueKey("digest"), peer.id, [note.id]);
  await b.markDigestDelivered(digest.id, "test", T);
  await b.acknowledge(note.id, peer.id, T);
  const { notification: note2 } = await s.notifications.createOnce({
    idempotencyKey: uniqueKey("n"), peerId: peer.id, participantId: p.id, kind: "low_score", summary: "note",
  });
  await s.notifications.markDelivered(note2.id, "test", T, true);
  await b.snooze(note2.id, peer.id, later(hour));

  const threadKey = { peerId: peer.id, participantId: p.id, localDate: "2001-02-03" };
  await s.slack.claim(threadKey, T, later(-60_000));
  await s.slack.setTs(threadKey, "D1", "1.0001");
  await s.slack.recordPost({ notificationId: note.id, channel: "D1", ts: "1.0002", threadTs: "1.0001" });

  const appt = { participantId: p.id, kind: "court_hearing" as const, localDate: "2001-02-04", localTime: "10:00", timeZone: "America/Chicago", place: null, notes: null };
  const ahead = await s.appointments.create({ ...appt, startsAt: later(24 * hour) });
  await s.appointments.update(ahead.id, { place: "Room 4" }, false);
  await s.appointments.markReminded(ahead.id, 2, T);
  await s.appointments.setConfirmation(ahead.id, "confirmed", T);
  const past = await s.appointments.create({ ...appt, localDate: "2001-02-03", startsAt: later(-hour) });
  await s.appointments.recordOutcome(past.id, "attended", T);
  await s.appointments.cancel((await s.appointments.create({ ...appt, startsAt: later(2 * hour) })).id);
  await s.phases.create({ participantId: p.id, name: "onboarding", startDate: "2001-02-01", endDate: "2001-03-01", cadence: {} });
  await s.points.awardOnce({ participantId: p.id, sourceKey: uniqueKey("pts"), reason: "checkin_answered", points: 1 });

  const run = await s.flowRuns.create({
    participantId: p.id, flowId: "recovery-capital", startKey: uniqueKey("rc"),
    state: { status: "active", stepId: null, waiting: null, values: {}, version: 0 },
  });
  await s.flowRuns.save(run!.id, 0, { status: "completed", stepId: "end", waiting: null, values: {}, version: 1 }, T, T);
  await s.recoveryCapital.createOnce({ participantId: p.id, runId: run!.id, status: "complete", total: 40, items: {}, finishedAt: T });

  const responder = await s.responders.create({
    name: "Vol", phone: uniquePhone(), language: "en", timeZone: "America/Chicago", shifts: [], tier: "primary", pageChannel: "sms", slackUserId: null, active: true,
  });
  await s.responders.update(responder.id, { name: "Volunteer" });
  const c = await s.cases.create({
    shortId: "K7Q2", participantId: p.id, fromPhone: p.phone, language: "en", level: "imminent", severity: 3, categories: [], supervisorReview: false,
  });
  await s.cases.claim(c.id, responder.id, T);
  await s.cases.addEvent(c.id, "claimed", T, responder.id);
  await s.cases.close(c.id, responder.id, "ok", T);
}
