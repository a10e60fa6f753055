import twilio from "twilio";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import programMessages from "../../flows/program-messages.json";
import { twimlMessage } from "../../src/adapters/twilio/twiml";
import edge from "../../src/app/edge";
import { buildEdgeApp, MAX_WEBHOOK_BYTES, type EdgeEnv } from "../../src/app/edge/app";
import { edgeSafetyText } from "../../src/app/edge/safety-text";
import { CRISIS, deadOriginUrl, FakeOrigin, FORM, inbound, ORIGIN_TWIML, PUBLIC_URL, ROUTINE, TOKEN, twilioRequest } from "./fake-origin";

/**
 * The Worker entry, run on Node through Hono's app.request (the same web-standard
 * Request/Response the Worker sees), in front of a real HTTP fake origin on loopback
 * that re-verifies the forwarded signature with the twilio SDK, as the origin does.
 */
/** A stand-in for the Worker's ExecutionContext, so background work can be awaited. */
function executionContext() {
  const pending: Promise<unknown>[] = [];
  return {
    ctx: { waitUntil: (p: Promise<unknown>) => void pending.push(p), passThroughOnException: () => {}, props: {} },
    settled: () => Promise.all(pending),
  };
}

describe("edge Worker in front of the origin", () => {
  const origin = new FakeOrigin();
  let env: EdgeEnv;
  const safetyTwiml = twimlMessage(edgeSafetyText("Buddyline Test"));

  beforeAll(async () => {
    await origin.start();
    env = {
      PUBLIC_URL: PUBLIC_URL + "/",
      ORIGIN_URL: origin.url,
      PROGRAM_NAME: "Buddyline Test",
      TWILIO_AUTH_TOKEN: TOKEN,
      EDGE_FORWARD_SECRET: "edge-secret",
      ORIGIN_TIMEOUT_MS: "300",
    };
  });
  afterAll(() => origin.stop());
  afterEach(() => {
    origin.received = [];
    origin.behaviour = ["twiml"];
  });

  const app = () => buildEdgeApp(env, { crisisRetryDelaysMs: [20, 20] });

  it("renders the bilingual unknown-sender safety text from the flow file, with 988 and 911", () => {
    const text = edgeSafetyText("Buddyline Test");
    expect(text).toContain("988");
    expect(text).toContain("911");
    expect(text).toMatch(/español/);
    // The flow file's own text, not a copy that could drift from it.
    expect(programMessages.texts.crisisSafetyUnknown.en).toContain("988");
  });

  describe("signatures", () => {
    const bad: [string, string | null][] = [
      ["missing", null],
      ["empty", ""],
      ["garbage", "not-a-signature"],
      ["for another URL", twilio.getExpectedTwilioSignature(TOKEN, "https://other.example.org/twilio/sms", inbound(ROUTINE))],
    ];
    for (const [what, signature] of bad) {
      it(`refuses a ${what} signature with 403 and forwards nothing`, async () => {
        const res = await app().request(...twilioRequest("/twilio/sms", inbound(CRISIS), signature));
        expect(res.status).toBe(403);
        expect(origin.received).toHaveLength(0);
      });
    }

    it("refuses a signed request whose body was changed on the way", async () => {
      const params = inbound(ROUTINE);
      const [url, init] = twilioRequest("/twilio/sms", params);
      const tampered = new URLSearchParams({ ...params, Body: "something else" }).toString();
      const res = await app().request(url, { ...init, body: tampered });
      expect(res.status).toBe(403);
      expect(origin.received).toHaveLength(0);
    });

    it("refuses everything when TWILIO_AUTH_TOKEN is not set", async () => {
      const res = await buildEdgeApp({ ...env, TWILIO_AUTH_TOKEN: undefined }).request(...twilioRequest("/twilio/sms", inbound(ROUTINE)));
      expect(res.status).toBe(403);
      expect(origin.received).toHaveLength(0);
    });

    it("a status callback signed for /twilio/sms is refused on /twilio/status", async () => {
      const params = { MessageSid: "SM" + "a".repeat(32), MessageStatus: "delivered" };
      const [, init] = twilioRequest("/twilio/sms", params);
      const res = await app().request(`${PUBLIC_URL}/twilio/status`, init);
      expect(res.status).toBe(403);
    });
  });

  it("forwards a routine text unchanged, signature included, and returns the origin's TwiML", async () => {
    const params = inbound("¿Cómo estás? 🙂 a+b & c");
    const [url, init] = twilioRequest("/twilio/sms", params);
    const res = await app().request(url, init);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/xml; charset=utf-8");
    expect(await res.text()).toBe(ORIGIN_TWIML);

    expect(origin.received).toHaveLength(1);
    const got = origin.received[0]!;
    expect(got.path).toBe("/twilio/sms");
    expect(got.body).toBe(init.body);
    expect(got.headers["x-twilio-signature"]).toBe((init.headers as Record<string, string>)["x-twilio-signature"]);
    expect(got.signatureValidAtOrigin).toBe(true);
    expect(got.headers["x-buddyline-edge"]).toBe("1");
    expect(got.headers["x-buddyline-edge-secret"]).toBe("edge-secret");
    expect(got.headers["content-type"]).toBe(FORM);
    expect(got.headers["i-twilio-idempotency-token"]).toBe("tok-1");
    expect(got.headers.host).toBe(new URL(origin.url).host);
  });

  it("does not pass through a caller's own x-buddyline-edge-secret", async () => {
    const [url, init] = twilioRequest("/twilio/sms", inbound(ROUTINE));
    (init.headers as Record<string, string>)["x-buddyline-edge-secret"] = "forged";
    await buildEdgeApp({ ...env, EDGE_FORWARD_SECRET: undefined }).request(url, init);
    expect(origin.received[0]!.headers["x-buddyline-edge-secret"]).toBeUndefined();
  });

  it("a crisis text the origin answers gets the origin's TwiML (its own, personalised safety reply)", async () => {
    const res = await app().request(...twilioRequest("/twilio/sms", inbound(CRISIS)));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(ORIGIN_TWIML);
    expect(origin.received).toHaveLength(1);
  });

  describe("origin down", () => {
    let downEnv: EdgeEnv;
    beforeAll(async () => {
      downEnv = { ...env, ORIGIN_URL: await deadOriginUrl() };
    });

    it("a crisis text still gets the safety TwiML with 988 and 911", async () => {
      const res = await buildEdgeApp(downEnv, { crisisRetryDelaysMs: [] }).request(...twilioRequest("/twilio/sms", inbound(CRISIS)));
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/xml/);
      const body = await res.text();
      expect(body).toBe(safetyTwiml);
      expect(body).toContain("988");
      expect(body).toContain("911");
      expect(body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><Response><Message>.+<\/Message><\/Response>$/s);
    });

    it("a Spanish crisis text gets it too", async () => {
      const res = await buildEdgeApp(downEnv, { crisisRetryDelaysMs: [] }).request(
        ...twilioRequest("/twilio/sms", inbound("me quiero matar")),
      );
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(safetyTwiml);
    });

    it("a routine text gets 503, so Twilio's fallback URL takes over", async () => {
      const res = await buildEdgeApp(downEnv).request(...twilioRequest("/twilio/sms", inbound(ROUTINE)));
      expect(res.status).toBe(503);
      expect(await res.text()).not.toContain("<Message>");
    });

    it("a status callback gets 503", async () => {
      const params = { MessageSid: "SM" + "b".repeat(32), MessageStatus: "delivered" };
      const res = await buildEdgeApp(downEnv).request(...twilioRequest("/twilio/status", params));
      expect(res.status).toBe(503);
    });
  });

  describe("origin failing or slow", () => {
    it("a 500 on a routine text → 503; on a crisis text → safety TwiML", async () => {
      origin.behaviour = ["error500"];
      const routine = await app().request(...twilioRequest("/twilio/sms", inbound(ROUTINE)));
      expect(routine.status).toBe(503);
      const { ctx, settled } = executionContext();
      const crisis = await app().request(...twilioRequest("/twilio/sms", inbound(CRISIS)), undefined, ctx);
      expect(crisis.status).toBe(200);
      expect(await crisis.text()).toBe(safetyTwiml);
      await settled();
      expect(origin.received).toHaveLength(4); // routine once; crisis once + 2 background retries
    });

    it("an origin that does not answer within ORIGIN_TIMEOUT_MS counts as down", async () => {
      origin.behaviour = ["hang"];
      const routine = await app().request(...twilioRequest("/twilio/sms", inbound(ROUTINE)));
      expect(routine.status).toBe(503);
      const { ctx, settled } = executionContext();
      const crisis = await app().request(...twilioRequest("/twilio/sms", inbound(CRISIS)), undefined, ctx);
      expect(await crisis.text()).toBe(safetyTwiml);
      await settled();
    });

    it("after the safety reply, the crisis text is re-forwarded in the background until the origin takes it", async () => {
      origin.behaviour = ["error500", "error500", "twiml"];
      const params = inbound(CRISIS);
      const { ctx, settled } = executionContext();
      const res = await app().request(...twilioRequest("/twilio/sms", params), undefined, ctx);
      expect(await res.text()).toBe(safetyTwiml);
      await settled();
      expect(origin.received).toHaveLength(3);
      for (const got of origin.received) {
        expect(got.signatureValidAtOrigin).toBe(true);
        expect(Object.fromEntries(new URLSearchParams(got.body))).toEqual(params);
      }
    });

    it("an origin 4xx on a routine text is passed through; on a crisis text the safety reply wins", async () => {
      origin.behaviour = ["bad400"];
      const routine = await app().request(...twilioRequest("/twilio/sms", inbound(ROUTINE)));
      expect(routine.status).toBe(400);
      const crisis = await app().request(...twilioRequest("/twilio/sms", inbound(CRISIS)));
      expect(crisis.status).toBe(200);
      expect(await crisis.text()).toBe(safetyTwiml);
      expect(origin.received).toHaveLength(2); // a 4xx is not retried
    });
  });

  it("forwards a status callback and returns the origin's 204", async () => {
    origin.behaviour = ["status204"];
    const params = { MessageSid: "SM" + "c".repeat(32), MessageStatus: "delivered", ErrorCode: "" };
    const res = await app().request(...twilioRequest("/twilio/status", params));
    expect(res.status).toBe(204);
    expect(origin.received).toHaveLength(1);
    expect(origin.received[0]!.path).toBe("/twilio/status");
    expect(origin.received[0]!.signatureValidAtOrigin).toBe(true);
  });

  describe("size and shape", () => {
    it("refuses a body over 64 KiB with 413 before anything else", async () => {
      const params = inbound("x".repeat(MAX_WEBHOOK_BYTES));
      const res = await app().request(...twilioRequest("/twilio/sms", params));
      expect(res.status).toBe(413);
      expect(origin.received).toHaveLength(0);
    });

    it("refuses an oversized body streamed without content-length", async () => {
      const [url, init] = twilioRequest("/twilio/sms", inbound("y".repeat(MAX_WEBHOOK_BYTES)));
      const bytes = new TextEncoder().encode(String(init.body));
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < bytes.length; i += 8192) controller.enqueue(bytes.slice(i, i + 8192));
          controller.close();
        },
      });
      const res = await app().request(new Request(url, { ...init, body: stream, duplex: "half" } as RequestInit));
      expect(res.status).toBe(413);
      expect(origin.received).toHaveLength(0);
    });

    it("accepts a body just under the limit", async () => {
      const res = await app().request(...twilioRequest("/twilio/sms", inbound("z".repeat(60_000))));
      expect(res.status).toBe(200);
    });

    it("refuses a non-form body with 400", async () => {
      const res = await app().request(`${PUBLIC_URL}/twilio/sms`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-twilio-signature": "x" },
        body: "{}",
      });
      expect(res.status).toBe(400);
      expect(origin.received).toHaveLength(0);
    });

    it("has no other routes", async () => {
      expect((await app().request(`${PUBLIC_URL}/admin/participants`)).status).toBe(404);
      expect((await app().request(`${PUBLIC_URL}/twilio/sms`)).status).toBe(404);
    });
  });

  it("the default export is a Worker fetch handler", async () => {
    const [url, init] = twilioRequest("/twilio/sms", inbound(ROUTINE));
    const res = await edge.fetch(new Request(url, init), env, executionContext().ctx);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(ORIGIN_TWIML);
  });
});
