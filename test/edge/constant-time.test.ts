import { describe, expect, it } from "vitest";
import { constantTimeEqual } from "../../src/domain/text/constant-time";

describe("constantTimeEqual", () => {
  it("is true only for the same text", () => {
    expect(constantTimeEqual("s3cret-token-0123", "s3cret-token-0123")).toBe(true);
    expect(constantTimeEqual("", "")).toBe(true);
    expect(constantTimeEqual("ñandú 🙂", "ñandú 🙂")).toBe(true);
    for (const given of ["s3cret-token-0124", "S3cret-token-0123", "s3cret-token-012", "s3cret-token-01234", "", "\0".repeat(17)]) {
      expect(constantTimeEqual(given, "s3cret-token-0123"), JSON.stringify(given)).toBe(false);
    }
    // Same UTF-16 length, different bytes; and a prefix of the expected value.
    expect(constantTimeEqual("é", "e")).toBe(false);
    expect(constantTimeEqual("abc", "abcdef")).toBe(false);
    expect(constantTimeEqual("abcdef", "abc")).toBe(false);
  });
});
