import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PROGRAM_NUMBER, waitFor, type Harness } from "../support/harness";
import { quiet } from "../support/settle";
import { FAKE_BOT_USER, SLACK_BOT_TOKEN } from "../support/fake-slack";
import { ACTION } from "../../src/adapters/slack/blocks";
import { blockText, buttonPress, linkedParent, parentTexts, PEER_SLACK_USER, postCommand, postEvent, postInteraction, posted, postSigned, slackHarness } from "./helpers";

describe("/slack/events: signature, parsing, Slack's own checks", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await slackHarness();
  });
  afterEach(async () => h.close());

  const challenge = JSON.stringify({ type: "url_verification", token: "x", challenge: "abc123" });

  it("answers url_verification with a good signature", async () => {
    const res = await postSigned(h, challenge, "application/json");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: "abc123" });
  });

  it("401 for a bad signature, a missing one, and a timestamp older or newer than 5 minutes", async () => {
    const bad = await h.app.request("/slack/events", {
      method: "POST",
      headers: { "content-type": "application/json", "x-slack-request-timestamp": String(Math.floor(Date.now() / 1000)), "x-slack-signature": "v0=" + "0".repeat(64) },
      body: challenge,
    });
    expect(bad.status).toBe(401);
    const missing = await h.app.request("/slack/events", { method: "POST", headers: { "content-type": "application/json" }, body: challenge });
    expect(missing.status).toBe(401);
    const now = Math.floor(Date.now() / 1000);
    expect((await postSigned(h, challenge, "application/json", {}, now - 301)).status).toBe(401);
    expect((await postSigned(h, challenge, "application/json", {}, now + 301)).status).toBe(401);
    // Inside the window it is accepted: the check is the window, not "exactly now".
    expect((await postSigned(h, challenge, "application/json", {}, now - 290)).status).toBe(200);
  });

  it("a signed but malformed body is a 400 naming the field, never a 500", async () => {
    const res = await postSigned(h, "payload=%7Bnot-json", "application/x-www-form-urlencoded");
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ fields: { payload: expect.any(String) } });
    const noCommand = await postSigned(h, "text=hi", "application/x-www-form-urlencoded");
    expect(noCommand.status).toBe(400);
    expect(await noCommand.json()).toMatchObject({ fields: { command: expect.any(String) } });
  });

  it("answers Slack's form-encoded ssl_check with a 200", async () => {
    const res = await postSigned(h, "ssl_check=1&token=x", "application/x-www-form-urlencoded");
    expect(res.status).toBe(200);
  });

  it("is a 404 when Slack is not configured", async () => {
    const { createHarness } = await import("../support/harness");
    const plain = await createHarness({ sms: "sandbox" });
    try {
      expect((await postSigned(plain, challenge, "application/json")).status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});

describe("notes in Slack, replies by SMS (real Bolt and WebClient against a fake Slack)", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await slackHarness();
    h.startWorkers();
  });
  afterEach(async () => h.close());

  const textsTo = (phone: string) => h.fakeTwilio!.sentTo(phone);

  it("a parent's text arrives as Block Kit in the peer's DM; the second one that day joins the same thread", async () => {
    const { phone, participantId } = await linkedParent(h);
    const [first] = await parentTexts(h, phone, "I had a rough night, can we talk", 1);
    expect(first!.args.channel).toBe(PEER_SLACK_USER);
    expect(first!.token).toBe(SLACK_BOT_TOKEN);
    expect(first!.args.thread_ts).toBeUndefined();
    expect(blockText(first!)).toContain("Ana");
    expect(blockText(first!)).toContain("I had a rough night, can we talk");
    expect(JSON.stringify(first!.args.blocks)).toContain(ACTION.reply);
    // The push-notification text carries no body; no phone number anywhere.
    expect(String(first!.args.text)).not.toContain("rough night");
    expect(h.fakeSlack!.everythingSent()).not.toContain(phone);
    expect(h.fakeSlack!.everythingSent()).not.toContain(phone.slice(2));

    const posts = await parentTexts(h, phone, "also my car broke down", 2);
    expect(posts[1]!.args.thread_ts).toBe(posted(first!).ts);
    // Marked delivered just after the post returns.
    await waitFor(async () => (await h.store.notifications.list({ participantId })).every((n) => n.deliveredAt && n.channel === "slack"), 5000, "delivered");
  });

  it("a peer's reply in the parent's thread goes to the parent by SMS from the program number, once even when Slack retries", async () => {
    const { phone } = await linkedParent(h);
    const [first] = await parentTexts(h, phone, "are you around today", 1);
    const { channel, ts } = posted(first!);
    expect(channel).toMatch(/^D/);
    await quiet(h); // the parent's text fully handled (its ack sent) before counting
    const before = textsTo(phone).length;
    const event = { type: "message", channel, channel_type: "im", user: PEER_SLACK_USER, text: "Yes! Call you at 3?", ts: "1790000099.000100", thread_ts: ts };
    const res = await postEvent(h, event, { eventId: "Ev1" });
    expect(res.status).toBe(200);
    await waitFor(() => textsTo(phone).length === before + 1, 10_000, "reply sms");
    const sms = textsTo(phone).at(-1)!;
    expect(sms.from).toBe(PROGRAM_NUMBER);
    expect(sms.body).toBe("Rosa: Yes! Call you at 3?");
    await waitFor(() => h.fakeSlack!.callsTo("reactions.add").length === 1, 5000, "reaction");

    // Slack retries the same event (X-Slack-Retry-Num): no second text.
    expect((await postEvent(h, event, { eventId: "Ev1", retryNum: 1 })).status).toBe(200);
    expect((await postEvent(h, event, { eventId: "Ev1", retryNum: 2 })).status).toBe(200);
    await quiet(h); // both retries' listeners returned and any text they queued went out
    expect(textsTo(phone).filter((s) => s.body.includes("Call you at 3"))).toHaveLength(1);

    // The parent's next text joins the same thread.
    const posts = await parentTexts(h, phone, "3 works", 2);
    expect(posts[1]!.args.thread_ts).toBe(ts);
    // Logs carry ids only: neither side's words nor the number.
    const logs = h.logLines.join("\n");
    for (const leak of ["Call you at 3", "are you around", phone]) expect(logs).not.toContain(leak);
  });

  it("ignores the bot's own posts, edits, and messages outside Buddyline's threads", async () => {
    const { phone } = await linkedParent(h);
    const [first] = await parentTexts(h, phone, "hello", 1);
    const { channel, ts } = posted(first!);
    await quiet(h); // the parent's text fully handled (its ack sent) before counting
    const before = h.fakeTwilio!.sent.length;
    await postEvent(h, { type: "message", channel, user: FAKE_BOT_USER, bot_id: "BBOT00001", text: "bot", ts: "1790000099.1", thread_ts: ts });
    await postEvent(h, { type: "message", subtype: "message_changed", channel, ts: "1790000099.2", hidden: true, message: { text: "x" } });
    await postEvent(h, { type: "message", channel, user: PEER_SLACK_USER, text: "not in a thread", ts: "1790000099.3" });
    await postEvent(h, { type: "message", channel, user: PEER_SLACK_USER, text: "other thread", ts: "1790000099.4", thread_ts: "1111.2222" });
    await quiet(h);
    expect(h.fakeTwilio!.sent.length).toBe(before);
  });

  it("Reply opens a modal; submitting it texts the parent once, even if submitted twice", async () => {
    const { phone, participantId } = await linkedParent(h);
    const [first] = await parentTexts(h, phone, "need to talk", 1);
    const [note] = await h.store.notifications.list({ participantId });
    const press = buttonPress(ACTION.reply, note!.id, posted(first!));
    expect((await postInteraction(h, press)).status).toBe(200);
    const [open] = await waitFor(() => (h.fakeSlack!.callsTo("views.open").length ? h.fakeSlack!.callsTo("views.open") : null));
    expect(open!.args.trigger_id).toBe(press.trigger_id);
    const view = open!.args.view as { callback_id: string; private_metadata: string; blocks: { block_id: string }[] };

    const submission = {
      type: "view_submission",
      team: { id: "T00000001" },
      user: { id: PEER_SLACK_USER },
      api_app_id: "A00000001",
      view: {
        id: "V0REPLY01",
        type: "modal",
        callback_id: view.callback_id,
        private_metadata: view.private_metadata,
        state: { values: { [view.blocks[0]!.block_id]: { text: { type: "plain_text_input", value: "Thinking of you today" } } } },
      },
    };
    await quiet(h); // the parent's text fully handled (its ack sent) before counting
    const before = textsTo(phone).length;
    const res = await postInteraction(h, submission);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(""); // empty ack closes the modal
    await waitFor(() => textsTo(phone).length === before + 1, 10_000, "modal sms");
    expect(textsTo(phone).at(-1)!.body).toBe("Rosa: Thinking of you today");
    await postInteraction(h, submission);
    await quiet(h);
    expect(textsTo(phone).length).toBe(before + 1);
    // The thread notes that a reply went, without repeating it.
    const line = await waitFor(() => h.fakeSlack!.callsTo("chat.postMessage").find((c) => String(c.args.text).includes("replied by text")));
    expect(line.args.thread_ts).toBe(posted(first!).ts);
    expect(JSON.stringify(line.args)).not.toContain("Thinking of you");
  });

  it("an empty reply or one to an opted-out parent is refused in the modal, and nothing is sent", async () => {
    const { phone, participantId } = await linkedParent(h);
    await parentTexts(h, phone, "hi", 1);
    const [note] = await h.store.notifications.list({ participantId });
    const submit = (id: string, value: string) =>
      postInteraction(h, {
        type: "view_submission",
        user: { id: PEER_SLACK_USER },
        view: { id, type: "modal", callback_id: "bl_reply_modal", private_metadata: JSON.stringify({ notificationId: note!.id }), state: { values: { bl_reply_text: { text: { type: "plain_text_input", value } } } } },
      });
    const empty = await submit("V0EMPTY", "   ");
    expect(await empty.json()).toMatchObject({ response_action: "errors", errors: { bl_reply_text: expect.any(String) } });

    await h.postSms(phone, "STOP");
    await waitFor(async () => (await h.store.participants.get(participantId))?.consent === "opted_out");
    await waitFor(() => textsTo(phone).some((t) => /unsubscribed/.test(t.body)), 10_000, "stop confirmation");
    await quiet(h); // the parent's text fully handled (its ack sent) before counting
    const before = h.fakeTwilio!.sent.length;
    const refused = await submit("V0STOPPED", "hello?");
    expect(await refused.json()).toMatchObject({ response_action: "errors", errors: { bl_reply_text: expect.stringMatching(/opted out/) } });
    await quiet(h);
    expect(h.fakeTwilio!.sent.length).toBe(before);
    expect((await h.db.query("select count(*)::int as n from outbound_messages where kind = 'peer_reply'")).rows[0]).toEqual({ n: 0 });
  });

  it("Hand to hotline opens a case with the parent's text and pages the volunteer on shift by SMS", async () => {
    const res = await h.admin("POST", "/hotline/responders", {
      name: "Vol One", phone: "+15555550300", language: "en", timeZone: "America/New_York", tier: "primary",
      shifts: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: "00:00", end: "00:00" })),
    });
    expect(res.status).toBe(201);
    const { phone, participantId } = await linkedParent(h);
    const [first] = await parentTexts(h, phone, "things are getting bad at home", 1);
    const [note] = await h.store.notifications.list({ participantId });
    await postInteraction(h, buttonPress(ACTION.handToHotline, note!.id, posted(first!)));
    const page = await waitFor(() => h.fakeTwilio!.sentTo("+15555550300")[0], 10_000, "page");
    expect(page.from).toBe(PROGRAM_NUMBER);
    const cases = await h.store.cases.list({});
    expect(cases).toHaveLength(1);
    expect(cases[0]!.participantId).toBe(participantId);
    const events = await h.store.cases.events(cases[0]!.id);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(["received", "handed_over_by_peer", "paged"]));
    expect(events.find((e) => e.type === "received")!.detail.inboundId).toBe(note!.inboundMessageId);
    // The parent was not sent the crisis safety reply; the timeline must not say so.
    expect(events.map((e) => e.type)).not.toContain("safety_reply");
    const update = await waitFor(() => h.fakeSlack!.callsTo("chat.update")[0]);
    expect(blockText(update)).toContain(cases[0]!.shortId);
    expect(blockText(update)).not.toContain(ACTION.handToHotline); // buttons gone

    // Pressing it again joins the open case instead of opening a second one.
    await postInteraction(h, buttonPress(ACTION.handToHotline, note!.id, posted(first!)));
    await waitFor(() => h.fakeSlack!.callsTo("chat.update").length === 2);
    expect(await h.store.cases.list({})).toHaveLength(1);
  });

  it("Acknowledge and Snooze call the availability services and update the message", async () => {
    const { phone, participantId, peerId } = await linkedParent(h);
    await h.admin("PATCH", `/peers/${peerId}`, { workingHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: "00:00", end: "23:59" })) });
    const [first] = await parentTexts(h, phone, "one", 1);
    const posts = await parentTexts(h, phone, "two", 2);
    const [n2, n1] = await h.store.notifications.list({ participantId }); // newest first
    await postInteraction(h, buttonPress(ACTION.acknowledge, n1!.id, posted(first!)));
    await waitFor(async () => (await h.store.notifications.get(n1!.id))?.acknowledgedAt);
    expect((await h.store.notifications.get(n1!.id))!.acknowledgedBy).toBe(peerId);
    const ackUpdate = await waitFor(() => h.fakeSlack!.callsTo("chat.update")[0]);
    expect(ackUpdate.args).toMatchObject({ channel: posted(first!).channel, ts: posted(first!).ts });
    expect(blockText(ackUpdate)).toContain("Acknowledged by Rosa Diaz");

    await postInteraction(h, buttonPress(ACTION.snooze, n2!.id, posted(posts[1]!)));
    const snoozed = await waitFor(async () => (await h.store.notifications.get(n2!.id))?.snoozedUntil);
    expect(snoozed.getTime()).toBeGreaterThan(Date.now());
    const snoozeUpdate = await waitFor(() => h.fakeSlack!.callsTo("chat.update")[1]);
    expect(blockText(snoozeUpdate)).toContain("Snoozed until");

    // Someone else's button press changes nothing.
    await h.admin("POST", "/peers", { name: "Other Peer", timeZone: "America/New_York", slackUserId: "UOTHER001" });
    const n3 = (await parentTexts(h, phone, "three", 3)) && (await h.store.notifications.list({ participantId }))[0]!;
    await postInteraction(h, buttonPress(ACTION.acknowledge, n3.id, posted(posts[1]!), "UOTHER001"));
    await quiet(h);
    expect((await h.store.notifications.get(n3.id))!.acknowledgedAt).toBeNull();
  });

  it("/away [until] and /back set and clear the absence; answers go to response_url", async () => {
    const { peerId } = await linkedParent(h);
    const res = await postCommand(h, "/away", "2d", PEER_SLACK_USER, "away1");
    expect(res.status).toBe(200);
    const reply = await waitFor(() => h.fakeSlack!.responses.find((r) => r.id === "away1"));
    expect(String(reply.body.text)).toMatch(/You're away until/);
    const peer = (await h.store.peers.get(peerId))!;
    expect(peer.awayUntil!.getTime()).toBeGreaterThan(Date.now() + 47 * 3600_000);

    await postCommand(h, "/away", "", PEER_SLACK_USER, "away2");
    await waitFor(() => h.fakeSlack!.responses.find((r) => r.id === "away2"));
    expect((await h.store.peers.get(peerId))!.awayIndefinitely).toBe(true);

    await postCommand(h, "/back", "", PEER_SLACK_USER, "back1");
    await waitFor(() => h.fakeSlack!.responses.find((r) => r.id === "back1"));
    const back = (await h.store.peers.get(peerId))!;
    expect(back.awayUntil).toBeNull();
    expect(back.awayIndefinitely).toBe(false);

    await postCommand(h, "/away", "next tuesday-ish", PEER_SLACK_USER, "away3");
    const usage = await waitFor(() => h.fakeSlack!.responses.find((r) => r.id === "away3"));
    expect(String(usage.body.text)).toMatch(/Usage/);
    await postCommand(h, "/away", "", "UNOBODY01", "away4");
    const notLinked = await waitFor(() => h.fakeSlack!.responses.find((r) => r.id === "away4"));
    expect(String(notLinked.body.text)).toMatch(/not linked/);
  });

  it("/caseload and the App Home list each parent with check-in, streak, missed count and open items", async () => {
    const { phone } = await linkedParent(h);
    await parentTexts(h, phone, "checking in", 1);
    await postCommand(h, "/caseload", "", PEER_SLACK_USER, "cl1");
    const r = await waitFor(() => h.fakeSlack!.responses.find((x) => x.id === "cl1"));
    expect(r.body.response_type).toBe("ephemeral");
    const text = JSON.stringify(r.body.blocks);
    expect(text).toContain("Your caseload (1)");
    expect(text).toContain("*Ana*");
    expect(text).toContain("Open items: 1");
    expect(text).toContain("Next appointment: —");
    expect(text).not.toContain(phone);

    await postEvent(h, { type: "app_home_opened", user: PEER_SLACK_USER, channel: "D0HOME", tab: "home" });
    const pub = await waitFor(() => h.fakeSlack!.callsTo("views.publish")[0]);
    expect(pub.args.user_id).toBe(PEER_SLACK_USER);
    expect(JSON.stringify(pub.args.view)).toContain("Open items: 1");

    // An appointment booked through the admin API shows up, in the peer's zone.
    const participantId = (await h.store.participants.byPhone(phone))!.id;
    const booked = await h.admin("POST", `/participants/${participantId}/appointments`, {
      kind: "court_hearing",
      localDate: "2030-01-15",
      localTime: "10:00",
    });
    expect(booked.status).toBe(201);
    await postCommand(h, "/caseload", "", PEER_SLACK_USER, "cl2");
    const again = await waitFor(() => h.fakeSlack!.responses.find((x) => x.id === "cl2"));
    expect(JSON.stringify(again.body.blocks)).toMatch(/Next appointment: [^—"]*Jan 15[^"]*10:00 AM/);
  });
});
