import { readFile } from "node:fs/promises";
import { Worker } from "node:worker_threads";
import type { Clock } from "../../ports/clock";
import { currentPriority, type WorkPriority } from "../../ports/work-priority";
import type { Db, Queryable } from "./db";

/**
 * The embedded store with PGlite running in a worker thread (./pglite-worker.mjs), so its
 * WebAssembly runs beside the service's event loop instead of on it, and the thread serves
 * urgent work first (src/ports/work-priority.ts). Same Db contract as the in-thread PGlite:
 * one statement at a time, a transaction owns the session until it ends, errors keep their
 * SQLSTATE `code`. Measured in BENCHMARKS.md (crisis → first page, "Session 2").
 */
const LANE: Record<WorkPriority, number> = { urgent: 0, normal: 1, background: 2 };

type Reply = { id: number; ok?: { rows?: unknown[]; affectedRows?: number; tx?: number }; error?: Record<string, string> };
type Pending = { resolve(v: NonNullable<Reply["ok"]>): void; reject(e: Error): void };

/**
 * PGlite's WebAssembly, compiled once per process and handed to each store's thread: a
 * thread compiles it again otherwise (PGlite caches it per thread), ~1–3 s of CPU for
 * every embedded store a process opens (tests open hundreds).
 */
let compiledWasm: Promise<object> | null = null;
// WebAssembly's functions are declared by the DOM lib, which this Node project leaves out.
const { WebAssembly: wasm } = globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<object> } };
const pgliteWasm = () =>
  (compiledWasm ??= readFile(new URL("./pglite.wasm", import.meta.resolve("@electric-sql/pglite"))).then((bytes) => wasm.compile(bytes)));

export async function openPgliteThread(dataDir: string, clock: Clock, schema?: string): Promise<Db> {
  const worker = new Worker(new URL("./pglite-worker.mjs", import.meta.url), { workerData: { dataDir, schema, wasmModule: await pgliteWasm() } });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let dead: Error | null = null;

  // The thread keeps the process alive only while a request is out: a service or CLI that
  // awaits a query must not exit under it, and an idle open store must not hold a test
  // runner or a finished CLI open.
  const failAll = (err: Error) => {
    dead = err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };

  await new Promise<void>((resolve, reject) => {
    const opened = (m: { ready: boolean; error?: Record<string, string> }) => {
      stop();
      if (m.ready) resolve();
      else reject(toError(m.error ?? { message: "embedded store failed to open" }));
    };
    const failed = (err: Error) => {
      stop();
      reject(err);
    };
    const exited = (code: number) => failed(new Error(`embedded store thread exited during open (${code})`));
    const stop = () => {
      worker.off("message", opened);
      worker.off("error", failed);
      worker.off("exit", exited);
    };
    worker.on("message", opened);
    worker.on("error", failed);
    worker.on("exit", exited);
  });
  worker.on("message", (m: Reply) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (pending.size === 0) worker.unref();
    if (m.error) p.reject(toError(m.error));
    else p.resolve(m.ok ?? {});
  });
  worker.on("error", (err) => failAll(err instanceof Error ? err : new Error(String(err))));
  worker.on("exit", (code) => failAll(new Error(`embedded store thread exited (${code})`)));
  worker.unref();

  const request = (msg: { op: string; sql?: string; params?: unknown[]; tx?: number }) =>
    new Promise<NonNullable<Reply["ok"]>>((resolve, reject) => {
      if (dead) return reject(dead);
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ lane: LANE[currentPriority()], ...msg, id });
    });

  const queryable = (tx?: number): Queryable => ({
    clock,
    async query<T>(sql: string, params?: unknown[]) {
      const r = await request({ op: "query", sql, params, tx });
      const rows = (r.rows ?? []) as T[];
      // As the in-thread adapter: PGlite counts no affected rows for a SELECT.
      return { rows, rowCount: Math.max(r.affectedRows ?? 0, rows.length) };
    },
  });

  return {
    kind: "pglite",
    ...queryable(),
    urgentActive(active) {
      // A hint, not a request: no reply, so it neither holds the process open nor waits.
      if (!dead) worker.postMessage({ op: "urgent", active });
    },
    async transaction(fn) {
      const { tx } = await request({ op: "begin" });
      let result;
      try {
        result = await fn(queryable(tx));
      } catch (err) {
        await request({ op: "rollback", tx }).catch(() => undefined);
        throw err;
      }
      await request({ op: "commit", tx });
      return result;
    },
    async close() {
      if (dead) return;
      await request({ op: "close" });
      await worker.terminate();
    },
  };
}

function toError(fields: Record<string, string>): Error {
  const { message, name, ...rest } = fields;
  const err = Object.assign(new Error(message), rest);
  if (name) err.name = name;
  return err;
}
