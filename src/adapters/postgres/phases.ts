import type { Phase, PhaseCadence } from "../../domain/appointments/model";
import type { Queryable } from "./db";

export interface NewPhase {
  participantId: string;
  name: string;
  startDate: string;
  endDate: string;
  cadence: PhaseCadence;
}

export function phasesStore(q: Queryable) {
  return {
    async create(p: NewPhase): Promise<Phase> {
      const { rows } = await q.query<PhaseRow>(
        `insert into participant_phases (participant_id, name, start_date, end_date, cadence, created_at)
         values ($1, $2, $3, $4, $5::jsonb, $6) returning *`,
        [p.participantId, p.name, p.startDate, p.endDate, JSON.stringify(p.cadence), q.clock.now()],
      );
      return toPhase(rows[0]!);
    },
    async get(id: string): Promise<Phase | null> {
      const { rows } = await q.query<PhaseRow>("select * from participant_phases where id = $1", [id]);
      return rows[0] ? toPhase(rows[0]) : null;
    },
    async listForParticipant(participantId: string): Promise<Phase[]> {
      const { rows } = await q.query<PhaseRow>(
        "select * from participant_phases where participant_id = $1 order by start_date, created_at, id",
        [participantId],
      );
      return rows.map(toPhase);
    },
    /** Weekly-visit phases that have not ended by `localDate` (the hourly re-plan's list). */
    async listWeeklyNotEndedBy(localDate: string): Promise<Phase[]> {
      const { rows } = await q.query<PhaseRow>(
        `select * from participant_phases where cadence->>'visit' = 'weekly' and end_date >= $1 order by id`,
        [localDate],
      );
      return rows.map(toPhase);
    },
    /** Phases covering a local date (inclusive at both ends). */
    async activeOn(participantId: string, localDate: string): Promise<Phase[]> {
      const { rows } = await q.query<PhaseRow>(
        `select * from participant_phases where participant_id = $1 and start_date <= $2 and end_date >= $2
          order by start_date, id`,
        [participantId, localDate],
      );
      return rows.map(toPhase);
    },
  };
}

interface PhaseRow {
  id: string;
  participant_id: string;
  name: string;
  start_date: string;
  end_date: string;
  cadence: PhaseCadence | string;
  created_at: Date;
}

function toPhase(r: PhaseRow): Phase {
  return {
    id: r.id,
    participantId: r.participant_id,
    name: r.name,
    startDate: r.start_date,
    endDate: r.end_date,
    // pg parses jsonb; a custom type parser may hand back text.
    cadence: typeof r.cadence === "string" ? (JSON.parse(r.cadence) as PhaseCadence) : r.cadence,
    createdAt: r.created_at,
  };
}
