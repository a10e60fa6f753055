import { Hono } from "hono";
import type { Deps } from "../../ports/deps";
import { recordEvent } from "./audit";
import { securityHeaders } from "./http";
import { loginRoutes } from "./pages/login";
import { caseloadRoutes } from "./pages/caseload";
import { parentRoutes } from "./pages/parent";
import { enrolRoutes } from "./pages/enrol";
import { usersRoutes } from "./pages/users";
import { auditRoutes } from "./pages/audit-log";
import { clearSessionCookie, csrfGuard, loadSession, requireRole } from "./session";
import { consoleHotlineRoutes } from "./hotline/routes";
import { consoleWorkloadRoutes } from "./workload/routes";
import { consoleReportRoutes } from "../reports/console-routes";

/**
 * The web console under /console (docs/console.md). Order matters: headers and the
 * session first, then sign-in (its own double-submit CSRF token), then the session CSRF
 * guard for every other state-changing request, then the pages (each checks its role).
 */
export function consoleRoutes(deps: Deps): Hono {
  const app = new Hono();
  app.use("*", securityHeaders());
  app.use("*", loadSession(deps));
  app.route("/", loginRoutes(deps));
  app.use("*", csrfGuard());

  app.get("/", requireRole("peer", "supervisor", "volunteer"), (c) =>
    c.redirect(c.get("user").role === "volunteer" ? "/console/hotline" : "/console/caseload", 303),
  );

  // Sign-out is a form (POST with the session's CSRF token), so a link on another site cannot sign anyone out.
  app.post("/logout", async (c) => {
    const session = c.get("consoleSession");
    if (session) {
      await deps.store.sessions.delete(session.tokenHash);
      await recordEvent(deps, { user: c.get("user"), action: "logout" });
    }
    clearSessionCookie(c);
    return c.redirect("/console/login", 303);
  });

  app.route("/", caseloadRoutes(deps));
  app.route("/", parentRoutes(deps));
  app.route("/", enrolRoutes(deps));
  app.route("/", usersRoutes(deps));
  app.route("/", auditRoutes(deps));
  app.route("/hotline", consoleHotlineRoutes(deps));
  app.route("/workload", consoleWorkloadRoutes(deps));
  app.route("/reports", consoleReportRoutes(deps));

  app.notFound((c) => c.text("Not found", 404));
  return app;
}
