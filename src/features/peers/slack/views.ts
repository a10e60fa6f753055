import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { z } from "zod";
import { sendPeerReply, peerReplyText, type PeerReplyOutcome } from "../peer-reply";
import { REPLY_BLOCK, REPLY_INPUT, VIEW } from "../../../adapters/slack/blocks";
import { NOT_LINKED, peerBySlackUser, type SlackDeps } from "./deps";
import { noteForPeer } from "./actions";

type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & Pick<AllMiddlewareArgs, "client">;

export function register(app: App, deps: SlackDeps) {
  app.view<ViewSubmitAction>(VIEW.reply, replySubmitted(deps));
}

const metadata = z.object({ notificationId: z.uuid() });

export const REFUSALS: Record<Exclude<PeerReplyOutcome, "queued" | "duplicate">, string> = {
  opted_out: "This parent has opted out of texts (STOP). Nothing was sent.",
  not_opted_in: "This parent has not confirmed texts yet (YES). Nothing was sent.",
  not_your_parent: "This parent is not on your caseload. Nothing was sent.",
};

/**
 * The Reply modal's Send. Decided before ack (one short transaction) so a refusal shows
 * in the modal instead of vanishing; the view id is the idempotency key, so a double
 * submit or a retried delivery sends one text.
 */
export function replySubmitted(deps: SlackDeps) {
  return async function replySubmit({ ack, body, view, client }: SubmitArgs) {
    const fail = (message: string) => ack({ response_action: "errors", errors: { [REPLY_BLOCK]: message } });
    const peer = await peerBySlackUser(deps, body.user.id);
    if (!peer) return void (await fail(NOT_LINKED));
    let meta: z.infer<typeof metadata>;
    try {
      meta = metadata.parse(JSON.parse(view.private_metadata || "{}"));
    } catch {
      return void (await fail("This form is out of date; press Reply again."));
    }
    const text = peerReplyText.safeParse(view.state.values[REPLY_BLOCK]?.[REPLY_INPUT]?.value ?? "");
    if (!text.success) return void (await fail(text.error.issues[0]?.message ?? "write a message"));
    const note = await noteForPeer(deps, meta.notificationId, peer);
    if (!note?.participant) return void (await fail(REFUSALS.not_your_parent));
    const outcome = await sendPeerReply(
      { peerId: peer.id, participantId: note.participant.id, text: text.data, sourceKey: `view|${view.id}` },
      deps,
    );
    if (outcome !== "queued" && outcome !== "duplicate") return void (await fail(REFUSALS[outcome]));
    await ack();
    // A line in the note's thread so the conversation is readable later; never the text itself.
    const post = await deps.store.slack.postFor(meta.notificationId);
    if (post && outcome === "queued") {
      await client.chat.postMessage({
        channel: post.channel,
        thread_ts: post.threadTs ?? post.ts,
        text: `${peer.name} replied by text from the program number.`,
      });
    }
  };
}
