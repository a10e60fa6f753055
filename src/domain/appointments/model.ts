/** Appointment records (plain data). Kept here rather than in domain/model.ts: one owner per file. */
import type { LocalDate, LocalTime } from "../time";

export const APPOINTMENT_KINDS = [
  "sud_assessment",
  "treatment_session",
  "recovery_meeting",
  "case_plan_meeting",
  "court_hearing",
  "drug_test",
  "supervised_visit",
  "transport_pickup",
  "other",
] as const;
export type AppointmentKind = (typeof APPOINTMENT_KINDS)[number];

export type AppointmentStatus = "scheduled" | "cancelled" | "attended" | "missed";
export type ConfirmationState = "none" | "confirmed" | "reschedule_requested";

export interface Appointment {
  id: string;
  participantId: string;
  kind: AppointmentKind;
  localDate: LocalDate;
  localTime: LocalTime;
  timeZone: string;
  /** Derived from localDate/localTime/timeZone when written. */
  startsAt: Date;
  place: string | null;
  /** For the peer only: never texted. */
  notes: string | null;
  status: AppointmentStatus;
  confirmation: ConfirmationState;
  revision: number;
  remindedAt: Date | null;
  confirmationAt: Date | null;
  outcomeAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface Phase {
  id: string;
  participantId: string;
  name: string;
  startDate: LocalDate;
  endDate: LocalDate;
  cadence: PhaseCadence;
  createdAt: Date;
}

/** What a phase asks of the peer. Only weekly visits for now (seed M3: "once a week for the first 90 days"). */
export interface PhaseCadence {
  visit?: "weekly";
}

export type PointsReason = "checkin_answered" | "appointment_confirmed" | "appointment_attended";
