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
    if (await answerCallsApi(req, body, res, voice)) return;
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
  const voice = newVoiceState();
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
    /** Calls API: legs placed (Calls.create) and updates (cancel, complete, redirect). */
    calls: voice.calls,
    callUpdates: voice.updates,
    scriptCalls(...responses: Extract<FakeResponse, { kind: "ok" | "error" }>[]) {
      voice.script.push(...responses);
    },
    callsTo(phone: string) {
      return voice.calls.filter((c) => c.to === phone);
    },
    /** Resolves when at least `n` calls have been placed. */
    async waitForCalls(n: number, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (voice.calls.length < n) {
        if (Date.now() > deadline) throw new Error(`fake Twilio: expected ${n} calls, got ${voice.calls.length}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    /** Resolves when at least `n` call updates have arrived. */
    async waitForCallUpdates(n: number, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (voice.updates.length < n) {
        if (Date.now() > deadline) throw new Error(`fake Twilio: expected ${n} call updates, got ${voice.updates.length}`);
        await new Promise((r) => setTimeout(r, 20));
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

// ---- Calls API (voice hotline): additions; the Messages API above is unchanged ----

export interface PlacedCall {
  sid: string;
  to: string;
  from: string;
  /** Where Twilio would fetch TwiML when the callee answers (a test posts to it, signed). */
  url: string;
  statusCallback?: string;
  timeout?: string;
  at: number;
}

export interface CallUpdate {
  sid: string;
  status?: string;
  url?: string;
  at: number;
}

function newVoiceState() {
  return { calls: [] as PlacedCall[], updates: [] as CallUpdate[], script: [] as Extract<FakeResponse, { kind: "ok" | "error" }>[] };
}

/** Answers Calls.create and Calls(sid).update; false when the request is not for the Calls API. */
async function answerCallsApi(
  req: IncomingMessage,
  body: string,
  res: import("node:http").ServerResponse,
  voice: ReturnType<typeof newVoiceState>,
): Promise<boolean> {
  const create = req.url?.match(/^\/2010-04-01\/Accounts\/([^/]+)\/Calls\.json$/);
  const update = req.url?.match(/^\/2010-04-01\/Accounts\/([^/]+)\/Calls\/(CA[0-9a-f]{32})\.json$/);
  if (req.method !== "POST" || (!create && !update)) return false;
  const form = new URLSearchParams(body);
  const next = voice.script.shift() ?? { kind: "ok" as const };
  if (next.kind === "error") {
    res
      .writeHead(next.status, { "content-type": "application/json" })
      .end(JSON.stringify({ code: next.code, message: next.message ?? "scripted error", more_info: "", status: next.status }));
    return true;
  }
  const accountSid = (create ?? update)![1]!;
  if (create) {
    const call: PlacedCall = {
      sid: `CA${randomBytes(16).toString("hex")}`,
      to: form.get("To") ?? "",
      from: form.get("From") ?? "",
      url: form.get("Url") ?? "",
      statusCallback: form.get("StatusCallback") ?? undefined,
      timeout: form.get("Timeout") ?? undefined,
      at: Date.now(),
    };
    voice.calls.push(call);
    res.writeHead(201, { "content-type": "application/json" }).end(
      JSON.stringify({ sid: call.sid, account_sid: accountSid, to: call.to, from: call.from, status: "queued" }),
    );
    return true;
  }
  const u: CallUpdate = { sid: update![2]!, status: form.get("Status") ?? undefined, url: form.get("Url") ?? undefined, at: Date.now() };
  voice.updates.push(u);
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ sid: u.sid, account_sid: accountSid, status: u.status ?? "in-progress" }));
  return true;
}
