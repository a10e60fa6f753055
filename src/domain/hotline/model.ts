import type { Language } from "../model";
import type { WeeklyShift } from "../time";
import type { CrisisCategory, CrisisLevel } from "../crisis";

export type ResponderTier = "primary" | "backup" | "supervisor";

/** A hotline volunteer or supervisor. Shifts are weekly, in their own zone. */
export interface Responder {
  id: string;
  name: string;
  phone: string;
  language: Language;
  timeZone: string;
  shifts: WeeklyShift[];
  tier: ResponderTier;
  pageChannel: "sms" | "slack";
  slackUserId: string | null;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type CaseStatus = "open" | "claimed" | "closed";

export interface HotlineCase {
  id: string;
  shortId: string;
  participantId: string | null;
  fromPhone: string;
  language: Language;
  level: Exclude<CrisisLevel, "none">;
  severity: number;
  categories: CrisisCategory[];
  supervisorReview: boolean;
  status: CaseStatus;
  claimedBy: string | null;
  claimedAt: Date | null;
  closedAt: Date | null;
  closeNote: string | null;
  escalationRound: number;
  /** When the case last entered the queue (by the injected clock): re-pages say how long. */
  queuedAt: Date;
  /** Responders not paged for this case again (they TRANSFERred it away). */
  skipPaging: string[];
  reviewedAt: Date | null;
  reviewedBy: string | null;
  createdAt: Date;
}

export interface CaseEvent {
  id: string;
  caseId: string;
  at: Date;
  type: string;
  responderId: string | null;
  detail: Record<string, unknown>;
}
