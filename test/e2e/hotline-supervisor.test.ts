import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { quiet } from "../support/settle";
import { createHarness, waitFor, type Harness } from "../support/harness";
import { accept, addResponder, E2E_TIMEOUT, WAIT, eventTypes, openCase, textsTo, type TestResponder } from "./hotline-helpers";

const SUPERVISOR_TOKEN = "test-supervisor-token-0123456789";

describe("supervisors take over, reassign, release, close and review hotline cases", { timeout: E2E_TIMEOUT }, () => {
  let h: Harness;
  let v1: TestResponder;
  let v2: TestResponder;
  let sup: TestResponder;
  beforeEach(async () => {
    h = await createHarness({
      sms: "twilio",
      env: { HOTLINE_ESCALATE_AFTER_SECONDS: "30", HOTLINE_REPEAT_EVERY_SECONDS: "30", SUPERVISOR_TOKEN },
    });
    h.startWorkers();
    v1 = await addResponder(h, { name: "Vera One", phone: "+15555571001", tier: "primary" });
    v2 = await addResponder(h, { name: "Vic Two", phone: "+15555571002", tier: "primary" });
    sup = await addResponder(h, { name: "Sam Super", phone: "+15555571003", tier: "supervisor", shifts: [] });
  });
  afterEach(async () => {
    // Let in-flight work (a paging step, a relay) finish before the connections close.
    await quiet(h, { timeoutMs: WAIT }).catch(() => undefined);
    await h.close();
  });
  const texts = (phone: string) => textsTo(h, phone);
  /** As a supervisor would call it: with the supervisor token, not the admin one. */
  const asSupervisor = (path: string, body: unknown) =>
    h.app.request(`/api/hotline/cases${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${SUPERVISOR_TOKEN}`, "content-type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });

  it("by API: take, reassign, release (pages again), close, review — each on the timeline with who did it", async () => {
    const parent = "+15555579001";
    const { c } = await openCase(h, parent);
    await accept(h, v1, c.shortId);
    await h.postSms(parent, "hes outside the door");
    await waitFor(() => texts(v1.phone).includes(`[${c.shortId}] hes outside the door`), WAIT, "relay to v1");

    const take = await asSupervisor(`/${c.id}/take`, { by: sup.id });
    expect(take.status).toBe(200);
    expect(((await take.json()) as { case: { claimedBy: string } }).case.claimedBy).toBe(sup.id);
    await waitFor(() => texts(v1.phone).some((t) => /taken over by supervisor Sam/.test(t)), WAIT, "v1 told");
    const history = await waitFor(() => texts(sup.phone).find((t) => t.includes("Conversation so far")), WAIT, "history to supervisor");
    expect(history).toContain("hes outside the door");
    expect((await asSupervisor(`/${c.id}/take`, { by: sup.id })).status).toBe(409);

    const reassign = await asSupervisor(`/${c.shortId}/reassign`, { by: sup.id, to: v2.id });
    expect(reassign.status).toBe(200);
    await waitFor(() => texts(v2.phone).some((t) => /Supervisor Sam assigned case/.test(t)), WAIT, "v2 told");
    await waitFor(() => texts(v2.phone).some((t) => t.includes("hes outside the door")), WAIT, "history to v2");
    await h.postSms(v2.phone, "I'm here. Are the kids with you?");
    await waitFor(() => texts(parent).includes("I'm here. Are the kids with you?"), WAIT, "v2 relays to parent");

    const pagesBefore = texts(v1.phone).filter((t) => t.includes(`ACCEPT ${c.shortId}`)).length;
    const release = await asSupervisor(`/${c.id}/release`, { by: sup.id });
    expect(release.status).toBe(200);
    expect(((await release.json()) as { case: { status: string } }).case.status).toBe("open");
    await waitFor(() => texts(v1.phone).filter((t) => t.includes(`ACCEPT ${c.shortId}`)).length > pagesBefore, WAIT, "paged again");
    await waitFor(() => texts(v2.phone).some((t) => /put back in the queue by supervisor Sam/.test(t)), WAIT, "v2 told");
    expect((await asSupervisor(`/${c.id}/release`, { by: sup.id })).status).toBe(409);

    const close = await asSupervisor(`/${c.id}/close`, { by: sup.id, note: "safe at a shelter; DV advocate called" });
    expect(close.status).toBe(200);
    const closed = (await h.store.cases.get(c.id))!;
    expect(closed.status).toBe("closed");
    expect(closed.closeNote).toBe("safe at a shelter; DV advocate called");
    expect((await asSupervisor(`/${c.id}/close`, { by: sup.id, note: "again" })).status).toBe(409);
    expect((await asSupervisor(`/${c.id}/take`, { by: sup.id })).status).toBe(409);

    // A review is a record, allowed after closing.
    const review = await asSupervisor(`/${c.id}/review`, { by: sup.id, note: "no report needed: no child at risk" });
    expect(review.status).toBe(200);
    expect((await h.store.cases.get(c.id))!.reviewedBy).toBe(sup.id);

    const timeline = await h.store.cases.events(c.id);
    for (const type of ["taken_over", "reassigned", "released", "closed", "supervisor_reviewed"]) {
      const e = timeline.find((x) => x.type === type);
      expect(e, type).toBeDefined();
      expect(e!.responderId).toBe(sup.id);
      expect(e!.detail.via).toBe("api");
    }
    expect(timeline.find((e) => e.type === "reassigned")!.detail).toMatchObject({ from: sup.id, to: v2.id });
    expect(timeline.find((e) => e.type === "supervisor_reviewed")!.detail.note).toBe("no report needed: no child at risk");
  });

  it("by API: 400 naming the field, 404 for an unknown case, 401 without a token", async () => {
    const { c } = await openCase(h, "+15555579002");
    const missing = await asSupervisor(`/${c.id}/reassign`, { by: sup.id });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { fields: Record<string, string> }).fields).toHaveProperty("to");
    const notSupervisor = await asSupervisor(`/${c.id}/take`, { by: v1.id });
    expect(notSupervisor.status).toBe(400);
    expect(((await notSupervisor.json()) as { fields: Record<string, string> }).fields).toHaveProperty("by");
    const badBy = await asSupervisor(`/${c.id}/take`, { by: "not-a-uuid" });
    expect(((await badBy.json()) as { fields: Record<string, string> }).fields).toHaveProperty("by");
    const extra = await asSupervisor(`/${c.id}/release`, { by: sup.id, force: true });
    expect(extra.status).toBe(400);
    expect(((await extra.json()) as { fields: Record<string, string> }).fields).toHaveProperty("force");
    const noNote = await asSupervisor(`/${c.id}/close`, { by: sup.id, note: "  " });
    expect(((await noNote.json()) as { fields: Record<string, string> }).fields).toHaveProperty("note");
    expect((await asSupervisor(`/${c.id}/take`, "{not json")).status).toBe(400);
    expect((await asSupervisor(`/00000000-0000-4000-8000-000000000000/take`, { by: sup.id })).status).toBe(404);
    expect((await asSupervisor(`/ZZZZZ/take`, { by: sup.id })).status).toBe(404);
    expect((await asSupervisor(`/${c.id}/release`, { by: sup.id })).status).toBe(409); // open: already in the queue
    const anon = await h.app.request(`/api/hotline/cases/${c.id}/take`, { method: "POST", body: JSON.stringify({ by: sup.id }) });
    expect(anon.status).toBe(401);
    expect((await h.store.cases.get(c.id))!.status).toBe("open"); // nothing was written
  });

  it("by SMS: TAKE, REASSIGN by name, RELEASE, DONE on someone else's case, REVIEWED; volunteers cannot", async () => {
    const { c } = await openCase(h, "+15555579003");
    await accept(h, v1, c.shortId);

    await h.postSms(v2.phone, `TAKE ${c.shortId}`);
    await waitFor(() => texts(v2.phone).some((t) => /Only supervisors/.test(t)), WAIT, "volunteer refused");
    expect((await h.store.cases.get(c.id))!.claimedBy).toBe(v1.id);

    await h.postSms(sup.phone, `TAKE ${c.shortId}`);
    await waitFor(async () => (await h.store.cases.get(c.id))!.claimedBy === sup.id, WAIT, "taken");
    await waitFor(() => texts(v1.phone).some((t) => /taken over by supervisor Sam/.test(t)), WAIT, "v1 told");

    await h.postSms(sup.phone, `REASSIGN ${c.shortId} vic`);
    await waitFor(async () => (await h.store.cases.get(c.id))!.claimedBy === v2.id, WAIT, "reassigned");
    await waitFor(() => texts(sup.phone).some((t) => t.includes(`Case ${c.shortId}: reassigned (Vic)`)), WAIT, "supervisor confirmed");
    await h.postSms(sup.phone, `REASSIGN ${c.shortId} nobody-here`);
    await waitFor(() => texts(sup.phone).some((t) => /No active responder matches/.test(t)), WAIT, "no match");

    await h.postSms(sup.phone, `RELEASE ${c.shortId}`);
    await waitFor(async () => (await h.store.cases.get(c.id))!.status === "open", WAIT, "released");

    await accept(h, v1, c.shortId);
    await h.postSms(sup.phone, `DONE ${c.shortId} called her back, safe with sister`);
    await waitFor(async () => (await h.store.cases.get(c.id))!.status === "closed", WAIT, "closed by supervisor");
    expect((await h.store.cases.get(c.id))!.closeNote).toBe("called her back, safe with sister");
    await waitFor(() => texts(v1.phone).some((t) => /closed by supervisor Sam/.test(t)), WAIT, "v1 told");

    await h.postSms(sup.phone, `REVIEWED ${c.shortId} reported to CPS, ref 4471`);
    await waitFor(async () => (await eventTypes(h, c.id)).includes("supervisor_reviewed"), WAIT, "reviewed");

    const timeline = await h.store.cases.events(c.id);
    for (const type of ["taken_over", "reassigned", "released", "closed", "supervisor_reviewed"]) {
      const e = timeline.find((x) => x.type === type && x.responderId === sup.id);
      expect(e, type).toBeDefined();
      expect(e!.detail.via).toBe("sms");
    }
    expect(timeline.find((e) => e.type === "supervisor_reviewed")!.detail.note).toBe("reported to CPS, ref 4471");
  });

  it("clear replies to volunteers: no such case, not yours, and never relays a mistyped command", async () => {
    const parent = "+15555579004";
    const { c } = await openCase(h, parent);
    await accept(h, v1, c.shortId);

    await h.postSms(v2.phone, "ACCEPT ZZZZ9");
    await waitFor(() => texts(v2.phone).some((t) => /no such case ZZZZ9/.test(t)), WAIT, "no such case");
    await h.postSms(v1.phone, "ACCEPT K7Q");
    await waitFor(() => texts(v1.phone).some((t) => /no such case K7Q\b/.test(t)), WAIT, "bad id");
    await h.postSms(v2.phone, `DONE ${c.shortId} all good`);
    await waitFor(() => texts(v2.phone).some((t) => t.includes(`Case ${c.shortId} is not yours`)), WAIT, "DONE not yours");
    await h.postSms(v2.phone, `TRANSFER ${c.shortId}`);
    await waitFor(() => texts(v2.phone).filter((t) => t.includes(`Case ${c.shortId} is not yours`)).length === 2, WAIT, "TRANSFER not yours");
    await h.postSms(v2.phone, `${c.shortId}: hi, I'm another volunteer`);
    await waitFor(() => texts(v2.phone).filter((t) => t.includes(`Case ${c.shortId} is not yours`)).length === 3, WAIT, "relay not yours");

    const c2 = await h.store.cases.get(c.id);
    expect(c2!.status).toBe("claimed");
    expect(c2!.claimedBy).toBe(v1.id);
    // None of it reached the parent.
    expect(texts(parent).some((t) => /ACCEPT|DONE|TRANSFER|another volunteer/.test(t))).toBe(false);
  });
});
