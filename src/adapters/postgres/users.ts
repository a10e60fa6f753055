import type { Queryable } from "./db";

/** The roles of the web console; admin passes every role check (features/console/session.ts). */
export type ConsoleRole = "admin" | "supervisor" | "peer" | "volunteer";

export interface ConsoleUserRecord {
  id: string;
  email: string;
  name: string;
  role: ConsoleRole;
  passwordHash: string;
  peerId: string | null;
  responderId: string | null;
  active: boolean;
  lockedUntil: Date | null;
  createdAt: Date;
}

export interface NewConsoleUser {
  email: string;
  name: string;
  role: ConsoleRole;
  passwordHash: string;
  peerId: string | null;
  responderId: string | null;
}

/** Console accounts, their lockout and their failed sign-ins. */
export function usersStore(q: Queryable) {
  return {
    async create(u: NewConsoleUser): Promise<ConsoleUserRecord> {
      const { rows } = await q.query<UserRow>(
        `insert into console_users (email, name, role, password_hash, peer_id, responder_id, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $7) returning *`,
        [u.email.toLowerCase(), u.name, u.role, u.passwordHash, u.peerId, u.responderId, q.clock.now()],
      );
      return toUser(rows[0]!);
    },
    async get(id: string): Promise<ConsoleUserRecord | null> {
      const { rows } = await q.query<UserRow>("select * from console_users where id = $1", [id]);
      return rows[0] ? toUser(rows[0]) : null;
    },
    async byEmail(email: string): Promise<ConsoleUserRecord | null> {
      const { rows } = await q.query<UserRow>("select * from console_users where email = $1", [email.toLowerCase()]);
      return rows[0] ? toUser(rows[0]) : null;
    },
    async list(): Promise<ConsoleUserRecord[]> {
      const { rows } = await q.query<UserRow>("select * from console_users order by role, name, id");
      return rows.map(toUser);
    },
    async setLockedUntil(id: string, until: Date | null): Promise<void> {
      await q.query("update console_users set locked_until = $1, updated_at = $2 where id = $3", [until, q.clock.now(), id]);
    },
    async setActive(id: string, active: boolean): Promise<void> {
      await q.query("update console_users set active = $1, updated_at = $2 where id = $3", [active, q.clock.now(), id]);
    },
    async recordFailure(email: string, ip: string, at: Date): Promise<void> {
      await q.query("insert into console_login_failures (at, email, ip) values ($1, $2, $3)", [at, email.toLowerCase(), ip]);
    },
    /** Wrong passwords for this email and from this address since `since`. */
    async failuresSince(email: string, ip: string, since: Date): Promise<{ email: number; ip: number }> {
      const { rows } = await q.query<{ by_email: number; by_ip: number }>(
        `select (select count(*) from console_login_failures where email = $1 and at > $3)::int as by_email,
                (select count(*) from console_login_failures where ip = $2 and at > $3)::int as by_ip`,
        [email.toLowerCase(), ip, since],
      );
      return { email: rows[0]?.by_email ?? 0, ip: rows[0]?.by_ip ?? 0 };
    },
    /** Failures older than the lockout window count for nothing any more. */
    async forgetFailuresBefore(before: Date): Promise<number> {
      const { rowCount } = await q.query("delete from console_login_failures where at <= $1", [before]);
      return rowCount;
    },
    /** A successful sign-in starts the account's count again (the address keeps its count). */
    async clearFailures(email: string): Promise<void> {
      await q.query("delete from console_login_failures where email = $1", [email.toLowerCase()]);
    },
  };
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: ConsoleRole;
  password_hash: string;
  peer_id: string | null;
  responder_id: string | null;
  active: boolean;
  locked_until: Date | null;
  created_at: Date;
}

function toUser(r: UserRow): ConsoleUserRecord {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    passwordHash: r.password_hash,
    peerId: r.peer_id,
    responderId: r.responder_id,
    active: r.active,
    lockedUntil: r.locked_until,
    createdAt: r.created_at,
  };
}
