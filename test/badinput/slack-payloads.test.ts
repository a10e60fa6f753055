import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { ACTION } from "../../src/adapters/slack/blocks";
import type { Harness } from "../support/harness";
import { buttonPress, postCommand, postInteraction, postSigned, slackHarness } from "../slack/helpers";

/**
 * Correctly signed Slack requests with a field missing: a 400 naming it, never a 500
 * (a listener reading `body.user.id` of nothing). Real Bolt behind the real route.
 */
describe("signed Slack payloads with missing fields", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await slackHarness();
  });
  afterAll(async () => h.close());

  const fieldsOf = async (res: Response) => Object.keys(((await res.json()) as { fields: Record<string, string> }).fields);
  const press = () => buttonPress(ACTION.acknowledge, randomUUID(), { channel: "D00000001", ts: "1.000001" }) as Record<string, unknown>;

  it.each([
    ["without user", (p: Record<string, unknown>) => delete p.user, "payload.user"],
    ["with a user without id", (p: Record<string, unknown>) => (p.user = { name: "x" }), "payload.user.id"],
    ["without actions", (p: Record<string, unknown>) => delete p.actions, "payload.actions"],
    ["with an action without action_id", (p: Record<string, unknown>) => (p.actions = [{ type: "button" }]), "payload.actions.0.action_id"],
    ["without type", (p: Record<string, unknown>) => delete p.type, "payload.type"],
  ])("block_actions %s → 400 naming %s", async (_what, mutate, field) => {
    const payload = press();
    mutate(payload);
    const res = await postInteraction(h, payload);
    expect(res.status).toBe(400);
    expect(await fieldsOf(res)).toEqual([field]);
  });

  it("view_submission without user or view → 400 naming it", async () => {
    const noUser = await postInteraction(h, { type: "view_submission", view: { id: "V1", callback_id: "bl_reply_modal" } });
    expect(noUser.status).toBe(400);
    expect(await fieldsOf(noUser)).toEqual(["payload.user"]);
    const noView = await postInteraction(h, { type: "view_submission", user: { id: "U1" } });
    expect(noView.status).toBe(400);
    expect(await fieldsOf(noView)).toEqual(["payload.view"]);
  });

  it("a slash command without user_id → 400 naming user_id", async () => {
    const res = await postSigned(h, new URLSearchParams({ command: "/buddyline", text: "away" }).toString(), "application/x-www-form-urlencoded");
    expect(res.status).toBe(400);
    expect(await fieldsOf(res)).toEqual(["user_id"]);
  });

  it("an event_callback without event → 400 naming body.event", async () => {
    const res = await postSigned(h, JSON.stringify({ type: "event_callback", team_id: "T1" }), "application/json");
    expect(res.status).toBe(400);
    expect(await fieldsOf(res)).toEqual(["body.event"]);
  });

  it("a complete press from an unknown user and a complete command still reach Bolt (200)", async () => {
    const ok = await postInteraction(h, press());
    expect(ok.status).toBe(200);
    const cmd = await postCommand(h, "/buddyline", "help", "UNKNOWN01");
    expect(cmd.status).toBe(200);
    await h.slackIdle();
  });
});
