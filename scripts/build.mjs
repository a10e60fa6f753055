/**
 * Compiles the service ahead of time and prepares a fast first start. Runs before every
 * `npm start` (~0.2 s when nothing changed) and at `npm install` / `npm ci` (prepare), so
 * dist/ is never older than src/. Measurements and the decision: BENCHMARKS.md "Start-up".
 *
 * 1. dist/main.js: one ESM bundle of our own code (packages stay in node_modules), so a
 *    start does not transpile ~170 TypeScript files with tsx (2–3 s here).
 * 2. dist/migrations/: src/adapters/postgres/migrate.ts reads its SQL next to the running module
 *    (new URL("./migrations/", import.meta.url)); in the bundle that is dist/.
 * 3. dist/pglite-template/: an embedded database with every migration applied and no
 *    rows. PGlite's first start in an empty folder runs initdb, then the migrations: most
 *    of a first start's CPU (WebAssembly code runs for the first time). src/app/main.ts copies
 *    this folder instead; migrate() then finds nothing to do. Rebuilt when the PGlite
 *    version or any migration changes (dist/store.js bundles src/store for this).
 *
 * Several engineers and tests may start the service from one tree at once, so every
 * write is a write to a temporary name and a rename: a starting node never reads half a
 * file.
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

const DIST = "dist";
const tmpName = (path) => `${path}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;

async function writeAtomically(path, contents) {
  const tmp = tmpName(path);
  await writeFile(tmp, contents);
  await rename(tmp, path);
}

async function writeIfChanged(path, contents) {
  const current = await readFile(path).catch(() => null);
  if (current && Buffer.compare(current, Buffer.from(contents)) === 0) return;
  await writeAtomically(path, contents);
}

async function bundle() {
  const result = await build({
    entryPoints: { main: "src/app/main.ts", store: "src/adapters/postgres/index.ts" },
    outdir: DIST,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node24",
    packages: "external",
    sourcemap: true,
    logLevel: "warning",
    write: false,
  });
  await mkdir(DIST, { recursive: true });
  for (const file of result.outputFiles) await writeIfChanged(file.path, file.contents);
  // The embedded store's thread is loaded by URL next to the module that starts it
  // (src/adapters/postgres/pglite-thread.ts), which in the bundle is dist/.
  await writeIfChanged(join(DIST, "pglite-worker.mjs"), await readFile("src/adapters/postgres/pglite-worker.mjs"));
}

/** Copies the migrations and returns a hash of them (names and contents). */
async function copyMigrations() {
  const from = "src/adapters/postgres/migrations";
  const to = join(DIST, "migrations");
  await mkdir(to, { recursive: true });
  const wanted = (await readdir(from)).filter((f) => f.endsWith(".sql")).sort();
  const hash = createHash("sha256");
  for (const f of wanted) {
    const sql = await readFile(join(from, f));
    hash.update(f).update("\0").update(sql).update("\0");
    await writeIfChanged(join(to, f), sql);
  }
  for (const f of await readdir(to)) if (!wanted.includes(f) && f.endsWith(".sql")) await rm(join(to, f), { force: true });
  return hash.digest("hex").slice(0, 16);
}

async function pgliteTemplate(migrationsHash) {
  const dir = join(DIST, "pglite-template");
  // Its package "exports" hide package.json from require.resolve; npm scripts run at the root.
  const { version } = JSON.parse(await readFile(join("node_modules", "@electric-sql", "pglite", "package.json"), "utf8"));
  const key = `pglite ${version}, migrations ${migrationsHash}`;
  const stamp = await readFile(join(dir, ".template-key"), "utf8").catch(() => null);
  if (stamp === key && existsSync(join(dir, "PG_VERSION"))) return;

  const { openDb, migrate } = await import(pathToFileURL(resolve(DIST, "store.js")).href);
  const tmp = tmpName(dir);
  const db = await openDb({ dataDir: tmp, clock: { now: () => new Date() } });
  await migrate(db);
  await db.close();
  await rm(join(tmp, "postmaster.pid"), { force: true });
  await writeFile(join(tmp, ".template-key"), key);
  await rm(dir, { recursive: true, force: true });
  await rename(tmp, dir).catch(async (err) => {
    // Another build won the race with the same template: keep theirs.
    await rm(tmp, { recursive: true, force: true });
    if (!existsSync(join(dir, "PG_VERSION"))) throw err;
  });
}

await bundle();
await pgliteTemplate(await copyMigrations());
