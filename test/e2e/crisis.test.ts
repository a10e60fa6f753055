import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, enrol, waitFor, type Harness } from "../support/harness";

const ALWAYS: { weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7; start: string; end: string }[] = [1, 2, 3, 4, 5, 6, 7].map((d) => ({
  weekday: d as 1,
  start: "00:00",
  end: "00:00", // equal start and end = a 24-hour shift
}));

describe("crisis path end to end: webhook → safety TwiML → pages → accept → relay → done", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness({
      sms: "twilio",
      env: { HOTLINE_ESCALATE_AFTER_SECONDS: "2", HOTLINE_REPEAT_EVERY_SECONDS: "2" },
    });
    h.startWorkers();
  });
  afterEach(async () => h.close());

  async function addResponder(body: Record<string, unknown>) {
    const res = await h.admin("POST", "/hotline/responders", { timeZone: "America/New_York", shifts: ALWAYS, ...body });
    expect(res.status).toBe(201);
    return ((await res.json()) as { responder: { id: string; phone: string } }).responder;
  }
  const texts = (phone: string) => h.fakeTwilio!.sentTo(phone).map((s) => s.body);

  it("answers with the safety message in the TwiML, pages on-shift primaries, relays both ways, closes", async () => {
    const { phone, participantId } = await enrol(h, { language: "es" });
    await h.postSms(phone, "SI");
    await waitFor(async () => (await h.store.participants.get(participantId))!.consent === "opted_in");
    const v1 = await addResponder({ name: "Vol One", phone: "+15555551001", tier: "primary" });
    const v2 = await addResponder({ name: "Vol Two", phone: "+15555551002", tier: "primary" });
    const backup = await addResponder({ name: "Backup", phone: "+15555551003", tier: "backup" });

    const res = await h.postSms(phone, "STOP no quiero vivir, tengo las pastillas");
    expect(res.status).toBe(200);
    const twiml = await res.text();
    expect(twiml).toMatch(/<Message>.*988.*<\/Message>/s);
    expect(twiml).toMatch(/AYUDA/);
    expect(twiml).toMatch(/911/);

    // Not an opt-out: the crisis screen ran before STOP.
    expect((await h.store.participants.get(participantId))!.consent).toBe("opted_in");
    const [c] = await h.store.cases.list({ status: "open" });
    expect(c).toBeDefined();
    expect(c!.categories).toContain("suicide_self_harm");

    await waitFor(() => texts(v1.phone).length === 1 && texts(v2.phone).length === 1, 10_000, "pages");
    const page = texts(v1.phone)[0]!;
    expect(page).toContain(c!.shortId);
    expect(page).not.toMatch(/vivir|pastillas|Ana/); // minimum necessary
    expect(texts(backup.phone)).toHaveLength(0);

    await h.postSms(v1.phone, `ACCEPT ${c!.shortId}`);
    await waitFor(() => texts(v1.phone).some((t) => t.includes("no quiero vivir")), 10_000, "relay of the first message");
    expect(texts(v1.phone).some((t) => /is yours/.test(t))).toBe(true);

    await h.postSms(v2.phone, `accept ${c!.shortId.toLowerCase()}`);
    await waitFor(() => texts(v2.phone).some((t) => /already taken/.test(t)), 10_000, "loser told");

    await h.postSms(v1.phone, "Hola, estoy aquí contigo. ¿Estás a salvo ahora?");
    await waitFor(() => texts(phone).some((t) => t.startsWith("Hola, estoy aquí")), 10_000, "relay to parent");
    expect(h.fakeTwilio!.sentTo(phone).every((s) => s.from === "+15550001111")).toBe(true);

    await h.postSms(phone, "sí, gracias");
    await waitFor(() => texts(v1.phone).some((t) => t === `[${c!.shortId}] sí, gracias`), 10_000, "relay to volunteer");

    await h.postSms(v1.phone, `DONE ${c!.shortId} safe with sister, plan made`);
    await waitFor(async () => (await h.store.cases.get(c!.id))!.status === "closed", 10_000, "closed");
    const closed = await h.store.cases.get(c!.id);
    expect(closed!.closeNote).toBe("safe with sister, plan made");
    const types = (await h.store.cases.events(c!.id)).map((e) => e.type);
    for (const t of ["received", "safety_reply", "paged", "claimed", "relayed_to_volunteer", "relayed_to_parent", "closed"]) {
      expect(types).toContain(t);
    }
    const notes = await h.store.notifications.list({ participantId });
    expect(notes.map((n) => n.kind)).toEqual(expect.arrayContaining(["hotline_case_opened", "hotline_case_closed"]));

    const api = await h.admin("GET", `/hotline/cases/${c!.id}`);
    expect(api.status).toBe(200);
    expect(((await api.json()) as { timeline: unknown[] }).timeline.length).toBe(types.length);
    // Logs never carry the parent's words or number.
    expect(h.logLines.join("\n")).not.toMatch(/vivir|5555550100/);
  });

  it("escalates to backups and supervisors when nobody claims, and keeps repeating", async () => {
    const p = await addResponder({ name: "Prim", phone: "+15555552001", tier: "primary" });
    const b = await addResponder({ name: "Back", phone: "+15555552002", tier: "backup" });
    const s = await addResponder({ name: "Sup", phone: "+15555552003", tier: "supervisor", shifts: [] });
    const t0 = Date.now();
    await h.postSms("+15555559999", "i took a whole bottle of pills");
    await waitFor(() => texts(p.phone).length === 1, 10_000, "first page");
    expect(texts(b.phone)).toHaveLength(0);
    await waitFor(() => texts(b.phone).length >= 1 && texts(s.phone).length >= 1, 10_000, "escalation");
    const escalatedAfter = (h.fakeTwilio!.sentTo(b.phone)[0]!.at - t0) / 1000;
    expect(escalatedAfter).toBeGreaterThanOrEqual(1.5);
    await waitFor(() => texts(b.phone).length >= 2, 10_000, "repeat");
    const [c] = await h.store.cases.list({ status: "open" });
    const types = (await h.store.cases.events(c!.id)).map((e) => e.type);
    expect(types.filter((t) => t === "escalated").length).toBeGreaterThanOrEqual(2);
  });

  it("pages a responder whose pageChannel is slack by SMS (Slack paging is not built)", async () => {
    const v = await addResponder({ name: "Slacker", phone: "+15555554001", tier: "primary", pageChannel: "slack" });
    await h.postSms("+15555559997", "i took a whole bottle of pills");
    await waitFor(() => texts(v.phone).length === 1, 10_000, "page by SMS");
    const [c] = await h.store.cases.list({ status: "open" });
    expect(texts(v.phone)[0]).toContain(c!.shortId);
  });

  it("pages the supervisor tier at once when nobody is on shift", async () => {
    const off = await addResponder({ name: "Off", phone: "+15555553001", tier: "primary", shifts: [] });
    const sup = await addResponder({ name: "Sup", phone: "+15555553002", tier: "supervisor", shifts: [] });
    await h.postSms("+15555559998", "my boyfriend is beating my son right now");
    // The page, and (a child may be at risk) the mandated-reporter guidance.
    await waitFor(() => texts(sup.phone).some((t) => /ACCEPT/.test(t)), 10_000, "supervisor page");
    expect(texts(off.phone)).toHaveLength(0);
    const [c] = await h.store.cases.list({ status: "open" });
    expect(c!.supervisorReview).toBe(true);
  });

  it("exactly one of two simultaneous ACCEPTs wins", async () => {
    const a = await addResponder({ name: "A", phone: "+15555554001", tier: "primary" });
    const b = await addResponder({ name: "B", phone: "+15555554002", tier: "primary" });
    await h.postSms("+15555559997", "kms tonight");
    const [c] = await h.store.cases.list({ status: "open" });
    await Promise.all([h.postSms(a.phone, `ACCEPT ${c!.shortId}`), h.postSms(b.phone, `ACCEPT ${c!.shortId}`)]);
    await waitFor(async () => {
      const all = [...texts(a.phone), ...texts(b.phone)];
      return all.filter((t) => /is yours/.test(t)).length + all.filter((t) => /already taken/.test(t)).length === 2;
    }, 10_000, "both answered");
    const all = [...texts(a.phone), ...texts(b.phone)];
    expect(all.filter((t) => /is yours/.test(t))).toHaveLength(1);
    expect(all.filter((t) => /already taken/.test(t))).toHaveLength(1);
    expect((await h.store.cases.events(c!.id)).filter((e) => e.type === "claimed")).toHaveLength(1);
  });

  it("an opted-out parent in crisis still gets the safety reply", async () => {
    const { phone } = await enrol(h);
    await h.postSms(phone, "YES");
    await h.postSms(phone, "STOP");
    await waitFor(async () => (await h.store.participants.byPhone(phone))!.consent === "opted_out");
    const res = await h.postSms(phone, "i overdosed i cant breathe");
    expect(await res.text()).toMatch(/911/);
    expect(await h.store.cases.list({ status: "open" })).toHaveLength(1);
  });

  it("TRANSFER puts the case back in the queue and pages again (others, not the one who transferred)", async () => {
    const a = await addResponder({ name: "A", phone: "+15555555001", tier: "primary" });
    const b = await addResponder({ name: "B", phone: "+15555555002", tier: "backup" });
    await h.postSms("+15555559996", "SOS");
    const [c] = await h.store.cases.list({ status: "open" });
    await waitFor(() => texts(a.phone).length === 1);
    await h.postSms(a.phone, `ACCEPT ${c!.shortId}`);
    await waitFor(async () => (await h.store.cases.get(c!.id))!.status === "claimed");
    await h.postSms(a.phone, `TRANSFER ${c!.shortId}`);
    await waitFor(async () => (await h.store.cases.get(c!.id))!.status === "open");
    await waitFor(() => texts(b.phone).some((t) => t.includes(`ACCEPT ${c!.shortId}`)), 10_000, "re-page");
    expect(texts(a.phone).filter((t) => t.includes(`ACCEPT ${c!.shortId}`))).toHaveLength(1);
  });

  it("lists the queue highest severity first, then oldest, to admins and supervisors only", async () => {
    await h.postSms("+15555556001", "SOS");
    await new Promise((r) => setTimeout(r, 20));
    await h.postSms("+15555556002", "i took too many pills and cant breathe");
    await new Promise((r) => setTimeout(r, 20));
    await h.postSms("+15555556003", "SOS");
    const res = await h.admin("GET", "/hotline/cases?status=open");
    expect(res.status).toBe(200);
    const { cases } = (await res.json()) as { cases: { fromPhone: string; severity: number }[] };
    expect(cases.map((c) => c.fromPhone)).toEqual(["+15555556002", "+15555556001", "+15555556003"]);

    expect((await h.app.request("/api/hotline/cases")).status).toBe(401);
    const bad = await h.admin("GET", "/hotline/cases?status=nope");
    expect(bad.status).toBe(400);
  });
});

