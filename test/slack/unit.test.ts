import { DateTime } from "luxon";
import { describe, expect, it, vi } from "vitest";
import { parseConfig, ConfigError } from "../../src/app/config";
import { answeredStreak } from "../../src/features/peers/caseload";
import { digestBlocks, initials, notificationBlocks, plainTextFromSlack } from "../../src/adapters/slack/blocks";
import { slackApiUrl } from "../../src/adapters/slack/client";
import { slackSettings } from "../../src/adapters/slack/config";
import type { SlackDeps } from "../../src/features/peers/slack/deps";
import { awayCommand, caseloadCommand } from "../../src/features/peers/slack/commands";
import { threadReply } from "../../src/features/peers/slack/events";
import { parseAwayUntil } from "../../src/features/peers/slack/parse-away";
import { verifySlackSignature, hmacHex } from "../../src/adapters/slack/verify";
import { parseSlackBody } from "../../src/adapters/slack/routes";
import { storeFor, type Queryable } from "../../src/adapters/postgres";

const NY = "America/New_York";
const at = (iso: string, zone = NY) => DateTime.fromISO(iso, { zone }).toJSDate();
const iso = (d: Date | null, zone = NY) => (d ? DateTime.fromJSDate(d, { zone }).toISO({ suppressMilliseconds: true }) : null);

describe("/away [until] in the peer's own zone", () => {
  const now = at("2026-11-23T10:00");
  it("nothing = until further notice", () => expect(parseAwayUntil("  ", now, NY)).toEqual({ ok: true, until: null }));
  it("a time later today, or tomorrow once passed", () => {
    expect(iso((parseAwayUntil("17:30", now, NY) as { until: Date }).until)).toBe("2026-11-23T17:30:00-05:00");
    expect(iso((parseAwayUntil("9:00", now, NY) as { until: Date }).until)).toBe("2026-11-24T09:00:00-05:00");
  });
  it("dates, date + time, tomorrow", () => {
    expect(iso((parseAwayUntil("2026-11-30", now, NY) as { until: Date }).until)).toBe("2026-11-30T00:00:00-05:00");
    expect(iso((parseAwayUntil("2026-11-30 09:15", now, NY) as { until: Date }).until)).toBe("2026-11-30T09:15:00-05:00");
    expect(iso((parseAwayUntil("tomorrow 08:00", now, NY) as { until: Date }).until)).toBe("2026-11-24T08:00:00-05:00");
  });
  it("days are calendar days across a DST change (25 hours on the fall-back night)", () => {
    const before = at("2026-10-31T10:00");
    const until = (parseAwayUntil("1d", before, NY) as { until: Date }).until;
    expect(iso(until)).toBe("2026-11-01T10:00:00-05:00");
    expect(until.getTime() - before.getTime()).toBe(25 * 3600_000);
    expect(iso((parseAwayUntil("3h", before, NY) as { until: Date }).until)).toBe("2026-10-31T13:00:00-04:00");
  });
  it("a spring-forward gap moves to the first valid minute", () => {
    expect(iso((parseAwayUntil("2026-03-08 02:30", at("2026-03-07T12:00"), NY) as { until: Date }).until)).toBe("2026-03-08T03:00:00-04:00");
  });
  it("rejects the past and nonsense", () => {
    expect(parseAwayUntil("2026-11-01", now, NY).ok).toBe(false);
    expect(parseAwayUntil("soon", now, NY).ok).toBe(false);
    expect(parseAwayUntil("25:00", now, NY).ok).toBe(false);
    expect(parseAwayUntil("0h", now, NY).ok).toBe(false);
  });
});

describe("v0 signature check", () => {
  const secret = "s3cret";
  const body = "token=x&command=%2Fcaseload";
  const nowMs = Date.UTC(2026, 10, 23, 12, 0, 0);
  const ts = String(nowMs / 1000);
  it("accepts Slack's HMAC over v0:timestamp:body and rejects any change", async () => {
    const sig = `v0=${await hmacHex(secret, `v0:${ts}:${body}`)}`;
    expect(await verifySlackSignature(secret, { signature: sig, timestamp: ts }, body, nowMs)).toEqual({ ok: true });
    expect((await verifySlackSignature(secret, { signature: sig, timestamp: ts }, body + "x", nowMs)).ok).toBe(false);
    expect((await verifySlackSignature("other", { signature: sig, timestamp: ts }, body, nowMs)).ok).toBe(false);
  });
  it("rejects a timestamp more than five minutes away (replay)", async () => {
    const old = String(nowMs / 1000 - 301);
    const sig = `v0=${await hmacHex(secret, `v0:${old}:${body}`)}`;
    expect(await verifySlackSignature(secret, { signature: sig, timestamp: old }, body, nowMs)).toEqual({ ok: false, reason: "stale_timestamp" });
  });
  it("parses JSON events, payload= interactions and slash commands; names the bad field", () => {
    expect(parseSlackBody("application/json", '{"type":"event_callback","event":{"type":"message"}}')).toEqual({ ok: true, body: { type: "event_callback", event: { type: "message" } } });
    expect(parseSlackBody("application/json", '{"type":"event_callback"}')).toMatchObject({ ok: false, field: "body.event" });
    const action = { type: "block_actions", user: { id: "U1" }, actions: [{ action_id: "ack" }] };
    expect(parseSlackBody("application/x-www-form-urlencoded", `payload=${encodeURIComponent(JSON.stringify(action))}`)).toEqual({ ok: true, body: action });
    expect(parseSlackBody("application/x-www-form-urlencoded", "payload=%7B%22type%22%3A%22block_actions%22%7D")).toMatchObject({ ok: false, field: "payload.user" });
    expect(parseSlackBody("application/x-www-form-urlencoded", "command=%2Faway&text=2d&user_id=U1")).toEqual({ ok: true, body: { command: "/away", text: "2d", user_id: "U1" } });
    expect(parseSlackBody("application/x-www-form-urlencoded", "command=%2Faway&text=2d")).toMatchObject({ ok: false, field: "user_id" });
    expect(parseSlackBody("application/x-www-form-urlencoded", "ssl_check=1&token=x")).toEqual({ ok: true, body: { ssl_check: "1", token: "x" } });
    expect(parseSlackBody("text/plain", "x")).toMatchObject({ ok: false, field: "content-type" });
    expect(parseSlackBody("application/json", "[1]")).toMatchObject({ ok: false, field: "body" });
  });
});

describe("Slack config", () => {
  it("is off without a bot token; HTTP with a signing secret; Socket Mode with an app token", () => {
    expect(slackSettings(parseConfig({})).mode).toBe("off");
    expect(slackSettings(parseConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s" })).mode).toBe("http");
    expect(slackSettings(parseConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" })).mode).toBe("socket");
    expect(parseConfig({ SLACK_REDACT: "true" }).SLACK_REDACT).toBe(true);
    expect(parseConfig({}).SLACK_REDACT).toBe(false);
  });
  it("partial config is a ConfigError naming the missing variable", () => {
    expect(() => parseConfig({ SLACK_BOT_TOKEN: "xoxb-1" })).toThrow(/SLACK_SIGNING_SECRET/);
    expect(() => parseConfig({ SLACK_SIGNING_SECRET: "s" })).toThrow(/SLACK_BOT_TOKEN/);
    expect(() => parseConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xoxb-wrong" })).toThrow(/SLACK_APP_TOKEN/);
    expect(() => parseConfig({ SLACK_REDACT: "maybe" })).toThrow(ConfigError);
  });
  it("the API base URL always ends in /api/", () => {
    expect(slackApiUrl("http://127.0.0.1:9")).toBe("http://127.0.0.1:9/api/");
    expect(slackApiUrl("http://127.0.0.1:9/api")).toBe("http://127.0.0.1:9/api/");
    expect(slackApiUrl(undefined)).toBeUndefined();
  });
});

describe("blocks and caseload rules", () => {
  it("initials", () => {
    expect(initials("Ana")).toBe("A.");
    expect(initials("ana maría")).toBe("A.M.");
  });
  it("escapes mrkdwn so a parent's text cannot become a mention or link", () => {
    const blocks = notificationBlocks({
      notification: { id: "n1", kind: "parent_message", summary: "<!channel> & <http://x|y>", createdAt: new Date(0) } as never,
      participant: null,
      peer: null,
      redact: false,
    });
    expect(JSON.stringify(blocks)).toContain("&lt;!channel&gt; &amp; &lt;http://x|y&gt;");
  });
  it("a peer's Slack text reaches the SMS as typed: entities, links and mentions unwrapped", () => {
    expect(plainTextFromSlack("Forms &amp; ID, 3 &lt; 4 &gt; 2")).toBe("Forms & ID, 3 < 4 > 2");
    expect(plainTextFromSlack("see <https://example.org/a?b=1&amp;c=2> or <http://example.org|example.org>")).toBe(
      "see https://example.org/a?b=1&c=2 or example.org",
    );
    expect(plainTextFromSlack("<mailto:ana@example.org|ana@example.org> <tel:+15555550100> <@U123> <#C1|general> <!here>")).toBe(
      "ana@example.org +15555550100 @U123 #general @here",
    );
  });
  it("no section is longer than Slack's 3000 characters, however long the note or the digest", () => {
    const note = (i: number) => ({ id: `n${i}`, kind: "parent_message", summary: "so much to say & more ".repeat(150), createdAt: new Date(0) }) as never;
    const parent = { firstName: "Ana" } as never;
    const sections = (blocks: unknown[]) =>
      (blocks as { type: string; text?: { text: string } }[]).filter((b) => b.type === "section").map((b) => b.text!.text);
    const digest = sections(digestBlocks({ headline: "While you were off: 40 messages", items: Array.from({ length: 40 }, (_, i) => ({ notification: note(i), participant: parent })), redact: false }));
    expect(digest.join("\n").match(/^• /gm)).toHaveLength(40);
    for (const t of digest) expect(t.length).toBeLessThanOrEqual(3000);
    const single = sections(notificationBlocks({ notification: note(0), participant: parent, peer: null, redact: false }));
    for (const t of single) expect(t.length).toBeLessThanOrEqual(3000);
  });
  it("streak counts answered check-ins newest first, skipping one still awaiting", () => {
    expect(answeredStreak(["awaiting", "answered", "answered", "missed", "answered"])).toBe(2);
    expect(answeredStreak(["missed", "answered"])).toBe(0);
    expect(answeredStreak([])).toBe(0);
  });
});

describe("named listener callbacks with stubbed ack/respond", () => {
  const deps = (peer: unknown) => {
    const clock = { now: () => at("2026-11-23T10:00") };
    const db = { clock, query: vi.fn(async () => ({ rows: peer ? [peer] : [], rowCount: peer ? 1 : 0 })) };
    return {
      db,
      store: storeFor(db as unknown as Queryable),
      clock,
      log: { debug() {}, info() {}, warn() {}, error() {} },
      redact: false,
    } as unknown as SlackDeps;
  };
  const command = (text: string) => ({ user_id: "UNOBODY01", text, command: "/away" }) as never;

  it("acks first and tells an unlinked user how to link", async () => {
    const ack = vi.fn(async () => undefined);
    const respond = vi.fn(async () => undefined);
    await caseloadCommand(deps(null))({ command: command(""), ack, respond } as never);
    expect(ack).toHaveBeenCalledTimes(1);
    expect(ack.mock.invocationCallOrder[0]).toBeLessThan(respond.mock.invocationCallOrder[0]!);
    expect(respond).toHaveBeenCalledWith(expect.objectContaining({ response_type: "ephemeral", text: expect.stringMatching(/not linked/) }));
  });

  it("/away with nonsense answers the usage and changes nothing", async () => {
    const peerRow = { id: "p1", name: "Rosa", time_zone: NY, working_hours: [], off_dates: [], slack_user_id: "UNOBODY01" };
    const d = deps(peerRow);
    const respond = vi.fn(async () => undefined);
    await awayCommand(d)({ command: command("whenever"), ack: async () => undefined, respond } as never);
    expect(respond).toHaveBeenCalledWith(expect.objectContaining({ text: expect.stringMatching(/Usage/) }));
    const sqls = (d.db.query as ReturnType<typeof vi.fn>).mock.calls.map((c) => String(c[0]));
    expect(sqls.some((s) => /update peers/.test(s))).toBe(false);
  });

  it("thread replies ignore edits and top-level messages without touching the store", async () => {
    const d = deps(null);
    const client = { reactions: { add: vi.fn() }, chat: { postEphemeral: vi.fn() } };
    await threadReply(d)({ event: { type: "message", subtype: "message_changed", channel: "D1", ts: "1" }, client } as never);
    await threadReply(d)({ event: { type: "message", channel: "D1", user: "U1", text: "hi", ts: "1" }, client } as never);
    expect(d.db.query).not.toHaveBeenCalled();
  });

  it("a thread reply too long for one text is refused to the peer, never cut and sent", async () => {
    const peerRow = { id: "p1", name: "Rosa", time_zone: NY, working_hours: [], off_dates: [], slack_user_id: "UPEER", participant_id: "a1", channel: "D1", ts: "1" };
    const d = deps(peerRow);
    const client = { reactions: { add: vi.fn() }, chat: { postEphemeral: vi.fn(async () => ({})) } };
    await threadReply(d)({ event: { type: "message", channel: "D1", user: "UPEER", text: "x".repeat(1001), ts: "2", thread_ts: "1" }, client } as never);
    expect(client.chat.postEphemeral).toHaveBeenCalledWith(expect.objectContaining({ user: "UPEER", thread_ts: "1", text: expect.stringMatching(/Not sent.*1000/) }));
    expect(client.reactions.add).not.toHaveBeenCalled();
    const sqls = (d.db.query as ReturnType<typeof vi.fn>).mock.calls.map((c) => String(c[0]));
    expect(sqls.some((s) => /outbound_messages/.test(s))).toBe(false);
  });
});
