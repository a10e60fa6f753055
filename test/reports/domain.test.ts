import { describe, expect, it } from "vitest";
import { consentState, decideRelease, splitSections, type ReportConsent } from "../../src/domain/reports/consent";
import { addMonths, monthBounds, previousMonth } from "../../src/domain/reports/month";
import { computeFigures, type MonthFacts } from "../../src/domain/reports/figures";
import { draftNotes } from "../../src/domain/reports/narrative";
import { buildDocument } from "../../src/domain/reports/document";
import { REDISCLOSURE_NOTICE } from "../../src/domain/reports/notice";
import { REPORT_SECTIONS } from "../../src/domain/reports/sections";

const PARENT = "00000000-0000-4000-8000-000000000001";
const NOW = new Date("2026-12-01T15:00:00Z");
const TODAY = "2026-12-01";

function consent(over: Partial<ReportConsent> = {}): ReportConsent {
  return {
    id: "00000000-0000-4000-8000-0000000000c1",
    participantId: PARENT,
    recipientName: "Family Treatment Court",
    recipientKind: "court",
    purpose: "Monthly progress for the dependency case",
    sections: ["participation", "appointments_kept"],
    signedOn: "2026-10-01",
    expiresOn: "2027-10-01",
    revokedAt: null,
    revokedBy: null,
    enteredById: "u1",
    enteredByName: "Rosa",
    createdAt: new Date("2026-10-01T12:00:00Z"),
    ...over,
  };
}

describe("consent state", () => {
  it("is active between the signed date and the expiry date, both inclusive", () => {
    expect(consentState(consent({ signedOn: TODAY }), NOW, TODAY)).toBe("active");
    expect(consentState(consent({ expiresOn: TODAY }), NOW, TODAY)).toBe("active");
  });
  it("is expired the day after the expiry date", () => {
    expect(consentState(consent({ expiresOn: "2026-11-30" }), NOW, TODAY)).toBe("expired");
  });
  it("is not yet signed when the signed date is after today", () => {
    expect(consentState(consent({ signedOn: "2026-12-02" }), NOW, TODAY)).toBe("not_yet_signed");
  });
  it("is revoked from the recorded instant on, not before", () => {
    const c = consent({ revokedAt: new Date(NOW.getTime() - 1) });
    expect(consentState(c, NOW, TODAY)).toBe("revoked");
    expect(consentState(consent({ revokedAt: new Date(NOW.getTime() + 60_000) }), NOW, TODAY)).toBe("active");
  });
  it("revocation wins over an expiry that also passed", () => {
    expect(consentState(consent({ expiresOn: "2026-01-01", revokedAt: NOW }), NOW, TODAY)).toBe("revoked");
  });
});

describe("what a release may include", () => {
  it("keeps the sections the consent ticks, in report order, and lists the rest as left out", () => {
    expect(splitSections(["return_to_use", "participation", "checkin_adherence"], ["participation", "return_to_use"])).toEqual({
      included: ["participation", "return_to_use"],
      leftOut: ["checkin_adherence"],
    });
  });
  it("without a requested list, sends what the consent covers and leaves out the rest", () => {
    const d = decideRelease({ participantId: PARENT, consent: consent(), now: NOW, today: TODAY });
    expect(d).toEqual({ ok: true, included: ["participation", "appointments_kept"], leftOut: ["checkin_adherence", "recovery_capital", "return_to_use"] });
  });
  it("refuses a requested section the consent does not cover, naming it", () => {
    const d = decideRelease({ participantId: PARENT, consent: consent(), requested: ["participation", "return_to_use"], now: NOW, today: TODAY });
    expect(d).toMatchObject({ ok: false, reason: "sections_not_covered", sections: ["return_to_use"] });
    if (!d.ok) expect(d.message).toContain("return_to_use");
  });
  it("refuses without a consent", () => {
    expect(decideRelease({ participantId: PARENT, consent: null, now: NOW, today: TODAY })).toMatchObject({ ok: false, reason: "no_consent" });
  });
  it("refuses under a revoked or expired consent, saying which", () => {
    const revoked = decideRelease({ participantId: PARENT, consent: consent({ revokedAt: NOW }), now: NOW, today: TODAY });
    expect(revoked).toMatchObject({ ok: false, reason: "consent_not_active" });
    if (!revoked.ok) expect(revoked.message).toMatch(/revoked/);
    const expired = decideRelease({ participantId: PARENT, consent: consent({ expiresOn: "2026-11-30" }), now: NOW, today: TODAY });
    if (!expired.ok) expect(expired.message).toMatch(/expired/);
    else throw new Error("expired consent released");
  });
  it("refuses another parent's consent", () => {
    const d = decideRelease({ participantId: "00000000-0000-4000-8000-000000000002", consent: consent(), now: NOW, today: TODAY });
    expect(d).toMatchObject({ ok: false, reason: "consent_other_parent" });
  });
  it("refuses an empty selection", () => {
    expect(decideRelease({ participantId: PARENT, consent: consent(), requested: [], now: NOW, today: TODAY })).toMatchObject({ ok: false, reason: "nothing_to_release" });
  });
});

describe("month bounds in the parent's zone", () => {
  const hours = (b: { from: Date; to: Date }) => (b.to.getTime() - b.from.getTime()) / 3_600_000;
  it("New York: March loses the spring-forward hour, November gains the fall-back hour", () => {
    const march = monthBounds("2026-03", "America/New_York");
    expect(march.from.toISOString()).toBe("2026-03-01T05:00:00.000Z");
    expect(march.to.toISOString()).toBe("2026-04-01T04:00:00.000Z");
    expect(hours(march)).toBe(31 * 24 - 1);
    const nov = monthBounds("2026-11", "America/New_York");
    expect(nov.from.toISOString()).toBe("2026-11-01T04:00:00.000Z");
    expect(hours(nov)).toBe(30 * 24 + 1);
    expect(nov.lastDate).toBe("2026-11-30");
  });
  it("Santiago (a Spanish-speaking parent's zone, southern DST): April gains an hour, September loses one", () => {
    const april = monthBounds("2026-04", "America/Santiago");
    expect(april.from.toISOString()).toBe("2026-04-01T03:00:00.000Z");
    expect(april.to.toISOString()).toBe("2026-05-01T04:00:00.000Z");
    expect(hours(april)).toBe(30 * 24 + 1);
    expect(hours(monthBounds("2026-09", "America/Santiago"))).toBe(30 * 24 - 1);
  });
  it("Mexico City (no DST since 2022) has whole-day months", () => {
    expect(hours(monthBounds("2026-04", "America/Mexico_City"))).toBe(30 * 24);
  });
  it("February of a leap year ends on the 29th; the previous month of January is last December", () => {
    expect(monthBounds("2028-02", "America/New_York").lastDate).toBe("2028-02-29");
    expect(previousMonth("2027-01-01")).toBe("2026-12");
    expect(addMonths("2026-12", 1)).toBe("2027-01");
    expect(() => monthBounds("2026-13", "America/New_York")).toThrow(RangeError);
  });
});

function facts(over: Partial<MonthFacts> = {}): MonthFacts {
  return {
    bounds: monthBounds("2026-11", "America/New_York"),
    firstName: "Ana",
    peerName: "Rosa Diaz",
    enrolledOn: "2026-06-01",
    status: "active",
    checkins: [],
    appointments: [],
    recoveryCapital: [],
    recoveryCapitalMax: 50,
    pointsEarned: 0,
    pointsTotal: 0,
    contactDates: [],
    returnToUseDates: [],
    phases: [],
    ...over,
  };
}

describe("figures from the month's rows", () => {
  it("check-ins answered % leaves out skipped and still-open ones; weeks start on the 1st, 8th, 15th…", () => {
    const f = computeFigures(
      facts({
        checkins: [
          { localDate: "2026-11-01", status: "answered" },
          { localDate: "2026-11-02", status: "answered" },
          { localDate: "2026-11-03", status: "missed" },
          { localDate: "2026-11-04", status: "skipped" },
          { localDate: "2026-11-09", status: "answered" },
          { localDate: "2026-11-30", status: "awaiting" },
        ],
      }),
    );
    expect(f.checkins).toMatchObject({ sent: 4, answered: 3, missed: 1, answeredPct: 75 });
    expect(f.checkins.weeks.map((w) => w.from)).toEqual(["2026-11-01", "2026-11-08", "2026-11-15", "2026-11-22", "2026-11-29"]);
    expect(f.checkins.weeks[0]).toMatchObject({ answered: 2, missed: 1, pct: 67 });
    expect(f.checkins.weeks[2]!.pct).toBeNull();
  });
  it("no check-in sent gives no percentage rather than 0%", () => {
    expect(computeFigures(facts()).checkins.answeredPct).toBeNull();
  });
  it("appointments kept/missed by kind; kinds with none are not listed", () => {
    const f = computeFigures(
      facts({
        appointments: [
          { kind: "court_hearing", status: "attended" },
          { kind: "drug_test", status: "attended" },
          { kind: "drug_test", status: "missed" },
          { kind: "drug_test", status: "cancelled" },
          { kind: "supervised_visit", status: "scheduled" },
        ],
      }),
    );
    expect(f.appointments.kept).toBe(2);
    expect(f.appointments.missed).toBe(1);
    expect(f.appointments.byKind.map((k) => k.kind)).toEqual(["court_hearing", "drug_test", "supervised_visit"]);
    expect(f.appointments.byKind.find((k) => k.kind === "drug_test")).toMatchObject({ kept: 1, missed: 1, cancelled: 1, notRecorded: 0 });
  });
  it("recovery-capital change compares the month's last total with the last one before the month", () => {
    const f = computeFigures(
      facts({
        recoveryCapital: [
          { localDate: "2026-09-20", total: 20 },
          { localDate: "2026-10-20", total: 24 },
          { localDate: "2026-11-05", total: 26 },
          { localDate: "2026-11-25", total: 29 },
          { localDate: "2026-12-01", total: 40 },
        ],
      }),
    );
    expect(f.recoveryCapital).toMatchObject({ inMonth: 2, latest: 29, change: 5, max: 50 });
    expect(f.recoveryCapital.points.map((p) => p.total)).toEqual([20, 24, 26, 29]);
  });
  it("return to use counts days, not texts; contact days count each local date once", () => {
    const f = computeFigures(facts({ returnToUseDates: ["2026-11-03", "2026-11-03", "2026-11-10"], contactDates: ["2026-11-03", "2026-11-03", "2026-11-04"] }));
    expect(f.returnToUse).toEqual({ shared: 2, dates: ["2026-11-03", "2026-11-10"] });
    expect(f.participation.daysWithContact).toBe(2);
    expect(f.participation.daysInMonth).toBe(30);
  });
});

describe("narrative drafts", () => {
  it("frames a return to use as part of recovery, never as a failure", () => {
    const notes = draftNotes(computeFigures(facts({ returnToUseDates: ["2026-11-03"] })));
    expect(notes.return_to_use).toMatch(/part of recovery/);
    expect(notes.return_to_use).not.toMatch(/fail|violat|non-?complian|relapsed|dirty|clean/i);
  });
  it("names what went well and what got in the way, honestly", () => {
    const f = computeFigures(
      facts({
        checkins: [
          ...Array.from({ length: 6 }, (_, i) => ({ localDate: `2026-11-0${i + 1}`, status: "answered" as const })),
          ...Array.from({ length: 6 }, (_, i) => ({ localDate: `2026-11-1${i + 1}`, status: "missed" as const })),
        ],
        appointments: [{ kind: "drug_test", status: "missed" }, { kind: "court_hearing", status: "attended" }],
      }),
    );
    const notes = draftNotes(f);
    expect(notes.checkin_adherence).toContain("6 of 12");
    expect(notes.checkin_adherence).toContain("strongest week");
    expect(notes.appointments_kept).toContain("kept 1 of 2");
    expect(notes.appointments_kept).toContain("drug test");
  });
  it("has one note per section, so a left-out section takes its words with it", () => {
    expect(Object.keys(draftNotes(computeFigures(facts()))).sort()).toEqual([...REPORT_SECTIONS].sort());
  });
});

describe("the released document", () => {
  it("holds only the included sections' figures and notes", () => {
    const figures = computeFigures(facts({ returnToUseDates: ["2026-11-03"] }));
    const notes = draftNotes(figures);
    const doc = buildDocument({ programName: "Buddyline", figures, notes, consent: consent(), included: ["participation"], releasedAt: NOW, releasedBy: "Rosa" });
    expect(doc.sections.map((s) => s.section)).toEqual(["participation"]);
    const json = JSON.stringify(doc);
    expect(json).not.toContain("return to use");
    expect(json).not.toContain("returnToUse");
    expect(doc.recipient).toEqual({ name: "Family Treatment Court", kind: "court", kindLabel: "Court" });
  });
  it("the redisclosure notice is the §2.32 statement", () => {
    const text = REDISCLOSURE_NOTICE.join(" ");
    expect(text).toContain("protected by Federal confidentiality rules (42 CFR part 2)");
    expect(text).toContain("NOT sufficient");
  });
});
