/** The records Buddyline reasons about. Plain data: no I/O, no behaviour. */
import type { LocalDate, LocalTime, WeeklyShift } from "./time";

export type Language = "en" | "es";
export type ParticipantStatus = "active" | "paused" | "discharged";
export type Consent = "pending" | "opted_in" | "opted_out";
export type CheckinKind = "daily" | "nightly";

export interface Peer {
  id: string;
  name: string;
  timeZone: string;
  workingHours: WeeklyShift[];
  offDates: LocalDate[];
  slackUserId: string | null;
  /** Slack channel to post in instead of a DM (read by the Slack adapter). */
  slackChannelId: string | null;
  /** Ad-hoc absence on top of working hours: until this instant, or indefinitely (until /back). */
  awayUntil: Date | null;
  awayIndefinitely: boolean;
  awaySince: Date | null;
  /** Crisis FYIs reach the peer at once even off-hours (else at the next shift start). */
  crisisFyiImmediately: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface Participant {
  id: string;
  firstName: string;
  phone: string;
  timeZone: string;
  language: Language;
  peerId: string | null;
  dailyCheckinTime: LocalTime | null;
  nightlyCheckinTime: LocalTime | null;
  sendWindow: { start: LocalTime; end: LocalTime };
  status: ParticipantStatus;
  /** Set by PAUSE <days> (a resume job ends it); optional so plain fixtures stay valid. */
  pausedUntil?: Date | null;
  consent: Consent;
  consentChangedAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

/** Routine = scheduled texts; reply = answers to a text the person just sent; crisis = never waits. */
export type SendPriority = "routine" | "reply" | "crisis";

export type OutboundStatus =
  | "queued"
  | "sending"
  | "sent"
  | "delivered"
  | "undelivered"
  | "failed"
  | "suppressed"
  | "skipped"
  | "unknown";

export interface OutboundMessage {
  id: string;
  idempotencyKey: string;
  toPhone: string;
  body: string;
  kind: string;
  priority: SendPriority;
  participantId: string | null;
  status: OutboundStatus;
  providerSid: string | null;
  errorCode: string | null;
  attempts: number;
  notAfter: Date | null;
  createdAt: Date;
  sentAt: Date | null;
}

export interface InboundMessage {
  id: string;
  messageSid: string;
  fromPhone: string;
  toPhone: string;
  body: string;
  participantId: string | null;
  receivedAt: Date;
  processedAt: Date | null;
  outcome: string | null;
  /** Set by the crisis screen in the webhook, before anything else looks at the text. */
  crisisLevel: "imminent" | "possible" | "concern" | null;
  crisisCategories: string[];
}

export type CheckinStatus = "awaiting" | "answered" | "missed" | "skipped";

export interface Checkin {
  id: string;
  participantId: string;
  kind: CheckinKind;
  localDate: LocalDate;
  dueAt: Date;
  status: CheckinStatus;
  skipReason: string | null;
  score: number | null;
  windowClosesAt: Date | null;
  answeredAt: Date | null;
}

export interface PeerNotification {
  id: string;
  idempotencyKey: string;
  peerId: string | null;
  participantId: string | null;
  kind: string;
  summary: string;
  inboundMessageId: string | null;
  channel: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
  /** Held while the peer was off; goes out in the digest at this instant. */
  deferredUntil: Date | null;
  deferredAt: Date | null;
  digestId: string | null;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  snoozedUntil: Date | null;
  /** Delivered while the peer was off shift (an after-hours interruption). */
  interruptedOffHours: boolean;
}
