import type { RunState, RunStatus, Waiting } from "../../domain/flows/interpreter";
import type { FlowValue } from "../../domain/flows/schema";
import type { Queryable } from "./db";

export interface FlowRun {
  id: string;
  participantId: string;
  flowId: string;
  state: RunState;
  waitingSince: Date | null;
  startKey: string | null;
  startedAt: Date;
  endedAt: Date | null;
}

export function flowRunsStore(q: Queryable) {
  return {
    /**
     * Inserts a run, or returns null when one with the same start key exists or the
     * participant already has an active run (both are unique in the database).
     */
    async create(r: { participantId: string; flowId: string; startKey: string | null; state: RunState }): Promise<FlowRun | null> {
      const { rows } = await q.query<FlowRunRow>(
        `insert into flow_runs (participant_id, flow_id, status, step_id, waiting, values, version, start_key, started_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) on conflict do nothing returning *`,
        [r.participantId, r.flowId, r.state.status, r.state.stepId, json(r.state.waiting), json(r.state.values), r.state.version, r.startKey, q.clock.now()],
      );
      return rows[0] ? toRun(rows[0]) : null;
    },
    /** The participant's active run, locked until the transaction ends. */
    async activeFor(participantId: string): Promise<FlowRun | null> {
      const { rows } = await q.query<FlowRunRow>(
        "select * from flow_runs where participant_id = $1 and status = 'active' for update",
        [participantId],
      );
      return rows[0] ? toRun(rows[0]) : null;
    },
    async get(id: string, lock = false): Promise<FlowRun | null> {
      const { rows } = await q.query<FlowRunRow>(`select * from flow_runs where id = $1${lock ? " for update" : ""}`, [id]);
      return rows[0] ? toRun(rows[0]) : null;
    },
    async byStartKey(startKey: string): Promise<FlowRun | null> {
      const { rows } = await q.query<FlowRunRow>("select * from flow_runs where start_key = $1", [startKey]);
      return rows[0] ? toRun(rows[0]) : null;
    },
    /** Compare-and-set on the version: false if someone else moved the run first. */
    async save(id: string, expectedVersion: number, state: RunState, waitingSince: Date | null, at: Date): Promise<boolean> {
      const ended = state.status !== "active";
      const { rowCount } = await q.query(
        `update flow_runs set status = $1, step_id = $2, waiting = $3, values = $4, version = $5, waiting_since = $6,
                updated_at = $7, ended_at = case when $8::boolean then $7 else ended_at end
          where id = $9 and version = $10`,
        [state.status, state.stepId, json(state.waiting), json(state.values), state.version, waitingSince, at, ended, id, expectedVersion],
      );
      return rowCount > 0;
    },
    async listFor(participantId: string, limit = 50): Promise<FlowRun[]> {
      const { rows } = await q.query<FlowRunRow>(
        "select * from flow_runs where participant_id = $1 order by started_at desc, id limit $2",
        [participantId, limit],
      );
      return rows.map(toRun);
    },
  };
}

/** Both drivers accept JSON text for jsonb; null stays SQL null. */
const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

interface FlowRunRow {
  id: string;
  participant_id: string;
  flow_id: string;
  status: RunStatus;
  step_id: string | null;
  waiting: Waiting | null;
  waiting_since: Date | null;
  values: Record<string, FlowValue>;
  version: number;
  start_key: string | null;
  started_at: Date;
  ended_at: Date | null;
}

function toRun(r: FlowRunRow): FlowRun {
  return {
    id: r.id,
    participantId: r.participant_id,
    flowId: r.flow_id,
    state: { status: r.status, stepId: r.step_id, waiting: r.waiting, values: r.values ?? {}, version: r.version },
    waitingSince: r.waiting_since,
    startKey: r.start_key,
    startedAt: r.started_at,
    endedAt: r.ended_at,
  };
}
