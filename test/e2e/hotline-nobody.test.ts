import { afterEach, describe, expect, it } from "vitest";
import { quiet } from "../support/settle";
import { createHarness, enrol, waitFor, type Harness } from "../support/harness";
import { addResponder, E2E_TIMEOUT, WAIT, eventTypes, openCase, textsTo } from "./hotline-helpers";

const CHANNEL = "C0SUPERVISORS";

/**
 * No responder configured, or none on shift: the parent is not promised a volunteer (the
 * reply sends them to 988 now) and the supervisors hear it by Slack and by SMS.
 */
describe("a crisis text with no volunteer to answer it", { timeout: E2E_TIMEOUT }, () => {
  let h: Harness;
  afterEach(async () => {
    // Let in-flight work (a paging step, a relay) finish before the connections close.
    await quiet(h, { timeoutMs: WAIT }).catch(() => undefined);
    await h.close();
  });

  async function start(env: Record<string, string> = {}) {
    h = await createHarness({
      sms: "twilio",
      slack: "http",
      env: { HOTLINE_ESCALATE_AFTER_SECONDS: "30", HOTLINE_REPEAT_EVERY_SECONDS: "30", SLACK_SUPERVISOR_CHANNEL: CHANNEL, ...env },
    });
    h.startWorkers();
  }
  const alertsPosted = () => h.fakeSlack!.callsTo("chat.postMessage").filter((c) => c.args.channel === CHANNEL);

  it("no responders configured: 988 and no promise in the TwiML; the supervisors' Slack channel is alerted", async () => {
    await start();
    const { c, twiml } = await openCase(h, "+15555581001", "i want to die");
    expect(twiml).toMatch(/988/);
    expect(twiml).toMatch(/911/);
    expect(twiml).not.toMatch(/volunteer will text/i);
    const post = await waitFor(() => alertsPosted()[0], WAIT, "slack alert");
    expect(String(post.args.text)).toContain(c.shortId);
    expect(JSON.stringify(post.args)).not.toMatch(/want to die|5555581001/); // ids only
    await waitFor(async () => (await eventTypes(h, c.id)).includes("supervisors_alerted"), WAIT, "alert on the timeline");
    expect(await eventTypes(h, c.id)).toContain("nobody_on_shift");
  });

  it("nobody on shift: no promise (in Spanish too), every supervisor is texted an alert even off shift, Slack too", async () => {
    await start();
    const off = await addResponder(h, { name: "Olga Off", phone: "+15555582001", tier: "primary", shifts: [] });
    const sup = await addResponder(h, { name: "Sam Super", phone: "+15555582002", tier: "supervisor", shifts: [] });
    const { phone } = await enrol(h, { language: "es", phone: "+15555582100" });
    const { c, twiml } = await openCase(h, phone, "no quiero vivir, tengo las pastillas");
    expect(twiml).toMatch(/AYUDA al 988/);
    expect(twiml).not.toMatch(/voluntario le escribirá/i);
    const alert = await waitFor(() => textsTo(h, sup.phone).find((t) => t.includes(c.shortId)), WAIT, "supervisor SMS");
    expect(alert).toMatch(/no volunteer is on shift/);
    expect(alert).toContain(`ACCEPT ${c.shortId}`);
    expect(textsTo(h, off.phone)).toHaveLength(0);
    await waitFor(() => alertsPosted().length === 1, WAIT, "slack alert");
  });

  it("with a volunteer on shift the reply promises one, and nobody is alerted", async () => {
    await start();
    const v = await addResponder(h, { name: "Vera On", phone: "+15555583001", tier: "primary" });
    const { c, twiml } = await openCase(h, "+15555583100", "i want to die");
    expect(twiml).toMatch(/volunteer will text you/i);
    await waitFor(() => textsTo(h, v.phone).length === 1, WAIT, "page");
    await waitFor(async () => (await eventTypes(h, c.id)).includes("paged"), WAIT, "paged");
    expect(await eventTypes(h, c.id)).not.toContain("nobody_on_shift");
    expect(alertsPosted()).toHaveLength(0);
  });
});
