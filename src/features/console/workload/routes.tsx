import { Hono } from "hono";
import { z } from "zod";
import type { Deps } from "../../../ports/deps";
import { renderPage } from "../http";
import { Layout } from "../layout";
import { requireRole } from "../session";
import { loadWorkload } from "./workload-data";
import { WorkloadPage } from "./workload-view";

const weeksQuery = z.coerce.number({ error: "must be a whole number of weeks" }).int("must be a whole number of weeks").min(1, "must be 1 to 26").max(26, "must be 1 to 26").default(8);

/** /console/workload: supervisors' view of peers' boundaries and responders' load (docs/console.md). */
export function consoleWorkloadRoutes(deps: Deps) {
  const app = new Hono();
  app.use("*", requireRole("supervisor"));
  app.get("/", async (c) => {
    const user = c.get("user");
    const weeks = weeksQuery.safeParse(c.req.query("weeks") || undefined);
    if (!weeks.success) {
      return renderPage(
        c,
        <Layout title="Workload" user={user} active="workload">
          <p class="error" role="alert">{`weeks: ${weeks.error.issues[0]?.message ?? "is not valid"}`}</p>
          <p>
            <a href="/console/workload">Show the last 8 weeks</a>
          </p>
        </Layout>,
        400,
      );
    }
    const view = await loadWorkload(deps, weeks.data);
    return renderPage(
      c,
      <Layout title="Workload" user={user} active="workload">
        <WorkloadPage view={view} weekCount={weeks.data} />
      </Layout>,
    );
  });
  return app;
}
