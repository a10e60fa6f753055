import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, enrol, waitFor, type Harness } from "../support/harness";
import { quiet } from "../support/settle";

describe("enrolment and carrier keywords, end to end through the Twilio webhook", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness({ sms: "twilio" });
    h.startWorkers();
  });
  afterEach(async () => h.close());

  const textsTo = (phone: string) => h.fakeTwilio!.sentTo(phone).map((s) => s.body);

  it("sends a welcome asking for YES, and confirms after YES", async () => {
    const { phone, participantId } = await enrol(h);
    await waitFor(() => textsTo(phone).length === 1, 10_000, "welcome");
    expect(textsTo(phone)[0]).toMatch(/Reply YES/);
    expect((await h.store.participants.get(participantId))!.consent).toBe("pending");

    const res = await h.postSms(phone, "yes");
    expect(res.status).toBe(200);
    await waitFor(() => textsTo(phone).length === 2, 10_000, "confirmation");
    expect(textsTo(phone)[1]).toMatch(/signed up/);
    expect((await h.store.participants.get(participantId))!.consent).toBe("opted_in");
  });

  it("STOP opts out with one confirmation and nothing is texted afterwards; START opts back in", async () => {
    const { phone, participantId } = await enrol(h);
    await h.postSms(phone, "YES");
    await waitFor(() => textsTo(phone).length === 2);
    await h.postSms(phone, "Stop");
    await waitFor(() => textsTo(phone).length === 3);
    expect(textsTo(phone)[2]).toMatch(/unsubscribed/);
    expect((await h.store.participants.get(participantId))!.consent).toBe("opted_out");

    // A non-keyword text goes to the peer, with no reply to the parent.
    await h.postSms(phone, "are you there");
    await waitFor(async () => (await h.store.notifications.list({ participantId })).length === 1);
    await quiet(h); // the text's handling is over: anything it would send has gone
    expect(textsTo(phone)).toHaveLength(3);

    await h.postSms(phone, "START");
    await waitFor(() => textsTo(phone).length === 4);
    expect(textsTo(phone)[3]).toMatch(/welcome back/i);
  });

  it("keywords count only as the whole message", async () => {
    const { phone, participantId } = await enrol(h);
    await h.postSms(phone, "YES");
    await waitFor(() => textsTo(phone).length === 2);
    await h.postSms(phone, "please don't stop texting me");
    await waitFor(async () => (await h.store.notifications.list({ participantId })).length === 1);
    expect((await h.store.participants.get(participantId))!.consent).toBe("opted_in");
  });

  it("HELP names the program, opt-out, frequency, rates and a contact", async () => {
    const { phone } = await enrol(h);
    await h.postSms(phone, "HELP");
    await waitFor(() => textsTo(phone).length === 2);
    const help = textsTo(phone)[1]!;
    expect(help).toMatch(/Buddyline/);
    expect(help).toMatch(/STOP/);
    expect(help).toMatch(/msgs?\/day/);
    expect(help).toMatch(/rates may apply/i);
    expect(help).toMatch(/Contact:/);
  });

  it("answers an unknown number with a generic line that names nobody", async () => {
    await enrol(h);
    await h.postSms("+15555550199", "hi is this Ana's peer?");
    await waitFor(() => textsTo("+15555550199").length === 1);
    const reply = textsTo("+15555550199")[0]!;
    expect(reply).toMatch(/988/);
    expect(reply).not.toMatch(/Ana|Rosa/);
  });
});
