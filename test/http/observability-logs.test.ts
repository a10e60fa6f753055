import { afterEach, describe, expect, it } from "vitest";
import { createLogger, describeError } from "../../src/ports/log";
import { createHarness, enrol, waitFor, type Harness } from "../support/harness";

/** Generous: a long flow on a shared 2-core machine; each wait ends at its event, not at this. */
const WAIT = 30_000;
const ALWAYS = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: "00:00", end: "00:00" }));

/** Every way a phone number may be written into a line: E.164, digits, digits split by a separator. */
function phoneForms(e164: string): RegExp {
  const d = e164.replace(/^\+1/, "");
  const [a, b, c] = [d.slice(0, 3), d.slice(3, 6), d.slice(6)];
  return new RegExp(`${d}|${a}\\D{1,2}${b}\\D{1,2}${c}`);
}

describe("logs never carry phone numbers or message bodies", () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it("a logger call with a phone or a body in a field, or a number inside an error text, is redacted", () => {
    const lines: string[] = [];
    const log = createLogger("debug", (l) => lines.push(l));
    log.info("inbound", { phone: "+15555550142", body: "my secret words", From: "+15555550142", text: "my secret words" });
    log.warn("send failed", { error: describeError(new Error("The 'To' number +15555550142 is not a valid phone number")) });
    log.error("odd", { detail: "callback for 555-555-0142 and (555) 555 0142" });
    log.info("message with +1 555 555 0142 in it");
    expect(lines).toHaveLength(4);
    for (const line of lines) {
      expect(line).not.toMatch(phoneForms("+15555550142"));
      expect(line).not.toMatch(/secret/);
      expect(() => JSON.parse(line)).not.toThrow();
    }
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: "info", msg: "inbound", phone: "[redacted]", body: "[redacted]" });
  });

  it("a whole day's traffic — enrolment, check-in words, HELP, a crisis with a volunteer, STOP, an unknown number — leaves no number or body in any line", { timeout: 120_000 }, async () => {
    h = await createHarness({ sms: "twilio", env: { HOTLINE_ESCALATE_AFTER_SECONDS: "60" } });
    h.startWorkers();
    const parent = "+15555550161";
    const volunteer = "+15555550162";
    const stranger = "+15555550163";
    const texts = (phone: string) => h.fakeTwilio!.sentTo(phone).map((s) => s.body);
    const bodies = [
      "feeling rough about the custody hearing",
      "I want to end my life tonight, I have the pills",
      "I am here with you, are you safe right now",
      "yes my sister is coming over",
      "who is this, is Rosa my worker",
    ];

    const { participantId } = await enrol(h, { phone: parent });
    await h.postSms(parent, "YES");
    await waitFor(async () => (await h.store.participants.get(participantId))!.consent === "opted_in", WAIT, "opt-in");
    await h.postSms(parent, bodies[0]!);
    await waitFor(async () => (await h.store.notifications.list({ participantId })).length >= 1, WAIT, "note for the peer");
    // A bare HELP from an enrolled parent also asks a volunteer to check on them (a case).
    const res = await h.admin("POST", "/hotline/responders", { name: "Vol One", phone: volunteer, timeZone: "America/New_York", tier: "primary", shifts: ALWAYS });
    expect(res.status).toBe(201);
    await h.postSms(parent, "HELP");
    await waitFor(() => texts(parent).some((t) => /Contact/.test(t)), WAIT, "HELP reply");

    expect((await h.postSms(parent, bodies[1]!)).status).toBe(200);
    const [c] = await h.store.cases.list({ status: "open" });
    await waitFor(() => texts(volunteer).length >= 1, WAIT, "page");
    await h.postSms(volunteer, `ACCEPT ${c!.shortId}`);
    await waitFor(async () => (await h.store.cases.get(c!.id))!.status === "claimed", WAIT, "claim");
    await h.postSms(volunteer, bodies[2]!);
    await waitFor(() => texts(parent).includes(bodies[2]!), WAIT, "relay to parent");
    await h.postSms(parent, bodies[3]!);
    await waitFor(() => texts(volunteer).some((t) => t.includes(bodies[3]!)), WAIT, "relay to volunteer");
    await h.postSms(volunteer, `DONE ${c!.shortId} safe with family`);
    await waitFor(async () => (await h.store.cases.get(c!.id))!.status === "closed", WAIT, "closed");

    await h.postSms(stranger, bodies[4]!);
    await waitFor(() => texts(stranger).length === 1, WAIT, "unknown-number reply");
    await h.postSms(parent, "STOP");
    await waitFor(async () => (await h.store.participants.get(participantId))!.consent === "opted_out", WAIT, "opt-out");

    // The flow was logged (so the scan below looks at something), by ids and kinds.
    expect(h.logLines.length).toBeGreaterThan(5);
    const logged = h.logLines.map((l) => JSON.parse(l) as { msg: string; kind?: string });
    for (const msg of ["crisis text received", "inbound processed", "sms sent"]) expect(logged.map((l) => l.msg)).toContain(msg);
    expect(logged.filter((l) => l.kind === "hotline_relay").length).toBeGreaterThanOrEqual(2);
    for (const line of h.logLines) {
      for (const phone of [parent, volunteer, stranger]) expect(line).not.toMatch(phoneForms(phone));
      for (const body of [...bodies, "safe with family"]) {
        // Any four-word run of a body would be a leak; single common words are not.
        const words = body.split(" ");
        for (let i = 0; i + 4 <= words.length; i++) expect(line).not.toContain(words.slice(i, i + 4).join(" "));
      }
    }
  });
});
