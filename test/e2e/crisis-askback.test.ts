/**
 * The ask-back for a possible crisis, end to end: signed webhooks through the real HTTP
 * app, the real twilio SDK against the fake Twilio, real Redis/BullMQ workers, PGlite.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ASK_BACK_WINDOW_MINUTES } from "../../src/domain/crisis/ask-back";
import { jobId } from "../../src/jobs/queues";
import { sweepOrphans } from "../../src/features/housekeeping/sweep";
import { createHarness, enrol, waitFor, type Harness } from "../support/harness";

const ALWAYS = [1, 2, 3, 4, 5, 6, 7].map((d) => ({ weekday: d as 1, start: "00:00", end: "00:00" }));

describe("crisis ask-back", () => {
  let h: Harness;
  let offsetMs = 0;
  const clock = { now: () => new Date(Date.now() + offsetMs) };
  beforeEach(async () => {
    offsetMs = 0;
    h = await createHarness({ sms: "twilio", clock, env: { HOTLINE_ESCALATE_AFTER_SECONDS: "3600" } });
    h.startWorkers();
  });
  afterEach(async () => {
    // Let in-flight jobs (pages, relays, processing) finish before the connections close.
    const queues = Object.values(h.deps.queues).filter((q): q is typeof h.deps.queues.inbound => typeof q === "object" && "getJobCounts" in q);
    await waitFor(async () => {
      for (const q of queues) {
        const n = await q.getJobCounts("active", "waiting", "prioritized");
        if (n.active || n.waiting || n.prioritized) return false;
      }
      return true;
    }, 15_000, "queues idle");
    await h.close();
  });

  async function addVolunteer(phone = "+15555551001") {
    const res = await h.admin("POST", "/hotline/responders", { name: "Vol One", phone, tier: "primary", timeZone: "America/New_York", shifts: ALWAYS });
    expect(res.status).toBe(201);
    return phone;
  }
  const twimlOf = async (res: Response) => {
    expect(res.status).toBe(200);
    return res.text();
  };
  const processed = (sidOrBody: string) =>
    waitFor(async () => {
      const { rows } = await h.db.query<{ processed_at: Date | null }>("select processed_at from inbound_messages where body = $1", [sidOrBody]);
      return rows.length > 0 && rows.every((r) => r.processed_at !== null);
    }, 10_000, `processed: ${sidOrBody}`);

  it("asks in English; YES opens a case with the safety reply and pages, and is not read as the enrolment YES", async () => {
    const volunteer = await addVolunteer();
    const { phone, participantId } = await enrol(h, { language: "en" });
    const asked = await twimlOf(await h.postSms(phone, "i cant take it anymore"));
    expect(asked).toContain("Are you thinking about suicide or hurting yourself right now? Reply YES or NO.");
    expect(asked).toContain("988");
    expect((await h.store.cases.list({ status: "open" })).length).toBe(0);
    const pending = await h.store.askBacks.pendingFor(phone);
    expect(pending?.status).toBe("pending");

    const answered = await twimlOf(await h.postSms(phone, "Yes"));
    expect(answered).toMatch(/988/);
    expect(answered).toMatch(/911/);
    const [c] = await h.store.cases.list({ status: "open" });
    expect(c?.categories).toContain("suicide_self_harm");
    expect((await h.store.askBacks.answeredBy((await lastInbound(phone)).message_sid))?.status).toBe("yes");
    // Still pending enrolment: the YES answered the question, not the welcome text.
    expect((await h.store.participants.get(participantId))!.consent).toBe("pending");
    await waitFor(() => h.fakeTwilio!.sentTo(volunteer).some((m) => m.body.includes(c!.shortId)), 10_000, "page");
  });

  it("asks in Spanish; SÍ from a parent whose enrolment is pending opens a case, not the opt-in", async () => {
    await addVolunteer();
    const { phone, participantId } = await enrol(h, { language: "es" });
    const asked = await twimlOf(await h.postSms(phone, "ya no puedo más, me siento vacía"));
    expect(asked).toContain("¿Está pensando en suicidarse o en hacerse daño ahora? Responda SÍ o NO.");
    expect(asked).toContain("envíe AYUDA al 988");
    const answered = await twimlOf(await h.postSms(phone, "SI"));
    expect(answered).toMatch(/988/);
    expect((await h.store.cases.list({ status: "open" })).length).toBe(1);
    await processed("SI");
    expect((await h.store.participants.get(participantId))!.consent).toBe("pending");
  });

  it("NO sends the text to the peer as a concern written with care, with no case and no opt-out", async () => {
    const { phone, participantId } = await enrol(h, { language: "en" });
    await h.postSms(phone, "YES");
    await waitFor(async () => (await h.store.participants.get(participantId))!.consent === "opted_in", 10_000, "opted in");
    await twimlOf(await h.postSms(phone, "i hate myself so much"));
    const answered = await twimlOf(await h.postSms(phone, "no"));
    expect(answered).not.toMatch(/988/);
    await processed("no");
    const notes = await h.store.notifications.list({ participantId });
    const concern = notes.find((n) => n.kind === "concern");
    expect(concern?.summary).toMatch(/they said no/);
    expect(concern?.summary).not.toMatch(/hate/); // the summary does not quote the parent
    expect((await h.store.cases.list({ status: "open" })).length).toBe(0);
    expect((await h.store.participants.get(participantId))!.consent).toBe("opted_in");
    expect((await h.store.askBacks.pendingFor(phone))).toBeNull();
  });

  it("no answer within the window: the timeout job sends the concern to the peer once", async () => {
    const { phone, participantId } = await enrol(h, { language: "en" });
    await twimlOf(await h.postSms(phone, "i want to disappear"));
    const pending = (await h.store.askBacks.pendingFor(phone))!;
    const job = await waitFor(() => h.deps.queues.hotline.getJob(jobId.askBackTimeout(pending.id)), 10_000, "timeout job");
    expect(await job.isDelayed()).toBe(true);
    expect(job.opts.delay).toBeGreaterThan((ASK_BACK_WINDOW_MINUTES - 1) * 60_000);
    offsetMs = (ASK_BACK_WINDOW_MINUTES + 1) * 60_000; // the window has passed on the app's clock
    await job.promote();
    await waitFor(async () => (await job.getState()) === "completed", 10_000, "timeout ran");
    const notes = (await h.store.notifications.list({ participantId })).filter((n) => n.kind === "concern");
    expect(notes).toHaveLength(1);
    expect(notes[0]!.summary).toMatch(/no answer in 30 minutes/);
    expect((await h.store.askBacks.bySid(pending.messageSid))?.status).toBe("timed_out");
    // A late YES the same day still opens a case.
    const late = await twimlOf(await h.postSms(phone, "yes"));
    expect(late).toMatch(/988/);
    expect((await h.store.cases.list({ status: "open" })).length).toBe(1);
  });

  it("the sweeper re-queues a lost timeout job, so an unanswered question still reaches the peer", async () => {
    const { phone, participantId } = await enrol(h, { language: "en" });
    await twimlOf(await h.postSms(phone, "i feel so empty"));
    const pending = (await h.store.askBacks.pendingFor(phone))!;
    await processed("i feel so empty");
    const lost = await waitFor(() => h.deps.queues.hotline.getJob(jobId.askBackTimeout(pending.id)), 10_000, "timeout job");
    await lost.remove(); // as if Redis lost it
    offsetMs = (ASK_BACK_WINDOW_MINUTES + 1) * 60_000;
    await sweepOrphans(h.deps);
    const again = await waitFor(() => h.deps.queues.hotline.getJob(jobId.askBackTimeout(pending.id)), 10_000, "re-queued job");
    if (await again.isDelayed()) await again.promote();
    await waitFor(async () => (await h.store.askBacks.bySid(pending.messageSid))?.status === "timed_out", 10_000, "timed out");
    const notes = (await h.store.notifications.list({ participantId })).filter((n) => n.kind === "concern");
    expect(notes).toHaveLength(1);
  });

  it("an imminent text while a question is open opens a case and closes the question", async () => {
    const { phone, participantId } = await enrol(h, { language: "en" });
    await twimlOf(await h.postSms(phone, "whats the point of anything"));
    expect(await twimlOf(await h.postSms(phone, "i have the pills counted out"))).toMatch(/988/);
    expect((await h.store.cases.list({ status: "open" })).length).toBe(1);
    await processed("i have the pills counted out");
    expect(await h.store.askBacks.pendingFor(phone)).toBeNull();
    expect((await h.store.notifications.list({ participantId })).filter((n) => n.kind === "concern")).toHaveLength(0);
  });

  it("a crisis about someone else gets the third-party safety text and a case", async () => {
    const twiml = await twimlOf(await h.postSms("+15555550177", "my husband says he wants to kill himself"));
    expect(twiml).toContain("If they are in danger now, call 911");
    const [c] = await h.store.cases.list({ status: "open" });
    expect(c?.categories).toContain("third_party");
  });

  it("a bare HELP or AYUDA from an enrolled parent gets the HELP text, the safety line and a low-severity case", async () => {
    const optIn = async (language: "en" | "es", phone: string) => {
      const p = await enrol(h, { language, phone });
      await h.postSms(p.phone, language === "en" ? "YES" : "SI");
      await waitFor(async () => (await h.store.participants.get(p.participantId))!.consent === "opted_in", 10_000, "opted in");
      return p;
    };
    const en = await optIn("en", "+15555550100");
    await h.postSms(en.phone, "HELP");
    const help = await waitFor(() => h.fakeTwilio!.sentTo(en.phone).find((m) => m.body.includes("If you are in crisis")), 10_000, "HELP text");
    expect(help.body).toContain("Reply STOP to opt out"); // the carrier HELP content…
    expect(help.body).toContain("If you are in crisis, call or text 988 now. A volunteer will check on you."); // …and the safety line
    const [c] = await waitFor(async () => (await h.store.cases.list({ status: "open" })).filter((x) => x.fromPhone === en.phone), 10_000, "case");
    expect(c!.severity).toBe(10);
    expect(c!.categories).toEqual(["explicit_help"]);
    expect((await h.store.cases.events(c!.id)).map((e) => e.type)).toContain("check_on_parent_requested");

    const es = await optIn("es", "+15555550101");
    await h.postSms(es.phone, "AYUDA");
    const ayuda = await waitFor(() => h.fakeTwilio!.sentTo(es.phone).find((m) => m.body.includes("Un voluntario se comunicará")), 10_000, "Spanish HELP text");
    expect(ayuda.body).toContain("apoyo entre pares");
    expect(ayuda.body).toContain("envíe AYUDA al 988");
    await waitFor(async () => (await h.store.cases.list({ status: "open" })).some((x) => x.fromPhone === es.phone && x.severity === 10), 10_000, "es case");

    // The check-on-parent case does not swallow routine texts: a check-in answer still counts.
    const checkin = await h.store.checkins.createOnce({
      participantId: en.participantId, kind: "daily", localDate: "2099-01-01", dueAt: clock.now(), status: "awaiting", windowClosesAt: new Date(clock.now().getTime() + 3_600_000),
    });
    await h.postSms(en.phone, "4");
    await waitFor(async () => (await h.store.checkins.find(en.participantId, "daily", "2099-01-01"))?.score === 4, 10_000, "check-in answered during the case");
    await waitFor(async () => (await h.store.cases.events(c!.id)).some((e) => e.type === "message_received"), 10_000, "the answer on the case timeline too");
    expect(checkin).not.toBeNull();

    // From a number we do not know, AYUDA is still the crisis keyword: the full safety reply.
    const stranger = await twimlOf(await h.postSms("+15555550188", "AYUDA"));
    expect(stranger).toMatch(/AYUDA al 988/);
    expect(stranger).not.toContain("STOP");
  });

  it("a hotline responder's number cannot be enrolled as a parent, nor a parent's as a responder", async () => {
    const volunteer = await addVolunteer("+15555551009");
    const res = await h.admin("POST", "/participants", { firstName: "Vol", phone: volunteer, timeZone: "America/New_York", language: "en" });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ fields: { phone: expect.any(String) } });
    const { phone } = await enrol(h);
    const back = await h.admin("POST", "/hotline/responders", { name: "X", phone, tier: "primary", timeZone: "America/New_York", shifts: ALWAYS });
    expect(back.status).toBe(409);
  });

  async function lastInbound(phone: string) {
    const { rows } = await h.db.query<{ message_sid: string }>("select message_sid from inbound_messages where from_phone = $1 order by received_at desc limit 1", [phone]);
    return rows[0]!;
  }
});
