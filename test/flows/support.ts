import { copyFile, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Clock } from "../../src/ports/clock";
import { createHarness, enrol, waitFor, type Harness } from "../support/harness";

const FLOWS = fileURLToPath(new URL("../../flows", import.meta.url));
const t = (en: string, es: string) => ({ en, es });

/** A short flow for engine tests: two asks (the second with a 1-second timeout), a peer note, an end. */
export const TINY_FLOW = {
  kind: "flow",
  id: "tiny",
  steps: [
    { id: "q1", type: "ask", text: t("Q1 {firstName}: 1-5?", "P1 {firstName}: ¿1-5?"), answers: [{ range: { min: 1, max: 5 } }], record: "a", timeout: "1h", fallback: { value: 3 } },
    { id: "note", type: "notify_peer", summary: "Tiny answer {a}" },
    { id: "q2", type: "ask", text: t("Q2: meetings this week?", "P2: ¿reuniones esta semana?"), answers: [{ range: { min: 0, max: 20 } }], record: "b", timeout: "1s", onTimeout: "nudge", fallback: { value: 0 } },
    { id: "thanks", type: "send", text: t("Thanks {firstName}, {a} and {b}.", "Gracias {firstName}, {a} y {b}."), next: "done" },
    { id: "nudge", type: "send", text: t("No worries, {firstName}.", "No pasa nada, {firstName}."), next: "gave-up" },
    { id: "gave-up", type: "end", status: "timed_out" },
    { id: "done", type: "end" },
  ],
};

/** A copy of the shipped flows plus `extra` flow files, for a harness's FLOWS_DIR. */
export async function flowsDirWith(extra: Record<string, unknown>[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "bl-flows-"));
  for (const f of await readdir(FLOWS)) if (f.endsWith(".json")) await copyFile(join(FLOWS, f), join(dir, f));
  for (const flow of extra) await writeFile(join(dir, `${(flow as { id: string }).id}.json`), JSON.stringify(flow));
  return dir;
}

export async function flowHarness(opts: { clock?: Clock; extra?: Record<string, unknown>[] } = {}) {
  const dir = await flowsDirWith(opts.extra ?? [TINY_FLOW]);
  const h = await createHarness({ sms: "twilio", clock: opts.clock, env: { FLOWS_DIR: dir } });
  h.startWorkers();
  return {
    h,
    async close() {
      await h.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export const textsTo = (h: Harness, phone: string) => h.fakeTwilio!.sentTo(phone).map((s) => s.body);

/** Enrolled and opted in with YES; returns once the opt-in confirmation has gone out. */
export async function optedIn(h: Harness, overrides: Record<string, unknown> = {}) {
  const ids = await enrol(h, overrides);
  await h.postSms(ids.phone, "YES");
  await waitFor(async () => (await h.store.participants.get(ids.participantId))?.consent === "opted_in", 10_000, "opt-in");
  await waitFor(() => textsTo(h, ids.phone).length === 2, 10_000, "opt-in confirmation");
  return ids;
}

