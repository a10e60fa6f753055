import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import twilio from "twilio";

/**
 * What the edge tests share: a fake Node origin on loopback that re-verifies the
 * forwarded signature with the twilio SDK (as the real origin would), and requests
 * signed the way Twilio signs them.
 */
export const TOKEN = "12345678901234567890123456789012";
export const PUBLIC_URL = "https://sms.example.org";
export const FORM = "application/x-www-form-urlencoded";
export const ORIGIN_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response><Message>from the origin</Message></Response>';
export const CRISIS = "I want to kill myself tonight";
export const ROUTINE = "Feeling ok today, 4";

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  signatureValidAtOrigin: boolean;
}

export type Behaviour = "twiml" | "status204" | "error500" | "hang" | "bad400";

/** A stand-in for the Node origin: records what it got and answers as told. */
export class FakeOrigin {
  received: Received[] = [];
  behaviour: Behaviour[] = ["twiml"];
  private server: Server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      const path = req.url ?? "";
      const params = Object.fromEntries(new URLSearchParams(body));
      const signature = String(req.headers["x-twilio-signature"] ?? "");
      const signatureValidAtOrigin = twilio.validateRequest(TOKEN, signature, PUBLIC_URL + path, params);
      this.received.push({ path, headers: req.headers, body, signatureValidAtOrigin });
      const behaviour = this.behaviour.length > 1 ? this.behaviour.shift()! : this.behaviour[0]!;
      // Never answers: only the edge's own deadline can end the wait (stop() drops the socket).
      if (behaviour === "hang") return;
      if (behaviour === "error500") res.writeHead(500).end("boom");
      else if (behaviour === "bad400") res.writeHead(400, { "content-type": "application/json" }).end('{"error":"invalid webhook"}');
      else if (behaviour === "status204") res.writeHead(204).end();
      else res.writeHead(200, { "content-type": "text/xml; charset=utf-8" }).end(ORIGIN_TWIML);
    });
  });
  url = "";

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A loopback port with nothing listening: "origin down". */
export async function deadOriginUrl(): Promise<string> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return url;
}

let sidCounter = 0;
export function inbound(body: string, over: Record<string, string> = {}): Record<string, string> {
  sidCounter++;
  return {
    MessageSid: "SM" + sidCounter.toString(16).padStart(32, "0"),
    AccountSid: "AC" + "0".repeat(32),
    From: "+15555550100",
    To: "+15555550000",
    Body: body,
    NumMedia: "0",
    ...over,
  };
}

/** A request as Twilio would send it to the edge, signed over PUBLIC_URL + path. */
export function twilioRequest(path: string, params: Record<string, string>, signature?: string | null): [string, RequestInit] {
  const headers: Record<string, string> = { "content-type": FORM, "user-agent": "TwilioProxy/1.1", "i-twilio-idempotency-token": "tok-1" };
  const sig = signature === undefined ? twilio.getExpectedTwilioSignature(TOKEN, PUBLIC_URL + path, params) : signature;
  if (sig !== null) headers["x-twilio-signature"] = sig;
  return [`${PUBLIC_URL}${path}`, { method: "POST", headers, body: new URLSearchParams(params).toString() }];
}

