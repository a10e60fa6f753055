import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../support/harness";
import { runningClock } from "../support/clock";
import { enrolParent, seedMonth } from "./support";

/** The machines' JSON API under /api/reports (admin bearer token). */
describe("reports JSON API", () => {
  let h: Harness;
  const clock = runningClock(new Date("2026-10-15T16:00:00Z"));
  let parentId: string;
  beforeAll(async () => {
    h = await createHarness({ sms: "sandbox", clock });
    parentId = (await enrolParent(h, { firstName: "Ana", phone: "+15555550131" })).participantId;
    await seedMonth(h, parentId, { checkins: [["2026-11-02", "answered"]] });
    clock.set(new Date("2026-12-01T15:00:00Z"));
  });
  afterAll(async () => h?.close());

  it("needs the admin token", async () => {
    expect((await h.app.request("/api/reports?month=2026-11")).status).toBe(401);
  });

  it("drafts, records a consent, refuses and then makes a release, and lists the log", async () => {
    const draft = await h.admin("POST", "/reports/draft", { month: "2026-11" });
    expect(await draft.json()).toMatchObject({ outcome: { month: "2026-11", drafted: 1 } });
    expect((await h.admin("POST", "/reports/draft", { month: "2026-13" })).status).toBe(400);
    const { reports } = (await (await h.admin("GET", "/reports?month=2026-11")).json()) as { reports: { id: string }[] };
    const reportId = reports[0]!.id;

    const refused = await h.admin("POST", `/reports/${reportId}/release`, {});
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ fields: { consentId: expect.stringContaining("no consent") } });

    const bad = await h.admin("POST", "/reports/consents", { participantId: parentId, recipientName: "Court", recipientKind: "judge", purpose: "x", sections: [], signedOn: "2026-11-01", expiresOn: "2027-11-01" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { fields: Record<string, string> }).fields).toMatchObject({ recipientKind: expect.any(String), sections: "tick at least one section" });

    const created = await h.admin("POST", "/reports/consents", {
      participantId: parentId,
      recipientName: "County child welfare",
      recipientKind: "child_welfare",
      purpose: "Case plan review",
      sections: ["checkin_adherence"],
      signedOn: "2026-11-01",
      expiresOn: "2027-11-01",
    });
    expect(created.status).toBe(201);
    const { consent } = (await created.json()) as { consent: { id: string } };
    const uncovered = await h.admin("POST", `/reports/${reportId}/release`, { consentId: consent.id, sections: ["return_to_use"] });
    expect(uncovered.status).toBe(409);
    const ok = await h.admin("POST", `/reports/${reportId}/release`, { consentId: consent.id });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ disclosure: { sections: ["checkin_adherence"], releasedByName: "admin API", recipientKind: "child_welfare" } });
    const log = (await (await h.admin("GET", `/reports/disclosures?participantId=${parentId}`)).json()) as { disclosures: unknown[] };
    expect(log.disclosures).toHaveLength(1);
    expect(JSON.stringify(log)).not.toContain("content");

    expect((await h.admin("POST", `/reports/consents/${consent.id}/revoke`)).status).toBe(200);
    expect((await h.admin("POST", `/reports/consents/${consent.id}/revoke`)).status).toBe(409);
    expect((await h.admin("POST", `/reports/${reportId}/release`, { consentId: consent.id })).status).toBe(409);
  });
});
