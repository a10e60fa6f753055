import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb } from "../support/db";

/**
 * `npm run test:any-date` runs the suite under libfaketime (FAKETIME=+200d): this process's
 * Date.now() (and PGlite's, which runs inside it) moves months ahead while the Postgres
 * server and Redis keep the real time. That mismatch is the point: code that compares a
 * server-stamped time with the Clock fails there. This checks the fake really took hold.
 */
describe("the clock this suite runs on", () => {
  let db: Awaited<ReturnType<typeof openTestDb>>;
  beforeAll(async () => {
    db = await openTestDb("postgres");
  });
  afterAll(async () => db?.drop());

  it("is shifted by FAKETIME when set (and matches the Postgres server's otherwise)", async () => {
    const { rows } = await db.query<{ now: Date }>("select now() as now");
    const server = rows[0]!.now.getTime();
    const here = Date.now();
    const offset = parseFakeOffset(process.env.FAKETIME);
    console.log(`process clock ${new Date(here).toISOString()}, Postgres server ${new Date(server).toISOString()}, FAKETIME=${process.env.FAKETIME ?? "(unset)"}`);
    // A minute of slack: the two machines' clocks and the round trip.
    expect(Math.abs(here - server - offset)).toBeLessThan(60_000);
  });

  it("is not passed on to other programs a test starts (a private redis-server keeps the real time)", async () => {
    const { rows } = await db.query<{ now: Date }>("select now() as now");
    const child = Number(execFileSync("date", ["-u", "+%s"]).toString().trim()) * 1000;
    expect(Math.abs(child - rows[0]!.now.getTime())).toBeLessThan(60_000);
  });
});

/** "+200d", "-3h", "+90": libfaketime's relative offsets (s, m, h, d, y; seconds by default). */
function parseFakeOffset(spec: string | undefined): number {
  if (!spec) return 0;
  const m = /^([+-]\d+(?:\.\d+)?)([smhdy]?)$/.exec(spec.trim());
  if (!m) throw new Error(`FAKETIME=${spec}: only relative offsets like +200d are supported here`);
  const unit = { "": 1, s: 1, m: 60, h: 3600, d: 86_400, y: 365 * 86_400 }[m[2] as "" | "s" | "m" | "h" | "d" | "y"];
  return Number(m[1]) * unit * 1000;
}
