import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_KINDS, openTestDb } from "../support/db";
import { uniquePhone } from "./fixtures";

/** The Queryable contract the repositories rely on must read the same on both adapters. */
describe.each(DB_KINDS)("db adapter contract (%s)", (kind) => {
  let db: Awaited<ReturnType<typeof openTestDb>>;
  beforeAll(async () => {
    db = await openTestDb(kind);
  });
  afterAll(async () => db?.drop());

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
