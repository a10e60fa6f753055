import { DateTime } from "luxon";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSlackNotifications } from "../../src/adapters/slack/notify";
import type { NotificationPort } from "../../src/ports/notify";
import type { Participant, Peer } from "../../src/domain/model";
import { createWebClient } from "../../src/adapters/slack/client";
import { runningClock } from "../support/clock";
import { SLACK_BOT_TOKEN } from "../support/fake-slack";
import { enrol, type Harness } from "../support/harness";
import { blockText, PEER_SLACK_USER, slackHarness } from "./helpers";

const NY = "America/New_York";
const at = (iso: string) => DateTime.fromISO(iso, { zone: NY }).toJSDate();

describe("Slack NotificationPort: threads per parent per peer-local day, exactly one post per note", () => {
  let h: Harness;
  let clock: ReturnType<typeof runningClock>;
  let port: (redact: boolean) => NotificationPort;
  let peer: Peer;
  let parent: Participant;
  let seq = 0;

  beforeEach(async () => {
    clock = runningClock(at("2026-11-23T19:30"));
    h = await slackHarness({ clock, env: { SLACK_SUPERVISOR_CHANNEL: "C0SUPERVISE" } });
    const ids = await enrol(h);
    peer = (await h.store.peers.update(ids.peerId, { slackUserId: PEER_SLACK_USER }))!;
    parent = (await h.store.participants.get(ids.participantId))!;
    const client = createWebClient(SLACK_BOT_TOKEN, h.fakeSlack!.url, h.deps.log);
    port = (redact) =>
      createSlackNotifications({ client, db: h.db, clock, log: h.deps.log, redact, supervisorChannel: "C0SUPERVISE", threadWaitMs: 300 });
  });
  afterEach(async () => h.close());

  async function note(summary: string, kind = "parent_message") {
    const { notification } = await h.store.notifications.createOnce({
      idempotencyKey: `test|${++seq}`,
      peerId: peer.id,
      participantId: parent.id,
      kind,
      summary,
    });
    return notification;
  }
  const postsOf = () => h.fakeSlack!.callsTo("chat.postMessage");

  it("keeps one thread through the peer's evening (a new UTC date) and opens a new one after the peer's midnight", async () => {
    const p = port(false);
    await p.deliver(await note("evening one"), { peer, participant: parent }); // 00:30 UTC on the 24th
    clock.set(at("2026-11-23T23:59"));
    await p.deliver(await note("late one"), { peer, participant: parent });
    clock.set(at("2026-11-24T00:01"));
    await p.deliver(await note("after midnight"), { peer, participant: parent });
    const [a, b, c] = postsOf();
    expect(a!.args.thread_ts).toBeUndefined();
    expect(b!.args.thread_ts).toBe(a!.result!.ts);
    expect(c!.args.thread_ts).toBeUndefined();
  });

  it("a day that changes clocks (fall back) is still one thread", async () => {
    clock.set(at("2026-11-01T00:30"));
    const p = port(false);
    await p.deliver(await note("before the change"), { peer, participant: parent });
    clock.set(at("2026-11-01T23:30"));
    await p.deliver(await note("after the change"), { peer, participant: parent });
    const [a, b] = postsOf();
    expect(b!.args.thread_ts).toBe(a!.result!.ts);
  });

  it("a retried delivery does not post twice; a failed first post releases the day's thread", async () => {
    const p = port(false);
    h.fakeSlack!.fail("chat.postMessage", "channel_not_found");
    const n1 = await note("first");
    await expect(p.deliver(n1, { peer, participant: parent })).rejects.toThrow(/channel_not_found/);
    await p.deliver(n1, { peer, participant: parent });
    await p.deliver(n1, { peer, participant: parent });
    const ok = postsOf().filter((c) => c.result?.ok);
    expect(ok).toHaveLength(1);
    expect(ok[0]!.args.thread_ts).toBeUndefined(); // it became the thread root
    await p.deliver(await note("second"), { peer, participant: parent });
    expect(postsOf().at(-1)!.args.thread_ts).toBe(ok[0]!.result!.ts);
  });

  it("two notes delivered at once open one thread, not two", async () => {
    const p = port(false);
    const [x, y] = [await note("x"), await note("y")];
    await Promise.all([p.deliver(x, { peer, participant: parent }), p.deliver(y, { peer, participant: parent })]);
    const roots = postsOf().filter((c) => c.args.thread_ts === undefined);
    expect(roots).toHaveLength(1);
    expect(postsOf()).toHaveLength(2);
  });

  it("posts to the peer's configured channel instead of the DM", async () => {
    peer = (await h.store.peers.update(peer.id, { slackChannelId: "C0PEERS01" }))!;
    await port(false).deliver(await note("hi"), { peer, participant: parent });
    expect(postsOf()[0]!.args.channel).toBe("C0PEERS01");
  });

  it("redaction on: initials and 'new message — open to read', no body, in notes and digests", async () => {
    const p = port(true);
    const n = await note("I relapsed last night and I'm scared");
    await p.deliver(n, { peer, participant: parent });
    await p.deliverDigest({ peer, headline: "While you were off: 1 message from 1 parent", items: [{ notification: n, participant: parent }] });
    const sent = h.fakeSlack!.everythingSent();
    expect(sent).not.toContain("relapsed");
    expect(sent).not.toContain("Ana");
    expect(sent).not.toContain(parent.phone);
    expect(blockText(postsOf()[0]!)).toContain("A.");
    expect(blockText(postsOf()[0]!)).toContain("new message — open to read");
    expect(blockText(postsOf()[0]!)).toContain("bl_open");
  });

  it("redaction off: the first name and the text, in notes and digests", async () => {
    const p = port(false);
    const n = await note("Can we move our call?");
    await p.deliver(n, { peer, participant: parent });
    await p.deliverDigest({ peer, headline: "While you were off: 1 message from 1 parent", items: [{ notification: n, participant: parent }] });
    const [noteCall, digestCall] = postsOf();
    expect(blockText(noteCall!)).toContain("Can we move our call?");
    expect(blockText(noteCall!)).not.toContain("bl_open");
    expect(digestCall!.args.channel).toBe(PEER_SLACK_USER);
    expect(digestCall!.args.text).toBe("While you were off: 1 message from 1 parent");
    expect(blockText(digestCall!)).toContain("Ana");
    expect(blockText(digestCall!)).toContain("Can we move our call?");
  });

  it("the supervisors' summary goes to SLACK_SUPERVISOR_CHANNEL", async () => {
    await port(false).postSupervisorSummary({ date: "2026-11-23", headline: "Boundaries held: 4 notes waited", lines: ["2 notes deferred", "0 interruptions"] });
    const [call] = postsOf();
    expect(call!.args.channel).toBe("C0SUPERVISE");
    expect(blockText(call!)).toContain("2 notes deferred");
  });

  it("a peer without Slack keeps notes in the outbox (no call, no throw)", async () => {
    peer = (await h.store.peers.update(peer.id, { slackUserId: null }))!;
    await port(false).deliver(await note("hi"), { peer, participant: parent });
    expect(postsOf()).toHaveLength(0);
  });
});
