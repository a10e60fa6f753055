import { Hono } from "hono";
import { z } from "zod";
import { localDateOf, localTimeOf } from "../../../domain/time";
import type { Deps } from "../../../ports/deps";
import { renderPage } from "../http";
import { Layout } from "../layout";
import { requireRole } from "../session";

const PAGE = 100;

const querySchema = z.object({
  before: z.coerce.number().int().positive().optional(),
  subject: z.string().max(64).regex(/^[0-9a-zA-Z-]*$/, "must be an id").optional(),
  action: z.string().max(40).regex(/^[a-z_]*$/, "must be an action name like view or denied").optional(),
});

/** The audit log (admins only): who viewed or tried what, newest first, filterable by subject and action. */
export function auditRoutes(deps: Deps) {
  const app = new Hono();
  app.get("/audit", requireRole("admin"), async (c) => {
    const q = querySchema.safeParse(c.req.query());
    if (!q.success) return c.text(`Bad request: ${q.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`, 400);
    const subject = q.data.subject || undefined;
    const action = q.data.action || undefined;
    const rows = await deps.store.audit.list({ before: q.data.before, limit: PAGE + 1, subjectId: subject, action });
    const entries = rows.slice(0, PAGE);
    const zone = deps.config.SUPERVISOR_TIME_ZONE;
    const filter = new URLSearchParams({ ...(subject ? { subject } : {}), ...(action ? { action } : {}) });
    return renderPage(
      c,
      <Layout title="Audit log" user={c.get("user")} active="audit">
        <form method="get" action="/console/audit">
          <label>
            {"Subject id "}
            <input name="subject" value={subject ?? ""} />
          </label>{" "}
          <label>
            {"Action "}
            <input name="action" value={action ?? ""} />
          </label>{" "}
          <button type="submit">Filter</button>
        </form>
        <table>
          <caption>{`Newest first; times in ${zone}. Entries are never changed or removed.`}</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">What</th>
              <th scope="col">Subject</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr>
                <td>
                  <time datetime={e.at.toISOString()}>{`${localDateOf(e.at, zone)} ${localTimeOf(e.at, zone)}`}</time>
                </td>
                <td>{e.actor}</td>
                <td>{e.action}</td>
                <td>{e.what}</td>
                <td>{e.subjectId ?? ""}</td>
                <td>
                  <code>{JSON.stringify(e.detail)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length > PAGE ? (
          <p>
            <a href={`/console/audit?${new URLSearchParams({ ...Object.fromEntries(filter), before: String(entries[entries.length - 1]!.id) })}`}>Older entries</a>
          </p>
        ) : null}
      </Layout>,
    );
  });
  return app;
}
