import { describe, expect, it } from "vitest";
import type { Pool } from "pg";
import { measure, settled, type FakeDump, type Window } from "../../bench/chaos/measure";
import type { TextRecord } from "../../bench/chaos/traffic";

/**
 * The chaos run's accounting (bench/chaos/measure.ts) must be able to fail: each test
 * feeds it one kind of loss or double and checks that it is counted, and in which
 * scenario. The database is a stub answering the three queries measure() makes.
 */
const T0 = Date.parse("2026-12-01T12:00:00Z");
const W1: Window = { name: "one", from: T0, to: T0 + 60_000 };
const W2: Window = { name: "two", from: T0 + 60_000, to: T0 + 120_000 };
const RESPONDER = "+15551000001";
const PARENT = "+15552000000";

interface Rows {
  inbound?: { message_sid: string; received_at: Date; processed_at: Date | null }[];
  outbound?: { to_phone: string; body: string; priority: string; status: string; created_at: Date }[];
  cases?: { short_id: string; from_phone: string; created_at: Date }[];
}

function db(rows: Rows): Pool {
  return {
    async query(sql: string) {
      if (/from inbound_messages/.test(sql)) return { rows: rows.inbound ?? [] };
      if (/from outbound_messages/.test(sql)) return { rows: rows.outbound ?? [] };
      if (/from hotline_cases/.test(sql)) return { rows: rows.cases ?? [] };
      throw new Error(`unexpected query: ${sql}`);
    },
  } as unknown as Pool;
}

function text(over: Partial<TextRecord>): TextRecord {
  return {
    sid: "SM1",
    from: PARENT,
    crisis: false,
    scenario: "one",
    startedAt: T0 + 1000,
    ms: 20,
    status: 200,
    attempts: 1,
    fiveXX: 0,
    connectionErrors: 0,
    ok: true,
    ...over,
  };
}

const fake = (f: Partial<FakeDump>): FakeDump => ({ type: "dump", sent: [], hung: [], refused: [], ...f });
const at = (s: number) => new Date(T0 + s * 1000);

async function run(rows: Rows, texts: TextRecord[], dump: FakeDump, expected: { phone: string; dueAt: number }[] = []) {
  const [one, two] = await measure(db(rows), [W1, W2], texts, dump, [RESPONDER], expected);
  return { one: one!, two: two! };
}

describe("chaos accounting", () => {
  it("counts a routine text sent twice as doubled, in the scenario of the second send", async () => {
    const row = { to_phone: PARENT, body: "help text", priority: "reply", status: "sent", created_at: at(5) };
    const { one, two } = await run(
      { outbound: [row] },
      [],
      fake({ sent: [{ to: PARENT, body: "help text", at: T0 + 6000, sid: "SMa" }, { to: PARENT, body: "help text", at: T0 + 70_000, sid: "SMb" }] }),
    );
    expect(one.doubledRoutine).toBe(0);
    expect(two.doubledRoutine).toBe(1);
    expect(one.delivered).toBe(1);
  });

  it("does not count two identical replies for two rows as doubled", async () => {
    const row = { to_phone: PARENT, body: "help text", priority: "reply", status: "sent", created_at: at(5) };
    const { one } = await run(
      { outbound: [row, { ...row, created_at: at(9) }] },
      [],
      fake({ sent: [{ to: PARENT, body: "help text", at: T0 + 6000, sid: "SMa" }, { to: PARENT, body: "help text", at: T0 + 10_000, sid: "SMb" }] }),
    );
    expect(one.doubledRoutine).toBe(0);
    expect(one.delivered).toBe(2);
  });

  it("counts a routine send after a hang on the same text as doubled, a crisis one as a re-send", async () => {
    const routine = { to_phone: PARENT, body: "check-in", priority: "routine", status: "sent", created_at: at(5) };
    const page = { to_phone: RESPONDER, body: "case K7Q2A", priority: "crisis", status: "sent", created_at: at(5) };
    const { one } = await run(
      { outbound: [routine, page] },
      [],
      fake({
        hung: [
          { to: PARENT, body: "check-in", at: T0 + 6000 },
          { to: RESPONDER, body: "case K7Q2A", at: T0 + 6000 },
        ],
        sent: [
          { to: PARENT, body: "check-in", at: T0 + 20_000, sid: "SMa" },
          { to: RESPONDER, body: "case K7Q2A", at: T0 + 20_000, sid: "SMb" },
        ],
      }),
    );
    expect(one.doubledRoutine).toBe(1);
    expect(one.crisisResends).toBe(1);
  });

  it("a page sent directly (no row) once is a direct page, twice a crisis re-send; a routine send without a row is doubled", async () => {
    const { one } = await run(
      {},
      [],
      fake({
        sent: [
          { to: RESPONDER, body: "case AAAAA", at: T0 + 1000, sid: "SMa" },
          { to: RESPONDER, body: "case BBBBB", at: T0 + 1000, sid: "SMb" },
          { to: RESPONDER, body: "case BBBBB", at: T0 + 9000, sid: "SMc" },
          { to: PARENT, body: "hello", at: T0 + 2000, sid: "SMd" },
        ],
      }),
    );
    expect(one).toMatchObject({ directPages: 2, crisisResends: 1, doubledRoutine: 1 });
  });

  it("a hung routine send that was not re-sent is an unknown outcome, not a double", async () => {
    const { one } = await run(
      { outbound: [{ to_phone: PARENT, body: "check-in", priority: "routine", status: "unknown", created_at: at(5) }] },
      [],
      fake({ hung: [{ to: PARENT, body: "check-in", at: T0 + 6000 }] }),
    );
    expect(one).toMatchObject({ doubledRoutine: 0, unknownOutcome: 1, delivered: 1, undelivered: 0 });
  });

  it("counts a routine row marked sent that the fake never received, or still queued, as undelivered", async () => {
    const { one } = await run(
      {
        outbound: [
          { to_phone: PARENT, body: "a", priority: "reply", status: "sent", created_at: at(5) },
          { to_phone: PARENT, body: "b", priority: "reply", status: "queued", created_at: at(5) },
        ],
      },
      [],
      fake({}),
    );
    expect(one).toMatchObject({ outboundRows: 2, delivered: 0, undelivered: 2 });
  });

  it("counts an acknowledged text missing from the store, a 5xx one never stored, and one never processed as lost", async () => {
    const { one } = await run(
      { inbound: [{ message_sid: "SMstored", received_at: at(1), processed_at: null }] },
      [text({ sid: "SMgone" }), text({ sid: "SMfailed", status: 500, fiveXX: 2, ms: null, ok: false }), text({ sid: "SMstored" })],
      fake({}),
    );
    expect(one).toMatchObject({ sent: 3, acked: 2, stored: 1, lostInbound: 2, unprocessed: 1, unanswered: 1, fiveXX: 2 });
  });

  it("counts a case without a page naming it as a lost page, and a slow or missing crisis reply as late", async () => {
    const crisisPhones = ["+15553000000", "+15553000001", "+15553000002"];
    const { one } = await run(
      {
        cases: [
          { short_id: "AAAAA", from_phone: crisisPhones[0]!, created_at: at(1) },
          { short_id: "BBBBB", from_phone: crisisPhones[1]!, created_at: at(1) },
        ],
      },
      [
        text({ sid: "SMc0", from: crisisPhones[0]!, crisis: true, ms: 80 }),
        text({ sid: "SMc1", from: crisisPhones[1]!, crisis: true, ms: 1500 }),
        // Answered with the safety reply but no case was ever opened: also a lost page.
        text({ sid: "SMc2", from: crisisPhones[2]!, crisis: true, ms: 90 }),
      ],
      fake({ sent: [{ to: RESPONDER, body: "new urgent case AAAAA", at: T0 + 1500, sid: "SMp" }] }),
    );
    expect(one).toMatchObject({ cases: 2, lostPages: 2, crisisLate: 1, firstPageP50Ms: 500 });
  });

  it("counts a check-in whose prompt never reached the parent as lost, in the scenario it fell due", async () => {
    const other = "+15552000001";
    const { one, two } = await run({}, [], fake({ sent: [{ to: PARENT, body: "Good morning P, it's your check-in with Rosa.", at: T0 + 10_000, sid: "SMx" }] }), [
      { phone: PARENT, dueAt: T0 + 9000 },
      { phone: other, dueAt: T0 + 65_000 },
    ]);
    expect(one).toMatchObject({ checkinsDue: 1, checkinsLost: 0 });
    expect(two).toMatchObject({ checkinsDue: 1, checkinsLost: 1 });
  });
});

describe("chaos drain check", () => {
  const pending = (n: { stored: number; unprocessed: number; waiting: number; cases: string[] }): Pool =>
    ({
      async query(sql: string) {
        if (/from inbound_messages/.test(sql)) return { rows: [{ n: String(n.stored), unprocessed: String(n.unprocessed) }] };
        if (/from outbound_messages/.test(sql)) return { rows: [{ n: String(n.waiting) }] };
        if (/from hotline_cases/.test(sql)) return { rows: n.cases.map((short_id) => ({ short_id })) };
        throw new Error(sql);
      },
    }) as unknown as Pool;
  const texts = [text({ sid: "SMa" }), text({ sid: "SMb", crisis: true, from: "+15553000000" })];
  const paged = fake({ sent: [{ to: RESPONDER, body: "case AAAAA", at: T0, sid: "SMp" }] });

  it("is settled only when every text is stored and processed, nothing waits, and every case is paged", async () => {
    expect(await settled(pending({ stored: 2, unprocessed: 0, waiting: 0, cases: ["AAAAA"] }), W1, texts, paged, [RESPONDER])).toBe(true);
    expect(await settled(pending({ stored: 1, unprocessed: 0, waiting: 0, cases: ["AAAAA"] }), W1, texts, paged, [RESPONDER])).toBe(false);
    expect(await settled(pending({ stored: 2, unprocessed: 1, waiting: 0, cases: ["AAAAA"] }), W1, texts, paged, [RESPONDER])).toBe(false);
    expect(await settled(pending({ stored: 2, unprocessed: 0, waiting: 1, cases: ["AAAAA"] }), W1, texts, paged, [RESPONDER])).toBe(false);
    expect(await settled(pending({ stored: 2, unprocessed: 0, waiting: 0, cases: [] }), W1, texts, paged, [RESPONDER])).toBe(false);
    expect(await settled(pending({ stored: 2, unprocessed: 0, waiting: 0, cases: ["AAAAA"] }), W1, texts, fake({}), [RESPONDER])).toBe(false);
  });
});
