import type { Queryable } from "./db";

export interface ConsoleSessionRecord {
  tokenHash: string;
  userId: string;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

/** Server-side console sessions, keyed by the hash of the cookie's token. */
export function sessionsStore(q: Queryable) {
  return {
    async create(s: ConsoleSessionRecord): Promise<void> {
      await q.query(
        `insert into console_sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at)
         values ($1, $2, $3, $4, $5, $6)`,
        [s.tokenHash, s.userId, s.csrfToken, s.createdAt, s.lastSeenAt, s.expiresAt],
      );
    },
    async get(tokenHash: string): Promise<ConsoleSessionRecord | null> {
      const { rows } = await q.query<SessionRow>("select * from console_sessions where token_hash = $1", [tokenHash]);
      const r = rows[0];
      return r
        ? { tokenHash: r.token_hash, userId: r.user_id, csrfToken: r.csrf_token, createdAt: r.created_at, lastSeenAt: r.last_seen_at, expiresAt: r.expires_at }
        : null;
    },
    async touch(tokenHash: string, at: Date): Promise<void> {
      await q.query("update console_sessions set last_seen_at = $1 where token_hash = $2", [at, tokenHash]);
    },
    async delete(tokenHash: string): Promise<void> {
      await q.query("delete from console_sessions where token_hash = $1", [tokenHash]);
    },
    /** A deactivated user is signed out everywhere. */
    async deleteForUser(userId: string): Promise<void> {
      await q.query("delete from console_sessions where user_id = $1", [userId]);
    },
    async deleteExpired(now: Date, idleBefore: Date): Promise<number> {
      const { rowCount } = await q.query("delete from console_sessions where expires_at <= $1 or last_seen_at <= $2", [now, idleBefore]);
      return rowCount;
    },
  };
}

interface SessionRow {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
}
