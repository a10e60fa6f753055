import { randomBytes } from "node:crypto";
import { systemClock, type Clock } from "../../src/ports/clock";
import { migrate, openDb, type Db } from "../../src/adapters/postgres";
import { quoteIdent } from "../../src/adapters/postgres/db";
import { TEST_DATABASE_URL } from "./env";

export type DbKind = "pglite" | "postgres";
export const DB_KINDS: DbKind[] = ["pglite", "postgres"];

/**
 * A migrated database of either kind, isolated in its own schema so test files can run
 * in parallel against one server. `drop()` removes the schema. Rows are stamped with
 * `clock`: pass the same clock the code under test reads (deps.clock).
 */
export async function openTestDb(kind: DbKind, clock: Clock = systemClock): Promise<Db & { drop(): Promise<void> }> {
  const schema = `t_${randomBytes(6).toString("hex")}`;
  const db =
    kind === "postgres"
      ? await openDb({ databaseUrl: TEST_DATABASE_URL, schema, clock })
      : await openDb({ dataDir: "memory://", clock });
  await migrate(db);
  return Object.assign(db, {
    async drop() {
      if (kind === "postgres") await db.query(`drop schema if exists ${quoteIdent(schema)} cascade`);
      await db.close();
    },
  });
}
