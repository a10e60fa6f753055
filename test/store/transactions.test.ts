import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction, storeFor, type Store } from "../../src/adapters/postgres";
import { DB_KINDS, openTestDb } from "../support/db";
import { participantInput, peerInput, uniqueKey, uniquePhone } from "./fixtures";

const TABLES = ["peers", "participants", "inbound_messages", "outbound_messages", "checkins", "peer_notifications", "opted_out_phones"];

describe.each(DB_KINDS)("db adapter and transactions (%s)", (kind) => {
  let db: Awaited<ReturnType<typeof openTestDb>>;
  let store: Store;
  beforeAll(async () => {
    db = await openTestDb(kind);
    store = storeFor(db);
  });
  afterAll(async () => db?.drop());

  const counts = async () => {
    const out: Record<string, number> = {};
    for (const t of TABLES) out[t] = (await db.query<{ n: number }>(`select count(*)::int as n from ${t}`)).rows[0]!.n;
    return out;
  };

  /** Writes one row to every table through the transaction's store. */
  const writeEverything = async (tx: Store) => {
    const peer = await tx.peers.create(peerInput());
    const p = await tx.participants.create(participantInput({ peerId: peer.id }));
    const { message } = await tx.inbound.insertOnce({ messageSid: uniqueKey("SM"), fromPhone: p.phone, toPhone: "+15550000000", body: "hi", participantId: p.id });
    await tx.outbound.createOnce({ idempotencyKey: uniqueKey("out"), toPhone: p.phone, body: "hello", kind: "reply", priority: "reply", participantId: p.id, notAfter: null });
    await tx.checkins.createOnce({ participantId: p.id, kind: "daily", localDate: "2025-01-01", dueAt: new Date(), status: "awaiting" });
    await tx.notifications.createOnce({ idempotencyKey: uniqueKey("n"), peerId: peer.id, participantId: p.id, kind: "reply", summary: "s", inboundMessageId: message.id });
    await tx.optOuts.add(uniquePhone(), new Date());
    return p;
  };

  it("an error thrown inside db.transaction leaves no rows in any table", async () => {
    const before = await counts();
    const boom = new Error("boom after writes");
    await expect(
      db.transaction(async (q) => {
        await writeEverything(storeFor(q));
        // The writes are visible inside the transaction...
        expect((await q.query<{ n: number }>("select count(*)::int as n from peers")).rows[0]!.n).toBe(before.peers! + 1);
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await counts()).toEqual(before);
  });

  it("a failing statement part-way through inTransaction rolls back the earlier writes", async () => {
    const before = await counts();
    const phone = uniquePhone();
    await expect(
      inTransaction(db, async (tx) => {
        await writeEverything(tx);
        await tx.participants.create(participantInput({ phone }));
        await tx.participants.create(participantInput({ phone })); // unique violation
      }),
    ).rejects.toMatchObject({ code: "23505" });
    expect(await counts()).toEqual(before);
    expect(await store.participants.byPhone(phone)).toBeNull();
  });

  it("a successful transaction commits all of its writes, and the database is usable after failures", async () => {
    for (let i = 0; i < 12; i++) {
      // More failures than the Postgres pool has connections: none may be left mid-transaction.
      await expect(inTransaction(db, async (tx) => { await writeEverything(tx); throw new Error(`fail ${i}`); })).rejects.toThrow(`fail ${i}`);
    }
    const before = await counts();
    const p = await inTransaction(db, (tx) => writeEverything(tx));
    const after = await counts();
    for (const t of TABLES) expect(after[t], t).toBe(before[t]! + 1);
    expect(await store.participants.get(p.id)).toMatchObject({ id: p.id });
  });

  it("a write outside a failing transaction, made while it is open, is not rolled back with it", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const peerName = uniqueKey("outside");
    const failing = inTransaction(db, async (tx) => {
      await tx.peers.create(peerInput({ name: uniqueKey("inside") }));
      await gate;
      throw new Error("rolled back");
    });
    const outside = store.peers.create(peerInput({ name: peerName }));
    // On a server the outside write lands while the transaction is still open (its own
    // connection); PGlite has one connection, so there it waits its turn behind it.
    if (db.kind === "postgres") await outside;
    release();
    await expect(failing).rejects.toThrow("rolled back");
    const created = await outside;
    expect(await store.peers.get(created.id)).toMatchObject({ name: peerName });
    const { rows } = await db.query<{ n: number }>("select count(*)::int as n from peers where name like 'inside-%'");
    expect(rows[0]!.n).toBe(0);
  });

  // The Queryable contract the repositories rely on must read the same on both adapters.
  it("reports its kind", () => {
    expect(db.kind).toBe(kind);
  });

  it("rowCount counts selected rows, and affected rows for DML with or without RETURNING", async () => {
    const [a, b, c] = [uniquePhone(), uniquePhone(), uniquePhone()];
    expect((await db.query("select 1 as x union all select 2")).rowCount).toBe(2);
    expect((await db.query("select 1 as x where false")).rowCount).toBe(0);
    expect((await db.query("insert into opted_out_phones (phone) values ($1), ($2), ($3)", [a, b, c])).rowCount).toBe(3);
    expect((await db.query("insert into opted_out_phones (phone) values ($1) on conflict do nothing", [a])).rowCount).toBe(0);
    expect(
      (await db.query("update opted_out_phones set opted_out_at = now() where phone = any($1::text[]) returning phone", [[a, b]]))
        .rowCount,
    ).toBe(2);
    expect((await db.query("delete from opted_out_phones where phone = any($1::text[])", [[a, b, c]])).rowCount).toBe(3);
    expect(await db.transaction(async (tx) => (await tx.query("select 1 as x union all select 2")).rowCount)).toBe(2);
  });

  it("parses result types the same way", async () => {
    const { rows } = await db.query<Record<string, unknown>>(
      `select count(*) as n, 42::int as i, 9007199254740993::bigint as big, 1.50::numeric as num,
              '{"a":[1,"x"]}'::jsonb as j, true as b, null::text as z, now() as t, 'x'::text as s`,
    );
    const r = rows[0]!;
    expect(r.n).toBe(1); // count(*) is bigint: a number on both, not "1" on one of them
    expect(r.i).toBe(42);
    expect(r.big).toBe(9007199254740993n);
    expect(r.num).toBe("1.50");
    expect(r.j).toEqual({ a: [1, "x"] });
    expect(r.b).toBe(true);
    expect(r.z).toBeNull();
    expect(r.t).toBeInstanceOf(Date);
    expect(r.s).toBe("x");
  });

  it("accepts Date, array, boolean and null parameters", async () => {
    const at = new Date("2025-02-03T04:05:06.789Z");
    const { rows } = await db.query<{ t: Date; n: number; b: boolean; z: string | null }>(
      "select $1::timestamptz as t, cardinality($2::text[]) as n, $3::boolean as b, $4::text as z",
      [at, ["a", "b,c", 'd"e'], false, null],
    );
    expect(rows[0]!.t.toISOString()).toBe(at.toISOString());
    expect(rows[0]!.n).toBe(3);
    expect(rows[0]!.b).toBe(false);
    expect(rows[0]!.z).toBeNull();
  });
});
