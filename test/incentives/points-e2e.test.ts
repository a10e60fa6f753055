import { afterEach, describe, expect, it } from "vitest";
import { runCheckinDue } from "../../src/features/checkins/checkins";
import { waitFor, type Harness } from "../support/harness";
import { enrolOptedIn } from "../scheduling/setup";
import { appointmentHarness, at, createAppt, notificationsOfKind, outboundOfKind, waitForText } from "../appointments/setup";

describe("engagement points end to end (real Redis, Postgres, Twilio SDK)", () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it("answered check-ins, confirmations and attendance score; thresholds notify the peer and tell the parent; a return to use takes nothing away", async () => {
    // Small thresholds so a few events cross them: 1 (check-in) + 2 (confirm) = 3, + 5 (attended) = 8.
    const s = await appointmentHarness(at("2026-06-10", "09:00"), {
      cadence: (c) => ({ ...c, incentives: { ...c.incentives, thresholds: [3, 7], thenEvery: 0 } }),
    });
    h = s.h;
    const { participantId, phone, peerId } = await enrolOptedIn(h, { phone: "+15555550401" });
    const total = () => h.store.points.total(participantId);

    s.clock.set(at("2026-06-10", "09:00"));
    expect(await runCheckinDue({ participantId, kind: "daily", localDate: "2026-06-10", dueAt: at("2026-06-10", "09:00").toISOString() }, h.deps)).toBe("sent");
    await h.postSms(phone, "4");
    await waitFor(async () => (await total()) === 1, 10_000, "check-in point");

    // Booked an hour ahead: the reminder goes out at once; C confirms.
    const appt = await createAppt(h, participantId, { kind: "drug_test", localDate: "2026-06-10", localTime: "10:15" });
    await waitForText(h, phone, (b) => b.includes("Reply C"), "reminder");
    await h.postSms(phone, "C");
    await waitFor(async () => (await total()) === 3, 10_000, "confirmation points");
    const [first] = await waitFor(async () => {
      const n = await notificationsOfKind(h, participantId, "incentive_earned");
      return n.length ? n : undefined;
    }, 10_000, "threshold note");
    expect(first).toMatchObject({ peerId, summary: "Ana reached 3 points for showing up. Time to hand an incentive." });
    expect(await waitForText(h, phone, (b) => b.includes("points"), "incentive text")).toBe(
      "Ana, you've earned 3 points for showing up. Rosa has a reward for you. Keep going!",
    );

    s.clock.set(at("2026-06-10", "10:30"));
    expect((await h.admin("POST", `/appointments/${appt.id}/outcome`, { outcome: "attended" })).status).toBe(200);
    expect(await total()).toBe(8);
    await waitFor(async () => (await notificationsOfKind(h, participantId, "incentive_earned")).length === 2, 10_000, "second threshold");
    expect((await outboundOfKind(h, phone, "incentive_earned")).map((m) => m.body)).toEqual([
      "Ana, you've earned 3 points for showing up. Rosa has a reward for you. Keep going!",
      "Ana, you've earned 7 points for showing up. Rosa has a reward for you. Keep going!",
    ]);

    // Return to use is part of recovery: the peer hears with care, the points stay.
    await h.postSms(phone, "I used again last night");
    await waitFor(async () => (await notificationsOfKind(h, participantId, "concern")).length === 1, 10_000, "concern");
    expect(await total()).toBe(8);
    // Repeats of the same events score nothing more.
    await h.postSms(phone, "5");
    expect((await h.admin("POST", `/appointments/${appt.id}/outcome`, { outcome: "attended" })).status).toBe(409);
    await waitFor(async () => (await h.store.inbound.listForParticipant(participantId, 20)).every((m) => m.processedAt !== null), 10_000, "all processed");
    const points = (await (await h.admin("GET", `/participants/${participantId}/points`)).json()) as { total: number; nextThreshold: number | null; entries: unknown[] };
    expect(points).toMatchObject({ total: 8, nextThreshold: null });
    expect(points.entries).toHaveLength(3);
  });
});
