/**
 * The fake Twilio of the chaos run, in its own process (forked by bench/chaos/run.ts) so
 * the driver's timings do not share an event loop with it.
 *
 * It is test/support/fake-twilio.ts (the loopback api.twilio.com the real SDK talks to)
 * behind a small switch: in mode "ok" every request is forwarded to that fake, which
 * records and answers it; in "429" / "500" the switch answers the error itself (Twilio's
 * JSON shape); in "hang" it reads the request, records it as possibly delivered (real
 * Twilio may have accepted a text whose answer never came) and never answers (the SDK's
 * own timeout ends it).
 *
 * IPC from the driver: {type:"mode", mode} → {type:"mode-ok"}; {type:"dump"} →
 * {type:"dump", sent, hung, refused}. On start it sends {type:"ready", url}.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { startFakeTwilio } from "../../test/support/fake-twilio";
import type { FakeMode, FakeToDriver, DriverToFake } from "./protocol";

const fake = await startFakeTwilio();
let mode: FakeMode = "ok";
const hung: { to: string; body: string; at: number }[] = [];
const refused: { to: string; status: number; at: number }[] = [];
const sockets = new Set<Socket>();

const MESSAGES = /^\/2010-04-01\/Accounts\/[^/]+\/Messages\.json$/;

const server = createServer(async (req, res) => {
  const body = await readBody(req);
  const isSms = req.method === "POST" && MESSAGES.test(req.url ?? "");
  if (!isSms || mode === "ok") return forward(req, body, res);
  const form = new URLSearchParams(body);
  const to = form.get("To") ?? "";
  if (mode === "hang") {
    hung.push({ to, body: form.get("Body") ?? "", at: Date.now() });
    return; // the socket stays open until the SDK gives up or this process ends
  }
  const status = mode === "429" ? 429 : 500;
  refused.push({ to, status, at: Date.now() });
  res
    .writeHead(status, { "content-type": "application/json" })
    .end(JSON.stringify({ code: status === 429 ? 20429 : 20500, message: `chaos ${status}`, more_info: "", status }));
});
server.on("connection", (s) => {
  sockets.add(s);
  s.on("close", () => sockets.delete(s));
});

async function forward(req: IncomingMessage, body: string, res: ServerResponse) {
  try {
    const upstream = await fetch(`${fake.url}${req.url}`, {
      method: req.method,
      headers: { "content-type": req.headers["content-type"] ?? "application/x-www-form-urlencoded", authorization: req.headers.authorization ?? "" },
      body: req.method === "GET" ? undefined : body,
    });
    const text = await upstream.text();
    res.writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") ?? "application/json" }).end(text);
  } catch {
    res.writeHead(502).end();
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => (data += c));
    req.on("end", () => resolve(data));
    req.on("error", reject);
  });
}

await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
const send = (m: FakeToDriver) => process.send!(m);

process.on("message", (m: DriverToFake) => {
  if (m.type === "mode") {
    mode = m.mode;
    send({ type: "mode-ok" });
  } else if (m.type === "dump") {
    send({ type: "dump", sent: fake.sent.map((s) => ({ to: s.to, body: s.body, at: s.at, sid: s.sid })), hung, refused });
  }
});
// The driver going away (also by SIGKILL) closes the IPC channel: end with it.
process.on("disconnect", () => {
  for (const s of sockets) s.destroy();
  server.close();
  void fake.close().finally(() => process.exit(0));
});
send({ type: "ready", url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
