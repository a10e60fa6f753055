import { parse as parseQuery, stringify as stringifyQuery } from "node:querystring";
import twilio from "twilio";
import { describe, expect, it } from "vitest";
import { formParams, signedUrlVariants, twilioSignature, verifyTwilioSignature } from "../../src/adapters/twilio/signature";

/**
 * The one verifier (Web Crypto, used by the edge and the origin) must give the twilio
 * SDK's verdict for every request, or the edge would refuse real Twilio traffic, or the
 * origin would accept what the SDK refuses.
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

describe("twilioSignature equals twilio.getExpectedTwilioSignature", () => {
  for (const [name, params] of Object.entries(PARAM_SETS)) {
    it(`for ${name}`, async () => {
      for (const url of [URL_SMS, "https://sms.example.org:8443/twilio/status?x=1&y=%C3%A9"]) {
        const ours = await twilioSignature(TOKEN, url, params);
        expect(ours).toBe(twilio.getExpectedTwilioSignature(TOKEN, url, params));
        expect(await verifyTwilioSignature(TOKEN, ours, url, params)).toBe(true);
      }
    });
  }

  it("reads a form body the way Twilio signed it (and a hostile field name is just a field)", async () => {
    const params = PARAM_SETS["unicode and emoji"]!;
    const body = new URLSearchParams(params).toString();
    expect({ ...formParams(body) }).toEqual(params);
    const signature = twilio.getExpectedTwilioSignature(TOKEN, URL_SMS, params);
    expect(await verifyTwilioSignature(TOKEN, signature, URL_SMS, formParams(body))).toBe(true);
    const odd = formParams("__proto__=x&constructor=y&Body=4");
    expect(Object.keys(odd).sort()).toEqual(["Body", "__proto__", "constructor"]);
    expect(odd.__proto__).toBe("x");
  });
});

/**
 * Every URL shape Twilio may have signed for a configured URL: as entered, without the
 * port, with the default port, and with the legacy (node:querystring) query encoding.
 */
describe("verifyTwilioSignature agrees with twilio.validateRequest", () => {
  const sid = `SM${"0a".repeat(16)}`;
  const params = { MessageSid: sid, From: "+15555550100", To: "+15555550000", Body: "hola ¿qué tal? 4 & <ok>", NumMedia: "0" };
  const urls = [
    "http://127.0.0.1:3000/twilio/sms",
    "https://buddyline.example.org/twilio/sms",
    "https://buddyline.example.org:443/twilio/sms",
    "http://buddyline.example.org:80/twilio/sms",
    "http://buddyline.example.org/twilio/sms?tenant=a",
    "https://buddyline.example.org:8443/twilio/status?x=1&y=a b&z=%7E*'()",
    "https://user:pw@buddyline.example.org/twilio/sms?q=caf%C3%A9&q=2",
    "https://buddyline.example.org/twilio/sms?b=1&10=2&a=3&2=4",
    "https://buddyline.example.org/twilio/sms?a=x+y&b=%20z&c=%2B&d=!&e",
    "https://buddyline.example.org/twilio/sms?bad=%FF%zz&&=&k=v=w&",
    "https://buddyline.example.org/twilio/sms?emoji=🙂&ñ=ü",
    "https://buddyline.example.org/twilio/sms?",
    "https://buddyline.example.org/twilio/sms#frag",
  ];
  /** Strings Twilio might have signed for a configured URL. */
  const signedAs = (url: string) => {
    const u = new URL(url);
    const bare = new URL(url);
    bare.port = "";
    const withDefault = bare.href.replace(`//${bare.host}`, `//${bare.host}:${u.protocol === "https:" ? 443 : 80}`);
    const legacy = (s: string) => {
      const p = new URL(s);
      if (!p.search) return s;
      const qs = stringifyQuery(parseQuery(p.search.slice(1)));
      p.search = "";
      return `${p.href}?${qs}`;
    };
    return [url, bare.href, withDefault, legacy(bare.href), legacy(withDefault), url.replace("a b", "a%20b"), url.replace("%7E", "~")];
  };

  it.each(urls)("%s", async (url) => {
    let accepted = 0;
    for (const signed of signedAs(url)) {
      for (const p of [params, { ...params, Body: "" }, {}]) {
        const good = twilio.getExpectedTwilioSignature(TOKEN, signed, p);
        // The same bytes spelled differently (base64 padding bits) are refused, as by the SDK.
        const respelled = good.slice(0, -2) + (good.endsWith("A=") ? "B=" : "A=");
        for (const sig of [good, respelled, "", "short", good + good, ` ${good}`]) {
          const sdk = twilio.validateRequest(TOKEN, sig, url, p);
          expect(await verifyTwilioSignature(TOKEN, sig, url, p), `${signed} ${sig}`).toBe(sdk);
          if (sdk) accepted++;
        }
        expect(await verifyTwilioSignature(`${TOKEN}x`, good, url, p)).toBe(false);
      }
    }
    expect(accepted).toBeGreaterThan(0); // the comparison is not only ever "false = false"
  });

  it("the legacy query form is one of the variants (so it is really exercised above)", () => {
    const url = "https://buddyline.example.org/twilio/sms?b=1&10=2&a=x+y&bad=%FF";
    const legacyForm = `https://buddyline.example.org/twilio/sms?${stringifyQuery(parseQuery("b=1&10=2&a=x+y&bad=%FF"))}`;
    expect(legacyForm).not.toBe(new URL(url).href);
    expect(signedUrlVariants(url)).toContain(legacyForm);
    expect(signedUrlVariants("not a url")).toEqual([]);
  });

  it("rejects a wrong token, URL, param, or a malformed or missing signature", async () => {
    const p = PARAM_SETS["a typical inbound SMS"]!;
    const good = await twilioSignature(TOKEN, URL_SMS, p);
    const cases: [string, Promise<boolean>][] = [
      ["other token", verifyTwilioSignature("x" + TOKEN.slice(1), good, URL_SMS, p)],
      ["other path", verifyTwilioSignature(TOKEN, good, "https://sms.example.org/twilio/status", p)],
      ["other host", verifyTwilioSignature(TOKEN, good, "https://evil.example.org/twilio/sms", p)],
      ["changed body", verifyTwilioSignature(TOKEN, good, URL_SMS, { ...p, Body: "Feeling ok today, 5" })],
      ["added param", verifyTwilioSignature(TOKEN, good, URL_SMS, { ...p, Extra: "1" })],
      ["flipped char", verifyTwilioSignature(TOKEN, (good[0] === "A" ? "B" : "A") + good.slice(1), URL_SMS, p)],
      ["truncated", verifyTwilioSignature(TOKEN, good.slice(0, -4), URL_SMS, p)],
      ["not base64", verifyTwilioSignature(TOKEN, "not a signature!", URL_SMS, p)],
      ["empty", verifyTwilioSignature(TOKEN, "", URL_SMS, p)],
      ["missing", verifyTwilioSignature(TOKEN, null, URL_SMS, p)],
      ["no token", verifyTwilioSignature("", good, URL_SMS, p)],
      ["unparseable URL", verifyTwilioSignature(TOKEN, good, "/twilio/sms", p)],
    ];
    for (const [what, result] of cases) expect(await result, what).toBe(false);
  });

  it("a replay of Body=4 as Body4= verifies (names and values are joined), which is why the webhook requires Body", async () => {
    const p = { MessageSid: sid, From: "+15555550100", To: "+15555550000", Body: "4" };
    const good = await twilioSignature(TOKEN, URL_SMS, p);
    const { Body: _body, ...rest } = p;
    expect(await verifyTwilioSignature(TOKEN, good, URL_SMS, { ...rest, Body4: "" })).toBe(true);
  });
});
