import { Hono, type Context } from "hono";
import { z } from "zod";
import type { HotlineCase } from "../../../domain/hotline/model";
import type { Deps } from "../../../ports/deps";
import { recordDenied, recordEvent, recordView } from "../audit";
import { mayOpenCase } from "../access";
import { renderPage } from "../http";
import { Layout } from "../layout";
import { requireRole, type ConsoleUser } from "../session";
import { ACTIONS, consoleActor, runConsoleAction } from "./actions";
import { loadCasePage } from "./case-data";
import { CaseView, doneText, type ActionName, type CaseViewProps } from "./case-view";
import { LIVE_JS } from "./live-script";
import { queueStream } from "./live-stream";
import { loadQueue } from "./queue-data";
import { queueSummary, QueueTables } from "./queue-view";
import { asOf } from "./render";

const caseRef = z.union([z.uuid(), z.string().regex(/^[A-Za-z0-9]{4,8}$/)]);

/**
 * /console/hotline: the live queue (volunteers see the cases they were paged for;
 * supervisors and admins all), a case page with its timeline, and supervisors' actions.
 * Mounted by the console router, which loads the session and checks CSRF on every POST.
 */
export function consoleHotlineRoutes(deps: Deps, opts: { pollMs?: number; maxStreamMs?: number } = {}) {
  const app = new Hono();

  // A file, not an inline script: the console's CSP allows scripts from 'self' only.
  app.get("/live.js", (c) =>
    c.body(LIVE_JS, 200, { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-cache", "x-content-type-options": "nosniff" }),
  );

  app.use("*", requireRole("volunteer", "supervisor"));

  app.get("/", async (c) => {
    const user = c.get("user");
    const queue = await loadQueue(deps, user);
    return renderPage(c, 
      <Layout title="Hotline queue" user={user} active="hotline">
        <p>
          Open and claimed crisis cases.{" "}
          {user.role === "volunteer" ? "You see the cases you were paged for. " : ""}
          <span id="queue-mode">Without JavaScript this page reloads every 30 seconds.</span> <a href="/console/hotline">Reload now</a>
        </p>
        <noscript>
          <meta http-equiv="refresh" content="30" />
        </noscript>
        <p id="queue-status" style="position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden" role="status" aria-live="polite">
          {`Queue: ${queueSummary(queue)}.`}
        </p>
        <div id="queue-live" data-stream="/console/hotline/stream">
          <QueueTables queue={queue} asOf={asOf(deps, queue.at)} />
        </div>
        <script src="/console/hotline/live.js" defer />
      </Layout>,
    );
  });

  app.get("/stream", (c) => queueStream(c, deps, c.get("user"), { pollMs: opts.pollMs, maxMs: opts.maxStreamMs }));

  app.get("/cases/:ref", async (c) => {
    const user = c.get("user");
    const found = await findCase(c, deps, user);
    if (found instanceof Response) return found;
    await recordView(deps, user, "hotline_case", found.id);
    const done = doneText(c.req.query("done") ?? "");
    return renderCase(c, deps, user, found, done ? { flash: { kind: "done", text: done } } : {});
  });

  for (const action of ACTIONS) {
    app.post(`/cases/:ref/${action}`, requireRole("supervisor"), async (c) => {
      const user = c.get("user");
      const found = await findCase(c, deps, user);
      if (found instanceof Response) return found;
      const actor = await consoleActor(deps, user);
      if (!actor.ok) {
        await recordEvent(deps, { user, action: "denied", what: `hotline_case_${action}`, subjectId: found.id, detail: { reason: "not_a_supervisor_responder" } });
        return renderCase(c, deps, user, found, { flash: { kind: "error", text: actor.problem } }, 403);
      }
      const form = await c.req.parseBody();
      const outcome = await runConsoleAction(deps, found, action, actor.actor, form);
      if (outcome.kind === "invalid") {
        return renderCase(c, deps, user, found, { flash: { kind: "error", text: `Not done: ${outcome.field} ${outcome.message}.` }, fieldError: { action, ...outcome } }, 400);
      }
      if (outcome.kind === "conflict") {
        return renderCase(c, deps, user, (await deps.store.cases.get(found.id)) ?? found, { flash: { kind: "error", text: `Not done: ${outcome.reason}.` } }, 409);
      }
      await recordEvent(deps, {
        user,
        action: `hotline_${action}`,
        what: "hotline_case",
        subjectId: found.id,
        detail: { responderId: actor.actor.id, ...(action === "reassign" ? { to: outcome.hotlineCase.claimedBy } : {}) },
      });
      return c.redirect(`/console/hotline/cases/${found.shortId}?done=${action}`, 303);
    });
  }
  return app;
}

/** The case named in the path, if this user may open it; otherwise the 404/403 answer (audited). */
async function findCase(c: Context, deps: Deps, user: ConsoleUser): Promise<HotlineCase | Response> {
  const raw = c.req.param("ref") ?? "";
  const ref = caseRef.safeParse(raw);
  const found = !ref.success ? null : raw.length > 8 ? await deps.store.cases.get(raw) : await deps.store.cases.byShortId(raw);
  if (!found) {
    await recordDenied(deps, user, "hotline_case", raw.slice(0, 64));
    return renderPage(c, 
      <Layout title="Case not found" user={user} active="hotline">
        <p>No such case. <a href="/console/hotline">Back to the queue</a></p>
      </Layout>,
      404,
    );
  }
  if (!(await mayOpenCase(deps, user, found))) {
    await recordDenied(deps, user, "hotline_case", found.id);
    return renderPage(c, 
      <Layout title="Not allowed" user={user} active="hotline">
        <p>You can open only the hotline cases you were paged for. This attempt was logged.</p>
      </Layout>,
      403,
    );
  }
  return found;
}

async function renderCase(
  c: Context,
  deps: Deps,
  user: ConsoleUser,
  hotlineCase: HotlineCase,
  extra: Pick<CaseViewProps, "flash" | "fieldError">,
  status: 200 | 400 | 403 | 409 = 200,
) {
  const data = await loadCasePage(deps, user, hotlineCase);
  const isSupervisor = user.role === "supervisor" || user.role === "admin";
  const actor = isSupervisor ? await consoleActor(deps, user) : null;
  return renderPage(c, 
    <Layout title={`Hotline case ${hotlineCase.shortId}`} user={user} active="hotline">
      <CaseView
        data={data}
        zone={deps.config.SUPERVISOR_TIME_ZONE}
        actions={{ show: isSupervisor, actorProblem: actor && !actor.ok ? actor.problem : null }}
        flash={extra.flash ?? null}
        fieldError={extra.fieldError ?? null}
      />
    </Layout>,
    status,
  );
}

export type { ActionName };
