import { createServer, type IncomingMessage, type Server } from "node:http";
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";

export interface SentSms {
  sid: string;
  accountSid: string;
  to: string;
  from: string;
  body: string;
  validityPeriod?: string;
  statusCallback?: string;
  at: number;
}

export type FakeResponse =
  /** `beforeAnswer` runs after the message exists and before the API answers (e.g. an early status callback). */
  | { kind: "ok"; beforeAnswer?: (sms: SentSms) => Promise<void> }
  | { kind: "error"; status: number; code: number; message?: string }
  /** Accept the request, record it, then never answer until `release()` (a crash mid-send). */
  | { kind: "hang" };

/**
 * A loopback stand-in for api.twilio.com that the real twilio SDK talks to (via
 * TWILIO_API_BASE_URL). It records every Messages.create and answers as scripted.
 */
export async function startFakeTwilio() {
  const sent: SentSms[] = [];
  const script: FakeResponse[] = [];
  const requests: { at: number; to: string }[] = [];
  const waiters: (() => void)[] = [];

  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const match = req.url?.match(/^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/);
    if (req.method !== "POST" || !match) {
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ code: 20404, message: "not found", status: 404 }));
      return;
    }
    const form = new URLSearchParams(body);
    requests.push({ at: Date.now(), to: form.get("To") ?? "" });
    const next = script.shift() ?? { kind: "ok" };
    waiters.splice(0).forEach((w) => w());
    if (next.kind === "hang") return; // the socket stays open until the server closes
    if (next.kind === "error") {
      res
        .writeHead(next.status, { "content-type": "application/json" })
        .end(JSON.stringify({ code: next.code, message: next.message ?? "scripted error", more_info: "", status: next.status }));
      return;
    }
    const sms: SentSms = {
      sid: `SM${randomBytes(16).toString("hex")}`,
      accountSid: match[1]!,
      to: form.get("To") ?? "",
      from: form.get("From") ?? "",
      body: form.get("Body") ?? "",
      validityPeriod: form.get("ValidityPeriod") ?? undefined,
      statusCallback: form.get("StatusCallback") ?? undefined,
      at: Date.now(),
    };
    sent.push(sms);
    if (next.kind === "ok" && next.beforeAnswer) await next.beforeAnswer(sms);
    res.writeHead(201, { "content-type": "application/json" }).end(
      JSON.stringify({ sid: sms.sid, account_sid: sms.accountSid, to: sms.to, from: sms.from, body: sms.body, status: "queued" }),
    );
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    sent,
    /** Every request, including scripted failures and hangs. */
    requests,
    script(...responses: FakeResponse[]) {
      script.push(...responses);
    },
    sentTo(phone: string) {
      return sent.filter((s) => s.to === phone);
    },
    /** Resolves when at least `n` requests have arrived. */
    async waitForRequests(n: number, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (requests.length < n) {
        if (Date.now() > deadline) throw new Error(`fake Twilio: expected ${n} requests, got ${requests.length}`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 50);
        });
      }
    },
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
export type FakeTwilio = Awaited<ReturnType<typeof startFakeTwilio>>;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = "";
    req.setEncoding("utf8");
    req.on("data", (c) => (data += c));
    req.on("end", () => resolve(data));
    req.on("error", reject);
  });
}
