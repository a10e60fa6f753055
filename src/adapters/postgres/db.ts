import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { Clock } from "../../ports/clock";
import { openPgliteThread } from "./pglite-thread";

/** The slice of a Postgres connection the store needs; both adapters provide it. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[]; rowCount: number }>;
  /**
   * The app's clock, which the repositories stamp rows with (created_at, updated_at,
   * received_at…) instead of SQL now(): the database server's time is not the time the
   * code compares against (tests move the clock; a server's clock may differ).
   */
  readonly clock: Clock;
}

export interface Db extends Queryable {
  /** Runs `fn` in one transaction: all of its writes land, or none do. */
  transaction<R>(fn: (tx: Queryable) => Promise<R>): Promise<R>;
  close(): Promise<void>;
  readonly kind: "pglite" | "postgres";
  /**
   * Crisis work is in flight in this process (src/jobs/urgent-gate.ts): the embedded store
   * in its own thread starts no routine transaction until it is told it ended. Postgres runs
   * statements side by side and has no such hook.
   */
  urgentActive?(active: boolean): void;
}

export interface OpenDbOptions {
  /** postgres://… for a server; otherwise embedded PGlite under `dataDir`. */
  databaseUrl?: string;
  /** Folder for the embedded database; "memory://" keeps it in memory (tests). */
  dataDir?: string;
  /** Postgres schema to use (tests isolate themselves with one schema per file). */
  schema?: string;
  /** Where every stored timestamp comes from: the same Clock the use cases read (deps.clock). */
  clock: Clock;
  /**
   * Embedded only: run PGlite in a worker thread (default), serving urgent work first, or
   * on the calling thread (`false`). ./pglite-thread.ts says why.
   */
  pgliteThread?: boolean;
}

export async function openDb(opts: OpenDbOptions): Promise<Db> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.clock, opts.schema);
  const dataDir = opts.dataDir ?? "memory://";
  return opts.pgliteThread === false ? openPglite(dataDir, opts.clock, opts.schema) : openPgliteThread(dataDir, opts.clock, opts.schema);
}

async function openPglite(dataDir: string, clock: Clock, schema?: string): Promise<Db> {
  const lite = await PGlite.create(dataDir);
  if (schema) {
    await lite.exec(`create schema if not exists ${quoteIdent(schema)}; set search_path to ${quoteIdent(schema)};`);
  }
  const asQueryable = (q: Pick<PGlite, "query">): Queryable => ({
    clock,
    async query<T>(sql: string, params?: unknown[]) {
      const r = await q.query<T>(sql, params);
      // PGlite reports affectedRows 0 for a SELECT; pg's rowCount counts the rows it
      // returned. Rows come back only from SELECT or DML ... RETURNING (where they equal
      // the affected rows), so the larger of the two matches pg in every case.
      return { rows: r.rows, rowCount: Math.max(r.affectedRows ?? 0, r.rows.length) };
    },
  });
  return {
    kind: "pglite",
    ...asQueryable(lite),
    transaction: (fn) => lite.transaction((tx) => fn(asQueryable(tx))),
    close: () => lite.close(),
  };
}

async function openPostgres(url: string, clock: Clock, schema?: string): Promise<Db> {
  const quotedSchema = schema === undefined ? undefined : quoteIdent(schema); // validates before use below
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    types: { getTypeParser: pgTypeParser },
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle pooled connection that the server drops emits 'error' on the pool; without a
  // listener Node treats it as unhandled and exits. The pool replaces the connection.
  pool.on("error", () => undefined);
  if (quotedSchema) {
    // "create schema if not exists" is not safe against itself: two connections creating
    // the same schema at once can fail with a unique violation on pg_namespace. Serialize
    // on an advisory lock so processes (or test workers) starting together both succeed.
    const client = await pool.connect();
    try {
      await client.query("begin");
      await client.query("select pg_advisory_xact_lock(4242000)");
      await client.query(`create schema if not exists ${quotedSchema}`);
      await client.query("commit");
    } catch (err) {
      await client.query("rollback").catch(() => undefined);
      client.release();
      await pool.end();
      throw err;
    }
    client.release();
  }
  const run = async <T>(client: pg.Pool | pg.PoolClient, sql: string, params?: unknown[]) => {
    const r = await client.query(sql, params as unknown[]);
    return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 };
  };
  return {
    kind: "postgres",
    clock,
    query: (sql, params) => run(pool, sql, params),
    async transaction(fn) {
      const client = await pool.connect();
      // A server that dies mid-transaction makes the checked-out client emit 'error'; the
      // pool listens only on idle clients, and an unhandled 'error' ends the process (a
      // Postgres outage must not take the crisis webhook down). The query rejects anyway.
      if (!guardedClients.has(client)) {
        client.on("error", () => undefined);
        guardedClients.add(client);
      }
      try {
        await client.query("begin");
        const result = await fn({ clock, query: (sql, params) => run(client, sql, params) });
        await client.query("commit");
        client.release();
        return result;
      } catch (err) {
        // If even the rollback fails the connection is in an unknown state: discard it
        // rather than hand a half-open transaction to the next caller.
        const rollbackFailed = await client.query("rollback").then(
          () => false,
          () => true,
        );
        client.release(rollbackFailed ? true : undefined);
        throw err;
      }
    },
    close: () => pool.end(),
  };
}

const guardedClients = new WeakSet<object>();

const INT8_OID = 20;

/**
 * Parse results as PGlite does, so code behaves the same on both: int8 (count(*),
 * bigint columns) becomes a number when it fits exactly, else a bigint. pg's default
 * would hand back a string. Set per pool, not globally on pg.types.
 */
const pgTypeParser = ((oid: number, format?: "text" | "binary") => {
  if (oid === INT8_OID && format !== "binary") {
    return (value: string) => {
      const n = BigInt(value);
      return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
    };
  }
  return format === "binary" ? pg.types.getTypeParser(oid, "binary") : pg.types.getTypeParser(oid, "text");
}) as typeof pg.types.getTypeParser;

export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe identifier: ${name}`);
  return `"${name}"`;
}
