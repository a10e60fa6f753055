import type { types } from "@slack/bolt";
import type { Participant, Peer, PeerNotification } from "../../domain/model";
import { formatLocal } from "../../domain/time";
import type { CaseloadRow } from "../../features/peers/caseload";

type KnownBlock = types.KnownBlock;

/**
 * Block Kit for peers. Pure: data in, JSON out. Bodies appear only when redaction is off;
 * phone numbers never appear. The fallback `text` (what phones show on the lock screen)
 * never carries a body either way.
 */

export const ACTION = {
  acknowledge: "bl_ack",
  reply: "bl_reply",
  handToHotline: "bl_hand_to_hotline",
  snooze: "bl_snooze",
  open: "bl_open",
} as const;
export const VIEW = { reply: "bl_reply_modal" } as const;
export const REPLY_BLOCK = "bl_reply_text";
export const REPLY_INPUT = "text";

const KIND_LABELS: Record<string, string> = {
  parent_message: "Message",
  checkin_note: "Check-in note",
  low_score: "Low check-in score",
  missed_streak: "Missed check-ins",
  concern: "Concern",
  hotline_case_opened: "Hotline case opened",
  hotline_case_closed: "Hotline case closed",
  appointment_reply: "Appointment reply",
};
export function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind.replace(/_/g, " ").replace(/^\w/, (c) => c.toUpperCase());
}

/** "Ana" → "A."; "Ana María" → "A.M." (first names only are stored). */
export function initials(firstName: string): string {
  const parts = firstName.trim().split(/\s+/).filter(Boolean);
  return parts.map((p) => `${[...p][0]!.toUpperCase()}.`).join("") || "?";
}

export function displayName(p: Participant | null, redact: boolean): string {
  if (!p) return "A parent";
  return redact ? initials(p.firstName) : p.firstName;
}

/** Slack mrkdwn is not HTML, but &, < and > must still be escaped or they become links. */
export function escapeMrkdwn(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * A Slack message's `text` as a person typed it: Slack sends &, < and > escaped and wraps
 * links and mentions as `<url|label>`, `<mailto:…>`, `<@U…>`; an SMS must not show that.
 */
export function plainTextFromSlack(s: string): string {
  return s
    .replace(/<([@#!]?)([^>]*)>/g, (_, sign: string, inner: string) => {
      const bar = inner.indexOf("|");
      const shown = bar >= 0 ? inner.slice(bar + 1) : inner.replace(/^(mailto|tel):/, "");
      return sign === "#" ? `#${shown}` : sign ? `@${shown}` : shown;
    })
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

const quote = (s: string) =>
  escapeMrkdwn(s)
    .split("\n")
    .map((l) => `> ${l}`)
    .join("\n");

/** Slack refuses a section whose text is longer than this (and then the whole message). */
const SECTION_MAX_CHARS = 3000;

/** A note's name, kind and quoted text (only where a body may be shown), cut to fit a section. */
function noteWithBody(who: string, n: PeerNotification): string {
  const text = `*${escapeMrkdwn(who)}* · ${kindLabel(n.kind)}\n${quote(n.summary)}`;
  return text.length > SECTION_MAX_CHARS ? `${text.slice(0, SECTION_MAX_CHARS - 1)}…` : text;
}

export interface NoteView {
  notification: PeerNotification;
  participant: Participant | null;
  peer: Peer | null;
  redact: boolean;
}

export function notificationText(v: NoteView): string {
  const who = displayName(v.participant, v.redact);
  return v.redact ? `${who}: new message — open to read` : `${kindLabel(v.notification.kind)} about ${who}`;
}

export function notificationBlocks(v: NoteView, state: { done?: string } = {}): KnownBlock[] {
  const n = v.notification;
  const who = displayName(v.participant, v.redact);
  const zone = v.peer?.timeZone ?? v.participant?.timeZone ?? "UTC";
  const when = formatLocal(n.createdAt, zone, "en", "datetime");
  const blocks: KnownBlock[] = [
    {
      type: "section",
      block_id: "bl_note",
      text: {
        type: "mrkdwn",
        text: v.redact ? `*${escapeMrkdwn(who)}* — new message — open to read` : noteWithBody(who, n),
      },
    },
    { type: "context", elements: [{ type: "mrkdwn", text: when }] },
  ];
  if (state.done) {
    blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: escapeMrkdwn(state.done) }] });
    return blocks;
  }
  const buttons: Extract<KnownBlock, { type: "actions" }>["elements"] = [];
  if (v.redact) buttons.push({ type: "button", action_id: ACTION.open, text: { type: "plain_text", text: "Open" }, value: n.id });
  buttons.push(
    { type: "button", action_id: ACTION.acknowledge, style: "primary", text: { type: "plain_text", text: "Acknowledge" }, value: n.id },
    { type: "button", action_id: ACTION.reply, text: { type: "plain_text", text: "Reply" }, value: n.id },
    {
      type: "button",
      action_id: ACTION.handToHotline,
      style: "danger",
      text: { type: "plain_text", text: "Hand to hotline" },
      value: n.id,
      confirm: {
        title: { type: "plain_text", text: "Hand to the hotline?" },
        text: { type: "plain_text", text: "A hotline case opens and the volunteers on shift are paged now." },
        confirm: { type: "plain_text", text: "Hand over" },
        deny: { type: "plain_text", text: "Cancel" },
      },
    },
    { type: "button", action_id: ACTION.snooze, text: { type: "plain_text", text: "Snooze until my next shift" }, value: n.id },
  );
  blocks.push({ type: "actions", block_id: "bl_note_actions", elements: buttons });
  return blocks;
}

/** The Reply modal. The note id rides in private_metadata so the submission finds its parent. */
export function replyModal(notificationId: string, who: string) {
  return {
    type: "modal" as const,
    callback_id: VIEW.reply,
    private_metadata: JSON.stringify({ notificationId }),
    title: { type: "plain_text" as const, text: "Reply by text" },
    submit: { type: "plain_text" as const, text: "Send" },
    close: { type: "plain_text" as const, text: "Cancel" },
    blocks: [
      {
        type: "input",
        block_id: REPLY_BLOCK,
        label: { type: "plain_text", text: `Text to ${who} (from the program number)` },
        element: { type: "plain_text_input", action_id: REPLY_INPUT, multiline: true, max_length: 1000 },
      },
    ] satisfies KnownBlock[],
  };
}

/** Redaction's "open to read": a modal is not kept in channel history. */
export function readModal(v: NoteView) {
  return {
    type: "modal" as const,
    title: { type: "plain_text" as const, text: "Note" },
    close: { type: "plain_text" as const, text: "Close" },
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: noteWithBody(displayName(v.participant, false), v.notification) } },
    ] satisfies KnownBlock[],
  };
}

export interface DigestView {
  headline: string;
  items: { notification: PeerNotification; participant: Participant | null }[];
  redact: boolean;
}

export function digestBlocks(d: DigestView): KnownBlock[] {
  const lines = d.items.map(({ notification: n, participant: p }) =>
    d.redact
      ? `• *${escapeMrkdwn(displayName(p, true))}* — new message — open to read`
      : `• *${escapeMrkdwn(displayName(p, false))}* · ${kindLabel(n.kind)}: ${escapeMrkdwn(oneLine(n.summary, 140))}`,
  );
  const blocks: KnownBlock[] = [{ type: "section", text: { type: "mrkdwn", text: `*${escapeMrkdwn(d.headline)}*` } }];
  for (const text of chunkLines(lines, SECTION_MAX_CHARS)) blocks.push({ type: "section", text: { type: "mrkdwn", text } });
  return blocks.slice(0, 50);
}

/** Joins lines (each far shorter than `max`) into as few texts of at most `max` characters as fit. */
function chunkLines(lines: string[], max: number): string[] {
  const chunks: string[] = [];
  let current = "";
  for (const line of lines) {
    if (current && current.length + 1 + line.length > max) {
      chunks.push(current);
      current = "";
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) chunks.push(current);
  return chunks;
}

function oneLine(s: string, max: number): string {
  const flat = s.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function caseloadBlocks(rows: CaseloadRow[], zone: string, redact: boolean): KnownBlock[] {
  const header: KnownBlock = { type: "header", text: { type: "plain_text", text: `Your caseload (${rows.length})` } };
  if (rows.length === 0) return [header, { type: "section", text: { type: "mrkdwn", text: "No parents are assigned to you." } }];
  const blocks: KnownBlock[] = [header];
  for (const r of rows.slice(0, 45)) {
    const name = redact ? initials(r.firstName) : r.firstName;
    const last = r.lastCheckin
      ? `${formatLocal(r.lastCheckin.at, zone, "en", "datetime")}${r.lastCheckin.score !== null ? ` (score ${r.lastCheckin.score}/5)` : ""}`
      : "—";
    const next = r.nextAppointment ? formatLocal(r.nextAppointment, zone, "en", "datetime") : "—";
    blocks.push({
      type: "section",
      text: {
        type: "mrkdwn",
        text:
          `*${escapeMrkdwn(name)}*${r.status !== "active" ? ` (${r.status})` : ""}\n` +
          `Last check-in: ${last} · Streak: ${r.answeredStreak} · Missed (14 days): ${r.missedCount}\n` +
          `Next appointment: ${next} · Open items: ${r.openItems}`,
      },
    });
  }
  if (rows.length > 45) blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `…and ${rows.length - 45} more` }] });
  return blocks;
}
