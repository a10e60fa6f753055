import { Hono } from "hono";
import type { Deps } from "../../../ports/deps";
import { renderPage } from "../http";
import { Layout } from "../layout";
import { requireRole } from "../session";

export function caseloadRoutes(deps: Deps) {
  const app = new Hono();
  app.get("/caseload", requireRole("peer", "supervisor"), async (c) => {
    void deps;
    return renderPage(c, <Layout title="Caseload" user={c.get("user")} active="caseload"><p>Coming soon.</p></Layout>);
  });
  return app;
}
