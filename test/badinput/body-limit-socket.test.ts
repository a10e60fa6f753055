import { request, Agent, type IncomingMessage } from "node:http";
import type { AddressInfo, Server } from "node:net";
import { serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, createHarness, type Harness } from "../support/harness";

/**
 * A 413 leaves the rest of the body unread on the socket. Over a real socket (the same
 * @hono/node-server main.ts uses) the client must be told to close it, so its next
 * request on the same keep-alive agent goes out on a fresh connection and succeeds.
 */
describe("413 on an admin route over a real keep-alive socket", () => {
  let h: Harness;
  let server: Server;
  let port: number;
  beforeAll(async () => {
    h = await createHarness({ sms: "sandbox" });
    server = await new Promise<Server>((resolve) => {
      const s = serve({ fetch: h.app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s as Server)) as Server;
    });
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await h.close();
  });

  function send(agent: Agent, method: string, path: string, body?: string): Promise<{ status: number; headers: IncomingMessage["headers"]; text: string }> {
    return new Promise((resolve, reject) => {
      const req = request(
        { host: "127.0.0.1", port, method, path, agent, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" } },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (d) => (text += d));
          res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, text }));
        },
      );
      req.on("error", reject);
      // The server may answer before it has read the whole body; that is the point.
      req.on("socket", (s) => s.on("error", () => undefined));
      if (body !== undefined) req.end(body);
      else req.end();
    });
  }

  it("answers 413 with Connection: close, and the next request on the same agent succeeds", async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const big = JSON.stringify({ firstName: "x".repeat(h.deps.config.MAX_BODY_BYTES + 1024) });
      const tooBig = await send(agent, "POST", "/api/participants", big);
      expect(tooBig.status).toBe(413);
      expect(tooBig.headers.connection).toBe("close");
      expect(JSON.parse(tooBig.text)).toEqual({ error: `body larger than ${h.deps.config.MAX_BODY_BYTES} bytes` });
      const next = await send(agent, "GET", "/api/peers");
      expect(next.status).toBe(200);
      const again = await send(agent, "GET", "/api/peers");
      expect(again.status).toBe(200);
    } finally {
      agent.destroy();
    }
  });
});
