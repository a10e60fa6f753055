/**
 * Compiles the service ahead of time: one ESM bundle of our own code in dist/main.js
 * (packages stay in node_modules), so `npm start` does not transpile TypeScript on every
 * start (tsx cost 2–3 s of a 9 s start on this machine; BENCHMARKS.md "Start-up").
 * Runs before every `npm start` (~0.1 s), so dist/ can never be older than src/.
 *
 * The SQL migrations are read at run time next to the module that runs them
 * (src/store/migrate.ts: new URL("./migrations/", import.meta.url)); in the bundle that
 * module is dist/main.js, so they are copied to dist/migrations.
 */
import { cp, rm } from "node:fs/promises";
import { build } from "esbuild";

await build({
  entryPoints: ["src/main.ts"],
  outfile: "dist/main.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node24",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});
await rm("dist/migrations", { recursive: true, force: true });
await cp("src/store/migrations", "dist/migrations", { recursive: true });
