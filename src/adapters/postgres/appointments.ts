import type { Appointment, AppointmentKind, AppointmentStatus, ConfirmationState } from "../../domain/appointments/model";
import type { Queryable } from "./db";

export interface NewAppointment {
  participantId: string;
  kind: AppointmentKind;
  localDate: string;
  localTime: string;
  timeZone: string;
  startsAt: Date;
  place: string | null;
  notes: string | null;
}

export type AppointmentPatch = Partial<Omit<NewAppointment, "participantId">>;

export function appointmentsStore(q: Queryable) {
  return {
    async create(a: NewAppointment): Promise<Appointment> {
      const { rows } = await q.query<AppointmentRow>(
        `insert into appointments (participant_id, kind, local_date, local_time, time_zone, starts_at, place, notes, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) returning *`,
        [a.participantId, a.kind, a.localDate, a.localTime, a.timeZone, a.startsAt, a.place, a.notes, q.clock.now()],
      );
      return toAppointment(rows[0]!);
    },
    async get(id: string, opts: { lock?: boolean } = {}): Promise<Appointment | null> {
      const { rows } = await q.query<AppointmentRow>(
        `select * from appointments where id = $1${opts.lock ? " for update" : ""}`,
        [id],
      );
      return rows[0] ? toAppointment(rows[0]) : null;
    },
    /**
     * Applies an edit and bumps the revision, so reminder jobs planned for the old version
     * find a newer revision and do nothing. A changed time clears the confirmation and the
     * reminder marker: the parent confirmed the old time, not the new one.
     */
    async update(id: string, patch: AppointmentPatch, timeChanged: boolean): Promise<Appointment | null> {
      const { rows } = await q.query<AppointmentRow>(
        `update appointments set
            kind = coalesce($2, kind),
            local_date = coalesce($3, local_date),
            local_time = coalesce($4, local_time),
            time_zone = coalesce($5, time_zone),
            starts_at = coalesce($6, starts_at),
            place = case when $7::boolean then $8 else place end,
            notes = case when $9::boolean then $10 else notes end,
            confirmation = case when $11::boolean then 'none' else confirmation end,
            confirmation_at = case when $11::boolean then null else confirmation_at end,
            reminded_at = case when $11::boolean then null else reminded_at end,
            revision = revision + 1,
            updated_at = $12
          where id = $1 and status = 'scheduled'
          returning *`,
        [
          id,
          patch.kind ?? null,
          patch.localDate ?? null,
          patch.localTime ?? null,
          patch.timeZone ?? null,
          patch.startsAt ?? null,
          "place" in patch,
          patch.place ?? null,
          "notes" in patch,
          patch.notes ?? null,
          timeChanged,
          q.clock.now(),
        ],
      );
      return rows[0] ? toAppointment(rows[0]) : null;
    },
    async cancel(id: string): Promise<Appointment | null> {
      const { rows } = await q.query<AppointmentRow>(
        `update appointments set status = 'cancelled', revision = revision + 1, updated_at = $2
          where id = $1 and status = 'scheduled' returning *`,
        [id, q.clock.now()],
      );
      return rows[0] ? toAppointment(rows[0]) : null;
    },
    /** attended/missed, once, and only for a scheduled appointment that has started. */
    async recordOutcome(id: string, outcome: "attended" | "missed", at: Date): Promise<Appointment | null> {
      const { rows } = await q.query<AppointmentRow>(
        `update appointments set status = $2, outcome_at = $3, updated_at = $4
          where id = $1 and status = 'scheduled' and starts_at <= $3 returning *`,
        [id, outcome, at, q.clock.now()],
      );
      return rows[0] ? toAppointment(rows[0]) : null;
    },
    /** Marks that a reminder of this revision went out (first one wins the timestamp). */
    async markReminded(id: string, revision: number, at: Date): Promise<boolean> {
      const { rowCount } = await q.query(
        `update appointments set reminded_at = coalesce(reminded_at, $3)
          where id = $1 and revision = $2 and status = 'scheduled'`,
        [id, revision, at],
      );
      return rowCount > 0;
    },
    async setConfirmation(id: string, state: Exclude<ConfirmationState, "none">, at: Date): Promise<Appointment | null> {
      const { rows } = await q.query<AppointmentRow>(
        `update appointments set confirmation = $2, confirmation_at = $3, updated_at = $4
          where id = $1 and status = 'scheduled' and confirmation <> $2 returning *`,
        [id, state, at, q.clock.now()],
      );
      return rows[0] ? toAppointment(rows[0]) : null;
    },
    /**
     * The appointment a C/R reply is about: reminded, still ahead, not yet answered.
     * The soonest first (a parent answers the reminder they just got, usually the nearest).
     */
    async awaitingConfirmation(participantId: string, now: Date): Promise<Appointment | null> {
      const { rows } = await q.query<AppointmentRow>(
        `select * from appointments
          where participant_id = $1 and status = 'scheduled' and confirmation = 'none'
            and reminded_at is not null and starts_at > $2
          order by starts_at limit 1 for update`,
        [participantId, now],
      );
      return rows[0] ? toAppointment(rows[0]) : null;
    },
    async listForParticipant(participantId: string, filter: { from?: Date; to?: Date; status?: AppointmentStatus } = {}): Promise<Appointment[]> {
      const { rows } = await q.query<AppointmentRow>(
        `select * from appointments where participant_id = $1
            and ($2::timestamptz is null or starts_at >= $2)
            and ($3::timestamptz is null or starts_at < $3)
            and ($4::text is null or status = $4)
          order by starts_at, id`,
        [participantId, filter.from ?? null, filter.to ?? null, filter.status ?? null],
      );
      return rows.map(toAppointment);
    },
    /** Scheduled appointments starting in [from, to), a page at a time (the hourly re-plan). */
    async listScheduledBetween(from: Date, to: Date, afterId: string | null, limit: number): Promise<Appointment[]> {
      const { rows } = await q.query<AppointmentRow>(
        `select * from appointments where status = 'scheduled' and starts_at >= $1 and starts_at < $2
            and ($3::uuid is null or id > $3::uuid)
          order by id limit $4`,
        [from, to, afterId, limit],
      );
      return rows.map(toAppointment);
    },
    /** The parent's first appointment ever made: the "first meeting" of onboarding. */
    async firstCreatedId(participantId: string): Promise<string | null> {
      const { rows } = await q.query<{ id: string }>(
        "select id from appointments where participant_id = $1 order by created_at, id limit 1",
        [participantId],
      );
      return rows[0]?.id ?? null;
    },
  };
}

interface AppointmentRow {
  id: string;
  participant_id: string;
  kind: AppointmentKind;
  local_date: string;
  local_time: string;
  time_zone: string;
  starts_at: Date;
  place: string | null;
  notes: string | null;
  status: AppointmentStatus;
  confirmation: ConfirmationState;
  revision: number;
  reminded_at: Date | null;
  confirmation_at: Date | null;
  outcome_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

function toAppointment(r: AppointmentRow): Appointment {
  return {
    id: r.id,
    participantId: r.participant_id,
    kind: r.kind,
    localDate: r.local_date,
    localTime: r.local_time,
    timeZone: r.time_zone,
    startsAt: r.starts_at,
    place: r.place,
    notes: r.notes,
    status: r.status,
    confirmation: r.confirmation,
    revision: Number(r.revision),
    remindedAt: r.reminded_at,
    confirmationAt: r.confirmation_at,
    outcomeAt: r.outcome_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
