import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { jobId } from "../../src/jobs/queues";
import { sweepOrphans } from "../../src/features/housekeeping/sweep";
import { runningClock } from "../support/clock";
import { quiet } from "../support/settle";
import { createHarness, waitFor, type Harness } from "../support/harness";
import { accept, addResponder, E2E_TIMEOUT, WAIT, eventTypes, openCase, textsTo } from "./hotline-helpers";

/**
 * A claimed case is never a dead end (issue 10 §2): through the real webhook, BullMQ, the
 * twilio SDK against the fake Twilio.
 */
describe("hotline case lifecycle", { timeout: E2E_TIMEOUT }, () => {
  let h: Harness;
  const clock = runningClock(new Date("2026-11-24T15:00:00Z"));
  beforeEach(async () => {
    clock.set(new Date("2026-11-24T15:00:00Z"));
    h = await createHarness({
      sms: "twilio",
      clock,
      env: { HOTLINE_ESCALATE_AFTER_SECONDS: "2", HOTLINE_REPEAT_EVERY_SECONDS: "2", HOTLINE_CLAIMED_REPLY_SECONDS: "2" },
    });
    h.startWorkers();
  });
  afterEach(async () => {
    // Close what is still open first: an unclaimed case re-pages every 2 s here, so the
    // queues would never go quiet. Then let in-flight work (the chain's last step noticing
    // the close, a relay) finish before the connections close.
    await h.db.query("update hotline_cases set status = 'closed', closed_at = $1, updated_at = $1 where status <> 'closed'", [clock.now()]);
    await quiet(h, { timeoutMs: WAIT }).catch(() => undefined);
    await h.close();
  });
  const texts = (phone: string) => textsTo(h, phone);

  it("re-opens a claimed case when the parent is in crisis again after the holder's shift ended; others paged, holder told", async () => {
    const v1 = await addResponder(h, { name: "Vera One", phone: "+15555561001", tier: "primary" });
    const v2 = await addResponder(h, { name: "Vic Two", phone: "+15555561002", tier: "backup" });
    const { c } = await openCase(h, "+15555569001");
    await waitFor(() => texts(v1.phone).length >= 1, WAIT, "first page");
    await accept(h, v1, c.shortId);

    const off = await h.admin("PATCH", `/hotline/responders/${v1.id}`, { shifts: [] });
    expect(off.status).toBe(200);
    await h.postSms("+15555569001", "i really want to die tonight");

    await waitFor(async () => (await h.store.cases.get(c.id))!.status === "open", WAIT, "re-opened");
    const reopened = (await h.store.cases.get(c.id))!;
    expect(reopened.escalationRound).toBe(1);
    await waitFor(() => texts(v2.phone).some((t) => t.includes(`ACCEPT ${c.shortId}`)), WAIT, "others paged");
    await waitFor(() => texts(v1.phone).some((t) => /after your shift ended/.test(t)), WAIT, "holder told");
    const events = await h.store.cases.events(c.id);
    const reopenedEvent = events.find((e) => e.type === "reopened");
    expect(reopenedEvent?.detail).toMatchObject({ reason: "holder_off_shift", previousHolder: v1.id, round: 1 });
    // The departed holder is not sent the parent's new text.
    expect(texts(v1.phone).some((t) => t.includes("want to die tonight"))).toBe(false);
  });

  it("re-opens when the holder is deactivated", async () => {
    const v1 = await addResponder(h, { name: "Vera One", phone: "+15555562001", tier: "primary" });
    const v2 = await addResponder(h, { name: "Vic Two", phone: "+15555562002", tier: "primary" });
    const { c } = await openCase(h, "+15555569002");
    await accept(h, v1, c.shortId);
    expect((await h.admin("PATCH", `/hotline/responders/${v1.id}`, { active: false })).status).toBe(200);
    await h.postSms("+15555569002", "kms tonight");
    await waitFor(async () => (await eventTypes(h, c.id)).includes("reopened"), WAIT, "re-opened");
    expect((await h.store.cases.events(c.id)).find((e) => e.type === "reopened")!.detail.reason).toBe("holder_inactive");
    await waitFor(async () => {
      const round1 = (await h.store.cases.events(c.id)).find((e) => e.type === "paged" && e.detail.round === 1);
      return (round1?.detail.responderIds as string[] | undefined)?.includes(v2.id);
    }, WAIT, "v2 paged in the new round");
  });

  it("re-opens when the holder has not replied within HOTLINE_CLAIMED_REPLY_SECONDS, and says how long", async () => {
    const v1 = await addResponder(h, { name: "Vera One", phone: "+15555563001", tier: "primary" });
    const v2 = await addResponder(h, { name: "Vic Two", phone: "+15555563002", tier: "backup" });
    const { c } = await openCase(h, "+15555569003");
    await accept(h, v1, c.shortId);
    await h.postSms("+15555569003", "i want to kill myself");
    // The holder gets the text, and then nothing comes from them.
    await waitFor(() => texts(v1.phone).some((t) => t === `[${c.shortId}] i want to kill myself`), WAIT, "relayed to holder");
    clock.jump(4 * 60_000); // the parent waits four minutes by the app's clock
    await waitFor(async () => (await eventTypes(h, c.id)).includes("reopened"), WAIT, "re-opened");
    const events = await h.store.cases.events(c.id);
    const ev = events.find((e) => e.type === "reopened")!;
    expect(ev.detail.reason).toBe("holder_silent");
    // Minutes by the app's clock from the crisis text to the check: 4 when the check ran
    // after the jump (the usual case); computed here so a slow machine cannot flake it.
    const since = events.find((e) => e.type === "crisis_again_while_claimed")!.at;
    const minutes = Math.max(1, Math.round((ev.at.getTime() - since.getTime()) / 60_000));
    await waitFor(() => texts(v1.phone).some((t) => t.includes(`no reply from you for ${minutes} min`)), WAIT, "holder told");
    await waitFor(() => texts(v2.phone).some((t) => t.includes(`ACCEPT ${c.shortId}`)), WAIT, "others paged");
  });

  it("keeps the case with a holder who answers in time (the check job completes as 'replied')", async () => {
    const v1 = await addResponder(h, { name: "Vera One", phone: "+15555564001", tier: "primary" });
    const { c } = await openCase(h, "+15555569004");
    await accept(h, v1, c.shortId);
    await h.postSms("+15555569004", "i want to kill myself");
    await waitFor(() => texts(v1.phone).some((t) => t === `[${c.shortId}] i want to kill myself`), WAIT, "relayed to holder");
    await h.postSms(v1.phone, "I'm right here with you. Are you safe right now?");
    await waitFor(() => texts("+15555569004").some((t) => t.startsWith("I'm right here")), WAIT, "reply reached the parent");
    const watch = (await h.store.cases.events(c.id)).find((e) => e.type === "crisis_again_while_claimed")!;
    const id = jobId.claimedReplyCheck({ caseId: c.id, inboundId: watch.detail.inboundId as string });
    const outcome = await waitFor(async () => {
      const job = await h.deps.queues.hotline.getJob(id);
      return job && (await job.getState()) === "completed" ? (job.returnvalue as string) : null;
    }, WAIT, "check job");
    expect(outcome).toBe("replied");
    expect((await h.store.cases.get(c.id))!.status).toBe("claimed");
    expect(await eventTypes(h, c.id)).not.toContain("reopened");
  });

  it("TRANSFER: the next volunteer gets the whole conversation (newest last), the one who transferred is not paged again", async () => {
    const v1 = await addResponder(h, { name: "Vera One", phone: "+15555565001", tier: "primary" });
    const v2 = await addResponder(h, { name: "Vic Two", phone: "+15555565002", tier: "primary" });
    const parent = "+15555569005";
    const { c } = await openCase(h, parent, "i took a whole bottle of pills");
    await waitFor(() => texts(v1.phone).length >= 1 && texts(v2.phone).length >= 1, WAIT, "pages");
    await accept(h, v1, c.shortId);
    await waitFor(() => texts(v1.phone).some((t) => t.includes("whole bottle of pills")), WAIT, "history to v1");
    await h.postSms(v1.phone, "Are you somewhere safe?");
    await waitFor(() => texts(parent).some((t) => t === "Are you somewhere safe?"), WAIT, "to parent");
    await h.postSms(parent, "at my moms house");
    await waitFor(() => texts(v1.phone).includes(`[${c.shortId}] at my moms house`), WAIT, "relay to v1");

    const pagesToV1 = () => texts(v1.phone).filter((t) => t.includes(`ACCEPT ${c.shortId}`)).length;
    const pagedBefore = pagesToV1();
    const v2PagedBefore = texts(v2.phone).filter((t) => t.includes(`ACCEPT ${c.shortId}`)).length;
    await h.postSms(v1.phone, `TRANSFER ${c.shortId}`);
    await waitFor(async () => (await h.store.cases.get(c.id))!.status === "open", WAIT, "back in queue");
    await waitFor(() => texts(v2.phone).filter((t) => t.includes(`ACCEPT ${c.shortId}`)).length > v2PagedBefore, WAIT, "v2 paged again");
    // Repeat steps run every 2 s: let two more go by, then v1 must still have only the first page.
    await waitFor(async () => (await eventTypes(h, c.id)).filter((t) => t === "escalated").length >= 2, WAIT, "re-pages");
    expect(pagesToV1()).toBe(pagedBefore);
    expect((await h.store.cases.get(c.id))!.skipPaging).toEqual([v1.id]);

    await accept(h, v2, c.shortId);
    const history = await waitFor(() => texts(v2.phone).find((t) => t.includes("Conversation so far")), WAIT, "history to v2");
    const order = ["whole bottle of pills", "Vera", "Are you somewhere safe?", "at my moms house"].map((s) => history.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);

    // The relay is keyed per volunteer: v2's copy of a new text is its own SMS, and v1 gets none.
    await h.postSms(parent, "still here");
    await waitFor(() => texts(v2.phone).includes(`[${c.shortId}] still here`), WAIT, "relay to v2");
    expect(texts(v1.phone)).not.toContain(`[${c.shortId}] still here`);
    // Every hand-over or relay the timeline records for v2 is a text v2 actually received.
    const forV2 = (await h.store.cases.events(c.id)).filter((e) => e.responderId === v2.id && /relayed/.test(e.type));
    expect(forV2.length).toBeGreaterThanOrEqual(2);
    const outbound = await h.db.query<{ idempotency_key: string }>("select idempotency_key from outbound_messages where to_phone = $1", [v2.phone]);
    expect(outbound.rows.some((r) => r.idempotency_key.endsWith(`|${v2.id}`) && r.idempotency_key.startsWith("relay|"))).toBe(true);
  });

  it("re-pages state the real minutes waiting, from the app's clock", async () => {
    const p = await addResponder(h, { name: "Pat Prim", phone: "+15555566001", tier: "primary" });
    const b = await addResponder(h, { name: "Bo Back", phone: "+15555566002", tier: "backup" });
    await openCase(h, "+15555569006");
    // At least one: with re-pages every 2 s here, a slow first page can arrive with the next.
    await waitFor(() => texts(p.phone).length >= 1, WAIT, "first page");
    clock.jump(7 * 60_000);
    await waitFor(() => texts(b.phone).some((t) => /\(7 min\)/.test(t)), WAIT, "re-page saying 7 min");
  });
});

describe("a lost reply check (Redis lost its jobs) is restored by the sweeper", { timeout: E2E_TIMEOUT }, () => {
  it("re-adds the claimed case's check, which then re-opens the case of a silent holder", async () => {
    const clock = runningClock(new Date("2026-11-24T15:00:00Z"));
    const h = await createHarness({
      sms: "twilio",
      clock,
      // Own DATA_DIR: the sweeper replays this process's journal from there.
      env: { HOTLINE_ESCALATE_AFTER_SECONDS: "30", HOTLINE_CLAIMED_REPLY_SECONDS: "600", DATA_DIR: await mkdtemp(join(tmpdir(), "bl-h5-")) },
    });
    try {
      h.startWorkers();
      const v1 = await addResponder(h, { name: "Vera One", phone: "+15555567001", tier: "primary" });
      const { c } = await openCase(h, "+15555569007");
      await accept(h, v1, c.shortId);
      await h.postSms("+15555569007", "i want to kill myself");
      const watch = await waitFor(async () => (await h.store.cases.events(c.id)).find((e) => e.type === "crisis_again_while_claimed"), WAIT, "watch");
      const id = jobId.claimedReplyCheck({ caseId: c.id, inboundId: watch.detail.inboundId as string });
      const job = await waitFor(() => h.deps.queues.hotline.getJob(id), WAIT, "check job queued");
      await job.remove(); // as if Redis came back empty
      expect(await h.deps.queues.hotline.getJob(id)).toBeUndefined();

      clock.jump(11 * 60_000); // past HOTLINE_CLAIMED_REPLY_SECONDS by the app's clock, with no reply
      await sweepOrphans(h.deps);
      expect(await h.deps.queues.hotline.getJob(id)).toBeDefined();
      await waitFor(async () => (await eventTypes(h, c.id)).includes("reopened"), WAIT, "re-opened");
      expect((await h.store.cases.events(c.id)).find((e) => e.type === "reopened")!.detail.reason).toBe("holder_silent");
    } finally {
      await h.db.query("update hotline_cases set status = 'closed', closed_at = $1, updated_at = $1 where status <> 'closed'", [clock.now()]);
      await quiet(h, { timeoutMs: WAIT }).catch(() => undefined);
      await h.close();
    }
  });
});
