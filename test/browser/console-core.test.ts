import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { createHarness, type Harness } from "../support/harness";
import { makeUser, PASSWORD } from "../console/client";
import { checkA11y, launchBrowser, screenshot, seedProgram, serveApp, signIn, signOut, type Browser, type SeededProgram, type ServedApp } from "./support";

/**
 * The console's core pages in real Chromium, on a deterministic program at a fixed time
 * (the screenshots in docs/screenshots/ come from here).
 */
const NOW = new Date("2026-03-02T17:00:00Z");

describe("web console in Chromium", () => {
  let h: Harness;
  let served: ServedApp;
  let browser: Browser;
  let page: Page;
  let program: SeededProgram;
  const emails = { admin: "admin@example.org", supervisor: "sup@example.org", peer: "rosa@example.org", otherPeer: "sam@example.org" };

  beforeAll(async () => {
    h = await createHarness({ sms: "sandbox", clock: { now: () => NOW } });
    program = await seedProgram(h.db, { peers: 2, parentsPerPeer: 12, days: 90, now: NOW });
    await makeUser(h, { role: "admin", email: emails.admin, name: "Ada Admin" });
    await makeUser(h, { role: "supervisor", email: emails.supervisor, name: "Sol Supervisor" });
    await makeUser(h, { role: "peer", email: emails.peer, name: "Rosa Diaz", peerId: program.peerIds[0]! });
    await makeUser(h, { role: "peer", email: emails.otherPeer, name: "Sam Lee", peerId: program.peerIds[1]! });
    served = await serveApp(h.app);
    browser = await launchBrowser();
    page = await browser.newPage();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await served?.close();
    await h?.close();
  });

  it("axe finds a planted violation (the check can fail)", async () => {
    await page.setContent('<html><head><title>t</title></head><body><main><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><button></button></main></body></html>');
    const found = await checkA11y(page);
    expect(found.map((v) => v.id)).toEqual(expect.arrayContaining(["image-alt", "button-name"]));
  });

  it("signs a peer in to their caseload, which renders the seeded program and passes axe", async () => {
    await page.goto(`${served.url}/console/login`);
    expect(await checkA11y(page)).toEqual([]);
    await screenshot(page, "console-login");
    await signIn(page, served.url, emails.peer, PASSWORD);
    expect(new URL(page.url()).pathname).toBe("/console/caseload");
    await expect(page.getByRole("heading", { level: 1 })).toBeDefined();
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("My caseload");
    const rows = page.locator("tbody tr");
    expect(await rows.count()).toBe(12);
    expect(await page.getByText("12 active parents — guideline 10–15:").count()).toBe(1);
    // Each sparkline has its text alternative.
    expect(await page.locator('svg[role="img"][aria-label*="scores over the last 14 days"]').count()).toBe(12);
    expect(await checkA11y(page)).toEqual([]);
    await screenshot(page, "console-caseload");
  });

  it("opens a parent page with the plots and the texts, passing axe", async () => {
    const first = program.parentsByPeer[0]![0]!;
    await page.locator(`a[href="/console/parents/${first}"]`).click();
    await page.waitForURL(`**/console/parents/${first}`);
    expect(await page.getByText("Check-ins, last 90 days").count()).toBe(1);
    expect(await page.locator('ol.timeline > li').count()).toBe(50);
    expect(await checkA11y(page)).toEqual([]);
    await screenshot(page, "console-parent");
    await page.getByRole("link", { name: "Older texts" }).click();
    await page.waitForURL(/before=/);
    expect(await page.locator("ol.timeline > li").count()).toBeGreaterThan(0);
  });

  it("refuses another peer's parent with 403", async () => {
    const res = await page.goto(`${served.url}/console/parents/${program.parentsByPeer[1]![0]}`);
    expect(res?.status()).toBe(403);
    expect(await page.textContent("body")).toContain("not on your caseload");
    const caseload = await page.goto(`${served.url}/console/caseload?peer=${program.peerIds[1]}`);
    expect(caseload?.status()).toBe(403);
    await page.goto(`${served.url}/console/caseload`);
    await signOut(page);
  });

  it("shows a supervisor every caseload and the enrolment form, passing axe", async () => {
    await signIn(page, served.url, emails.supervisor, PASSWORD);
    // The overview: one row per peer, each opening that peer's caseload.
    expect(await page.locator("tbody tr").count()).toBe(2);
    expect(await checkA11y(page)).toEqual([]);
    await screenshot(page, "console-overview");
    await page.getByRole("link", { name: "Sam Lee" }).click();
    await page.waitForURL(/peer=/);
    expect(await page.locator("tbody tr").count()).toBe(12);
    expect(await checkA11y(page)).toEqual([]);
    await page.goto(`${served.url}/console/enrol?language=es`);
    expect(await checkA11y(page)).toEqual([]);
    await page.getByLabel("First name").fill("Lia");
    await page.getByLabel("Mobile phone (with country code, e.g. +15551234567)").fill("+15557770009");
    // Selects by name: a wrapping label's accessible name includes the selected option's text.
    await page.locator('form.stack select[name="language"]').selectOption("es");
    await page.locator('select[name="peerId"]').selectOption(program.peerIds[1]!);
    await page.getByRole("button", { name: "Enrol and send the welcome text" }).click();
    await page.waitForLoadState();
    // Sam Lee (odd peer) speaks English only: the form warns and asks to confirm.
    expect(await page.getByText("does not speak Spanish").count()).toBe(1);
    expect(await checkA11y(page)).toEqual([]);
    await screenshot(page, "console-enrol-warning");
    await page.getByLabel("Assign anyway").check();
    await Promise.all([page.waitForURL(/\/console\/parents\//), page.getByRole("button", { name: "Enrol and send the welcome text" }).click()]);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Lia");
    await signOut(page);
  });

  it("shows an admin the users page and the audit log, passing axe", async () => {
    await signIn(page, served.url, emails.admin, PASSWORD);
    await page.goto(`${served.url}/console/users`);
    expect(await checkA11y(page)).toEqual([]);
    await screenshot(page, "console-users");
    await page.goto(`${served.url}/console/audit`);
    expect(await page.locator("tbody tr").filter({ hasText: "denied" }).count()).toBeGreaterThan(0);
    expect(await checkA11y(page)).toEqual([]);
    // Refusals only for the picture: they name seeded ids (enrolments and accounts made here have random ones).
    await page.goto(`${served.url}/console/audit?action=denied`);
    expect(await page.locator("tbody tr").count()).toBe(2);
    await screenshot(page, "console-audit");
    await signOut(page);
  });
});
