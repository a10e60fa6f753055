import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { createHarness, type Harness } from "../support/harness";
import { makeUser, PASSWORD } from "../console/client";
import { checkA11y, launchBrowser, screenshot, seedProgram, serveApp, signIn, signOut, type Browser, type SeededProgram, type ServedApp } from "./support";

/** The console's core pages in real Chromium, on a deterministic program at a fixed time. */
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
    program = await seedProgram(h.db, { peers: 2, parentsPerPeer: 6, days: 90, now: NOW });
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

  it("signs in, and the sign-in page passes axe", async () => {
    await page.goto(`${served.url}/console/login`);
    expect(await checkA11y(page)).toEqual([]);
    await screenshot(page, "console-login");
    await signIn(page, served.url, emails.peer, PASSWORD);
    expect(new URL(page.url()).pathname).toBe("/console/caseload");
    expect(await checkA11y(page)).toEqual([]);
    await signOut(page);
  });
});
