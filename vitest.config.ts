import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests share one Redis and one Postgres; each file uses its own
    // queue prefix and schema, but two cores do not benefit from more forks.
    pool: "forks",
    maxWorkers: 2,
  },
});
