import { Hono } from "hono";
import { z } from "zod";
import { isReportMonth } from "../../domain/reports/month";
import { REPORT_SECTIONS } from "../../domain/reports/sections";
import type { Deps } from "../../ports/deps";
import { fieldErrors, readJson } from "../http/validation";
import { consentInputSchema, recordConsent, revokeConsent, type Actor } from "./consents";
import { draftMonthlyReports, draftReportFor } from "./draft";
import { renderReportPdf } from "./pdf";
import { releaseReport } from "./release";

/** The admin token acts as this (disclosure rows and consents name it). */
const API_ACTOR: Actor = { id: "admin-token", name: "admin API", role: "admin" };
const uuid = z.uuid();
const monthSchema = z.string().refine(isReportMonth, 'must be a month "yyyy-MM"');

/**
 * JSON for machines under /api/reports, behind the admin bearer token (mounted in
 * app/web.ts inside the admin guard). The console pages are the people's way in.
 */
export function reportApiRoutes(deps: Deps) {
  const app = new Hono();

  /**
   * Drafts a month now (catch-up after an outage); idempotent like the job. With a
   * participantId, that parent's draft whatever their status (the console's "draft now").
   */
  app.post("/draft", async (c) => {
    const body = await readJson(c, z.strictObject({ month: monthSchema.optional(), participantId: z.uuid("must be an id").optional() }));
    if (!body.ok) return body.response;
    const { month, participantId } = body.data;
    if (participantId) {
      if (!month) return c.json({ error: "invalid request", fields: { month: "is required with participantId" } }, 400);
      const report = await draftReportFor(deps, participantId, month);
      if (report === "month_not_over") return c.json({ error: "invalid request", fields: { month: "is not over yet in the parent's zone" } }, 400);
      return report ? c.json({ report }) : c.json({ error: "invalid request", fields: { participantId: "no such parent" } }, 400);
    }
    return c.json({ outcome: await draftMonthlyReports(deps, { month }) });
  });

  app.get("/", async (c) => {
    const month = c.req.query("month");
    const participantId = c.req.query("participantId");
    if (participantId !== undefined && !uuid.safeParse(participantId).success) return c.json({ error: "invalid request", fields: { participantId: "must be an id" } }, 400);
    if (participantId) return c.json({ reports: await deps.store.reports.listForParticipant(participantId) });
    if (!month || !isReportMonth(month)) return c.json({ error: "invalid request", fields: { month: 'must be a month "yyyy-MM"' } }, 400);
    return c.json({ reports: await deps.store.reports.listForMonth(month) });
  });

  app.get("/disclosures", async (c) => {
    const participantId = c.req.query("participantId");
    if (participantId !== undefined && !uuid.safeParse(participantId).success) return c.json({ error: "invalid request", fields: { participantId: "must be an id" } }, 400);
    const rows = await deps.store.disclosures.list(participantId ? { participantId } : {}, 500);
    // The log, not the documents: what, to whom, when, under which consent, by whom.
    return c.json({ disclosures: rows.map(({ content: _content, ...row }) => row) });
  });

  app.get("/disclosures/:id/pdf", async (c) => {
    const id = uuid.safeParse(c.req.param("id"));
    const d = id.success ? await deps.store.disclosures.get(id.data) : null;
    if (!d) return c.json({ error: "disclosure not found" }, 404);
    return c.body(new Uint8Array(await renderReportPdf(d.content)), 200, { "content-type": "application/pdf" });
  });

  app.get("/consents", async (c) => {
    const participantId = uuid.safeParse(c.req.query("participantId"));
    if (!participantId.success) return c.json({ error: "invalid request", fields: { participantId: "must be an id" } }, 400);
    return c.json({ consents: await deps.store.consents.listForParticipant(participantId.data) });
  });

  app.post("/consents", async (c) => {
    const body = await readJson(c, z.object({ participantId: z.uuid("must be an id") }).passthrough());
    if (!body.ok) return body.response;
    const { participantId, ...rest } = body.data;
    const parsed = consentInputSchema.safeParse(rest);
    if (!parsed.success) {
      return c.json({ error: "invalid request", fields: fieldErrors(parsed.error) }, 400);
    }
    const r = await recordConsent(deps, participantId, parsed.data, API_ACTOR);
    return r.ok ? c.json({ consent: r.consent }, 201) : c.json({ error: r.status === 404 ? "participant not found" : "invalid request", fields: r.fields }, r.status);
  });

  app.post("/consents/:id/revoke", async (c) => {
    const id = uuid.safeParse(c.req.param("id"));
    if (!id.success) return c.json({ error: "consent not found" }, 404);
    const r = await revokeConsent(deps, id.data, API_ACTOR);
    return r.ok ? c.json({ consent: r.consent }) : c.json({ error: r.error }, r.status);
  });

  app.post("/:id/release", async (c) => {
    const id = uuid.safeParse(c.req.param("id"));
    if (!id.success) return c.json({ error: "report not found" }, 404);
    const body = await readJson(c, z.strictObject({ consentId: z.uuid("must be a consent id").nullable().default(null), sections: z.array(z.enum(REPORT_SECTIONS)).max(REPORT_SECTIONS.length).optional() }));
    if (!body.ok) return body.response;
    const r = await releaseReport(deps, { reportId: id.data, consentId: body.data.consentId, sections: body.data.sections, by: API_ACTOR });
    if (!r.ok) return c.json({ error: r.error, fields: r.fields }, r.status);
    const { content: _content, ...row } = r.disclosure;
    return c.json({ disclosure: row }, 201);
  });

  return app;
}
