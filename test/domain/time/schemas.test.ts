import { describe, expect, it } from "vitest";
import type { z } from "zod";
import type { SendWindow, WeeklyShift } from "../../../src/domain/time/index";
import {
  localDateSchema,
  localTimeSchema,
  sendWindowSchema,
  weeklyShiftSchema,
  zoneSchema,
} from "../../../src/domain/time/schemas";

// Compile-time: parsed values are usable where the domain types are expected.
const _shiftCompat: WeeklyShift = {} as z.infer<typeof weeklyShiftSchema>;
const _windowCompat: SendWindow = {} as z.infer<typeof sendWindowSchema>;
void _shiftCompat;
void _windowCompat;

describe("schemas", () => {
  it("zoneSchema", () => {
    expect(zoneSchema.safeParse("Australia/Sydney").success).toBe(true);
    const bad = zoneSchema.safeParse("Mars/Olympus");
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe("unknown IANA time zone");
    expect(zoneSchema.safeParse(42).success).toBe(false);
  });

  it("localTimeSchema / localDateSchema", () => {
    expect(localTimeSchema.safeParse("23:59").success).toBe(true);
    expect(localTimeSchema.safeParse("24:00").success).toBe(false);
    expect(localDateSchema.safeParse("2026-03-08").success).toBe(true);
    expect(localDateSchema.safeParse("2026-02-30").success).toBe(false);
  });

  it("weeklyShiftSchema allows midnight-crossing shifts but not bad weekdays", () => {
    expect(weeklyShiftSchema.safeParse({ weekday: 6, start: "22:00", end: "06:00" }).success).toBe(true);
    expect(weeklyShiftSchema.safeParse({ weekday: 0, start: "09:00", end: "17:00" }).success).toBe(false);
    expect(weeklyShiftSchema.safeParse({ weekday: 8, start: "09:00", end: "17:00" }).success).toBe(false);
    expect(weeklyShiftSchema.safeParse({ weekday: 1, start: "9:00", end: "17:00" }).success).toBe(false);
  });

  it("sendWindowSchema requires start < end", () => {
    expect(sendWindowSchema.safeParse({ start: "08:00", end: "21:00" }).success).toBe(true);
    const wrap = sendWindowSchema.safeParse({ start: "22:00", end: "06:00" });
    expect(wrap.success).toBe(false);
    expect(wrap.error?.issues[0]?.path).toEqual(["end"]);
    expect(sendWindowSchema.safeParse({ start: "09:00", end: "09:00" }).success).toBe(false);
    expect(sendWindowSchema.safeParse({ start: "8:00", end: "21:00" }).success).toBe(false);
  });
});
