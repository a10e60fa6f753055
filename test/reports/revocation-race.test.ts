import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../support/harness";
import { runningClock } from "../support/clock";
import { DB_KINDS } from "../support/db";
import { draftReportFor } from "../../src/features/reports/draft";
import { releaseReport } from "../../src/features/reports/release";
import { revokeConsent } from "../../src/features/reports/consents";
import type { MonthlyReport } from "../../src/adapters/postgres/reports";
import { enrolParent } from "./support";

/**
 * A revocation racing a release: whichever takes the consent row first wins, and the log
 * never shows a release after the consent's revocation instant.
 */
describe.each(DB_KINDS)("revocation racing a release (%s)", (db) => {
  let h: Harness;
  const clock = runningClock(new Date("2026-10-15T16:00:00Z"));
  let parentId: string, reportId: string;
  const by = { id: "u1", name: "Rosa", role: "peer" };

  beforeAll(async () => {
    h = await createHarness({ sms: "sandbox", clock, db });
    parentId = (await enrolParent(h, { phone: "+15555550141" })).participantId;
    clock.set(new Date("2026-12-01T15:00:00Z"));
    reportId = ((await draftReportFor(h.deps, parentId, "2026-11")) as MonthlyReport).id;
  });
  afterAll(async () => h?.close());

  it("either refuses the release or logs it no later than the revocation, 20 times over", async () => {
    let released = 0;
    let refused = 0;
    for (let i = 0; i < 20; i++) {
      const consent = await h.store.consents.create({
        participantId: parentId,
        recipientName: `Court ${i}`,
        recipientKind: "court",
        purpose: "race",
        sections: ["participation"],
        signedOn: "2026-11-01",
        expiresOn: "2027-11-01",
        enteredById: "u1",
        enteredByName: "Rosa",
      });
      const [release, revoke] = await Promise.all([
        releaseReport(h.deps, { reportId, consentId: consent.id, by }),
        revokeConsent(h.deps, consent.id, by),
      ]);
      expect(revoke.ok).toBe(true);
      const revokedAt = (await h.store.consents.get(consent.id))!.revokedAt!;
      if (release.ok) {
        released++;
        expect(release.disclosure.releasedAt.getTime()).toBeLessThanOrEqual(revokedAt.getTime());
      } else {
        refused++;
        expect(release.status).toBe(409);
        expect(release.error).toContain("revoked");
      }
    }
    expect(released + refused).toBe(20);
    expect(await h.store.disclosures.list({ reportId })).toHaveLength(released);
  });
});
