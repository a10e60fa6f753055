import { Hono } from "hono";
import type { Queues } from "../../jobs/queues";

/**
 * Bull Board (the BullMQ dashboard) for admins, mounted at `basePath` behind admin auth by
 * app.ts. Job payloads here are ids only (src/jobs/queues.ts), never a phone or a body.
 *
 * Loaded on the first request, not at start-up: the dashboard and its template engine
 * are ~100 ms of imports that neither start-up nor the tests (one app per test) need.
 */
export function queuesDashboard(queues: Queues, basePath: string): Hono {
  let board: Promise<Hono> | null = null;
  const load = async () => {
    const [{ createBullBoard }, { BullMQAdapter }, { HonoAdapter }, { serveStatic }] = await Promise.all([
      import("@bull-board/api"),
      import("@bull-board/api/bullMQAdapter"),
      import("@bull-board/hono"),
      import("@hono/node-server/serve-static"),
    ]);
    const serverAdapter = new HonoAdapter(serveStatic).setBasePath(basePath);
    createBullBoard({
      queues: queueList(queues).map((q) => new BullMQAdapter(q)),
      // @bull-board/hono 9.10.1 pins its own copy of @bull-board/api 9.10.1 for its types;
      // the adapter interface is the same, only the private-field declarations differ.
      serverAdapter: serverAdapter as unknown as Parameters<typeof createBullBoard>[0]["serverAdapter"],
      options: { uiConfig: { boardTitle: "Buddyline queues" } },
    });
    // The plugin's routes are relative to basePath; mount it there so full paths match.
    return new Hono().route(basePath, serverAdapter.registerPlugin());
  };
  return new Hono().all("*", async (c) => {
    board ??= load().catch((err: unknown) => {
      board = null; // let the next request try again
      throw err;
    });
    return (await board).fetch(c.req.raw);
  });
}

function queueList(queues: Queues) {
  return Object.values(queues).filter((q): q is Queues["inbound"] => typeof q === "object" && q !== null && "getJobCounts" in q);
}
