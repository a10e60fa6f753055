import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction, storeFor, type Store } from "../../src/store";
import { DB_KINDS, openTestDb } from "../support/db";
import { participantInput, peerInput, uniqueKey, uniquePhone } from "./fixtures";

const TABLES = ["peers", "participants", "inbound_messages", "outbound_messages", "checkins", "peer_notifications", "opted_out_phones"];

describe.each(DB_KINDS)("transactions (%s)", (kind) => {
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
    // Give the outside write a chance to run (Postgres) or queue (PGlite) before failing.
    await new Promise((r) => setTimeout(r, 50));
    release();
    await expect(failing).rejects.toThrow("rolled back");
    const created = await outside;
    expect(await store.peers.get(created.id)).toMatchObject({ name: peerName });
    const { rows } = await db.query<{ n: number }>("select count(*)::int as n from peers where name like 'inside-%'");
    expect(rows[0]!.n).toBe(0);
  });
});
