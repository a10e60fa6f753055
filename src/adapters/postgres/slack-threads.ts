import type { Queryable } from "./db";

export interface SlackThread {
  peerId: string;
  participantId: string;
  localDate: string;
  channel: string | null;
  ts: string | null;
  claimedAt: Date;
}

/** The day's thread for one parent in one peer's Slack. */
export interface SlackThreadKey {
  peerId: string;
  participantId: string;
  localDate: string;
}

export interface SlackPost {
  notificationId: string;
  channel: string;
  ts: string;
  threadTs: string | null;
}

/** Where Buddyline's notes live in Slack: the day's thread per parent, and each note's message. */
export function slackThreadsStore(q: Queryable) {
  return {
    /**
     * Claims the right to open the day's thread. Returns "claimed" when this caller must
     * post the first message (and then `setTs`), or the existing thread otherwise. A claim
     * older than `staleBefore` with no ts is taken over (its poster died mid-post).
     */
    async claim(
      key: SlackThreadKey,
      now: Date,
      staleBefore: Date,
    ): Promise<"claimed" | SlackThread> {
      // Claim times come from the app's clock (not the database's), like every other instant.
      const inserted = await q.query(
        `insert into slack_threads (peer_id, participant_id, local_date, claimed_at) values ($1, $2, $3, $4)
         on conflict do nothing returning peer_id`,
        [key.peerId, key.participantId, key.localDate, now],
      );
      if (inserted.rowCount > 0) return "claimed";
      const takenOver = await q.query(
        `update slack_threads set claimed_at = $5
          where peer_id = $1 and participant_id = $2 and local_date = $3 and ts is null and claimed_at < $4
          returning peer_id`,
        [key.peerId, key.participantId, key.localDate, staleBefore, now],
      );
      if (takenOver.rowCount > 0) return "claimed";
      const { rows } = await q.query<ThreadRow>(
        "select * from slack_threads where peer_id = $1 and participant_id = $2 and local_date = $3",
        [key.peerId, key.participantId, key.localDate],
      );
      return toThread(rows[0]!);
    },
    async setTs(key: SlackThreadKey, channel: string, ts: string) {
      await q.query(
        "update slack_threads set channel = $1, ts = $2 where peer_id = $3 and participant_id = $4 and local_date = $5",
        [channel, ts, key.peerId, key.participantId, key.localDate],
      );
    },
    /** Lets another poster take over a claim that failed before anything was posted. */
    async release(key: SlackThreadKey) {
      await q.query(
        "delete from slack_threads where peer_id = $1 and participant_id = $2 and local_date = $3 and ts is null",
        [key.peerId, key.participantId, key.localDate],
      );
    },
    async byTs(channel: string, ts: string): Promise<SlackThread | null> {
      const { rows } = await q.query<ThreadRow>("select * from slack_threads where channel = $1 and ts = $2", [channel, ts]);
      return rows[0] ? toThread(rows[0]) : null;
    },
    async recordPost(p: SlackPost): Promise<void> {
      await q.query(
        `insert into slack_posts (notification_id, channel, ts, thread_ts, created_at) values ($1, $2, $3, $4, $5)
         on conflict (notification_id) do nothing`,
        [p.notificationId, p.channel, p.ts, p.threadTs, q.clock.now()],
      );
    },
    async postFor(notificationId: string): Promise<SlackPost | null> {
      const { rows } = await q.query<PostRow>("select * from slack_posts where notification_id = $1", [notificationId]);
      const r = rows[0];
      return r ? { notificationId: r.notification_id, channel: r.channel, ts: r.ts, threadTs: r.thread_ts } : null;
    },
  };
}

interface ThreadRow {
  peer_id: string;
  participant_id: string;
  local_date: string;
  channel: string | null;
  ts: string | null;
  claimed_at: Date;
}
interface PostRow {
  notification_id: string;
  channel: string;
  ts: string;
  thread_ts: string | null;
}

function toThread(r: ThreadRow): SlackThread {
  return {
    peerId: r.peer_id,
    participantId: r.participant_id,
    localDate: r.local_date,
    channel: r.channel,
    ts: r.ts,
    claimedAt: r.claimed_at,
  };
}
