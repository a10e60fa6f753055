import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    // Keeps a faked clock (npm run test:any-date) to this process and its Node children.
    setupFiles: ["test/support/any-date.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests share one Redis and one Postgres; each file uses its own
    // queue prefix and schema, but two cores do not benefit from more forks.
    pool: "forks",
    maxWorkers: 2,
  },
});
