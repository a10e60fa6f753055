// @ts-check
/**
 * The embedded PGlite database in its own thread (src/adapters/postgres/pglite-thread.ts
 * starts it). PGlite is WebAssembly that runs on the thread that calls it: in the service's
 * thread it took ~75 % of the CPU at 200 texts/s, so the crisis webhook's HTTP parsing and
 * a page's job waited behind routine queries on one saturated event loop (issue 13).
 *
 * PGlite is one session: one statement at a time, and an open transaction owns it until
 * COMMIT/ROLLBACK. This thread keeps that rule and chooses what runs next: the open
 * transaction's next statement, else the oldest request of the most urgent lane (0 urgent,
 * 1 normal, 2 background). Crisis work is a chain of statements with the service's own
 * code between them; so that a routine transaction cannot slip into each gap and make the
 * next crisis statement wait for its COMMIT, no background request and no normal
 * transaction starts while the service says crisis work is in flight ({ op: "urgent" },
 * from its urgent gate: the whole escalation step, and the hop from the crisis webhook to
 * it) nor for URGENT_HOLD_MS after any urgent statement. A request that has waited AGE_MS
 * runs next whatever its lane, so a busy crisis lane slows routine work but never stops it.
 *
 * Plain JavaScript (not TypeScript) so that Node loads it the same way from src/ under tsx
 * and vitest and from dist/ after the build, with no loader in the thread.
 */
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";

const AGE_MS = 1000;
const URGENT_HOLD_MS = 30;
const port = /** @type {import("node:worker_threads").MessagePort} */ (parentPort);

/** @typedef {{ id: number, op: "query" | "begin" | "commit" | "rollback" | "close", lane: number, tx?: number, sql?: string, params?: unknown[], at: number }} Request */

/** @type {Request[][]} */
const lanes = [[], [], []];
/** @type {{ id: number, queue: Request[] } | null} */
let openTx = null;
let nextTx = 1;
let busy = false;
let urgentUntil = 0;
/** Crisis work in flight in the service (its urgent gate says so). */
let urgentActive = false;
/** @type {ReturnType<typeof setTimeout> | null} */
let holdTimer = null;
let holdTimerAt = 0;
/** @type {PGlite} */
let lite;

function errorFields(err) {
  const e = /** @type {Record<string, unknown>} */ (err ?? {});
  const fields = { message: String(e.message ?? err) };
  // What callers read off a database error (the SQLSTATE, e.g. 23505) and what helps a log.
  for (const k of ["code", "detail", "hint", "constraint", "table", "column", "schema", "severity", "routine", "name"]) {
    if (typeof e[k] === "string") fields[k] = e[k];
  }
  return fields;
}

function takeNext() {
  if (openTx) return openTx.queue.shift() ?? null;
  const now = performance.now();
  // An aged request first (oldest of the lower lanes), then by lane.
  for (let l = lanes.length - 1; l > 0; l--) {
    const head = lanes[l][0];
    if (head && now - head.at >= AGE_MS) return lanes[l].shift() ?? null;
  }
  if (lanes[0].length) return lanes[0].shift() ?? null;
  const held = urgentActive || now < urgentUntil;
  // While held, a single normal statement (an HTTP request's read) passes a held BEGIN.
  const normal = held ? lanes[1].findIndex((r) => r.op !== "begin") : lanes[1].length ? 0 : -1;
  if (normal >= 0) return lanes[1].splice(normal, 1)[0] ?? null;
  if (lanes[2].length && !held) return lanes[2].shift() ?? null;
  if (held && (lanes[1].length || lanes[2].length)) wakeForHeld(now);
  return null;
}

/** Looks again when the hold runs out or the oldest held request comes of age (the end of urgentActive pumps itself). */
function wakeForHeld(/** @type {number} */ now) {
  let at = Infinity;
  if (now < urgentUntil) at = urgentUntil;
  for (const lane of lanes.slice(1)) if (lane.length) at = Math.min(at, lane[0].at + AGE_MS);
  if (holdTimer && holdTimerAt <= at) return;
  if (holdTimer) clearTimeout(holdTimer);
  holdTimerAt = at;
  holdTimer = setTimeout(
    () => {
      holdTimer = null;
      void pump();
    },
    Math.max(1, Math.ceil(at - now)),
  );
}

async function run(/** @type {Request} */ r) {
  switch (r.op) {
    case "query": {
      const res = await lite.query(/** @type {string} */ (r.sql), r.params);
      return { rows: res.rows, affectedRows: res.affectedRows ?? 0 };
    }
    case "begin":
      await lite.query("begin");
      openTx = { id: nextTx++, queue: [] };
      return { tx: openTx.id };
    case "commit":
    case "rollback":
      openTx = null;
      await lite.query(r.op);
      return {};
    case "close":
      await lite.close();
      return {};
  }
}

async function pump() {
  if (busy) return;
  busy = true;
  try {
    for (let r = takeNext(); r; r = takeNext()) {
      try {
        port.postMessage({ id: r.id, ok: await run(r) });
      } catch (err) {
        // A failed COMMIT/ROLLBACK still ends the transaction (PGlite rolls an aborted one back).
        if (r.op === "commit" || r.op === "rollback") openTx = null;
        port.postMessage({ id: r.id, error: errorFields(err) });
      }
      // A transaction's statements carry the lane of the work that opened it.
      if (r.lane === 0) urgentUntil = performance.now() + URGENT_HOLD_MS;
      if (r.op === "close") {
        port.close();
        return;
      }
    }
  } finally {
    busy = false;
  }
}

port.on("message", (/** @type {Request | { op: "urgent", active: boolean }} */ m) => {
  if (m.op === "urgent") {
    urgentActive = m.active;
    if (!urgentActive) void pump();
    return;
  }
  const r = m;
  r.at = performance.now();
  if (r.tx !== undefined) {
    if (!openTx || openTx.id !== r.tx) {
      port.postMessage({ id: r.id, error: { message: "transaction is closed" } });
      return;
    }
    openTx.queue.push(r);
  } else {
    lanes[Math.min(Math.max(r.lane | 0, 0), lanes.length - 1)].push(r);
  }
  void pump();
});

try {
  const { dataDir, schema, wasmModule } = workerData;
  lite = await PGlite.create(dataDir, { wasmModule });
  if (schema) await lite.exec(`create schema if not exists "${schema}"; set search_path to "${schema}";`);
  port.postMessage({ ready: true });
} catch (err) {
  port.postMessage({ ready: false, error: errorFields(err) });
}
