import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { createHarness, waitFor, type Harness } from "../support/harness";
import { runningClock } from "../support/clock";
import { quiet } from "../support/settle";
import { accept, addResponder, WAIT, type TestResponder } from "../e2e/hotline-helpers";
import { makeUser, PASSWORD } from "../console/client";
import { checkA11y, launchBrowser, screenshot, seedProgram, serveApp, signIn, type Browser, type SeededProgram, type ServedApp } from "./support";

/**
 * The live hotline queue in real Chromium: a crisis text through the signed Twilio webhook
 * shows up in an open queue page without a reload (SSE), a supervisor reassigns it from the
 * case page, and the queue, case and workload pages pass axe. Screenshots for the README.
 */
/**
 * The real time, not a fixed instant: the escalation step re-queues itself with BullMQ's
 * moveToDelayed at an absolute time taken from deps.clock, so a clock months away from
 * Redis' would re-page in a loop (or never). The seed is relative to it, so the pages look
 * the same apart from the dates.
 */
const START = new Date();

describe("hotline queue in Chromium", { timeout: 120_000 }, () => {
  let h: Harness;
  let served: ServedApp;
  let browser: Browser;
  let page: Page;
  let program: SeededProgram;
  let v1: TestResponder;
  let v2: TestResponder;
  const email = "sol@example.org";
  const clock = runningClock(START);

  beforeAll(async () => {
    h = await createHarness({ sms: "twilio", clock, env: { HOTLINE_ESCALATE_AFTER_SECONDS: "600", HOTLINE_REPEAT_EVERY_SECONDS: "600", SUPERVISOR_TIME_ZONE: "America/New_York" } });
    h.startWorkers();
    program = await seedProgram(h.db, { peers: 3, parentsPerPeer: 4, days: 21, now: START });
    v1 = await addResponder(h, { name: "Vera Ortiz", phone: "+15555584001", tier: "primary" });
    v2 = await addResponder(h, { name: "Victor Nguyen", phone: "+15555584002", tier: "primary" });
    const sup = await addResponder(h, { name: "Sol Reyes", phone: "+15555584003", tier: "supervisor", shifts: [] });
    await makeUser(h, { role: "supervisor", email, name: "Sol Reyes", responderId: sup.id });
    await seedBoundaryNotes(h, program.peerIds);
    served = await serveApp(h.app);
    browser = await launchBrowser();
    page = await browser.newPage();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await served?.close();
    if (h) await quiet(h, { timeoutMs: WAIT }).catch(() => undefined);
    await h?.close();
  });

  it("a crisis text through the signed webhook appears in the open queue page without reload; a supervisor reassigns it", async () => {
    await signIn(page, served.url, email, PASSWORD);
    await page.goto(`${served.url}/console/hotline`);
    await page.getByText("Live: updates without reloading.").waitFor({ timeout: WAIT });
    expect(await checkA11y(page)).toEqual([]);
    // Survives only if the page is not reloaded.
    await page.evaluate("window.__sameDocument = 'yes'");

    const parentPhone = "+15552000001"; // the seed's first parent, Ana
    const res = await h.postSms(parentPhone, "i took a whole bottle of pills");
    expect(res.status).toBe(200);
    const c = await waitFor(async () => (await h.store.cases.list()).find((x) => x.fromPhone === parentPhone), WAIT, "case");
    const row = page.locator(`tr[data-case="${c.shortId}"]`);
    await row.waitFor({ timeout: WAIT });
    expect(await page.evaluate("window.__sameDocument")).toBe("yes");
    expect(await row.textContent()).toContain("Ana");
    expect(await row.textContent()).toContain("Life at risk");
    await waitFor(() => page.locator("#queue-status").textContent().then((t) => t?.includes("1 waiting")), WAIT, "live region");

    // A volunteer claims it by text: the page moves it to the claimed table, still live.
    await accept(h, v1, c.shortId);
    await page.locator("table", { hasText: "Claimed (a volunteer" }).locator(`tr[data-case="${c.shortId}"]`).waitFor({ timeout: WAIT });
    expect(await page.evaluate("window.__sameDocument")).toBe("yes");
    expect(await checkA11y(page)).toEqual([]);
    await screenshot(page, "hotline-queue");

    await page.getByRole("link", { name: `Case ${c.shortId}, Ana` }).click();
    await page.waitForURL(`**/console/hotline/cases/${c.shortId}`);
    expect(await page.locator("dd", { hasText: "Claimed by Vera Ortiz" }).count()).toBe(1);
    expect(await checkA11y(page)).toEqual([]);
    await page.getByLabel("Reassign to").selectOption({ label: "Victor Nguyen (primary)" });
    await Promise.all([page.waitForURL(/done=reassign/), page.getByRole("button", { name: "Reassign" }).click()]);
    expect(await page.getByText("The case was reassigned").count()).toBe(1);
    expect(await page.locator("dd", { hasText: "Claimed by Victor Nguyen" }).count()).toBe(1);
    expect((await h.store.cases.get(c.id))!.claimedBy).toBe(v2.id);
    expect(await checkA11y(page)).toEqual([]);
    await screenshot(page, "hotline-case");
  });

  it("the workload page passes axe", async () => {
    await page.goto(`${served.url}/console/workload`);
    expect(await page.getByRole("heading", { name: "Hotline responders" }).count()).toBe(1);
    expect(await page.locator('svg[role="img"]').count()).toBeGreaterThan(1);
    expect(await checkA11y(page)).toEqual([]);
    await screenshot(page, "workload-supervisor");
  });
});

/** Some weeks of notes held off-hours, delivered off-hours and left unacknowledged, so the chart has bars. */
async function seedBoundaryNotes(h: Harness, peerIds: string[]) {
  const HOUR = 3600_000;
  let k = 0;
  for (const [p, peerId] of peerIds.entries()) {
    for (let week = 0; week < 6; week++) {
      const held = 1 + ((p * 3 + week * 2) % 5);
      const delivered = (p + week) % 3 === 0 ? 1 + (week % 2) : 0;
      for (let i = 0; i < held + delivered; i++) {
        const at = new Date(START.getTime() - (week * 7 * 24 + 10 + i) * HOUR);
        const { notification: n } = await h.store.notifications.createOnce({ idempotencyKey: `seed-note|${k++}`, peerId, participantId: null, kind: "parent_message", summary: "seeded" });
        if (i < held) {
          await h.store.boundaries.markDeferred(n.id, new Date(at.getTime() + 12 * HOUR), at);
          if (week > 0) await h.store.notifications.markDelivered(n.id, "slack", new Date(at.getTime() + 12 * HOUR));
          if (week > 1) await h.store.boundaries.acknowledge(n.id, peerId, new Date(at.getTime() + 13 * HOUR));
        } else {
          await h.store.notifications.markDelivered(n.id, "slack", at, true);
        }
      }
    }
  }
}
