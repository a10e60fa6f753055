import { DateTime } from "luxon";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { classifyKeyword, parsePauseCommand } from "../../src/domain/text/keywords";
import { jobId } from "../../src/jobs/queues";
import { runCheckinDue } from "../../src/features/checkins/checkins";
import { startFlow } from "../../src/features/flows/flow-engine";
import { runPauseEnd } from "../../src/features/pause/pause";
import { runningClock } from "../support/clock";
import { waitFor, type Harness } from "../support/harness";
import { quiet } from "../support/settle";
import { flowHarness, optedIn, textsTo } from "../flows/support";

const CHICAGO = "America/Chicago";
const at = (iso: string) => DateTime.fromISO(iso, { zone: CHICAGO }).toJSDate();

describe("PAUSE <days> parsing", () => {
  it.each([
    ["PAUSE 14", 14],
    ["pause 1", 1],
    ["Pausa 30 días", 30],
    ["PAUSAR 7 dias.", 7],
    ["pause for 90 days", 90],
    ["  pause, 3!", 3],
  ])("%s → %i days", (text, days) => {
    expect(parsePauseCommand(text)).toEqual({ kind: "pause", days });
  });

  it.each(["PAUSE", "pausa por favor", "pause 0", "pause 91", "pause 200", "pause -3", "pause two weeks", "PAUSE 14 weeks"])(
    "%s → a helpful reply, not a pause",
    (text) => {
      expect(parsePauseCommand(text)).toEqual({ kind: "pause_invalid" });
    },
  );

  it("is not a pause in a conversation, and never shadows STOP/HELP/START", () => {
    expect(parsePauseCommand("I need to pause and think")).toBeNull();
    expect(parsePauseCommand("pause my texts for a while because the kids are home")).toBeNull();
    expect(parsePauseCommand("STOP")).toBeNull();
    for (const w of ["pause", "PAUSA", "pausar"]) expect(classifyKeyword(w)).toBeNull();
    expect(classifyKeyword("STOP")).toBe("stop");
  });
});

describe("PAUSE end to end", () => {
  let h: Harness;
  let close: () => Promise<void>;
  const clock = runningClock(at("2026-11-23T10:00"));
  beforeEach(async () => {
    clock.set(at("2026-11-23T10:00"));
    ({ h, close } = await flowHarness({ clock }));
  });
  afterEach(async () => close());

  const me = (id: string) => h.store.participants.get(id);

  it("PAUSA by SMS: paused until the send-window start that day, confirmed in Spanish with the local date, flows cancelled", async () => {
    const { phone, participantId } = await optedIn(h, { language: "es", timeZone: CHICAGO });
    await startFlow(h.deps, participantId, "tiny");
    await waitFor(() => textsTo(h, phone).length === 3);
    await h.postSms(phone, "PAUSA 14");
    await waitFor(() => textsTo(h, phone).length === 4, 10_000, "confirmation");
    expect(textsTo(h, phone)[3]).toBe(
      "Buddyline: en pausa, Ana. Sin mensajes ni recordatorios hasta el lun, 7 dic. En crisis, escríbanos aquí o llame o envíe AYUDA al 988.",
    );
    const p = (await me(participantId))!;
    expect(p.status).toBe("paused");
    // 14 days on, at 08:00 Chicago (the start of the default send window).
    expect(p.pausedUntil?.toISOString()).toBe(at("2026-12-07T08:00").toISOString());
    expect((await h.store.flowRuns.listFor(participantId))[0]!.state.status).toBe("cancelled");
    const note = (await h.store.notifications.list({ participantId })).find((n) => n.kind === "paused");
    expect(note?.summary).toBe("Routine texts paused until Mon, Dec 7 (they texted PAUSE). Crisis texts still reach the hotline.");
    const resume = await h.deps.queues.flows.getJob(jobId.pauseEnd({ participantId, until: p.pausedUntil!.toISOString() }));
    expect(await resume?.isDelayed()).toBe(true);

    // Routine texts stop: the check-in due path and flow starts find them not eligible.
    const due = await runCheckinDue({ participantId, kind: "daily", localDate: "2026-11-24", dueAt: at("2026-11-24T09:00").toISOString() }, h.deps);
    expect(due).toBe("not_eligible");
    expect(await startFlow(h.deps, participantId, "tiny")).toBe("not_eligible");
  });

  it("bad PAUSE input gets a helpful reply and changes nothing", async () => {
    const { phone, participantId } = await optedIn(h);
    await h.postSms(phone, "pause 200");
    await waitFor(() => textsTo(h, phone).length === 3, 10_000, "help reply");
    expect(textsTo(h, phone)[2]).toBe("Buddyline: to pause texts, reply PAUSE and a number of days from 1 to 90, for example PAUSE 14.");
    expect((await me(participantId))!.status).toBe("active");
  });

  it("the resume job ends the pause, welcomes them back and re-plans check-ins; a job for an extended pause does nothing", async () => {
    const { phone, participantId } = await optedIn(h);
    await h.postSms(phone, "PAUSE 2");
    await waitFor(async () => (await me(participantId))!.status === "paused", 10_000, "paused");
    const first = (await me(participantId))!.pausedUntil!;
    // Extended before it ended: the first pause's resume job must not end the new one.
    await h.postSms(phone, "PAUSE 5");
    await waitFor(async () => (await me(participantId))!.pausedUntil!.getTime() > first.getTime(), 10_000, "extended");
    await waitFor(() => textsTo(h, phone).length === 4, 10_000, "both confirmations");
    expect(await runPauseEnd({ participantId, until: first.toISOString() }, h.deps)).toBe("not_paused");
    expect((await me(participantId))!.status).toBe("paused");

    const until = (await me(participantId))!.pausedUntil!;
    clock.set(new Date(until.getTime() + 1000));
    const job = await h.deps.queues.flows.getJob(jobId.pauseEnd({ participantId, until: until.toISOString() }));
    const n = textsTo(h, phone).length;
    await job!.promote();
    await waitFor(async () => (await me(participantId))!.status === "active", 10_000, "resumed by job");
    expect((await me(participantId))!.pausedUntil).toBeNull();
    await waitFor(async () => (await h.store.outbound.listTo(phone, 50)).some((m) => m.kind === "pause_ended"), 10_000, "welcome back stored");
    await waitFor(() => textsTo(h, phone).length === n + 1, 10_000, "welcome back");
    expect(textsTo(h, phone)[n]).toBe("Buddyline: welcome back, Ana. Check-ins start again. Reply STOP to opt out.");
    // Re-planned: the next daily check-in is on the schedule again.
    await waitFor(
      async () => (await h.deps.queues.checkins.getJobs(["delayed", "waiting", "active"])).some((j) => j?.name === "due" && j.data.participantId === participantId),
      10_000,
      "check-ins re-planned",
    );
  });

  it("admin API: pause with a reason, bad input is a 400 naming the field, resume", async () => {
    const { phone, participantId } = await optedIn(h, { timeZone: CHICAGO });
    const bad = await h.admin("POST", `/participants/${participantId}/pause`, { days: 0 });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { fields: Record<string, string> }).fields.days).toMatch(/1-90/);
    const extra = await h.admin("POST", `/participants/${participantId}/pause`, { days: 3, until: "tomorrow" });
    expect(((await extra.json()) as { fields: Record<string, string> }).fields.until).toBe("unknown field");
    expect((await h.admin("POST", `/participants/${participantId}/pause`, { days: 1.5 })).status).toBe(400);
    expect((await me(participantId))!.status).toBe("active");
    expect((await h.admin("POST", "/participants/00000000-0000-4000-8000-000000000000/pause", { days: 3 })).status).toBe(404);

    const ok = await h.admin("POST", `/participants/${participantId}/pause`, { days: 30, reason: "residential treatment" });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { pausedUntil: string; participant: { status: string } };
    expect(body.participant.status).toBe("paused");
    expect(body.pausedUntil).toBe(at("2026-12-23T08:00").toISOString());
    await waitFor(() => textsTo(h, phone).length === 3, 10_000, "confirmation");
    expect(textsTo(h, phone)[2]).toContain("until Wed, Dec 23");
    const note = (await h.store.notifications.list({ participantId })).find((n) => n.kind === "paused");
    expect(note?.summary).toContain("set by an admin): residential treatment");
    // The reason is for the peer only.
    expect(textsTo(h, phone)[2]).not.toContain("residential");

    const resumed = await h.admin("POST", `/participants/${participantId}/resume`);
    expect(resumed.status).toBe(200);
    expect((await me(participantId))!.status).toBe("active");
    expect((await h.admin("POST", `/participants/${participantId}/resume`)).status).toBe(409);
  });

  it("a paused parent's crisis text still gets the safety reply and pages volunteers", async () => {
    const always = [1, 2, 3, 4, 5, 6, 7].map((d) => ({ weekday: d, start: "00:00", end: "00:00" }));
    const vol = await h.admin("POST", "/hotline/responders", { name: "Vol One", phone: "+15555551001", tier: "primary", timeZone: CHICAGO, shifts: always });
    expect(vol.status).toBe(201);
    const { phone, participantId } = await optedIn(h, { timeZone: CHICAGO });
    await h.admin("POST", `/participants/${participantId}/pause`, { days: 30 });
    await waitFor(() => textsTo(h, phone).length === 3);
    const res = await h.postSms(phone, "I want to end my life tonight");
    expect(await res.text()).toMatch(/988/);
    await waitFor(() => textsTo(h, "+15555551001").length >= 1, 10_000, "volunteer paged");
    expect(textsTo(h, "+15555551001")[0]).toMatch(/urgent case/);
    expect(await h.store.cases.activeForPhone(phone)).not.toBeNull();
    // The text's handling is over (the open case's paging chain goes on, on its own queues).
    await quiet(h, { only: ["inbound", "sms-routine", "notify", "flows"] });
    expect((await me(participantId))!.status).toBe("paused");
  });
});
