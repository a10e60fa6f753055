import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import type { Deps } from "../ports/deps";
import { describeError } from "../ports/log";
import { adminRoutes } from "../features/admin/routes";
import { flowRoutes } from "../features/flows/routes";
import { appointmentRoutes } from "../features/appointments/routes";
import { requireAdmin, requireAdminBrowser, requireAnyToken, requireAnyTokenBrowser } from "../features/http/auth";
import { createMetrics } from "../features/observability/metrics-routes";
import { queuesDashboard } from "../features/observability/queues-dashboard";
import { hotlineCaseRoutes, responderRoutes } from "../features/hotline/routes";
import { peerAvailabilityRoutes } from "../features/peers/availability-routes";
import { sandboxRoutes } from "../features/inbound/sandbox-routes";
import { supervisorRoutes } from "../features/peers/supervisor-routes";
import { twilioWebhooks } from "../features/inbound/twilio-routes";
import { voiceRoutes } from "../features/voice/routes";
import { reportApiRoutes } from "../features/reports/api-routes";
import { slackRoutes } from "../adapters/slack/routes";
import type { SlackRuntime } from "../adapters/slack/app";
import { consoleRoutes } from "../features/console/routes";

/** The whole HTTP surface. Tests call `buildApp(deps).request(...)`; main.ts serves it. */
export function buildApp(deps: Deps, slack: Pick<SlackRuntime, "http"> | null = null) {
  const app = new Hono();
  const metrics = createMetrics(deps);

  app.use("/twilio/sms", metrics.timeWebhook("/twilio/sms"));
  // Before the app-wide bodyLimit: the webhooks apply the same limit themselves, after
  // their EDGE_FORWARD_SECRET check (twilio-webhooks.ts).
  app.route("/twilio", twilioWebhooks(deps));
  app.route("/twilio/voice", voiceRoutes(deps));
  app.use(
    "*",
    bodyLimit({
      maxSize: deps.config.MAX_BODY_BYTES,
      // The rest of the body is left unread on the socket, so it cannot carry another
      // request: say so (Connection: close) instead of letting the client reuse it.
      onError: (c) => c.json({ error: `body larger than ${deps.config.MAX_BODY_BYTES} bytes` }, 413, { connection: "close" }),
    }),
  );

  app.get("/health", (c) => c.json({ ok: true, mode: deps.config.sandbox ? "sandbox" : "twilio" }));
  const metricsGuard = requireAnyTokenBrowser([deps.config.ADMIN_TOKEN, deps.config.METRICS_TOKEN], "metrics disabled: set METRICS_TOKEN or ADMIN_TOKEN");
  app.route("/metrics", new Hono().use("*", metricsGuard).route("/", metrics.routes));
  app.route("/admin/queues", new Hono().use("*", requireAdminBrowser(deps.config.ADMIN_TOKEN)).route("/", queuesDashboard(deps.queues, "/admin/queues")));
  app.route("/slack", slackRoutes(deps, slack?.http ?? null));
  // The web console (docs/console.md): its own sessions, CSRF and roles; a browser at / lands there.
  app.route("/console", consoleRoutes(deps));
  app.get("/", (c) => c.redirect("/console", 303));

  // Registered before the admin guard so supervisors' read-only token works here.
  const readOnly = requireAnyToken([deps.config.ADMIN_TOKEN, deps.config.SUPERVISOR_TOKEN]);
  app.route("/api/hotline/cases", new Hono().use("*", readOnly).route("/", hotlineCaseRoutes(deps)));
  app.route("/api/supervisor", new Hono().use("*", readOnly).route("/", supervisorRoutes(deps)));

  const admin = new Hono();
  admin.use("*", requireAdmin(deps.config.ADMIN_TOKEN));
  admin.route("/", adminRoutes(deps));
  admin.route("/", flowRoutes(deps));
  admin.route("/", peerAvailabilityRoutes(deps));
  admin.route("/", appointmentRoutes(deps));
  admin.route("/sandbox", sandboxRoutes(deps));
  admin.route("/hotline/responders", responderRoutes(deps));
  admin.route("/reports", reportApiRoutes(deps));
  app.route("/api", admin);

  app.notFound((c) => c.json({ error: "not found" }, 404));
  // Never a stack trace or a body in the answer or the log: ids and the error class only.
  app.onError((err, c) => {
    if (err instanceof HTTPException) return err.getResponse();
    deps.log.error("request failed", { path: c.req.path, error: describeError(err) });
    return c.json({ error: "internal error" }, 500);
  });
  return app;
}
