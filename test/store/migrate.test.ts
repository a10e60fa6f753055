import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../src/ports/clock";
import { migrate, openDb, storeFor, type Db } from "../../src/adapters/postgres";
import { splitStatements } from "../../src/adapters/postgres/migrate";
import { quoteIdent } from "../../src/adapters/postgres/db";
import { DB_KINDS } from "../support/db";
import { TEST_DATABASE_URL } from "../support/env";
import { peerInput } from "./fixtures";

const MIGRATIONS_DIR = fileURLToPath(new URL("../../src/adapters/postgres/migrations/", import.meta.url));
const allMigrations = async () => (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith(".sql")).sort();

describe("splitStatements", () => {
  it("splits on semicolons outside quotes and comments, and drops comments", () => {
    const sql = [
      "-- header; with a semicolon",
      "create table a (",
      "  x text default 'a;b', -- trailing note;",
      '  "odd;name" text, /* block; /* nested; */ still comment; */ y int',
      ");",
      "comment on table a is 'it''s; fine';",
      "create function f() returns int as $body$ select 1; $body$ language sql;",
      "create index a_x on a (x); -- same-line comment;",
      "",
    ].join("\n");
    expect(splitStatements(sql).map((s) => s.replace(/\s+/g, " "))).toEqual([
      `create table a ( x text default 'a;b', "odd;name" text, y int )`,
      "comment on table a is 'it''s; fine'",
      "create function f() returns int as $body$ select 1; $body$ language sql",
      "create index a_x on a (x)",
    ]);
  });

  it("every shipped migration splits into statements that contain no stray semicolons", async () => {
    for (const file of await allMigrations()) {
      const statements = splitStatements(await readFile(join(MIGRATIONS_DIR, file), "utf8"));
      expect(statements.length, file).toBeGreaterThan(0);
      for (const st of statements) expect(st, file).not.toMatch(/^\s*--/);
    }
  });
});

describe.each(DB_KINDS)("migrate (%s)", (kind) => {
  // A fresh, unmigrated database: memory PGlite, or a new schema on the server.
  const schema = `t_${randomBytes(6).toString("hex")}`;
  let db: Db;
  beforeAll(async () => {
    db = kind === "postgres" ? await openDb({ databaseUrl: TEST_DATABASE_URL, schema, clock: systemClock }) : await openDb({ dataDir: "memory://", clock: systemClock });
  });
  afterAll(async () => {
    if (kind === "postgres") await db?.query(`drop schema if exists ${quoteIdent(schema)} cascade`);
    await db?.close();
  });

  it("applies every file in order on first run, and nothing on later runs", async () => {
    expect(await migrate(db)).toEqual(await allMigrations());
    expect(await migrate(db)).toEqual([]);
    expect(await migrate(db)).toEqual([]);
    const { rows } = await db.query<{ name: string }>("select name from schema_migrations order by name");
    expect(rows.map((r) => r.name)).toEqual(await allMigrations());
  });

  it("creates the core tables", async () => {
    const { rows } = await db.query<{ table_name: string }>(
      `select table_name from information_schema.tables where table_schema = current_schema() order by table_name`,
    );
    expect(rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining([
        "checkins",
        "inbound_messages",
        "opted_out_phones",
        "outbound_messages",
        "participants",
        "peer_notifications",
        "peers",
        "schema_migrations",
      ]),
    );
  });
});

describe("concurrent migrate (postgres)", () => {
  it("two Postgres connections opening and migrating the same new schema at once both succeed, applying each file once", async () => {
    // Repeat a few times: the races (create schema, create schema_migrations, apply DDL) are timing-dependent.
    for (let round = 0; round < 4; round++) {
      const schema = `t_${randomBytes(6).toString("hex")}`;
      const dbs: Db[] = [];
      try {
        const opened = await Promise.allSettled([
          openDb({ databaseUrl: TEST_DATABASE_URL, schema, clock: systemClock }),
          openDb({ databaseUrl: TEST_DATABASE_URL, schema, clock: systemClock }),
        ]);
        for (const o of opened) if (o.status === "fulfilled") dbs.push(o.value);
        expect(opened.map((o) => (o.status === "rejected" ? String(o.reason) : "ok"))).toEqual(["ok", "ok"]);
        const [a, b] = dbs as [Db, Db];
        const [ra, rb] = await Promise.all([migrate(a), migrate(b)]);
        // Exactly one of them did the work; the other found it done.
        expect([...ra, ...rb].sort()).toEqual(await allMigrations());
        expect(ra.length === 0 || rb.length === 0).toBe(true);
        const { rows } = await a.query<{ n: number }>("select count(*)::int as n from schema_migrations");
        expect(rows[0]!.n).toBe((await allMigrations()).length);
      } finally {
        if (dbs[0]) await dbs[0].query(`drop schema if exists ${quoteIdent(schema)} cascade`);
        await Promise.all(dbs.map((d) => d.close()));
      }
    }
  });
});

describe("embedded PGlite in a data directory", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "buddyline-pglite-"));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("keeps schema and rows across close and reopen", async () => {
    const first = await openDb({ dataDir: dir, clock: systemClock });
    expect(first.kind).toBe("pglite");
    expect(await migrate(first)).toEqual(await allMigrations());
    const peer = await storeFor(first).peers.create(peerInput({ name: "Persisted Peer" }));
    await first.close();

    // It really is on disk, not in memory.
    expect(existsSync(join(dir, "PG_VERSION"))).toBe(true);

    const second = await openDb({ dataDir: dir, clock: systemClock });
    try {
      expect(await migrate(second)).toEqual([]);
      const again = await storeFor(second).peers.get(peer.id);
      expect(again).toEqual(peer);
    } finally {
      await second.close();
    }
  });
});
