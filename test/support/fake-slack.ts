import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import { hmacHex } from "../../src/adapters/slack/verify";

export interface SlackCall {
  method: string;
  /** Arguments as the SDK sent them; JSON-encoded fields (blocks, view…) decoded back. */
  args: Record<string, unknown>;
  token: string | null;
  at: number;
  /** What the fake answered (e.g. the channel and ts of a posted message). */
  result?: Record<string, unknown>;
}

export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
}

export const FAKE_BOT_USER = "UBOT00001";
export const SLACK_SIGNING_SECRET = "test-slack-signing-secret";
export const SLACK_BOT_TOKEN = "xoxb-test-bot-token";
export const SLACK_APP_TOKEN = "xapp-test-app-token";

/**
 * A loopback stand-in for slack.com/api that the real @slack/web-api (inside Bolt) talks
 * to via SLACK_API_BASE_URL. It records every Web API call, every response_url post, and
 * answers apps.connections.open with a websocket here, so Socket Mode runs for real too.
 */
export async function startFakeSlack() {
  const calls: SlackCall[] = [];
  const responses: ResponseUrlPost[] = [];
  const failures = new Map<string, string[]>();
  const sockets = new Set<WebSocket>();
  const acks: { envelope_id: string; payload: unknown }[] = [];
  let seq = 0;
  const nextTs = () => `1790000000.${String(++seq).padStart(6, "0")}`;
  // A DM addressed to a user id lands in that user's IM channel, as on real Slack.
  const imFor = (channel: string) => (/^U/.test(channel) ? `D${channel.slice(1)}` : channel);

  const server: Server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const url = new URL(req.url ?? "/", "http://fake");
    const send = (status: number, body: unknown) =>
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (url.pathname.startsWith("/response/")) {
      responses.push({ id: url.pathname.slice("/response/".length), body: JSON.parse(raw || "{}") });
      return send(200, { ok: true });
    }
    const m = /^\/api\/([\w.]+)$/.exec(url.pathname);
    if (!m || req.method !== "POST") return send(404, { ok: false, error: "unknown_method" });
    const method = m[1]!;
    const args = decodeArgs(req.headers["content-type"] ?? "", raw);
    const auth = req.headers.authorization;
    const call: SlackCall = { method, args, token: auth?.replace(/^Bearer /, "") ?? (args.token as string | undefined) ?? null, at: Date.now() };
    calls.push(call);
    const answer = (body: Record<string, unknown>) => {
      call.result = body;
      send(200, body);
    };
    const scripted = failures.get(method)?.shift();
    if (scripted) return answer({ ok: false, error: scripted });
    switch (method) {
      case "auth.test":
        return answer({ ok: true, user_id: FAKE_BOT_USER, bot_id: "BBOT00001", team_id: "T00000001", user: "buddyline", team: "Test" });
      case "chat.postMessage": {
        const ts = nextTs();
        const channel = imFor(String(args.channel));
        return answer({ ok: true, channel, ts, message: { ts, text: args.text } });
      }
      case "chat.update":
        return answer({ ok: true, channel: args.channel, ts: args.ts });
      case "chat.postEphemeral":
        return answer({ ok: true, message_ts: nextTs() });
      case "views.open":
      case "views.publish":
        return answer({ ok: true, view: { id: `V${String(++seq).padStart(8, "0")}` } });
      case "conversations.open":
        return answer({ ok: true, channel: { id: imFor(String(args.users ?? "")) } });
      case "users.info":
        return answer({ ok: true, user: { id: args.user, tz: "America/New_York" } });
      case "reactions.add":
        return answer({ ok: true });
      case "apps.connections.open": {
        const { port } = server.address() as AddressInfo;
        return answer({ ok: true, url: `ws://127.0.0.1:${port}/socket` });
      }
      default:
        return answer({ ok: true });
    }
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on("upgrade", (req, socket, head) => {
    if (!req.url?.startsWith("/socket")) return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on("message", (data) => acks.push(JSON.parse(String(data))));
      ws.on("close", () => sockets.delete(ws));
      ws.send(JSON.stringify({ type: "hello", num_connections: 1, connection_info: { app_id: "A00000001" } }));
    });
  });

  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  const fake = {
    url,
    /** What SLACK_API_BASE_URL is set to. */
    apiUrl: `${url}/api/`,
    calls,
    responses,
    acks,
    callsTo(method: string) {
      return calls.filter((c) => c.method === method);
    },
    /** The next call(s) to `method` answer `{ok:false, error}`. */
    fail(method: string, ...errors: string[]) {
      failures.set(method, [...(failures.get(method) ?? []), ...errors]);
    },
    responseUrl(id: string) {
      return `${url}/response/${id}`;
    },
    /** Every byte any Slack call carried, for "no body/phone leaks" assertions. */
    everythingSent(): string {
      return JSON.stringify(calls) + JSON.stringify(responses);
    },
    socketCount: () => sockets.size,
    /** Pushes a Socket Mode envelope to every connected client. */
    pushEnvelope(envelope: Record<string, unknown>) {
      for (const s of sockets) s.send(JSON.stringify(envelope));
    },
    async close() {
      for (const s of sockets) s.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
  return fake;
}
export type FakeSlack = Awaited<ReturnType<typeof startFakeSlack>>;

/** Env for a harness: HTTP mode (signing secret) or Socket Mode (app token). */
export function slackTestEnv(fake: FakeSlack, mode: "http" | "socket", extra: Record<string, string> = {}): Record<string, string> {
  return {
    SLACK_BOT_TOKEN,
    SLACK_API_BASE_URL: fake.url,
    ...(mode === "http" ? { SLACK_SIGNING_SECRET } : { SLACK_APP_TOKEN }),
    ...extra,
  };
}

/** Headers exactly as Slack signs a request (v0 HMAC over timestamp and raw body). */
export async function slackSignature(rawBody: string, timestampSec: number, secret = SLACK_SIGNING_SECRET) {
  return {
    "x-slack-request-timestamp": String(timestampSec),
    "x-slack-signature": `v0=${await hmacHex(secret, `v0:${timestampSec}:${rawBody}`)}`,
  };
}

function decodeArgs(contentType: string, raw: string): Record<string, unknown> {
  if (contentType.includes("application/json")) return JSON.parse(raw || "{}");
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = /^[[{]/.test(v) ? safeJson(v) : v;
  }
  return out;
}
function safeJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = "";
    req.setEncoding("utf8");
    req.on("data", (c) => (data += c));
    req.on("end", () => resolve(data));
    req.on("error", reject);
  });
}
