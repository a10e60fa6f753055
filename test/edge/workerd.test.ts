import { fileURLToPath } from "node:url";
import { createTestHarness, type TestHarness } from "wrangler";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CRISIS, FakeOrigin, inbound, ORIGIN_TWIML, PUBLIC_URL, ROUTINE, TOKEN, twilioRequest } from "./fake-origin";

/**
 * The edge as Cloudflare runs it: wrangler bundles src/app/edge.ts from wrangler.toml and
 * boots it in workerd (the Workers runtime), in front of a fake origin on loopback.
 * app.request on Node (edge.test.ts) cannot catch what only workerd refuses, such as a
 * named export of the entry that is not a handler. If workerd cannot boot, listen()
 * throws and every test here fails; nothing is skipped.
 */
const FORWARD_SECRET = "edge-forward-secret-0123456789";

describe("the edge Worker in workerd", () => {
  const origin = new FakeOrigin();
  let server: TestHarness;

  beforeAll(async () => {
    await origin.start();
    server = createTestHarness({
      root: fileURLToPath(new URL("../..", import.meta.url)),
      workers: [
        {
          configPath: "./wrangler.toml",
          vars: { PUBLIC_URL, ORIGIN_URL: origin.url, PROGRAM_NAME: "Buddyline Test", ORIGIN_TIMEOUT_MS: "2000" },
          secrets: { TWILIO_AUTH_TOKEN: TOKEN, EDGE_FORWARD_SECRET: FORWARD_SECRET },
        },
      ],
    });
    await server.listen();
  }, 30_000);

  /** Miniflare's fetch takes undici's RequestInit, not the DOM one twilioRequest builds. */
  const send = ([url, init]: [string, RequestInit]) =>
    server.fetch(url, { method: "POST", headers: init.headers as Record<string, string>, body: init.body as string });

  afterAll(async () => {
    await server?.close();
    await origin.stop();
  });

  it("refuses an unsigned text with 403 and forwards nothing", async () => {
    const res = await send(twilioRequest("/twilio/sms", inbound(CRISIS), null));
    expect(res.status).toBe(403);
    await res.arrayBuffer();
    expect(origin.received).toHaveLength(0);
  });

  it("forwards a signed text to the origin byte-for-byte, signature and secret included", async () => {
    const params = inbound("¿Cómo estás? 🙂 a+b & c=d %20");
    const [url, init] = twilioRequest("/twilio/sms", params);
    const res = await send([url, init]);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(ORIGIN_TWIML);

    expect(origin.received).toHaveLength(1);
    const got = origin.received[0]!;
    expect(got.path).toBe("/twilio/sms");
    expect(got.body).toBe(init.body);
    expect(got.headers["x-twilio-signature"]).toBe((init.headers as Record<string, string>)["x-twilio-signature"]);
    expect(got.signatureValidAtOrigin).toBe(true);
    expect(got.headers["x-buddyline-edge-secret"]).toBe(FORWARD_SECRET);
  });

  describe("with the origin down", () => {
    beforeAll(async () => {
      await origin.stop();
      origin.received = [];
    });

    it("answers a signed crisis text with the safety TwiML naming 988", async () => {
      const res = await send(twilioRequest("/twilio/sms", inbound(CRISIS)));
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/xml/);
      const twiml = await res.text();
      expect(twiml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><Response><Message>.*988.*<\/Message><\/Response>$/s);
      expect(twiml).toContain("911");
    });

    it("answers a routine text with 503, so Twilio's fallback takes over", async () => {
      const res = await send(twilioRequest("/twilio/sms", inbound(ROUTINE)));
      expect(res.status).toBe(503);
      expect(await res.text()).not.toContain("<Message>");
    });
  });

  it("logs why it fell back, with no phone number and no message text", () => {
    const logs = JSON.stringify(server.getLogs());
    expect(logs).toContain("answering with the safety reply");
    expect(logs).not.toContain("5555550100");
    expect(logs).not.toContain(CRISIS);
    expect(logs).not.toContain(ROUTINE);
  });
});
