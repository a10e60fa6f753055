import { afterEach, describe, expect, it } from "vitest";
import { waitFor } from "../support/harness";
import { quiet } from "../support/settle";
import { at, boundariesHarness, enrolWithHours, MESSAGING, outboundOfKind, type Boundaries } from "./setup";

describe("off-hours auto-reply to a parent", () => {
  let b: Boundaries;
  afterEach(async () => b?.close());

  it("answers once per off-hours period, in Spanish, with the time in the parent's own zone and the program hotline", async () => {
    b = await boundariesHarness(at("2026-11-23T21:00:00"), { PROGRAM_HOTLINE: "+1 555 010 9999" }); // Mon 9 p.m. in New York
    const { h, clock } = b;
    const ids = await enrolWithHours(h, {}, { language: "es", timeZone: "America/Los_Angeles" });
    h.startWorkers(undefined, MESSAGING);

    await h.postSms(ids.phone, "Hola Rosa, ¿podemos hablar mañana?");
    await h.postSms(ids.phone, "Es sobre la cita del martes");
    await waitFor(async () => (await h.store.notifications.list({ participantId: ids.participantId })).length === 2, 8000, "two notes");
    const first = await waitFor(async () => (await outboundOfKind(h, ids.phone, "off_hours_reply"))[0], 5000, "auto-reply");
    // 9:00 in New York is 06:00 in Los Angeles.
    expect(first.body).toBe(
      "Rosa no está disponible ahora y leerá su mensaje a partir del mar, 24 nov, 06:00. " +
        "Si no puede esperar, llame al 988 o envíe AYUDA al 988. Línea del programa: +1 555 010 9999.",
    );
    expect(first.priority).toBe("reply");
    await quiet(h, { only: MESSAGING }); // both texts handled
    expect(await outboundOfKind(h, ids.phone, "off_hours_reply")).toHaveLength(1);
    expect(await outboundOfKind(h, ids.phone, "message_ack")).toHaveLength(0);
    await waitFor(() => h.fakeTwilio!.sentTo(ids.phone).some((s) => s.body === first.body), 5000, "auto-reply sent");

    // The next night is another off-hours period: one more auto-reply, with the new time.
    clock.set(at("2026-11-24T22:00:00"));
    await h.postSms(ids.phone, "Gracias");
    await waitFor(async () => (await outboundOfKind(h, ids.phone, "off_hours_reply")).length === 2, 8000, "second period's auto-reply");
    expect((await outboundOfKind(h, ids.phone, "off_hours_reply"))[1]!.body).toContain("mié, 25 nov, 06:00");
  });

  it("never auto-replies to a crisis text (it gets the safety reply), nor to an opted-out parent", async () => {
    b = await boundariesHarness(at("2026-11-23T21:00:00"));
    const { h } = b;
    const ids = await enrolWithHours(h);
    h.startWorkers(undefined, MESSAGING);

    const res = await h.postSms(ids.phone, "I want to kill myself tonight");
    expect(await res.text()).toMatch(/988/);
    await waitFor(async () => (await h.store.cases.list()).length === 1, 8000, "hotline case");
    await quiet(h, { only: MESSAGING });
    expect(await outboundOfKind(h, ids.phone, "off_hours_reply")).toHaveLength(0);

    await h.store.participants.setConsent(ids.participantId, "opted_out", h.deps.clock.now());
    await h.store.cases.list().then(async ([c]) => h.db.query("update hotline_cases set status = 'closed' where id = $1", [c!.id]));
    await h.postSms(ids.phone, "just a note");
    await waitFor(
      async () => (await h.store.notifications.list({ participantId: ids.participantId })).some((n) => n.kind === "parent_message"),
      8000,
      "note from opted-out parent",
    );
    await quiet(h, { only: MESSAGING });
    expect(await outboundOfKind(h, ids.phone, "off_hours_reply")).toHaveLength(0);
  });
});
