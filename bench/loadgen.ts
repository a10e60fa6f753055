/**
 * Load generator for bench/webhook-throughput.ts, run as its OWN process (child_process.fork)
 * so it never shares an event loop or a V8 heap with the server it measures. Plain
 * node:http with keep-alive agents; every request is a Twilio-signed POST /twilio/sms
 * (HMAC-SHA1 over the public URL and the sorted parameters) with a fresh MessageSid.
 *
 * Commands arrive over IPC:
 * - closed loop: `connections` requests always outstanding for `durationMs` (req/s capacity);
 * - open loop: `rate` requests per second on a fixed schedule for `durationMs`, whether or not
 *   earlier ones answered (latency at a given load); over `maxInflight` outstanding the
 *   request is counted as skipped, never silently dropped.
 * Every result carries this process's CPU use, so a saturated client shows up in the figures.
 */
import { createHmac, randomBytes } from "node:crypto";
import http from "node:http";

export interface LoadCommand {
  mode: "closed" | "open";
  port: number;
  durationMs: number;
  connections?: number;
  rate?: number;
  maxInflight?: number;
  authToken: string;
  publicUrl: string;
  to: string;
  knownSenders: number;
}

export interface LoadResult {
  completed: number;
  ok: number;
  non2xx: number;
  errors: number;
  skipped: number;
  elapsedMs: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Cores this load generator used (CPU seconds / wall seconds). */
  clientCpu: number;
}

const MAX_SAMPLES = 400_000;

async function runLoad(w: LoadCommand): Promise<LoadResult> {
  const sidPrefix = randomBytes(8).toString("hex");
  const agent = new http.Agent({ keepAlive: true, maxSockets: w.mode === "closed" ? w.connections! : (w.maxInflight ?? 2000) });
  const lat = new Float64Array(MAX_SAMPLES);
  let issued = 0;
  let completed = 0;
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  let skipped = 0;
  let inflight = 0;

  const one = (): Promise<void> => {
    const n = issued++;
    const sid = "SM" + sidPrefix + n.toString(16).padStart(16, "0");
    const params: Record<string, string> = {
      ToCountry: "US", ToState: "NY", SmsMessageSid: sid, NumMedia: "0", ToCity: "", FromZip: "",
      SmsSid: sid, FromState: "NY", SmsStatus: "received", FromCity: "", Body: "4", FromCountry: "US",
      To: w.to, ToZip: "", NumSegments: "1", MessageSid: sid, AccountSid: "AC00000000000000000000000000000000",
      From: "+1" + (2000000000 + 1 + (n % w.knownSenders)), ApiVersion: "2010-04-01",
    };
    let data = w.publicUrl + "/twilio/sms";
    for (const k of Object.keys(params).sort()) data += k + params[k];
    const signature = createHmac("sha1", w.authToken).update(Buffer.from(data, "utf-8")).digest("base64");
    const body = new URLSearchParams(params).toString();
    const t0 = performance.now();
    inflight++;
    return new Promise((resolve) => {
      const req = http.request(
        {
          agent, host: "127.0.0.1", port: w.port, method: "POST", path: "/twilio/sms",
          headers: { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body), "x-twilio-signature": signature },
        },
        (res) => {
          res.resume();
          res.on("end", () => {
            if (completed < MAX_SAMPLES) lat[completed] = performance.now() - t0;
            completed++;
            inflight--;
            if (res.statusCode! >= 200 && res.statusCode! < 300) ok++;
            else non2xx++;
            resolve();
          });
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error("timeout")));
      req.on("error", () => {
        errors++;
        inflight--;
        resolve();
      });
      req.end(body);
    });
  };

  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const end = start + w.durationMs;
  let last = start;
  if (w.mode === "closed") {
    await Promise.all(
      Array.from({ length: w.connections! }, async () => {
        while (performance.now() < end && issued < MAX_SAMPLES) {
          await one();
          last = performance.now();
        }
      }),
    );
  } else {
    const rate = w.rate!;
    const maxInflight = w.maxInflight ?? 2000;
    let scheduled = 0;
    const pending = new Set<Promise<void>>();
    await new Promise<void>((resolve) => {
      const tick = () => {
        const now = performance.now();
        if (now >= end) return resolve();
        const due = Math.floor(((now - start) / 1000) * rate);
        while (scheduled < due) {
          scheduled++;
          if (inflight >= maxInflight) {
            skipped++;
            continue;
          }
          const p = one().finally(() => pending.delete(p));
          pending.add(p);
        }
        setTimeout(tick, 1);
      };
      tick();
    });
    await Promise.all(pending);
    last = end;
  }
  const cpu = process.cpuUsage(cpu0);
  agent.destroy();
  const elapsedMs = last - start;
  const sorted = Array.from(lat.subarray(0, Math.min(completed, MAX_SAMPLES))).sort((a, b) => a - b);
  const pick = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN);
  return {
    completed,
    ok,
    non2xx,
    errors,
    skipped,
    elapsedMs,
    rps: (w.mode === "closed" ? completed : ok) / (elapsedMs / 1000),
    p50Ms: pick(50),
    p99Ms: pick(99),
    maxMs: sorted[sorted.length - 1] ?? NaN,
    clientCpu: (cpu.user + cpu.system) / 1000 / (performance.now() - start),
  };
}

if (process.send) {
  process.on("message", (m: { id: number; cmd: LoadCommand | "exit" }) => {
    if (m.cmd === "exit") process.exit(0);
    void runLoad(m.cmd).then(
      (value) => process.send!({ id: m.id, value }),
      (err: unknown) => process.send!({ id: m.id, error: String(err) }),
    );
  });
  process.send({ id: 0, value: "ready" });
}
