import type { Peer } from "../../domain/model";
import type { Queryable } from "./db";
import { buildUpdate } from "./sql";

export interface PeerInput {
  name: string;
  timeZone: string;
  workingHours: Peer["workingHours"];
  offDates: Peer["offDates"];
  slackUserId: string | null;
  slackChannelId?: string | null;
  crisisFyiImmediately?: boolean;
}

const COLUMNS = {
  name: "name",
  timeZone: "time_zone",
  workingHours: "working_hours",
  offDates: "off_dates",
  slackUserId: "slack_user_id",
  slackChannelId: "slack_channel_id",
  crisisFyiImmediately: "crisis_fyi_immediately",
} as const satisfies Record<keyof PeerInput, string>;
const JSON_FIELDS = new Set<keyof PeerInput>(["workingHours", "offDates"]);

export function peersStore(q: Queryable) {
  return {
    async create(input: PeerInput): Promise<Peer> {
      const { rows } = await q.query<PeerRow>(
        `insert into peers (name, time_zone, working_hours, off_dates, slack_user_id, slack_channel_id, crisis_fyi_immediately, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $8) returning *`,
        [input.name, input.timeZone, JSON.stringify(input.workingHours), JSON.stringify(input.offDates), input.slackUserId,
          input.slackChannelId ?? null, input.crisisFyiImmediately ?? false, q.clock.now()],
      );
      return toPeer(rows[0]!);
    },
    async update(id: string, patch: Partial<PeerInput>): Promise<Peer | null> {
      const { sets, values } = buildUpdate(patch, COLUMNS, JSON_FIELDS);
      if (sets.length === 0) return this.get(id);
      const { rows } = await q.query<PeerRow>(
        `update peers set ${sets.join(", ")}, updated_at = $${values.length + 2} where id = $${values.length + 1} returning *`,
        [...values, id, q.clock.now()],
      );
      return rows[0] ? toPeer(rows[0]) : null;
    },
    async get(id: string): Promise<Peer | null> {
      const { rows } = await q.query<PeerRow>("select * from peers where id = $1", [id]);
      return rows[0] ? toPeer(rows[0]) : null;
    },
    /** /away and /back: `away` null clears it; `until` null means until further notice. */
    async setAway(id: string, away: { until: Date | null; since: Date } | null): Promise<Peer | null> {
      const { rows } = await q.query<PeerRow>(
        `update peers set away_until = $1, away_indefinitely = $2, away_since = $3, updated_at = $5
          where id = $4 returning *`,
        [away?.until ?? null, away !== null && away.until === null, away?.since ?? null, id, q.clock.now()],
      );
      return rows[0] ? toPeer(rows[0]) : null;
    },
    /** Slack listeners: who pressed the button or typed the command. */
    async bySlackUserId(slackUserId: string): Promise<Peer | null> {
      const { rows } = await q.query<PeerRow>("select * from peers where slack_user_id = $1 order by created_at limit 1", [slackUserId]);
      return rows[0] ? toPeer(rows[0]) : null;
    },
    async list(): Promise<Peer[]> {
      const { rows } = await q.query<PeerRow>("select * from peers order by name, id");
      return rows.map(toPeer);
    },
  };
}

interface PeerRow {
  id: string;
  name: string;
  time_zone: string;
  working_hours: Peer["workingHours"];
  off_dates: Peer["offDates"];
  slack_user_id: string | null;
  slack_channel_id: string | null;
  away_until: Date | null;
  away_indefinitely: boolean;
  away_since: Date | null;
  crisis_fyi_immediately: boolean;
  created_at: Date;
  updated_at: Date;
}

function toPeer(r: PeerRow): Peer {
  return {
    id: r.id,
    name: r.name,
    timeZone: r.time_zone,
    workingHours: r.working_hours,
    offDates: r.off_dates,
    slackUserId: r.slack_user_id,
    slackChannelId: r.slack_channel_id,
    awayUntil: r.away_until,
    awayIndefinitely: r.away_indefinitely,
    awaySince: r.away_since,
    crisisFyiImmediately: r.crisis_fyi_immediately,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
