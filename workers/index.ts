/**
 * Entry for a worker-only process: `npx tsx workers/index.ts` is `npm start -- --role worker`
 * (BullMQ processors and the recurring schedules, no HTTP). The processors themselves are
 * in src/jobs/processors.ts; the wiring in src/app/main.ts.
 */
import { main } from "../src/app/main";

if (!process.argv.includes("--role")) process.argv.push("--role", "worker");
await main();
