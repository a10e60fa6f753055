import { APPOINTMENT_KINDS, type AppointmentKind, type AppointmentStatus } from "../appointments/model";
import type { CheckinStatus } from "../model";
import { addDays, daysBetweenDates, type LocalDate } from "../time";
import type { MonthBounds, ReportMonth } from "./month";

/**
 * The month's figures, computed from stored rows only (no I/O here). What the store hands
 * in is already limited to the parent and the month (recovery capital: the months before
 * too, for the trend); this turns rows into the numbers a court or caseworker reads.
 */
export interface MonthFacts {
  bounds: MonthBounds;
  firstName: string;
  peerName: string | null;
  enrolledOn: LocalDate;
  status: "active" | "paused" | "discharged";
  /** Check-ins whose local date is in the month. */
  checkins: { localDate: LocalDate; status: CheckinStatus }[];
  /** Appointments whose local date is in the month. */
  appointments: { kind: AppointmentKind; status: AppointmentStatus }[];
  /** Complete recovery-capital checks up to the month's end (oldest first), with local dates. */
  recoveryCapital: { localDate: LocalDate; total: number }[];
  /** Highest possible total (items × 5). */
  recoveryCapitalMax: number;
  pointsEarned: number;
  pointsTotal: number;
  /** Local dates (in the month) the parent texted at all. */
  contactDates: LocalDate[];
  /** Local dates of texts the crisis screen read as a return to use. */
  returnToUseDates: LocalDate[];
  phases: string[];
}

export interface ReportFigures {
  month: ReportMonth;
  firstDate: LocalDate;
  lastDate: LocalDate;
  firstName: string;
  peerName: string | null;
  participation: {
    enrolledOn: LocalDate;
    status: "active" | "paused" | "discharged";
    daysInMonth: number;
    daysWithContact: number;
    phases: string[];
    pointsEarned: number;
    pointsTotal: number;
  };
  appointments: {
    byKind: { kind: AppointmentKind; label: string; kept: number; missed: number; cancelled: number; notRecorded: number }[];
    kept: number;
    missed: number;
  };
  checkins: {
    sent: number;
    answered: number;
    missed: number;
    /** answered / (answered + missed), whole percent; null when none was sent. */
    answeredPct: number | null;
    /** Per week of the month (weeks start on the 1st, 8th, 15th, 22nd, 29th). */
    weeks: { from: LocalDate; answered: number; missed: number; pct: number | null }[];
  };
  recoveryCapital: {
    max: number;
    /** The trend: last checks up to the month's end (at most 12), oldest first. */
    points: { date: LocalDate; total: number }[];
    inMonth: number;
    /** Last total in the month minus the last one before it; null without both. */
    change: number | null;
    latest: number | null;
  };
  returnToUse: { shared: number; dates: LocalDate[] };
}

export const APPOINTMENT_LABELS: Record<AppointmentKind, string> = {
  sud_assessment: "SUD assessment",
  treatment_session: "Treatment session",
  recovery_meeting: "Recovery meeting",
  case_plan_meeting: "Case-plan meeting",
  court_hearing: "Court hearing",
  drug_test: "Drug test",
  supervised_visit: "Supervised visit",
  transport_pickup: "Transport pick-up",
  other: "Other",
};

const pct = (num: number, den: number): number | null => (den === 0 ? null : Math.round((num * 100) / den));

export function computeFigures(f: MonthFacts): ReportFigures {
  const { bounds } = f;
  const daysInMonth = daysBetweenDates(bounds.firstDate, bounds.lastDate) + 1;

  // Check-ins: skipped ones were never sent (quiet hours, pause) and awaiting ones are
  // still open, so neither counts for or against the parent.
  const answered = f.checkins.filter((c) => c.status === "answered").length;
  const missed = f.checkins.filter((c) => c.status === "missed").length;
  const weeks: ReportFigures["checkins"]["weeks"] = [];
  for (let start = bounds.firstDate; start <= bounds.lastDate; start = addDays(start, 7)) {
    const end = addDays(start, 6);
    const inWeek = f.checkins.filter((c) => c.localDate >= start && c.localDate <= end);
    const a = inWeek.filter((c) => c.status === "answered").length;
    const m = inWeek.filter((c) => c.status === "missed").length;
    weeks.push({ from: start, answered: a, missed: m, pct: pct(a, a + m) });
  }

  const byKind = APPOINTMENT_KINDS.map((kind) => {
    const of = f.appointments.filter((a) => a.kind === kind);
    return {
      kind,
      label: APPOINTMENT_LABELS[kind],
      kept: of.filter((a) => a.status === "attended").length,
      missed: of.filter((a) => a.status === "missed").length,
      cancelled: of.filter((a) => a.status === "cancelled").length,
      notRecorded: of.filter((a) => a.status === "scheduled").length,
    };
  }).filter((k) => k.kept + k.missed + k.cancelled + k.notRecorded > 0);

  const rc = f.recoveryCapital.filter((r) => r.localDate <= bounds.lastDate);
  const before = rc.filter((r) => r.localDate < bounds.firstDate);
  const during = rc.filter((r) => r.localDate >= bounds.firstDate);
  const latest = during.at(-1)?.total ?? null;
  const previous = before.at(-1)?.total ?? null;

  const returnDates = [...new Set(f.returnToUseDates)].sort();
  return {
    month: bounds.month,
    firstDate: bounds.firstDate,
    lastDate: bounds.lastDate,
    firstName: f.firstName,
    peerName: f.peerName,
    participation: {
      enrolledOn: f.enrolledOn,
      status: f.status,
      daysInMonth,
      daysWithContact: new Set(f.contactDates.filter((d) => d >= bounds.firstDate && d <= bounds.lastDate)).size,
      phases: [...new Set(f.phases)],
      pointsEarned: f.pointsEarned,
      pointsTotal: f.pointsTotal,
    },
    appointments: {
      byKind,
      kept: byKind.reduce((n, k) => n + k.kept, 0),
      missed: byKind.reduce((n, k) => n + k.missed, 0),
    },
    checkins: { sent: answered + missed, answered, missed, answeredPct: pct(answered, answered + missed), weeks },
    recoveryCapital: {
      max: f.recoveryCapitalMax,
      points: rc.slice(-12).map((r) => ({ date: r.localDate, total: r.total })),
      inMonth: during.length,
      change: latest !== null && previous !== null ? latest - previous : null,
      latest,
    },
    returnToUse: { shared: returnDates.length, dates: returnDates },
  };
}
