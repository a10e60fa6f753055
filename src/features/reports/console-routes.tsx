import { Hono, type Context } from "hono";
import { z } from "zod";
import type { Participant } from "../../domain/model";
import { CONSENT_STATE_TEXT, consentState, decideRelease, splitSections, type ReportConsent } from "../../domain/reports/consent";
import { buildDocument, documentSections } from "../../domain/reports/document";
import { isReportMonth, monthTitle, previousMonth } from "../../domain/reports/month";
import { NOTE_MAX_CHARS } from "../../domain/reports/narrative";
import { RECIPIENT_KIND_LABELS, RECIPIENT_KINDS, REPORT_SECTIONS, SECTION_TITLES, type ReportSection } from "../../domain/reports/sections";
import { localDateOf } from "../../domain/time";
import type { MonthlyReport } from "../../adapters/postgres/reports";
import type { Deps } from "../../ports/deps";
import { canSeeParent } from "../console/access";
import { recordDenied, recordEvent, recordView } from "../console/audit";
import { CsrfField } from "../console/csrf";
import { renderPage } from "../console/http";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { Layout } from "../console/layout";
import { requireRole, type ConsoleUser } from "../console/session";
import { fieldErrors } from "../http/validation";
import { consentInputSchema, recordConsent, revokeConsent, type Actor } from "./consents";
import { draftReportFor, refreshFigures } from "./draft";
import { PrintablePage, ReportBody, SectionsView } from "./document-view";
import { notesInputSchema, saveNotes } from "./notes";
import { renderReportPdf } from "./pdf";
import { releaseReport } from "./release";

const uuid = z.uuid();
const actorOf = (u: ConsoleUser): Actor => ({ id: u.id, name: u.name, role: u.role });

/**
 * Console pages for monthly progress reports (docs/reports.md), mounted at
 * /console/reports. Peers see their own parents' reports; supervisors and admins every
 * parent's; volunteers none. Every page that shows a parent's record writes an audit entry.
 */
export function consoleReportRoutes(deps: Deps) {
  const app = new Hono();
  const staff = requireRole("peer", "supervisor");

  /** The parent, if this user may see them; otherwise the 403/404 answer (audited). */
  async function parentFor(c: Context, participantId: string | undefined, what: string): Promise<{ parent: Participant } | { response: Response }> {
    const user = c.get("user");
    const id = uuid.safeParse(participantId);
    const parent = id.success ? await deps.store.participants.get(id.data) : null;
    if (!parent) {
      await recordDenied(deps, user, what, participantId ?? "");
      return { response: await renderPage(c, <Message user={user} title="Not found" text="There is no such parent." />, 404) };
    }
    if (!canSeeParent(user, parent)) {
      await recordDenied(deps, user, what, parent.id);
      return { response: await renderPage(c, <Message user={user} title="Forbidden" text="This parent is not on your caseload." />, 403) };
    }
    return { parent };
  }

  async function reportFor(c: Context, what: string): Promise<{ report: MonthlyReport; parent: Participant } | { response: Response }> {
    const user = c.get("user");
    const id = uuid.safeParse(c.req.param("id"));
    const report = id.success ? await deps.store.reports.get(id.data) : null;
    if (!report) {
      await recordDenied(deps, user, what, c.req.param("id") ?? "");
      return { response: await renderPage(c, <Message user={user} title="Not found" text="There is no such report." />, 404) };
    }
    const found = await parentFor(c, report.participantId, what);
    return "response" in found ? found : { report, parent: found.parent };
  }

  // ---- list -------------------------------------------------------------------------
  app.get("/", staff, async (c) => {
    const user = c.get("user");
    const asked = c.req.query("month");
    const month = asked && isReportMonth(asked) ? asked : previousMonth(localDateOf(deps.clock.now(), deps.config.SUPERVISOR_TIME_ZONE));
    const parents = (user.role === "peer" ? await deps.store.participants.list({ peerId: user.peerId ?? undefined }) : await deps.store.participants.list()).filter((p) =>
      canSeeParent(user, p),
    );
    const reports = await deps.store.reports.listForMonth(month, parents.map((p) => p.id));
    const byParent = new Map(reports.map((r) => [r.participantId, r]));
    const released = await deps.store.disclosures.countByReport(reports.map((r) => r.id));
    await recordView(deps, user, "report-list", month);
    return renderPage(
      c,
      <Layout title={`Monthly reports: ${monthTitle(month)}`} user={user} active="reports">
        <form method="get" action="/console/reports" class="pager">
          <label>
            Month <input type="month" name="month" value={month} />
          </label>
          <button type="submit">Show</button>
          {user.role !== "peer" ? <a href="/console/reports/disclosures">Disclosure log</a> : null}
        </form>
        <p class="muted">
          Drafts are made on the 1st of each month for every active parent. Review the narrative, choose a signed consent, and release.
        </p>
        <table>
          <caption>Parents and their report for {monthTitle(month)}</caption>
          <thead>
            <tr>
              <th scope="col">Parent</th>
              <th scope="col">Status</th>
              <th scope="col">Report</th>
              <th scope="col">Consents</th>
            </tr>
          </thead>
          <tbody>
            {parents.map((p) => {
              const r = byParent.get(p.id);
              const n = r ? (released.get(r.id) ?? 0) : 0;
              return (
                <tr>
                  <th scope="row">{p.firstName}</th>
                  <td>{p.status}</td>
                  <td>
                    {r ? (
                      <>
                        <a href={`/console/reports/${r.id}`}>Review {p.firstName}'s report</a>{" "}
                        <span class={n ? "badge good" : "badge"}>{n ? `released ${n}×` : "draft"}</span>
                      </>
                    ) : (
                      <form method="post" action={`/console/reports/parents/${p.id}/draft`}>
                        <CsrfField />
                        <input type="hidden" name="month" value={month} />
                        <button type="submit">Draft {p.firstName}'s report now</button>
                      </form>
                    )}
                  </td>
                  <td>
                    <a href={`/console/reports/parents/${p.id}/consents`}>{p.firstName}'s consents</a>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </Layout>,
    );
  });

  // ---- disclosure log (admins and supervisors) ----------------------------------------
  app.get("/disclosures", requireRole("supervisor"), async (c) => {
    const user = c.get("user");
    const rows = await deps.store.disclosures.list({}, 500);
    await recordView(deps, user, "disclosure-log", "all");
    return renderPage(
      c,
      <Layout title="Disclosure log" user={user} active="reports">
        <p class="muted">Every release of a report: what, to whom, when, under which consent, by whom (42 CFR Part 2). Newest first; the last 500.</p>
        <table>
          <thead>
            <tr>
              <th scope="col">Released</th>
              <th scope="col">Parent</th>
              <th scope="col">Month</th>
              <th scope="col">To</th>
              <th scope="col">Sections disclosed</th>
              <th scope="col">Left out</th>
              <th scope="col">Consent</th>
              <th scope="col">By</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => (
              <tr>
                <td>
                  <a href={`/console/reports/disclosures/${d.id}`}>{d.releasedAt.toISOString().replace("T", " ").slice(0, 16)} UTC</a>
                </td>
                <td>{d.content.firstName}</td>
                <td>{d.content.month}</td>
                <td>
                  {d.recipientName} ({RECIPIENT_KIND_LABELS[d.recipientKind]})
                </td>
                <td>{d.sections.map((s) => SECTION_TITLES[s]).join(", ")}</td>
                <td>{d.leftOut.map((s) => SECTION_TITLES[s]).join(", ") || "—"}</td>
                <td>
                  <code>{d.consentId.slice(0, 8)}</code>
                </td>
                <td>
                  {d.releasedByName} ({d.releasedByRole})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Layout>,
    );
  });

  async function disclosureFor(c: Context, what: string) {
    const user = c.get("user");
    const id = uuid.safeParse(c.req.param("id"));
    const d = id.success ? await deps.store.disclosures.get(id.data) : null;
    if (!d) {
      await recordDenied(deps, user, what, c.req.param("id") ?? "");
      return { response: await renderPage(c, <Message user={user} title="Not found" text="There is no such disclosure." />, 404) };
    }
    const found = await parentFor(c, d.participantId, what);
    return "response" in found ? found : { disclosure: d };
  }

  app.get("/disclosures/:id", staff, async (c) => {
    const found = await disclosureFor(c, "disclosure");
    if ("response" in found) return found.response;
    await recordView(deps, c.get("user"), "disclosure", found.disclosure.id);
    return renderPage(c, <PrintablePage doc={found.disclosure.content} />);
  });

  app.get("/disclosures/:id/pdf", staff, async (c) => {
    const found = await disclosureFor(c, "disclosure-pdf");
    if ("response" in found) return found.response;
    await recordView(deps, c.get("user"), "disclosure-pdf", found.disclosure.id);
    const pdf = await renderReportPdf(found.disclosure.content);
    return c.body(new Uint8Array(pdf), 200, {
      "content-type": "application/pdf",
      "content-disposition": `inline; filename="report-${found.disclosure.content.month}-${found.disclosure.id.slice(0, 8)}.pdf"`,
    });
  });

  // ---- consents ---------------------------------------------------------------------
  app.get("/parents/:pid/consents", staff, async (c) => {
    const found = await parentFor(c, c.req.param("pid"), "consents");
    if ("response" in found) return found.response;
    await recordView(deps, c.get("user"), "consents", found.parent.id);
    return consentsPage(c, found.parent, {}, 200);
  });

  app.post("/parents/:pid/consents", staff, async (c) => {
    const user = c.get("user");
    const found = await parentFor(c, c.req.param("pid"), "consent-create");
    if ("response" in found) return found.response;
    const form = await c.req.parseBody({ all: true });
    const sections = form.sections === undefined ? [] : Array.isArray(form.sections) ? form.sections : [form.sections];
    const parsed = consentInputSchema.safeParse({
      recipientName: form.recipientName,
      recipientKind: form.recipientKind,
      purpose: form.purpose,
      sections,
      signedOn: form.signedOn,
      expiresOn: form.expiresOn,
    });
    if (!parsed.success) return consentsPage(c, found.parent, fieldErrors(parsed.error), 400, form);
    const result = await recordConsent(deps, found.parent.id, parsed.data, actorOf(user));
    if (!result.ok) return consentsPage(c, found.parent, result.fields, 400, form);
    await recordEvent(deps, { user, action: "consent-recorded", what: "consent", subjectId: result.consent.id, detail: { participantId: found.parent.id, sections: result.consent.sections } });
    return c.redirect(`/console/reports/parents/${found.parent.id}/consents`, 303);
  });

  app.post("/consents/:id/revoke", staff, async (c) => {
    const user = c.get("user");
    const id = uuid.safeParse(c.req.param("id"));
    const consent = id.success ? await deps.store.consents.get(id.data) : null;
    if (!consent) return renderPage(c, <Message user={user} title="Not found" text="There is no such consent." />, 404);
    const found = await parentFor(c, consent.participantId, "consent-revoke");
    if ("response" in found) return found.response;
    const result = await revokeConsent(deps, consent.id, actorOf(user));
    if (!result.ok) return renderPage(c, <Message user={user} title="Not revoked" text={result.error} />, result.status);
    await recordEvent(deps, { user, action: "consent-revoked", what: "consent", subjectId: consent.id, detail: { participantId: consent.participantId } });
    return c.redirect(`/console/reports/parents/${consent.participantId}/consents`, 303);
  });

  async function consentsPage(c: Context, parent: Participant, errors: Record<string, string>, status: 200 | 400, form: Record<string, unknown> = {}) {
    const user = c.get("user");
    const consents = await deps.store.consents.listForParticipant(parent.id);
    const now = deps.clock.now();
    const today = localDateOf(now, parent.timeZone);
    const value = (k: string) => (typeof form[k] === "string" ? (form[k] as string) : "");
    const ticked = new Set(([] as unknown[]).concat(form.sections ?? []).map(String));
    const err = (k: string) => (errors[k] ? <span class="warn" id={`err-${k}`}>{` ${errors[k]}`}</span> : null);
    return renderPage(
      c,
      <Layout title={`Consents: ${parent.firstName}`} user={user} active="reports">
        <p>
          <a href="/console/reports">Back to reports</a>
        </p>
        <table>
          <caption>Signed consents (releases of information)</caption>
          <thead>
            <tr>
              <th scope="col">Recipient</th>
              <th scope="col">Purpose</th>
              <th scope="col">May share</th>
              <th scope="col">Signed</th>
              <th scope="col">Expires</th>
              <th scope="col">State</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {consents.length === 0 ? (
              <tr>
                <td colspan={7}>No consent on file: no report can be released for {parent.firstName}.</td>
              </tr>
            ) : null}
            {consents.map((k) => {
              const state = consentState(k, now, today);
              return (
                <tr>
                  <td>
                    {k.recipientName} ({RECIPIENT_KIND_LABELS[k.recipientKind]})
                  </td>
                  <td>{k.purpose}</td>
                  <td>{k.sections.map((s) => SECTION_TITLES[s]).join(", ")}</td>
                  <td>{k.signedOn}</td>
                  <td>{k.expiresOn}</td>
                  <td>
                    <span class={state === "active" ? "badge good" : "badge bad"}>{CONSENT_STATE_TEXT[state]}</span>
                    {k.revokedAt ? ` on ${localDateOf(k.revokedAt, parent.timeZone)} by ${k.revokedBy ?? "?"}` : ""}
                  </td>
                  <td>
                    {k.revokedAt ? null : (
                      <form method="post" action={`/console/reports/consents/${k.id}/revoke`}>
                        <CsrfField />
                        <button type="submit">Revoke consent for {k.recipientName}</button>
                      </form>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <h2>Record a signed consent</h2>
        {Object.keys(errors).length ? (
          <div class="error" role="alert">
            Not saved: {Object.entries(errors).map(([k, v]) => `${k} ${v}`).join("; ")}
          </div>
        ) : null}
        <form method="post" action={`/console/reports/parents/${parent.id}/consents`} class="stack">
          <CsrfField />
          <label>
            Recipient name {err("recipientName")}
            <input name="recipientName" required maxlength={200} value={value("recipientName")} />
          </label>
          <label>
            Recipient kind {err("recipientKind")}
            <select name="recipientKind">
              {RECIPIENT_KINDS.map((k) => (
                <option value={k} selected={value("recipientKind") === k}>
                  {RECIPIENT_KIND_LABELS[k]}
                </option>
              ))}
            </select>
          </label>
          <label>
            Purpose {err("purpose")}
            <input name="purpose" required maxlength={500} value={value("purpose")} />
          </label>
          <fieldset>
            <legend>What may be shared (as ticked on the signed form) {err("sections")}</legend>
            {REPORT_SECTIONS.map((s) => (
              <div>
                <label style="display:flex;gap:.5rem;align-items:center;font-weight:400">
                  <input type="checkbox" name="sections" value={s} checked={ticked.has(s)} /> {SECTION_TITLES[s]}
                </label>
              </div>
            ))}
          </fieldset>
          <label>
            Signed on {err("signedOn")}
            <input type="date" name="signedOn" required value={value("signedOn")} />
          </label>
          <label>
            Expires on {err("expiresOn")}
            <input type="date" name="expiresOn" required value={value("expiresOn")} />
          </label>
          <button type="submit" class="primary">
            Save consent
          </button>
        </form>
      </Layout>,
      status,
    );
  }

  // ---- draft by hand ----------------------------------------------------------------
  app.post("/parents/:pid/draft", staff, async (c) => {
    const user = c.get("user");
    const found = await parentFor(c, c.req.param("pid"), "report-draft");
    if ("response" in found) return found.response;
    const form = await c.req.parseBody();
    const month = typeof form.month === "string" && isReportMonth(form.month) ? form.month : null;
    if (!month) return renderPage(c, <Message user={user} title="Not drafted" text="month must be a month like 2026-11." />, 400);
    const report = await draftReportFor(deps, found.parent.id, month);
    if (report === "month_not_over") return render(c, <Message user={user} title="Not drafted" text={`${monthTitle(month)} is not over yet for ${found.parent.firstName}: it is drafted on the 1st.`} />, 400);
    await recordEvent(deps, { user, action: "report-drafted", what: "report", subjectId: report?.id ?? null, detail: { participantId: found.parent.id, month } });
    return c.redirect(report ? `/console/reports/${report.id}` : "/console/reports", 303);
  });

  // ---- one report: review, notes, release -------------------------------------------
  app.get("/:id", staff, async (c) => {
    const found = await reportFor(c, "report");
    if ("response" in found) return found.response;
    await recordView(deps, c.get("user"), "report", found.report.id);
    return reportPage(c, found.report, found.parent, null, 200);
  });

  app.post("/:id/notes", staff, async (c) => {
    const user = c.get("user");
    const found = await reportFor(c, "report-notes");
    if ("response" in found) return found.response;
    const form = await c.req.parseBody();
    const parsed = notesInputSchema.safeParse(Object.fromEntries(REPORT_SECTIONS.map((s) => [s, form[`note_${s}`] ?? ""])));
    if (!parsed.success) return reportPage(c, found.report, found.parent, { error: "Not saved", fields: fieldErrors(parsed.error) }, 400);
    await saveNotes(deps, found.report.id, parsed.data, actorOf(user));
    await recordEvent(deps, { user, action: "report-edited", what: "report", subjectId: found.report.id });
    return c.redirect(`/console/reports/${found.report.id}`, 303);
  });

  app.post("/:id/refresh", staff, async (c) => {
    const user = c.get("user");
    const found = await reportFor(c, "report-refresh");
    if ("response" in found) return found.response;
    await refreshFigures(deps, found.report.id, user.name);
    await recordEvent(deps, { user, action: "report-refreshed", what: "report", subjectId: found.report.id });
    return c.redirect(`/console/reports/${found.report.id}`, 303);
  });

  /** What would go out under the chosen consent: in/out per section and the document itself. */
  app.get("/:id/release", staff, async (c) => {
    const user = c.get("user");
    const found = await reportFor(c, "report-release-preview");
    if ("response" in found) return found.response;
    const { report, parent } = found;
    await recordView(deps, user, "report-release-preview", report.id);
    const consentId = c.req.query("consentId") || null;
    const consent = consentId && uuid.safeParse(consentId).success ? await deps.store.consents.get(consentId) : null;
    const now = deps.clock.now();
    const decision = decideRelease({ participantId: parent.id, consent, now, today: localDateOf(now, parent.timeZone) });
    if (!decision.ok) {
      const status = decision.reason === "consent_not_active" ? 409 : 422;
      return reportPage(c, report, parent, { error: `Release refused: ${decision.message}`, fields: { consentId: decision.message } }, status);
    }
    const doc = buildDocument({ programName: deps.config.PROGRAM_NAME, figures: report.figures, notes: report.notes, consent: consent!, included: decision.included, releasedAt: now, releasedBy: user.name });
    return renderPage(
      c,
      <Layout title={`Release ${parent.firstName}'s report to ${consent!.recipientName}`} user={user} active="reports">
        <p>
          <a href={`/console/reports/${report.id}`}>Back to the report</a>
        </p>
        <SectionsInOut included={decision.included} leftOut={decision.leftOut} />
        <form method="post" action={`/console/reports/${report.id}/release`}>
          <CsrfField />
          <input type="hidden" name="consentId" value={consent!.id} />
          <button type="submit" class="primary">
            Release to {consent!.recipientName}
          </button>
        </form>
        <h2>The document as it would be sent</h2>
        <ReportBody doc={doc} draft />
      </Layout>,
    );
  });

  app.post("/:id/release", staff, async (c) => {
    const user = c.get("user");
    const found = await reportFor(c, "report-release");
    if ("response" in found) return found.response;
    const form = await c.req.parseBody({ all: true });
    const consentId = typeof form.consentId === "string" && form.consentId !== "" ? form.consentId : null;
    if (consentId && !uuid.safeParse(consentId).success) {
      return reportPage(c, found.report, found.parent, { error: "Release refused: consentId must be a consent id", fields: { consentId: "must be a consent id" } }, 422);
    }
    const rawSections = form.sections === undefined ? undefined : ([] as unknown[]).concat(form.sections).map(String);
    const sections = rawSections?.filter((s): s is ReportSection => (REPORT_SECTIONS as readonly string[]).includes(s));
    if (rawSections && sections && sections.length !== rawSections.length) {
      return reportPage(c, found.report, found.parent, { error: "Release refused: unknown section", fields: { sections: "unknown section" } }, 422);
    }
    const result = await releaseReport(deps, { reportId: found.report.id, consentId, sections, by: actorOf(user) });
    if (!result.ok) {
      await recordEvent(deps, { user, action: "release-refused", what: "report", subjectId: found.report.id, detail: { consentId, fields: Object.keys(result.fields) } });
      return reportPage(c, found.report, found.parent, { error: result.error, fields: result.fields }, result.status === 404 ? 404 : result.status);
    }
    const d = result.disclosure;
    await recordEvent(deps, { user, action: "report-released", what: "disclosure", subjectId: d.id, detail: { reportId: d.reportId, consentId: d.consentId, sections: d.sections } });
    return c.redirect(`/console/reports/${found.report.id}?released=${d.id}`, 303);
  });

  async function reportPage(
    c: Context,
    report: MonthlyReport,
    parent: Participant,
    problem: { error: string; fields: Record<string, string> } | null,
    status: 200 | 400 | 404 | 409 | 422,
  ) {
    const user = c.get("user");
    const consents = await deps.store.consents.listForParticipant(parent.id);
    const disclosures = await deps.store.disclosures.list({ reportId: report.id });
    const now = deps.clock.now();
    const today = localDateOf(now, parent.timeZone);
    const releasedId = c.req.query("released");
    const justReleased = releasedId ? disclosures.find((d) => d.id === releasedId) : undefined;
    const html = (
      <Layout title={`${parent.firstName}: report for ${monthTitle(report.month)}`} user={user} active="reports">
        <p>
          <a href={`/console/reports?month=${report.month}`}>Back to reports</a> · <a href={`/console/reports/parents/${parent.id}/consents`}>Consents</a>
        </p>
        {problem ? (
          <div class="error" role="alert">
            <strong>{problem.error}</strong>
            {Object.keys(problem.fields).length ? <span> (field: {Object.keys(problem.fields).join(", ")})</span> : null}
          </div>
        ) : null}
        {justReleased ? (
          <div class="notice" role="status">
            Released to {justReleased.recipientName}: {justReleased.sections.map((s) => SECTION_TITLES[s]).join(", ")}.{" "}
            <a href={`/console/reports/disclosures/${justReleased.id}/pdf`}>Download the PDF</a> ·{" "}
            <a href={`/console/reports/disclosures/${justReleased.id}`}>Printable page</a>
          </div>
        ) : null}

        <h2>Release</h2>
        <table>
          <caption>What each consent on file lets you send</caption>
          <thead>
            <tr>
              <th scope="col">Consent</th>
              <th scope="col">State</th>
              {REPORT_SECTIONS.map((s) => (
                <th scope="col">{SECTION_TITLES[s]}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {consents.length === 0 ? (
              <tr>
                <td colspan={2 + REPORT_SECTIONS.length}>No consent on file: record the signed form first.</td>
              </tr>
            ) : null}
            {consents.map((k) => {
              const state = consentState(k, now, today);
              const { included } = splitSections(REPORT_SECTIONS, k.sections);
              return (
                <tr>
                  <th scope="row">
                    {k.recipientName} ({RECIPIENT_KIND_LABELS[k.recipientKind]})
                  </th>
                  <td>{CONSENT_STATE_TEXT[state]}</td>
                  {REPORT_SECTIONS.map((s) => (
                    <td>{included.includes(s) ? "in" : "left out"}</td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
        <form method="get" action={`/console/reports/${report.id}/release`} class="pager">
          <label>
            Consent{" "}
            <select name="consentId">
              <option value="">— choose a signed consent —</option>
              {consents.map((k: ReportConsent) => (
                <option value={k.id}>
                  {k.recipientName} ({CONSENT_STATE_TEXT[consentState(k, now, today)]})
                </option>
              ))}
            </select>
          </label>
          <button type="submit">Preview release</button>
        </form>
        {disclosures.length ? (
          <>
            <h3>Released</h3>
            <ul>
              {disclosures.map((d) => (
                <li>
                  {d.releasedAt.toISOString().slice(0, 16).replace("T", " ")} UTC to {d.recipientName} by {d.releasedByName}:{" "}
                  {d.sections.map((s) => SECTION_TITLES[s]).join(", ")} — <a href={`/console/reports/disclosures/${d.id}/pdf`}>PDF</a>
                </li>
              ))}
            </ul>
          </>
        ) : null}

        <h2>Narrative</h2>
        <p class="muted">
          One paragraph per section: a section the consent does not cover is left out with its paragraph. Share challenges honestly; a return to use is part of
          recovery.
        </p>
        <form method="post" action={`/console/reports/${report.id}/notes`} class="stack">
          <CsrfField />
          {REPORT_SECTIONS.map((s) => (
            <label>
              {SECTION_TITLES[s]}
              <textarea name={`note_${s}`} rows={4} maxlength={NOTE_MAX_CHARS} style="font-weight:400">
                {report.notes[s]}
              </textarea>
            </label>
          ))}
          <button type="submit" class="primary">
            Save narrative
          </button>
        </form>
        <h2>Figures (every section; a release keeps only those its consent covers)</h2>
        <form method="post" action={`/console/reports/${report.id}/refresh`}>
          <CsrfField />
          <p class="muted">
            Drafted {report.draftedAt.toISOString().slice(0, 10)}. An outcome recorded later is left out until you re-compute; your narrative is kept as
            written, and past releases keep what they sent.{" "}
            <button type="submit">Re-compute figures</button>
          </p>
        </form>
        <SectionsView sections={documentSections(report.figures, report.notes, REPORT_SECTIONS)} />
      </Layout>
    );
    return render(c, html, status);
  }

  return app;
}

function SectionsInOut(props: { included: ReportSection[]; leftOut: ReportSection[] }) {
  return (
    <div class="grid2">
      <div>
        <h2>Included</h2>
        <ul>
          {props.included.map((s) => (
            <li>{SECTION_TITLES[s]}</li>
          ))}
        </ul>
      </div>
      <div>
        <h2>Left out (not covered by this consent)</h2>
        <ul>{props.leftOut.length ? props.leftOut.map((s) => <li>{SECTION_TITLES[s]}</li>) : <li>nothing</li>}</ul>
      </div>
    </div>
  );
}

/** renderPage with any status (a refused release is 409 or 422). */
async function render(c: Context, node: Child, status: ContentfulStatusCode): Promise<Response> {
  const body = await (node as { toString(): string | Promise<string> }).toString();
  return c.html("<!DOCTYPE html>" + body, status);
}

function Message(props: { user: ConsoleUser; title: string; text: string }) {
  return (
    <Layout title={props.title} user={props.user} active="reports">
      <p>{props.text}</p>
    </Layout>
  );
}
