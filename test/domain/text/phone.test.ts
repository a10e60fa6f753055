import { describe, expect, it } from "vitest";
import { e164Schema, isE164, normaliseE164, redactPhone } from "../../../src/domain/text/phone.js";

describe("isE164", () => {
  it.each(["+15555550100", "+525512345678", "+447911123456", "+6834002", "+123456789012345"])("accepts %s", (s) => {
    expect(isE164(s)).toBe(true);
  });
  it.each([
    "15555550100", // no +
    "+05555550100", // country codes never start with 0
    "+1 555 555 0100", // formatted
    "+1234567890123456", // 16 digits
    "+123456", // too short
    "+1555555010a",
    " +15555550100",
    "",
  ])("rejects %j", (s) => {
    expect(isE164(s)).toBe(false);
  });
});

describe("normaliseE164", () => {
  it.each([
    ["+1 (555) 555-0100", "+15555550100"],
    ["+1-555-555-0100", "+15555550100"],
    ["+1.555.555.0100", "+15555550100"],
    ["  +15555550100 ", "+15555550100"],
    ["+52 55 1234 5678", "+525512345678"],
    // iPhone contact copy: bidi embedding marks and a non-breaking hyphen
    ["\u202a+1 (555) 555\u20110100\u202c", "+15555550100"],
    ["＋１ ５５５ ５５５ ０１００", "+15555550100"], // full-width keyboard
  ])("%j → %s", (input, expected) => {
    expect(normaliseE164(input)).toBe(expected);
  });

  it.each([
    "(555) 555-0100", // no country code: we refuse to guess
    "555-0100",
    "1 555 555 0100",
    "0015555550100", // international prefix, not "+"
    "+1 555 555 0100 x12",
    "+1 555 CALL NOW",
    "++15555550100",
    "+1 555 +555 0100",
    "+0 555 555 0100",
    "+1 555",
    "",
    "+",
  ])("%j → null", (input) => {
    expect(normaliseE164(input)).toBeNull();
  });
});

describe("e164Schema", () => {
  it("passes normalised numbers through unchanged", () => {
    expect(e164Schema.parse("+15555550100")).toBe("+15555550100");
  });
  it("rejects formatted numbers with the documented message", () => {
    const result = e164Schema.safeParse("+1 (555) 555-0100");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("must be an E.164 phone number like +15551234567");
  });
  it("rejects non-strings", () => {
    expect(e164Schema.safeParse(15555550100).success).toBe(false);
  });
});

describe("redactPhone", () => {
  it("keeps only the last four digits", () => {
    expect(redactPhone("+15555550100")).toBe("…0100");
    expect(redactPhone("+1 (555) 555-0100")).toBe("…0100");
  });
  it("never echoes the rest of the number", () => {
    expect(redactPhone("+15555550100")).not.toContain("555");
  });
  it("redacts short or digit-free input completely", () => {
    expect(redactPhone("123")).toBe("…");
    expect(redactPhone("")).toBe("…");
    expect(redactPhone("unknown")).toBe("…");
  });
});
