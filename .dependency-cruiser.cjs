/**
 * Import boundaries (docs/architecture.md). Runs in `npm test` (`npm run lint:imports`).
 *
 * KNOWN_EXCEPTIONS are the places where a feature still reaches into an adapter. Each has
 * a reason; none may grow without one (add it here and to docs/architecture.md).
 */
const KNOWN_EXCEPTIONS = [
  // Twilio webhook routes read and answer with the web-standard verifier, body reader and
  // TwiML builder that the edge Worker shares (one verifier, one TwiML builder).
  "^src/features/(inbound/twilio-routes|voice/routes)\\.ts$",
  // Slack listeners are the peers' UI; they render with the adapter's Block Kit builders,
  // which the Slack notification port uses too.
  "^src/features/peers/slack/",
  // Voice keeps its own call-leg repository on the same transaction as the case's
  // repositories (it opens that transaction itself); to move into src/adapters/postgres.
  "^src/features/voice/voice\\.ts$",
  // The outage journal replays into a connection it is handed (the store may be the one
  // that just came back), so it opens its own transaction.
  "^src/features/inbound/journal/store-crisis\\.ts$",
].join("|");

module.exports = {
  forbidden: [
    {
      name: "domain-is-pure",
      comment: "src/domain holds rules only: no I/O, no adapters, no Node built-ins, no queue/db/http libraries.",
      severity: "error",
      from: { path: "^src/domain/" },
      to: { pathNot: "^src/domain/|node_modules/(luxon|zod)/|node_modules/@types/luxon/" },
    },
    {
      name: "features-use-ports-not-adapters",
      comment: "Use cases depend on ports, the domain, the job catalog and content, never on an adapter (type-only imports excepted).",
      severity: "error",
      from: { path: "^src/(features|jobs|ports|content)/", pathNot: KNOWN_EXCEPTIONS },
      to: { path: "^src/adapters/", pathNot: "^src/adapters/redis\\.ts$", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "jobs-use-redis-only-for-the-marker",
      comment: "The jobs layer may use the Redis adapter's empty-Redis watch, nothing else of adapters.",
      severity: "error",
      from: { path: "^src/(features|ports|content)/" },
      to: { path: "^src/adapters/redis\\.ts$", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "adapters-do-not-use-features",
      comment: "Adapters are plugged into use cases by src/app, not the other way round.",
      severity: "error",
      from: { path: "^src/adapters/" },
      to: { path: "^src/(features|jobs|app)/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "bullmq-only-in-jobs",
      comment: "BullMQ is imported only by the jobs layer (and app/ + adapters, which build queues and connections).",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/(jobs|app|adapters)/" },
      to: { path: "node_modules/bullmq/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "edge-is-web-standard",
      comment: "The Worker imports only web-standard code: domain, content, the Twilio verifier/TwiML, its own folder.",
      severity: "error",
      from: { path: "^src/app/edge(\\.ts$|/)" },
      to: { pathNot: "^src/(domain|app/edge|adapters/twilio/(signature|twiml|webhook-request))|^flows/|node_modules/(luxon|zod|hono)/" },
    },
    {
      name: "no-value-cycles",
      severity: "error",
      from: { path: "^src/" },
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"] },
  },
};
