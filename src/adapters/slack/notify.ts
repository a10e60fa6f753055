import type { webApi } from "@slack/bolt";
import type { Clock } from "../../ports/clock";
import type { Peer } from "../../domain/model";
import { localDateOf } from "../../domain/time";
import type { Logger } from "../../ports/log";
import { digestBlocks, escapeMrkdwn, notificationBlocks, notificationText } from "./blocks";
import { storeFor, type Db } from "../postgres";
import type { SlackThreadKey } from "../postgres/slack-threads";
import type { NotificationPort } from "../../ports/notify";

export interface SlackNotifyOptions {
  client: webApi.WebClient;
  db: Db;
  clock: Clock;
  log: Logger;
  redact: boolean;
  supervisorChannel?: string;
  /** How long a second note waits for the first one to open the day's thread. */
  threadWaitMs?: number;
}

/** A thread claim this old with nothing posted belongs to a poster that died; take it over. */
const STALE_CLAIM_MS = 60_000;

/**
 * Notes as Block Kit in the peer's DM (or their configured channel), one thread per
 * parent per peer-local day. Each note's message is recorded, so a retried delivery
 * (posted, then crashed before marking delivered) does not post it twice.
 */
export function createSlackNotifications(o: SlackNotifyOptions): NotificationPort {
  const store = storeFor(o.db);
  const waitMs = o.threadWaitMs ?? 5000;

  async function threadFor(peer: Peer, participantId: string): Promise<{ threadTs: string | null; key: SlackThreadKey | null }> {
    const key = { peerId: peer.id, participantId, localDate: localDateOf(o.clock.now(), peer.timeZone) };
    const deadline = Date.now() + waitMs;
    for (;;) {
      const now = o.clock.now();
      const claim = await store.slack.claim(key, now, new Date(now.getTime() - STALE_CLAIM_MS));
      if (claim === "claimed") return { threadTs: null, key };
      if (claim.ts) return { threadTs: claim.ts, key: null };
      // Another worker is posting the day's first note right now: wait for its ts.
      if (Date.now() > deadline) throw new Error("slack thread is being opened by another delivery");
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  return {
    channel: "slack",
    async deliver(n, ctx) {
      const peer = ctx.peer;
      const target = peer?.slackChannelId ?? peer?.slackUserId;
      if (!peer || !target) {
        o.log.warn("peer has no Slack user or channel; note stays in the outbox", { notificationId: n.id, peerId: n.peerId });
        return;
      }
      if (await store.slack.postFor(n.id)) return;
      const { threadTs, key } = ctx.participant ? await threadFor(peer, ctx.participant.id) : { threadTs: null, key: null };
      const view = { notification: n, participant: ctx.participant, peer, redact: o.redact };
      let posted: { channel?: string; ts?: string };
      try {
        posted = await o.client.chat.postMessage({
          channel: target,
          text: notificationText(view),
          blocks: notificationBlocks(view),
          ...(threadTs ? { thread_ts: threadTs } : {}),
          unfurl_links: false,
          unfurl_media: false,
        });
      } catch (err) {
        if (key) await store.slack.release(key);
        throw err;
      }
      const channel = posted.channel ?? target;
      if (!posted.ts) throw new Error("chat.postMessage returned no ts");
      if (key) await store.slack.setTs(key, channel, posted.ts);
      await store.slack.recordPost({ notificationId: n.id, channel, ts: posted.ts, threadTs });
      o.log.info("peer notification posted to slack", { notificationId: n.id, peerId: peer.id, threaded: threadTs !== null });
    },
    async deliverDigest(d) {
      const target = d.peer.slackChannelId ?? d.peer.slackUserId;
      if (!target) {
        o.log.warn("peer has no Slack user or channel; digest stays in the outbox", { peerId: d.peer.id });
        return;
      }
      await o.client.chat.postMessage({
        channel: target,
        text: d.headline,
        blocks: digestBlocks({ headline: d.headline, items: d.items, redact: o.redact }),
        unfurl_links: false,
      });
      o.log.info("peer digest posted to slack", { peerId: d.peer.id, items: d.items.length });
    },
    async postSupervisorSummary(s) {
      if (!o.supervisorChannel) {
        o.log.warn("SLACK_SUPERVISOR_CHANNEL is not set; supervisor summary not posted", { date: s.date });
        return;
      }
      await o.client.chat.postMessage({
        channel: o.supervisorChannel,
        text: s.headline,
        blocks: [
          { type: "header", text: { type: "plain_text", text: `Daily summary — ${s.date}` } },
          { type: "section", text: { type: "mrkdwn", text: `*${escapeMrkdwn(s.headline)}*` } },
          ...(s.lines.length
            ? [{ type: "section" as const, text: { type: "mrkdwn" as const, text: s.lines.map((l) => `• ${escapeMrkdwn(l)}`).join("\n").slice(0, 2900) } }]
            : []),
        ],
      });
      o.log.info("supervisor summary posted to slack", { date: s.date, lines: s.lines.length });
    },
    async postSupervisorAlert(a) {
      if (!o.supervisorChannel) {
        o.log.warn("SLACK_SUPERVISOR_CHANNEL is not set; supervisor alert not posted", { caseShortId: a.caseShortId });
        return;
      }
      await o.client.chat.postMessage({
        channel: o.supervisorChannel,
        text: a.headline,
        blocks: [
          { type: "section", text: { type: "mrkdwn", text: `:rotating_light: *${escapeMrkdwn(a.headline)}*` } },
          ...(a.lines.length
            ? [{ type: "section" as const, text: { type: "mrkdwn" as const, text: a.lines.map((l) => `• ${escapeMrkdwn(l)}`).join("\n").slice(0, 2900) } }]
            : []),
        ],
        unfurl_links: false,
      });
      o.log.info("supervisor alert posted to slack", { caseShortId: a.caseShortId });
    },
  };
}
