import { mkdtemp, readFile, rm, writeFile, cp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadCadence } from "../../src/content/appointments-config";
import { FlowError, loadFlows } from "../../src/content/catalog";

describe("cadence files are validated at start-up", () => {
  let dir: string;
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  async function withEdited(file: string, edit: (json: Record<string, any>) => void) {
    dir = await mkdtemp(join(tmpdir(), "buddyline-cadence-"));
    await cp("flows", dir, { recursive: true });
    const json = JSON.parse(await readFile(join(dir, file), "utf8"));
    edit(json);
    await writeFile(join(dir, file), JSON.stringify(json));
    return dir;
  }

  it("the shipped files load, next to the check-in flows", async () => {
    dir = await mkdtemp(join(tmpdir(), "buddyline-cadence-"));
    const cadence = await loadCadence("flows");
    expect(Object.keys(cadence.appointments.labels)).toHaveLength(9);
    expect(cadence.incentives.thresholds).toEqual([10, 25, 50]);
    await expect(loadFlows("flows")).resolves.toBeTruthy();
  });

  it.each([
    ["appointments.json", (j: any) => (j.reminders.offsets = ["P1D", "2 hours"]), /appointments\.json: reminders\.offsets\.1: expected an ISO-8601 duration/],
    ["appointments.json", (j: any) => (j.reminders.byKind.court_hearing = ["P3D", "P3D"]), /reminders\.byKind\.court_hearing: offsets must be distinct/],
    ["appointments.json", (j: any) => (j.reminders.byKind.wedding = ["P1D"]), /reminders\.byKind/],
    ["appointments.json", (j: any) => (j.texts.reminder.es = "{firstName}: {kindd}"), /appointments\.json: texts\.reminder\.es: template variable "\{kindd\}"/],
    ["appointments.json", (j: any) => delete j.labels.drug_test, /labels\.drug_test/],
    ["appointments.json", (j: any) => (j.daySchedule.time = "8:00"), /daySchedule\.time/],
    ["incentives.json", (j: any) => (j.thresholds = [25, 10]), /incentives\.json: thresholds: must be strictly ascending/],
    ["incentives.json", (j: any) => (j.points.checkin_answered = -1), /incentives\.json: points\.checkin_answered/],
    ["incentives.json", (j: any) => (j.texts.thresholdReached.en = "{score} points"), /texts\.thresholdReached\.en/],
  ])("%s: a bad value fails naming the file and field", async (file, edit, message) => {
    const d = await withEdited(file, edit);
    await expect(loadCadence(d)).rejects.toThrow(FlowError);
    await expect(loadCadence(d)).rejects.toThrow(message);
  });

  it("a missing file fails the boot", async () => {
    dir = await mkdtemp(join(tmpdir(), "buddyline-cadence-"));
    await cp("flows", dir, { recursive: true });
    await rm(join(dir, "incentives.json"));
    await expect(loadCadence(dir)).rejects.toThrow(/incentives\.json: cannot read/);
  });
});
