import { expect } from "vitest";
import type { Harness } from "../support/harness";
import { waitFor } from "../support/harness";

/**
 * How long to wait for an asynchronous effect (a page, a relay). Generous: the suite runs on
 * two cores shared with other work, and a wait ends as soon as the effect is seen.
 */
export const WAIT = 30_000;
/** Per test: several effects in a row, each allowed WAIT. */
export const E2E_TIMEOUT = 180_000;

/** Every day, all day (start == end is a 24-hour shift). */
export const ALWAYS = ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({ weekday, start: "00:00", end: "00:00" }));

export interface TestResponder {
  id: string;
  phone: string;
  name: string;
}

export async function addResponder(h: Harness, body: Record<string, unknown>): Promise<TestResponder> {
  const res = await h.admin("POST", "/hotline/responders", { timeZone: "America/New_York", shifts: ALWAYS, ...body });
  expect(res.status).toBe(201);
  return ((await res.json()) as { responder: TestResponder }).responder;
}

export const textsTo = (h: Harness, phone: string) => h.fakeTwilio!.sentTo(phone).map((s) => s.body);

/** The parent's crisis text opens a case; returns it once stored. */
export async function openCase(h: Harness, parentPhone: string, body = "i took a whole bottle of pills") {
  const res = await h.postSms(parentPhone, body);
  expect(res.status).toBe(200);
  const twiml = await res.text();
  const c = await waitFor(async () => (await h.store.cases.list()).find((x) => x.fromPhone === parentPhone && x.status !== "closed"), WAIT, "case");
  return { c, twiml };
}

export async function accept(h: Harness, r: TestResponder, shortId: string) {
  await h.postSms(r.phone, `ACCEPT ${shortId}`);
  await waitFor(async () => {
    const c = await h.store.cases.byShortId(shortId);
    return c?.status === "claimed" && c.claimedBy === r.id;
  }, WAIT, `${r.name} holds ${shortId}`);
}

export async function eventTypes(h: Harness, caseId: string) {
  return (await h.store.cases.events(caseId)).map((e) => e.type);
}
