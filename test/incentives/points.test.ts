import { describe, expect, it } from "vitest";
import { nextThreshold, thresholdsCrossed } from "../../src/domain/incentives/points";
import { loadCadence } from "../../src/content/appointments-config";
import { countSegments } from "../../src/domain/text/sms-segments";
import { renderCadence } from "../../src/content/config-file";

const rule = { thresholds: [10, 25, 50], thenEvery: 50 };

describe("points thresholds", () => {
  it("reports each threshold crossed once, including several in one jump and the repeats after the last", () => {
    expect(thresholdsCrossed(0, 9, rule)).toEqual([]);
    expect(thresholdsCrossed(9, 10, rule)).toEqual([10]);
    expect(thresholdsCrossed(10, 11, rule)).toEqual([]);
    expect(thresholdsCrossed(8, 26, rule)).toEqual([10, 25]);
    expect(thresholdsCrossed(49, 54, rule)).toEqual([50]);
    expect(thresholdsCrossed(99, 100, rule)).toEqual([100]);
    expect(thresholdsCrossed(95, 205, rule)).toEqual([100, 150, 200]);
    expect(thresholdsCrossed(100, 149, rule)).toEqual([]);
    expect(thresholdsCrossed(40, 120, { thresholds: [10, 25, 50], thenEvery: 0 })).toEqual([50]);
  });

  it("never for a total that does not go up", () => {
    expect(thresholdsCrossed(26, 26, rule)).toEqual([]);
    expect(thresholdsCrossed(26, 9, rule)).toEqual([]);
  });

  it("every crossing over a long run is seen exactly once, whatever the step sizes", () => {
    const seen: number[] = [];
    let total = 0;
    for (const step of [1, 2, 5, 1, 1, 5, 2, 2, 5, 1, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5]) {
      seen.push(...thresholdsCrossed(total, total + step, rule));
      total += step;
    }
    expect(total).toBe(115);
    expect(seen).toEqual([10, 25, 50, 100]);
  });

  it("next threshold", () => {
    expect(nextThreshold(0, rule)).toBe(10);
    expect(nextThreshold(10, rule)).toBe(25);
    expect(nextThreshold(50, rule)).toBe(100);
    expect(nextThreshold(149, rule)).toBe(150);
    expect(nextThreshold(60, { thresholds: [10, 25, 50], thenEvery: 0 })).toBeNull();
  });
});

describe("cadence texts fit one SMS segment with realistic values", () => {
  it("English reminders, confirmations and the incentive text are one GSM-7 segment", async () => {
    const { appointments, incentives } = await loadCadence("flows");
    for (const label of Object.values(appointments.labels)) {
      for (const [key, text] of Object.entries(appointments.texts)) {
        if (key.startsWith("daySchedule")) continue; // a list: as long as the day is
        const body = renderCadence(text, "en", {
          firstName: "Alexandra",
          peerName: "Rosa",
          programName: "Buddyline",
          kind: label.en,
          when: "Wed, Sep 30, 10:30 AM",
          time: "10:30 AM",
          place: "Family Court, 100 Centre St, Room 4B",
          list: "",
        });
        expect(countSegments(body), `${key}: ${body}`).toMatchObject({ encoding: "GSM-7", segments: 1 });
      }
    }
    const earned = renderCadence(incentives.texts.thresholdReached, "en", { firstName: "Alexandra", peerName: "Rosa", points: 100 });
    expect(countSegments(earned).segments).toBe(1);
  });

  it("Spanish reminders with a short place stay within two segments (accented labels switch to UCS-2)", async () => {
    const { appointments } = await loadCadence("flows");
    for (const label of Object.values(appointments.labels)) {
      const body = renderCadence(appointments.texts.reminder, "es", {
        firstName: "Alejandra",
        kind: label.es,
        when: "mié, 30 sept, 10:30",
        place: "Calle Main 120, Sala 4B",
      });
      expect(countSegments(body).segments, body).toBeLessThanOrEqual(2);
    }
  });
});
