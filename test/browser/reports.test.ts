import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { createHarness, type Harness } from "../support/harness";
import { makeUser, PASSWORD } from "../console/client";
import { seedMonth } from "../reports/support";
import { checkA11y, launchBrowser, screenshot, seedProgram, serveApp, signIn, signOut, type Browser, type SeededProgram, type ServedApp } from "./support";

/**
 * Monthly progress reports in real Chromium (docs/reports.md): a release without consent
 * is refused on the page, a consent is recorded from the signed form, the release preview
 * shows what is in and out, and the released PDF holds only the consented sections.
 * Screenshots: docs/screenshots/reports-*.png.
 */
const NOW = new Date("2026-12-01T15:00:00Z");

function pdfText(bytes: Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), "bl-report-")), "r.pdf");
  writeFileSync(file, bytes);
  return execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
}

describe("monthly reports in Chromium", () => {
  let h: Harness;
  let served: ServedApp;
  let browser: Browser;
  let page: Page;
  let program: SeededProgram;
  const emails = { supervisor: "sup-reports@example.org", peer: "rosa-reports@example.org" };

  beforeAll(async () => {
    h = await createHarness({ sms: "sandbox", clock: { now: () => NOW } });
    program = await seedProgram(h.db, { peers: 1, parentsPerPeer: 3, days: 75, now: NOW });
    // The first parent told her peer about a return to use in November.
    await seedMonth(h, program.participantIds[0]!, { texts: [["2026-11-12T15:00:00Z", ["return_to_use"]]] });
    await makeUser(h, { role: "supervisor", email: emails.supervisor, name: "Sol Supervisor" });
    await makeUser(h, { role: "peer", email: emails.peer, name: "Rosa Diaz", peerId: program.peerIds[0]! });
    served = await serveApp(h.app);
    browser = await launchBrowser();
    page = await browser.newPage();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await served?.close();
    await h?.close();
  });

  const noSerious = async () => expect(await checkA11y(page)).toEqual([]);

  it("a peer drafts and reviews a report; releasing without a consent is refused on the page", async () => {
    await signIn(page, served.url, emails.peer, PASSWORD);
    await page.goto(`${served.url}/console/reports?month=2026-11`);
    await noSerious();
    await screenshot(page, "reports-list");
    await Promise.all([page.waitForURL(/\/console\/reports\/[0-9a-f-]{36}$/), page.getByRole("button", { name: "Draft Ana's report now" }).click()]);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Ana: report for November 2026");
    expect(await page.getByRole("textbox", { name: "Return to use" }).inputValue()).toMatch(/part of recovery/);
    await noSerious();
    await screenshot(page, "reports-review");

    // No consent chosen (none on file): the preview refuses, naming the consent.
    const [refused] = await Promise.all([page.waitForResponse((r) => r.url().includes("/release")), page.getByRole("button", { name: "Preview release" }).click()]);
    expect(refused.status()).toBe(422);
    expect(await page.getByRole("alert").textContent()).toContain("Release refused: no consent chosen");
    await noSerious();
    await screenshot(page, "reports-refused");
  });

  it("records a consent, previews what is in and out, releases, and the PDF holds only the consented sections", async () => {
    await page.getByRole("link", { name: "Consents" }).click();
    await page.getByLabel("Recipient name").fill("Family Treatment Court");
    await page.getByLabel("Recipient kind").selectOption("court");
    await page.getByLabel("Purpose").fill("Monthly progress for the dependency case");
    await page.getByLabel("Participation").check();
    await page.getByLabel("Check-in adherence").check();
    await page.getByLabel("Signed on").fill("2026-11-20");
    await page.getByLabel("Expires on").fill("2027-11-20");
    await Promise.all([page.waitForURL(/\/consents$/), page.getByRole("button", { name: "Save consent" }).click()]);
    expect(await page.getByRole("cell", { name: "Family Treatment Court (Court)" }).count()).toBe(1);
    await noSerious();
    await screenshot(page, "reports-consents");

    await page.goto(`${served.url}/console/reports?month=2026-11`);
    await page.getByRole("link", { name: "Review Ana's report" }).click();
    await page.getByLabel("Consent").selectOption({ label: "Family Treatment Court (active)" });
    await Promise.all([page.waitForURL(/\/release\?consentId=/), page.getByRole("button", { name: "Preview release" }).click()]);
    const leftOut = await page.locator("h2:has-text('Left out') + ul").textContent();
    expect(leftOut).toContain("Return to use");
    expect(leftOut).toContain("Recovery capital");
    await noSerious();
    await screenshot(page, "reports-release-preview");

    await Promise.all([page.waitForURL(/released=/), page.getByRole("button", { name: "Release to Family Treatment Court" }).click()]);
    expect(await page.getByRole("status").textContent()).toContain("Released to Family Treatment Court: Participation, Check-in adherence.");
    await noSerious();
    await screenshot(page, "reports-released");

    const href = await page.getByRole("link", { name: "Download the PDF" }).getAttribute("href");
    const pdf = await page.request.get(`${served.url}${href}`);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    const text = pdfText(await pdf.body());
    expect(text).toContain("Participation");
    expect(text).toContain("Check-in adherence");
    expect(text).not.toContain("Return to use");
    expect(text).not.toContain("return to use");
    expect(text).not.toContain("Recovery capital");
    expect(text).toContain("protected by Federal confidentiality rules (42 CFR part 2)");

    await page.getByRole("link", { name: "Printable page" }).click();
    expect(await page.getByRole("heading", { name: "Notice to the recipient (42 CFR §2.32)" }).count()).toBe(1);
    await noSerious();
    await screenshot(page, "reports-printable");
    await page.goto(`${served.url}/console/reports?month=2026-11`);
    await signOut(page);
  });

  it("the supervisor reads the disclosure log", async () => {
    await signIn(page, served.url, emails.supervisor, PASSWORD);
    await page.goto(`${served.url}/console/reports/disclosures`);
    const row = page.locator("tbody tr").first();
    expect(await row.textContent()).toContain("Family Treatment Court (Court)");
    expect(await row.textContent()).toContain("Rosa Diaz (peer)");
    await noSerious();
    await screenshot(page, "reports-disclosure-log");
  });
});
