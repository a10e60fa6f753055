import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from "@slack/bolt";
import { peerReplyText, sendPeerReply } from "../peer-reply";
import { plainTextFromSlack } from "../../../adapters/slack/blocks";
import { peerBySlackUser, type SlackDeps } from "./deps";
import { REFUSALS } from "./views";

type MessageArgs = SlackEventMiddlewareArgs<"message"> & Pick<AllMiddlewareArgs, "client">;

export function register(app: App, deps: SlackDeps) {
  app.event("message", threadReply(deps));
}

/**
 * A peer writing in a parent's thread: that text (as typed, without Slack's escaping) goes
 * to the parent by SMS from the program number. The key is the Slack message (channel + ts), which a retried event
 * delivery repeats, so X-Slack-Retry-Num never sends twice.
 */
export function threadReply(deps: SlackDeps) {
  return async function replyInThread({ event, client }: MessageArgs) {
    if (event.subtype !== undefined) return; // edits, deletions, bot posts, joins
    if (!("thread_ts" in event) || !event.thread_ts || event.thread_ts === event.ts) return;
    if ("bot_id" in event && event.bot_id) return;
    const raw = "text" in event ? (event.text ?? "") : "";
    if (!raw.trim()) return;
    const thread = await deps.store.slack.byTs(event.channel, event.thread_ts);
    if (!thread) return; // someone else's thread: not ours to act on
    const peer = await peerBySlackUser(deps, event.user);
    if (!peer) return;
    const refuse = (text: string) => client.chat.postEphemeral({ channel: event.channel, user: event.user, thread_ts: event.thread_ts, text });
    // Sent as typed, or not at all: a cut-off text would reach the parent as if whole.
    const text = peerReplyText.safeParse(plainTextFromSlack(raw));
    if (!text.success) return void (await refuse(`Not sent: ${text.error.issues[0]?.message ?? "write a message"}.`));
    const outcome = await sendPeerReply(
      { peerId: peer.id, participantId: thread.participantId, text: text.data, sourceKey: `msg|${event.channel}|${event.ts}` },
      deps,
    );
    if (outcome === "queued") {
      await client.reactions.add({ channel: event.channel, timestamp: event.ts, name: "incoming_envelope" });
    } else if (outcome !== "duplicate") {
      await refuse(REFUSALS[outcome]);
    }
  };
}
