import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { readFile, appendFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { JournalFullError, openJournal, type JournalRecord } from "../../src/features/inbound/journal/journal";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempPath() {
  const dir = mkdtempSync(join(tmpdir(), "journal-test-"));
  dirs.push(dir);
  return join(dir, "journal", "inbound.jsonl");
}
const text = (sid: string, imminent: boolean): JournalRecord => ({
  v: 1,
  kind: "inbound",
  messageSid: sid,
  from: "+15555550100",
  to: "+15550001111",
  body: "x".repeat(100),
  crisis: imminent ? { level: "imminent", categories: ["suicide_self_harm"] } : null,
  shortId: imminent ? "K7Q2A" : null,
  receivedAt: "2026-12-01T00:00:00.000Z",
});

describe("the local journal", () => {
  it("keeps one JSON line per record, in order, across a reopen", async () => {
    const path = tempPath();
    const j = await openJournal(path, 1 << 20);
    await j.append(text("SM1", true));
    await j.append(text("SM2", false));
    const lines = (await readFile(path, "utf8")).trim().split("\n");
    expect(lines.map((l) => JSON.parse(l).messageSid)).toEqual(["SM1", "SM2"]);
    const again = await openJournal(path, 1 << 20);
    expect(again.size()).toBe(j.size());
    expect((await again.read()).map((r) => r.messageSid)).toEqual(["SM1", "SM2"]);
  });

  it("is bounded, and keeps the last quarter for crisis texts", async () => {
    const path = tempPath();
    const lineOf = (r: JournalRecord) => Buffer.byteLength(JSON.stringify(r) + "\n");
    // Room for three routine lines and one crisis line; routine texts may use 3/4 of it.
    const j = await openJournal(path, 3 * lineOf(text("SM00", false)) + lineOf(text("SM10", true)));
    for (let i = 0; i < 3; i++) await j.append(text(`SM0${i}`, false));
    await expect(j.append(text("SM09", false))).rejects.toBeInstanceOf(JournalFullError);
    await j.append(text("SM10", true)); // the crisis reserve
    await expect(j.append(text("SM11", true))).rejects.toBeInstanceOf(JournalFullError);
  });

  it("removes replayed texts and skips a torn last line", async () => {
    const path = tempPath();
    const j = await openJournal(path, 1 << 20);
    await j.append(text("SM1", true));
    await j.append(text("SM2", false));
    await appendFile(path, '{"v":1,"kind":"inbound","messageSid":"SM3","fr'); // crash mid-write
    expect((await j.read()).map((r) => r.messageSid)).toEqual(["SM1", "SM2"]);
    await j.remove(new Set(["SM1"]));
    expect((await j.read()).map((r) => r.messageSid)).toEqual(["SM2"]);
    expect(j.size()).toBe(Buffer.byteLength(JSON.stringify(text("SM2", false)) + "\n"));
    writeFileSync(path, ""); // emptied by hand: reads as nothing
    expect(await j.read()).toEqual([]);
  });
});
