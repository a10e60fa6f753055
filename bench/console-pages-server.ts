/**
 * The app as bench/console-pages.ts serves it, in its own process: buildContainer on the
 * bench's Postgres schema (DATABASE_URL carries the search_path), web role only (no
 * workers), every answer stamped with the server's own time in `server-timing`.
 */
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { parseConfig } from "../src/app/config";
import { buildContainer } from "../src/app/container";

const config = parseConfig(process.env, "web");
const container = await buildContainer(config);
const inner = container.app();
const app = new Hono();
app.use("*", async (c, next) => {
  const t0 = performance.now();
  await next();
  // Headers of a finished response may be immutable; copy into a new one when they are.
  const dur = (performance.now() - t0).toFixed(2);
  try {
    c.res.headers.set("server-timing", `app;dur=${dur}`);
  } catch {
    c.res = new Response(c.res.body, c.res);
    c.res.headers.set("server-timing", `app;dur=${dur}`);
  }
});
app.route("/", inner);
const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => {
  process.stdout.write(`listening ${info.port}\n`);
});
process.on("SIGTERM", () => {
  server.close();
  void container.close().then(() => process.exit(0));
});
