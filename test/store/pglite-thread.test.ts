import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDb, type Db } from "../../src/adapters/postgres/db";
import { systemClock } from "../../src/ports/clock";
import { currentPriority, runWithPriority, type WorkPriority } from "../../src/ports/work-priority";
import { createUrgentGate } from "../../src/jobs/urgent-gate";

/**
 * The embedded store's thread (src/adapters/postgres/pglite-worker.mjs): one session, and
 * the order it serves waiting requests in. Order is read back from a serial column, i.e.
 * the order the statements actually ran in the database.
 */
const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

let db: Db;
beforeAll(async () => {
  db = await openDb({ dataDir: "memory://", clock: systemClock });
  await db.query("create table ran (seq serial primary key, label text not null unique)");
});
beforeEach(async () => {
  await db.query("truncate ran restart identity");
});
afterAll(async () => {
  await db.close();
});

const insert = (label: string, priority: WorkPriority) => runWithPriority(priority, () => db.query("insert into ran (label) values ($1)", [label]));
const order = async () => (await db.query<{ label: string }>("select label from ran order by seq")).rows.map((r) => r.label);

/** Holds the session with an open transaction until `release` is called. */
async function holdSession() {
  const opened = deferred();
  const release = deferred();
  let own!: Pick<Db, "query">;
  const done = db.transaction(async (tx) => {
    own = tx;
    await tx.query("insert into ran (label) values ('holder')");
    opened.resolve();
    await release.promise;
  });
  await opened.promise;
  return { release: release.resolve, done, tx: own };
}

describe("embedded store in its own thread", () => {
  it("serves waiting urgent requests before normal ones, and normal before background", async () => {
    const holder = await holdSession();
    const waiting = [
      insert("background 1", "background"),
      insert("normal 1", "normal"),
      insert("background 2", "background"),
      insert("urgent 1", "urgent"),
      insert("normal 2", "normal"),
      insert("urgent 2", "urgent"),
    ];
    holder.release();
    await Promise.all([holder.done, ...waiting]);
    expect(await order()).toEqual(["holder", "urgent 1", "urgent 2", "normal 1", "normal 2", "background 1", "background 2"]);
  });

  it("a transaction owns the session: statements of others wait for its commit, whatever their priority", async () => {
    const holder = await holdSession();
    const urgent = insert("urgent", "urgent");
    let urgentDone = false;
    void urgent.then(() => (urgentDone = true));
    // The transaction's own statements still run while the urgent one waits.
    await holder.tx.query("insert into ran (label) values ('holder 2')");
    await holder.tx.query("select 1");
    expect(urgentDone).toBe(false);
    holder.release();
    await Promise.all([holder.done, urgent]);
    expect(await order()).toEqual(["holder", "holder 2", "urgent"]);
  }, 10_000);

  it("a background request that waited a second runs even while urgent work keeps arriving", async () => {
    let stop = false;
    const flood = async (n: number) => {
      for (let i = 0; !stop; i++) await runWithPriority("urgent", () => db.query("select pg_sleep(0.002)"));
      return n;
    };
    const floods = [flood(1), flood(2), flood(3)];
    await insert("background", "background");
    const stillFlooding = !stop;
    stop = true;
    await Promise.all(floods);
    expect(stillFlooding).toBe(true);
    expect(await order()).toEqual(["background"]);
  }, 20_000);

  it("while the service says crisis work is in flight no routine work starts, even on an idle store; it starts once told the work ended", async () => {
    db.urgentActive!(true);
    const routineWrite = insert("background", "background");
    const normalTransaction = runWithPriority("normal", () => db.transaction((tx) => tx.query("insert into ran (label) values ('normal transaction')")));
    // A single normal statement (an HTTP request's read) is not held; answered, it also shows
    // the two requests above reached the thread first and were held there.
    await runWithPriority("normal", () => db.query("select 1"));
    await insert("urgent", "urgent");
    db.urgentActive!(false);
    await Promise.all([routineWrite, normalTransaction]);
    expect(await order()).toEqual(["urgent", "normal transaction", "background"]);
  });

  it("keeps the SQLSTATE code and constraint of a database error", async () => {
    await insert("twice", "normal");
    const err = (await insert("twice", "normal").catch((e: unknown) => e)) as { code?: string; constraint?: string; message: string };
    expect(err).toBeInstanceOf(Error);
    expect(err.code).toBe("23505");
    expect(err.constraint).toBe("ran_label_key");
  });

  it("rolls a failed transaction back and goes on serving", async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query("insert into ran (label) values ('rolled back')");
        throw new Error("use case failed");
      }),
    ).rejects.toThrow("use case failed");
    await insert("after", "normal");
    expect(await order()).toEqual(["after"]);
  });

  it("refuses a statement on a transaction that has ended, instead of running it outside it", async () => {
    let escaped: { query: Db["query"] } | null = null;
    await db.transaction(async (tx) => {
      escaped = tx;
    });
    await expect(escaped!.query("insert into ran (label) values ('late')")).rejects.toThrow(/transaction is closed/);
    expect(await order()).toEqual([]);
  });
});

describe("work priority", () => {
  it("the urgent gate runs crisis work as urgent and routine jobs as background; anything else is normal", async () => {
    const gate = createUrgentGate({ slots: 1 });
    expect(currentPriority()).toBe("normal");
    expect(await gate.urgent(async () => currentPriority())).toBe("urgent");
    expect(await gate.routine("inbound", async () => currentPriority())).toBe("background");
    // A crisis step's network wait is still the crisis step's work.
    expect(await gate.urgent(() => gate.networkWait(async () => currentPriority()))).toBe("urgent");
  });
});
