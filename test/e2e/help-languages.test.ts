import { afterEach, describe, expect, it } from "vitest";
import { createHarness, enrol, waitFor, type Harness } from "../support/harness";

/** Words of the English HELP that must never appear in the Spanish one. */
const ENGLISH = /\b(your|program|peer support|contact|reply|rates|msgs?|help|opt out|in crisis)\b/i;

describe("HELP answers in the parent's language, contact included", () => {
  let h: Harness;
  afterEach(async () => h?.close());

  async function helpFor(language: "en" | "es", keyword: string, env: Record<string, string> = {}) {
    h = await createHarness({ sms: "twilio", env });
    h.startWorkers();
    const { phone } = await enrol(h, { language });
    await waitFor(() => h.fakeTwilio!.sentTo(phone).length === 1, 10_000, "welcome");
    expect((await h.postSms(phone, keyword)).status).toBe(200);
    await waitFor(() => h.fakeTwilio!.sentTo(phone).length === 2, 10_000, "HELP reply");
    return h.fakeTwilio!.sentTo(phone)[1]!.body;
  }

  it("Spanish: no English words, the default contact in Spanish, rates and opt-out named", async () => {
    const help = await helpFor("es", "INFORMACIÓN");
    expect(help).not.toMatch(ENGLISH);
    expect(help).toContain("Contacto: su programa de apoyo entre pares.");
    expect(help).toMatch(/tarifas de mensajes y datos/);
    expect(help).toMatch(/PARAR/);
    expect(help).toMatch(/AYUDA al 988/);
  });

  it("English: the default contact in English", async () => {
    const help = await helpFor("en", "HELP");
    expect(help).toContain("Contact: your peer support program.");
    expect(help).toMatch(/rates may apply/i);
  });

  it("a configured PROGRAM_CONTACT (a number) is used as is in both languages", async () => {
    const help = await helpFor("es", "INFO", { PROGRAM_CONTACT: "(555) 010-2030" });
    expect(help).toContain("Contacto: (555) 010-2030.");
    expect(help).not.toMatch(ENGLISH);
  });
});
