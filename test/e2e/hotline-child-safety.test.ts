import { afterEach, describe, expect, it } from "vitest";
import { quiet } from "../support/settle";
import { createHarness, waitFor, type Harness } from "../support/harness";
import { accept, addResponder, E2E_TIMEOUT, WAIT, eventTypes, openCase, textsTo, type TestResponder } from "./hotline-helpers";

/**
 * A child at risk: the case is flagged for supervisor review (also when a later text
 * raises it), supervisors are paged, and volunteer and supervisor are told what to do
 * per HOTLINE_VOLUNTEERS_MANDATED_REPORTERS; a supervisor's review goes on the timeline.
 */
describe("hotline child safety", { timeout: E2E_TIMEOUT }, () => {
  let h: Harness;
  let v1: TestResponder;
  let sup: TestResponder;
  afterEach(async () => {
    // Let in-flight work (a paging step, a relay) finish before the connections close.
    await quiet(h, { timeoutMs: WAIT }).catch(() => undefined);
    await h.close();
  });

  async function start(mandated: "true" | "false") {
    h = await createHarness({
      sms: "twilio",
      env: { HOTLINE_ESCALATE_AFTER_SECONDS: "30", HOTLINE_REPEAT_EVERY_SECONDS: "30", HOTLINE_VOLUNTEERS_MANDATED_REPORTERS: mandated },
    });
    h.startWorkers();
    v1 = await addResponder(h, { name: "Vera One", phone: "+15555591001", tier: "primary" });
    sup = await addResponder(h, { name: "Sam Super", phone: "+15555591002", tier: "supervisor", shifts: [] });
  }
  const texts = (phone: string) => textsTo(h, phone);

  it("a later text raises the flag on an open, claimed case: supervisors paged, both told what to do (volunteers not mandated)", async () => {
    await start("false");
    const parent = "+15555599001";
    const { c } = await openCase(h, parent, "i want to die");
    expect(c.supervisorReview).toBe(false);
    await accept(h, v1, c.shortId);
    expect(texts(sup.phone)).toHaveLength(0); // not a child-safety case yet: supervisor not paged

    await h.postSms(parent, "my boyfriend is beating my son right now");
    await waitFor(async () => (await h.store.cases.get(c.id))!.supervisorReview, WAIT, "flag raised");
    const raised = (await h.store.cases.get(c.id))!;
    expect(raised.categories).toEqual(expect.arrayContaining(["suicide_self_harm", "child_danger"]));
    const supText = await waitFor(() => texts(sup.phone).find((t) => t.includes(c.shortId)), WAIT, "supervisor paged");
    expect(supText).toMatch(/CHILD SAFETY/);
    expect(supText).toMatch(/not mandated reporters here/);
    expect(supText).toContain(`REVIEWED ${c.shortId}`);
    const volText = await waitFor(() => texts(v1.phone).find((t) => /CHILD SAFETY/.test(t)), WAIT, "volunteer guidance");
    expect(volText).toMatch(/call 911/);
    expect(volText).toMatch(/supervisor has been paged and decides/);
    // The parent's words still reach the volunteer; guidance never carries them.
    await waitFor(() => texts(v1.phone).includes(`[${c.shortId}] my boyfriend is beating my son right now`), WAIT, "relay");
    expect(supText).not.toMatch(/beating|boyfriend/);
    const flagged = (await h.store.cases.events(c.id)).find((e) => e.type === "flagged_for_supervisor_review");
    expect(flagged?.detail).toMatchObject({ reason: "child_safety", later: true });

    await h.postSms(sup.phone, `REVIEWED ${c.shortId} called CPS hotline, report 88213`);
    await waitFor(async () => (await eventTypes(h, c.id)).includes("supervisor_reviewed"), WAIT, "review recorded");
    const review = (await h.store.cases.events(c.id)).find((e) => e.type === "supervisor_reviewed")!;
    expect(review.responderId).toBe(sup.id);
    expect(review.detail.note).toBe("called CPS hotline, report 88213");
    expect((await h.store.cases.get(c.id))!.reviewedBy).toBe(sup.id);
  });

  it("volunteers who are mandated reporters are told to report; supervisors to make sure it is done; review by API", async () => {
    await start("true");
    const { c } = await openCase(h, "+15555599002", "the baby swallowed some of my methadone");
    expect(c.supervisorReview).toBe(true);
    // A child-safety case pages supervisors from the first step, with the guidance.
    const supText = await waitFor(() => texts(sup.phone).find((t) => /CHILD SAFETY/.test(t)), WAIT, "supervisor guidance");
    expect(supText).toMatch(/Volunteers are mandated reporters here/);
    await accept(h, v1, c.shortId);
    const volText = await waitFor(() => texts(v1.phone).find((t) => /CHILD SAFETY/.test(t)), WAIT, "volunteer guidance");
    expect(volText).toMatch(/You are a mandated reporter/);
    expect(volText).toMatch(/child abuse hotline/);

    const res = await h.admin("POST", `/hotline/cases/${c.id}/review`, { by: sup.id, note: "volunteer reported; poison control advised" });
    expect(res.status).toBe(200);
    const review = (await h.store.cases.events(c.id)).find((e) => e.type === "supervisor_reviewed")!;
    expect(review).toMatchObject({ responderId: sup.id, detail: { via: "api", note: "volunteer reported; poison control advised" } });
    // Guidance goes once per responder and case.
    expect(texts(v1.phone).filter((t) => /CHILD SAFETY/.test(t))).toHaveLength(1);
  });
});
