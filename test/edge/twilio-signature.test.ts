import twilio from "twilio";
import { describe, expect, it } from "vitest";
import { expectedTwilioSignature, formParams, verifyTwilioSignature } from "../../src/channels/twilio-signature";

/**
 * The Web Crypto signature must be byte-for-byte the twilio SDK's, or the edge would
 * refuse real Twilio traffic (or the origin would refuse what the edge forwards).
 */
const TOKEN = "12345678901234567890123456789012";
const URL_SMS = "https://sms.example.org/twilio/sms";

const PARAM_SETS: Record<string, Record<string, string>> = {
  "a typical inbound SMS": {
    MessageSid: "SM0123456789abcdef0123456789abcdef",
    AccountSid: "AC0123456789abcdef0123456789abcdef",
    From: "+15555550100",
    To: "+15555550000",
    Body: "Feeling ok today, 4",
    NumMedia: "0",
  },
  "unicode and emoji": { Body: "¿Cómo estás? Ñandú 🙂 — 日本語 \u{1F600}", From: "+15555550100" },
  "characters that form encoding changes": { Body: "a+b=c & d%20e\n\"quoted\" <tag>", Other: "" },
  "names that sort by code unit": { b: "1", B: "2", a: "3", _z: "4", "Ä": "5", "10": "6", "9": "7" },
  "an empty body": {},
};

describe("Twilio signature with Web Crypto", () => {
  for (const [name, params] of Object.entries(PARAM_SETS)) {
    it(`matches twilio.getExpectedTwilioSignature for ${name}`, async () => {
      for (const url of [URL_SMS, "https://sms.example.org:8443/twilio/status?x=1&y=%C3%A9"]) {
        const ours = await expectedTwilioSignature(TOKEN, url, params);
        expect(ours).toBe(twilio.getExpectedTwilioSignature(TOKEN, url, params));
        expect(await verifyTwilioSignature(TOKEN, ours, url, params)).toBe(true);
      }
    });
  }

  it("round-trips a real form body the way the origin parses it", async () => {
    const params = PARAM_SETS["unicode and emoji"]!;
    const body = new URLSearchParams(params).toString();
    expect(formParams(body)).toEqual(params);
    const signature = twilio.getExpectedTwilioSignature(TOKEN, URL_SMS, params);
    expect(await verifyTwilioSignature(TOKEN, signature, URL_SMS, formParams(body))).toBe(true);
  });

  it("accepts the URL with or without the default port, like twilio.validateRequest", async () => {
    const params = PARAM_SETS["a typical inbound SMS"]!;
    const signedWithPort = twilio.getExpectedTwilioSignature(TOKEN, "https://sms.example.org:443/twilio/sms", params);
    expect(twilio.validateRequest(TOKEN, signedWithPort, URL_SMS, params)).toBe(true);
    expect(await verifyTwilioSignature(TOKEN, signedWithPort, URL_SMS, params)).toBe(true);
    const signedWithout = twilio.getExpectedTwilioSignature(TOKEN, URL_SMS, params);
    expect(await verifyTwilioSignature(TOKEN, signedWithout, "https://sms.example.org:443/twilio/sms", params)).toBe(true);
  });

  it("rejects a wrong token, URL, param, or a malformed or missing signature", async () => {
    const params = PARAM_SETS["a typical inbound SMS"]!;
    const good = await expectedTwilioSignature(TOKEN, URL_SMS, params);
    const cases: [string, Promise<boolean>][] = [
      ["other token", verifyTwilioSignature("x" + TOKEN.slice(1), good, URL_SMS, params)],
      ["other path", verifyTwilioSignature(TOKEN, good, "https://sms.example.org/twilio/status", params)],
      ["other host", verifyTwilioSignature(TOKEN, good, "https://evil.example.org/twilio/sms", params)],
      ["changed body", verifyTwilioSignature(TOKEN, good, URL_SMS, { ...params, Body: "Feeling ok today, 5" })],
      ["added param", verifyTwilioSignature(TOKEN, good, URL_SMS, { ...params, Extra: "1" })],
      ["flipped char", verifyTwilioSignature(TOKEN, (good[0] === "A" ? "B" : "A") + good.slice(1), URL_SMS, params)],
      ["truncated", verifyTwilioSignature(TOKEN, good.slice(0, -4), URL_SMS, params)],
      ["not base64", verifyTwilioSignature(TOKEN, "not a signature!", URL_SMS, params)],
      ["empty", verifyTwilioSignature(TOKEN, "", URL_SMS, params)],
      ["missing", verifyTwilioSignature(TOKEN, null, URL_SMS, params)],
      ["no token", verifyTwilioSignature("", good, URL_SMS, params)],
    ];
    for (const [what, result] of cases) expect(await result, what).toBe(false);
  });
});
