import type { AllMiddlewareArgs, App, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { Peer } from "../../../domain/model";
import { formatLocal } from "../../../domain/time";
import { acknowledgeNotification, snoozeUntilNextShift } from "../availability";
import { handNoteToHotline } from "../peer-handoff";
import { ACTION, displayName, notificationBlocks, notificationText, readModal, replyModal, type NoteView } from "../../../adapters/slack/blocks";
import { NOT_LINKED, peerBySlackUser, type SlackDeps } from "./deps";

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & Pick<AllMiddlewareArgs, "client">;

export function register(app: App, deps: SlackDeps) {
  app.action<BlockButtonAction>(ACTION.acknowledge, acknowledgeButton(deps));
  app.action<BlockButtonAction>(ACTION.reply, replyButton(deps));
  app.action<BlockButtonAction>(ACTION.handToHotline, handToHotlineButton(deps));
  app.action<BlockButtonAction>(ACTION.snooze, snoozeButton(deps));
  app.action<BlockButtonAction>(ACTION.open, openButton(deps));
}

/** The note behind a button, only for the peer it belongs to. */
export async function noteForPeer(deps: SlackDeps, notificationId: string, peer: Peer): Promise<NoteView | null> {
  const store = deps.store;
  const notification = await store.notifications.get(notificationId);
  if (!notification || notification.peerId !== peer.id) return null;
  const participant = notification.participantId ? await store.participants.get(notification.participantId) : null;
  return { notification, participant, peer, redact: deps.redact };
}

async function pressed(deps: SlackDeps, args: ButtonArgs): Promise<{ peer: Peer; view: NoteView } | null> {
  const peer = await peerBySlackUser(deps, args.body.user.id);
  if (!peer) {
    await args.respond({ response_type: "ephemeral", replace_original: false, text: NOT_LINKED });
    return null;
  }
  const view = await noteForPeer(deps, args.action.value ?? "", peer);
  if (!view) {
    await args.respond({ response_type: "ephemeral", replace_original: false, text: "That note is not one of yours, or no longer exists." });
    return null;
  }
  return { peer, view };
}

/** Replaces the buttons with what happened, so the DM shows the note is dealt with. */
async function markDone(args: ButtonArgs, view: NoteView, done: string) {
  const channel = args.body.channel?.id ?? args.body.container?.channel_id;
  const ts = args.body.message?.ts ?? args.body.container?.message_ts;
  if (!channel || !ts) return;
  await args.client.chat.update({ channel, ts, text: notificationText(view), blocks: notificationBlocks(view, { done }) });
}

export function acknowledgeButton(deps: SlackDeps) {
  return async function acknowledge(args: ButtonArgs) {
    await args.ack();
    const found = await pressed(deps, args);
    if (!found) return;
    const acked = await acknowledgeNotification(deps, found.view.notification.id, found.peer.id);
    if (!acked) return;
    const at = formatLocal(acked.acknowledgedAt ?? deps.clock.now(), found.peer.timeZone, "en", "time");
    await markDone(args, found.view, `Acknowledged by ${found.peer.name} at ${at}`);
  };
}

export function snoozeButton(deps: SlackDeps) {
  return async function snooze(args: ButtonArgs) {
    await args.ack();
    const found = await pressed(deps, args);
    if (!found) return;
    const snoozed = await snoozeUntilNextShift(deps, found.view.notification.id, found.peer.id);
    if (!snoozed) return;
    const until = formatLocal(snoozed.until, found.peer.timeZone, "en", "datetime");
    await markDone(args, found.view, `Snoozed until ${until} — it comes back in your start-of-shift message`);
  };
}

/** Opens the Reply modal at once: trigger_id is only good for 3 seconds. */
export function replyButton(deps: SlackDeps) {
  return async function reply(args: ButtonArgs) {
    await args.ack();
    const found = await pressed(deps, args);
    if (!found) return;
    await args.client.views.open({
      trigger_id: args.body.trigger_id,
      view: replyModal(found.view.notification.id, displayName(found.view.participant, deps.redact)),
    });
  };
}

export function handToHotlineButton(deps: SlackDeps) {
  return async function handToHotline(args: ButtonArgs) {
    await args.ack();
    const found = await pressed(deps, args);
    if (!found) return;
    const r = await handNoteToHotline({ notificationId: found.view.notification.id, peerId: found.peer.id }, deps);
    if (r.outcome === "opened" || r.outcome === "joined") {
      const what = r.outcome === "opened" ? "Handed to the hotline" : "Added to the open hotline case";
      await markDone(args, found.view, `${what} (case ${r.hotlineCase.shortId}) by ${found.peer.name}; volunteers are paged by text`);
    } else {
      const text = r.outcome === "not_your_parent" ? "This parent is not on your caseload any more." : "That note has no parent to hand over.";
      await args.respond({ response_type: "ephemeral", replace_original: false, text });
    }
  };
}

/** Redaction on: the text is shown in a modal, which Slack does not keep in history. */
export function openButton(deps: SlackDeps) {
  return async function open(args: ButtonArgs) {
    await args.ack();
    const found = await pressed(deps, args);
    if (!found) return;
    await args.client.views.open({ trigger_id: args.body.trigger_id, view: readModal(found.view) });
  };
}
