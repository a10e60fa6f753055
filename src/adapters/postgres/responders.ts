import type { Responder } from "../../domain/hotline/model";
import type { Queryable } from "./db";
import { buildUpdate } from "./sql";

export type ResponderInput = Omit<Responder, "id" | "createdAt" | "updatedAt">;

const COLUMNS = {
  name: "name",
  phone: "phone",
  language: "language",
  timeZone: "time_zone",
  shifts: "shifts",
  tier: "tier",
  pageChannel: "page_channel",
  slackUserId: "slack_user_id",
  active: "active",
} as const satisfies Record<keyof ResponderInput, string>;

export function respondersStore(q: Queryable) {
  return {
    async create(input: ResponderInput): Promise<Responder> {
      const keys = Object.keys(COLUMNS) as (keyof ResponderInput)[];
      const at = keys.length + 1;
      const { rows } = await q.query<ResponderRow>(
        `insert into responders (${keys.map((k) => COLUMNS[k]).join(", ")}, created_at, updated_at)
         values (${keys.map((_, i) => `$${i + 1}`).join(", ")}, $${at}, $${at}) returning *`,
        [...keys.map((k) => (k === "shifts" ? JSON.stringify(input[k]) : input[k])), q.clock.now()],
      );
      return toResponder(rows[0]!);
    },
    async update(id: string, patch: Partial<ResponderInput>): Promise<Responder | null> {
      const { sets, values } = buildUpdate(patch, COLUMNS, new Set(["shifts"]));
      if (sets.length === 0) return this.get(id);
      const { rows } = await q.query<ResponderRow>(
        `update responders set ${sets.join(", ")}, updated_at = $${values.length + 2} where id = $${values.length + 1} returning *`,
        [...values, id, q.clock.now()],
      );
      return rows[0] ? toResponder(rows[0]) : null;
    },
    async get(id: string): Promise<Responder | null> {
      const { rows } = await q.query<ResponderRow>("select * from responders where id = $1", [id]);
      return rows[0] ? toResponder(rows[0]) : null;
    },
    async byPhone(phone: string): Promise<Responder | null> {
      const { rows } = await q.query<ResponderRow>("select * from responders where phone = $1 and active", [phone]);
      return rows[0] ? toResponder(rows[0]) : null;
    },
    async listActive(): Promise<Responder[]> {
      const { rows } = await q.query<ResponderRow>("select * from responders where active order by tier, name, id");
      return rows.map(toResponder);
    },
    async list(): Promise<Responder[]> {
      const { rows } = await q.query<ResponderRow>("select * from responders order by tier, name, id");
      return rows.map(toResponder);
    },
  };
}

interface ResponderRow {
  id: string;
  name: string;
  phone: string;
  language: Responder["language"];
  time_zone: string;
  shifts: Responder["shifts"];
  tier: Responder["tier"];
  page_channel: Responder["pageChannel"];
  slack_user_id: string | null;
  active: boolean;
  created_at: Date;
  updated_at: Date;
}

function toResponder(r: ResponderRow): Responder {
  return {
    id: r.id,
    name: r.name,
    phone: r.phone,
    language: r.language,
    timeZone: r.time_zone,
    shifts: r.shifts,
    tier: r.tier,
    pageChannel: r.page_channel,
    slackUserId: r.slack_user_id,
    active: r.active,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
