import { expect } from "vitest";
import { createHarness, enrol, waitFor, type Harness, type HarnessOptions } from "../support/harness";
import { slackSignature, type SlackCall } from "../support/fake-slack";

export const PEER_SLACK_USER = "UPEER0001";
export const ALWAYS = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: "00:00", end: "23:59" }));

export function slackHarness(opts: HarnessOptions = {}) {
  return createHarness({ sms: "twilio", slack: "http", ...opts });
}

/** A peer linked to Slack and a parent who said YES (so texts may go to them). */
export async function linkedParent(h: Harness, overrides: Record<string, unknown> = {}) {
  const ids = await enrol(h, overrides);
  const res = await h.admin("PATCH", `/peers/${ids.peerId}`, { slackUserId: PEER_SLACK_USER });
  expect(res.status).toBe(200);
  await h.postSms(ids.phone, "YES");
  await waitFor(async () => (await h.store.participants.get(ids.participantId))?.consent === "opted_in", 10_000, "opt-in");
  return ids;
}

const nowSec = () => Math.floor(Date.now() / 1000);

/** A signed Events API request, exactly as Slack sends it. */
export async function postEvent(h: Harness, event: Record<string, unknown>, opts: { retryNum?: number; eventId?: string } = {}) {
  const body = JSON.stringify({
    type: "event_callback",
    team_id: "T00000001",
    api_app_id: "A00000001",
    event_id: opts.eventId ?? `Ev${Math.random().toString(36).slice(2, 10).toUpperCase()}`,
    event_time: nowSec(),
    event,
  });
  return postSigned(h, body, "application/json", opts.retryNum ? { "x-slack-retry-num": String(opts.retryNum), "x-slack-retry-reason": "http_timeout" } : {});
}

/** A signed interactivity request (`payload=` form field). */
export function postInteraction(h: Harness, payload: Record<string, unknown>) {
  return postSigned(h, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), "application/x-www-form-urlencoded");
}

/** A signed slash command, with response_url pointing at the fake Slack. */
export function postCommand(h: Harness, command: string, text: string, user = PEER_SLACK_USER, responseId = "r1") {
  const form = new URLSearchParams({
    token: "deprecated",
    team_id: "T00000001",
    team_domain: "test",
    channel_id: "C00000001",
    channel_name: "general",
    user_id: user,
    user_name: "rosa",
    command,
    text,
    api_app_id: "A00000001",
    response_url: h.fakeSlack!.responseUrl(responseId),
    trigger_id: "111.222.333",
  });
  return postSigned(h, form.toString(), "application/x-www-form-urlencoded");
}

export async function postSigned(h: Harness, raw: string, contentType: string, extra: Record<string, string> = {}, ts = nowSec()) {
  return h.app.request("/slack/events", {
    method: "POST",
    headers: { "content-type": contentType, ...(await slackSignature(raw, ts)), ...extra },
    body: raw,
  });
}

/** The payload Slack sends when a peer presses one of a note's buttons. */
export function buttonPress(actionId: string, value: string, message: { channel: string; ts: string }, user = PEER_SLACK_USER) {
  return {
    type: "block_actions",
    team: { id: "T00000001", domain: "test" },
    user: { id: user, username: "rosa", team_id: "T00000001" },
    api_app_id: "A00000001",
    token: "deprecated",
    container: { type: "message", message_ts: message.ts, channel_id: message.channel, is_ephemeral: false },
    trigger_id: `trig.${Math.random().toString(36).slice(2)}`,
    channel: { id: message.channel, name: "directmessage" },
    message: { type: "message", ts: message.ts, text: "note" },
    response_url: "http://127.0.0.1:9/unused",
    actions: [{ type: "button", action_id: actionId, block_id: "bl_note_actions", value, action_ts: String(Date.now() / 1000) }],
  };
}

/** A parent's text reaches the peer's DM as a Block Kit message. */
export async function parentTexts(h: Harness, phone: string, body: string, expectedPosts: number) {
  await h.postSms(phone, body);
  return waitFor(
    () => (h.fakeSlack!.callsTo("chat.postMessage").length >= expectedPosts ? h.fakeSlack!.callsTo("chat.postMessage") : null),
    10_000,
    `slack post ${expectedPosts}`,
  );
}

export function posted(call: SlackCall) {
  return { channel: String(call.result?.channel), ts: String(call.result?.ts) };
}

export const blockText = (call: SlackCall) => JSON.stringify(call.args.blocks ?? []);
