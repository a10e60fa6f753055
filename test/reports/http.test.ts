import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../support/harness";
import { runningClock } from "../support/clock";
import { consoleClient, makeUser, PASSWORD, type ConsoleClient } from "../console/client";
import { draftReportFor } from "../../src/features/reports/draft";
import type { MonthlyReport } from "../../src/adapters/postgres/reports";
import { REDISCLOSURE_NOTICE } from "../../src/domain/reports/notice";
import { enrolParent, seedMonth } from "./support";

/** pdftotext (poppler-utils) of a PDF body: what a court clerk's copy-paste would read. */
function pdfText(bytes: ArrayBuffer): string {
  const dir = mkdtempSync(join(tmpdir(), "bl-report-"));
  const file = join(dir, "report.pdf");
  writeFileSync(file, Buffer.from(bytes));
  // Without -layout, lines of one paragraph come out in reading order.
  return execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
}

describe("monthly report release through the console (HTTP)", () => {
  let h: Harness;
  const clock = runningClock(new Date("2026-10-15T16:00:00Z"));
  let reportId: string, parentId: string, otherReportId: string;
  let rosa: ConsoleClient, sam: ConsoleClient, sup: ConsoleClient;

  beforeAll(async () => {
    h = await createHarness({ sms: "sandbox", clock });
    const ana = await enrolParent(h, { firstName: "Ana", phone: "+15555550121" });
    const other = await enrolParent(h, { firstName: "Bo", phone: "+15555550122" });
    parentId = ana.participantId;
    await seedMonth(h, parentId, {
      checkins: [["2026-11-02", "answered"], ["2026-11-03", "missed"], ["2026-11-09", "answered"]],
      appointments: [["2026-11-05", "court_hearing", "attended"]],
      texts: [["2026-11-03T15:00:00Z", ["return_to_use"]]],
      recoveryCapital: [["2026-10-20T15:00:00Z", 30], ["2026-11-20T15:00:00Z", 27]],
    });
    clock.set(new Date("2026-12-01T15:00:00Z"));
    reportId = ((await draftReportFor(h.deps, parentId, "2026-11")) as MonthlyReport).id;
    otherReportId = ((await draftReportFor(h.deps, other.participantId, "2026-11")) as MonthlyReport).id;
    const peerUser = await makeUser(h, { role: "peer", peerId: ana.peerId, name: "Rosa Diaz" });
    const otherPeer = await makeUser(h, { role: "peer", peerId: other.peerId, name: "Sam Lee" });
    const supervisor = await makeUser(h, { role: "supervisor", name: "Pat Supervisor" });
    rosa = consoleClient(h.app);
    sam = consoleClient(h.app);
    sup = consoleClient(h.app);
    expect((await rosa.signIn(peerUser.email, PASSWORD)).status).toBe(303);
    expect((await sam.signIn(otherPeer.email, PASSWORD)).status).toBe(303);
    expect((await sup.signIn(supervisor.email, PASSWORD)).status).toBe(303);
  });
  afterAll(async () => h?.close());

  const disclosures = async () => (await h.db.query<{ id: string }>("select id from report_disclosures")).rows.length;

  it("lists the caseload's reports and opens one (audited)", async () => {
    const list = await rosa.get("/console/reports?month=2026-11");
    expect(list.status).toBe(200);
    expect(rosa.html).toContain(`/console/reports/${reportId}`);
    expect(rosa.html).not.toContain(otherReportId);
    expect((await rosa.get(`/console/reports/${reportId}`)).status).toBe(200);
    expect(rosa.html).toContain("No consent on file");
    const views = await h.store.audit.list({ limit: 50, subjectId: reportId, action: "view" });
    expect(views.some((v) => v.what === "report")).toBe(true);
  });

  it("refuses a release without a consent (422, naming the consent)", async () => {
    await rosa.get(`/console/reports/${reportId}`);
    const res = await rosa.post(`/console/reports/${reportId}/release`, { consentId: "" });
    expect(res.status).toBe(422);
    expect(rosa.html).toContain("Release refused: no consent chosen");
    expect(rosa.html).toContain("field: consentId");
    expect(await disclosures()).toBe(0);
  });

  it("refuses a consent with bad dates, naming the field", async () => {
    await rosa.get(`/console/reports/parents/${parentId}/consents`);
    const base = { recipientName: "Family Treatment Court", recipientKind: "court", purpose: "Dependency case progress", sections: "participation" };
    expect((await rosa.post(`/console/reports/parents/${parentId}/consents`, { ...base, signedOn: "2026-11-20", expiresOn: "2026-11-01" })).status).toBe(400);
    expect(rosa.html).toContain("expiresOn must be on or after the signed date");
    expect((await rosa.post(`/console/reports/parents/${parentId}/consents`, { ...base, signedOn: "2026-12-05", expiresOn: "2027-12-01" })).status).toBe(400);
    expect(rosa.html).toContain("signedOn must not be after today");
    expect((await rosa.post(`/console/reports/parents/${parentId}/consents`, { ...base, signedOn: "2026-11-20", expiresOn: "9999-12-31" })).status).toBe(400);
    expect(rosa.html).toContain("expiresOn must be within 5 years");
    expect((await rosa.post(`/console/reports/parents/${parentId}/consents`, { ...base, sections: "everything", signedOn: "2026-11-20", expiresOn: "2027-11-20" })).status).toBe(400);
    expect(rosa.html).toMatch(/sections\.0 each must be one of/);
    expect(await h.store.consents.listForParticipant(parentId)).toEqual([]);
  });

  it("with a consent covering some sections: preview shows in/out, release writes the log, the PDF holds only those sections and the notice", async () => {
    await rosa.get(`/console/reports/parents/${parentId}/consents`);
    const body = new URLSearchParams({ _csrf: rosa.csrf(), recipientName: "Family Treatment Court", recipientKind: "court", purpose: "Dependency case progress", signedOn: "2026-11-20", expiresOn: "2027-11-20" });
    body.append("sections", "participation");
    body.append("sections", "checkin_adherence");
    const cookie = [...rosa.jar].map(([k, v]) => `${k}=${v}`).join("; ");
    const saved = await h.app.request(`/console/reports/parents/${parentId}/consents`, { method: "POST", headers: { cookie, "content-type": "application/x-www-form-urlencoded" }, body: body.toString() });
    expect(saved.status).toBe(303);
    const [consent] = await h.store.consents.listForParticipant(parentId);
    expect(consent!.sections).toEqual(["participation", "checkin_adherence"]);

    expect((await rosa.get(`/console/reports/${reportId}/release?consentId=${consent!.id}`)).status).toBe(200);
    const leftOut = rosa.html.slice(rosa.html.indexOf("Left out"));
    expect(leftOut).toContain("Return to use");
    expect(leftOut).toContain("Recovery capital");

    const res = await rosa.post(`/console/reports/${reportId}/release`, { consentId: consent!.id });
    expect(res.status).toBe(303);
    const [d] = await h.store.disclosures.list({ reportId });
    expect(d).toMatchObject({
      consentId: consent!.id,
      recipientName: "Family Treatment Court",
      recipientKind: "court",
      sections: ["participation", "checkin_adherence"],
      leftOut: ["appointments_kept", "recovery_capital", "return_to_use"],
      releasedByName: "Rosa Diaz",
      releasedByRole: "peer",
    });
    expect(d!.releasedAt.toISOString()).toBe(new Date(d!.releasedAt).toISOString());
    expect(JSON.stringify(d!.content)).not.toMatch(/return to use|recoveryCapital|court_hearing/i);

    const pdf = await rosa.get(`/console/reports/disclosures/${d!.id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    const text = pdfText(await pdf.arrayBuffer());
    expect(text).toContain("Participation");
    expect(text).toContain("Check-in adherence");
    expect(text).toContain("Check-ins answered: 2 of 3 (67%)");
    expect(text).toContain("Family Treatment Court");
    expect(text).not.toContain("Return to use");
    expect(text).not.toContain("return to use");
    expect(text).not.toContain("Recovery capital");
    expect(text).not.toContain("Court hearing");
    expect(text).toContain("protected by Federal confidentiality rules (42 CFR part 2)");
    expect(text).toContain(REDISCLOSURE_NOTICE.at(-1)!.slice(0, 60));

    const printable = await rosa.get(`/console/reports/disclosures/${d!.id}`);
    expect(printable.status).toBe(200);
    expect(rosa.html).toContain("Notice to the recipient (42 CFR §2.32)");
    expect(rosa.html).not.toContain("Return to use");
    expect((await h.store.audit.list({ limit: 50, subjectId: d!.id })).map((a) => a.what)).toEqual(expect.arrayContaining(["disclosure-pdf", "disclosure"]));
  });

  it("re-computes a draft's figures after a late outcome, keeping the narrative and what was already released", async () => {
    const [before] = await h.store.disclosures.list({ reportId });
    const notes = (await h.store.reports.get(reportId))!.notes;
    await seedMonth(h, parentId, { appointments: [["2026-11-28", "drug_test", "missed"]] });
    await rosa.get(`/console/reports/${reportId}`);
    expect((await rosa.post(`/console/reports/${reportId}/refresh`)).status).toBe(303);
    const after = (await h.store.reports.get(reportId))!;
    expect(after.figures.appointments).toMatchObject({ kept: 1, missed: 1 });
    expect(after.notes).toEqual(notes);
    expect((await h.store.disclosures.get(before!.id))!.content).toEqual(before!.content);
    await sam.get("/console/reports"); // a page of Sam's own session, for its CSRF token
    expect((await sam.post(`/console/reports/${reportId}/refresh`)).status).toBe(403);
    expect(sam.html).toContain("not on your caseload");
  });

  it("refuses a requested section the consent does not cover (409, naming it)", async () => {
    const [consent] = await h.store.consents.listForParticipant(parentId);
    await rosa.get(`/console/reports/${reportId}`);
    const before = await disclosures();
    const res = await rosa.post(`/console/reports/${reportId}/release`, { consentId: consent!.id, sections: "return_to_use" });
    expect(res.status).toBe(409);
    expect(rosa.html).toContain("does not cover: return_to_use");
    expect(await disclosures()).toBe(before);
  });

  it("a peer cannot open, release or download another peer's parent's report (403, audited)", async () => {
    await sam.get("/console/reports");
    expect((await sam.get(`/console/reports/${reportId}`)).status).toBe(403);
    const [consent] = await h.store.consents.listForParticipant(parentId);
    expect((await sam.post(`/console/reports/${reportId}/release`, { consentId: consent!.id })).status).toBe(403);
    const [d] = await h.store.disclosures.list({ reportId });
    expect((await sam.get(`/console/reports/disclosures/${d!.id}/pdf`)).status).toBe(403);
    expect((await sam.get(`/console/reports/parents/${parentId}/consents`)).status).toBe(403);
    const denied = await h.store.audit.list({ limit: 50, action: "denied" });
    expect(denied.map((a) => a.what)).toEqual(expect.arrayContaining(["report", "report-release", "disclosure-pdf", "consents"]));
    // A guessed id is a 404, audited too.
    expect((await sam.get("/console/reports/00000000-0000-4000-8000-00000000dead")).status).toBe(404);
  });

  it("volunteers have no access to reports; another peer cannot record a consent for someone else's parent", async () => {
    const res = await h.admin("POST", "/hotline/responders", { name: "Val Volunteer", phone: "+15555550199", timeZone: "America/New_York", tier: "primary" });
    const { responder } = (await res.json()) as { responder: { id: string } };
    const volunteer = await makeUser(h, { role: "volunteer", responderId: responder.id });
    const vol = consoleClient(h.app);
    expect((await vol.signIn(volunteer.email, PASSWORD)).status).toBe(303);
    expect((await vol.get("/console/reports")).status).toBe(403);
    expect((await vol.get(`/console/reports/${reportId}`)).status).toBe(403);
    await sam.get("/console/reports");
    const before = (await h.store.consents.listForParticipant(parentId)).length;
    const forged = await sam.post(`/console/reports/parents/${parentId}/consents`, { recipientName: "X", recipientKind: "other", purpose: "x", sections: "participation", signedOn: "2026-11-20", expiresOn: "2027-11-20" });
    expect(forged.status).toBe(403);
    expect((await h.store.consents.listForParticipant(parentId)).length).toBe(before);
  });

  it("the disclosure log is for supervisors and admins, not peers", async () => {
    expect((await rosa.get("/console/reports/disclosures")).status).toBe(403);
    expect((await sup.get("/console/reports/disclosures")).status).toBe(200);
    expect(sup.html).toContain("Family Treatment Court");
    expect(sup.html).toContain("Rosa Diaz (peer)");
  });

  it("after revocation a release is refused at once (409, naming the revoked consent)", async () => {
    const [consent] = await h.store.consents.listForParticipant(parentId);
    await rosa.get(`/console/reports/parents/${parentId}/consents`);
    expect((await rosa.post(`/console/reports/consents/${consent!.id}/revoke`)).status).toBe(303);
    await rosa.get(`/console/reports/${reportId}`);
    const before = await disclosures();
    const res = await rosa.post(`/console/reports/${reportId}/release`, { consentId: consent!.id });
    expect(res.status).toBe(409);
    expect(rosa.html).toContain("consent for Family Treatment Court is revoked");
    expect(await disclosures()).toBe(before);
    expect((await rosa.get(`/console/reports/${reportId}/release?consentId=${consent!.id}`)).status).toBe(409);
  });

  it("escapes HTML typed into names and notes", async () => {
    await rosa.get(`/console/reports/${reportId}`);
    const notes = { note_participation: "<script>alert(1)</script>", note_appointments_kept: "", note_checkin_adherence: "", note_recovery_capital: "", note_return_to_use: "" };
    expect((await rosa.post(`/console/reports/${reportId}/notes`, notes)).status).toBe(303);
    await rosa.get(`/console/reports/${reportId}`);
    expect(rosa.html).not.toContain("<script>alert(1)</script>");
    expect(rosa.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });
});
