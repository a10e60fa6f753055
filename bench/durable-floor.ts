/**
 * The durable-ack floor (issue 13): the least any webhook can do if it answers only after
 * the text is stored. Bare Hono on @hono/node-server; per request it reads the form body,
 * runs ONE `INSERT … ` in its own implicit transaction on PostgreSQL (so one COMMIT, with
 * synchronous_commit on: the WAL is flushed before the answer), then ONE Redis write
 * (RPUSH of the row id, the lightest queue entry), then answers empty TwiML. No signature
 * check, no crisis screen, no batching: it is a floor for the storage round trips, not a
 * competitor.
 *
 * Run as its own process by bench/webhook-throughput.ts:
 *   node --import tsx bench/durable-floor.ts
 * env: FLOOR_DATABASE_URL (a database it may create a table in), REDIS_URL, FLOOR_REDIS_KEY,
 * PORT (0 = any). Prints "listening <port>" on stdout; SIGTERM stops it.
 */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { Redis } from "ioredis";
import pg from "pg";

async function main() {
  const url = process.env.FLOOR_DATABASE_URL;
  if (!url) throw new Error("FLOOR_DATABASE_URL is required");
  const key = process.env.FLOOR_REDIS_KEY ?? "floor:inbound";
  // Same pool size as the service's (src/adapters/postgres/db.ts), same Redis client library.
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", { maxRetriesPerRequest: 1 });
  await pool.query(
    `create table if not exists floor_inbound (
       id bigserial primary key, message_sid text not null unique, from_phone text not null, body text not null,
       received_at timestamptz not null default now())`,
  );
  const { rows } = await pool.query<{ synchronous_commit: string }>("show synchronous_commit");
  if (rows[0]?.synchronous_commit !== "on") throw new Error(`synchronous_commit is ${rows[0]?.synchronous_commit}, the floor needs it on`);

  const app = new Hono();
  app.post("*", async (c) => {
    const form = new URLSearchParams(await c.req.text());
    const inserted = await pool.query<{ id: string }>(
      "insert into floor_inbound (message_sid, from_phone, body) values ($1, $2, $3) returning id",
      [form.get("MessageSid") ?? "", form.get("From") ?? "", form.get("Body") ?? ""],
    );
    await redis.rpush(key, inserted.rows[0]!.id);
    return c.body('<?xml version="1.0" encoding="UTF-8"?><Response></Response>', 200, { "content-type": "text/xml" });
  });
  const server = serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 0), hostname: "127.0.0.1" }, (info: AddressInfo) => {
    process.stdout.write(`listening ${info.port}\n`);
  });
  const stop = () => {
    server.close();
    void Promise.allSettled([pool.end(), redis.quit()]).then(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
