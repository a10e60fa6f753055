/**
 * Voice hotline simulator: plays one call through the real app, as text, with no Twilio
 * account. Each Twilio callback is signed and posted to the app in this process; the
 * TwiML it answers and the Calls API requests it makes (sandbox port) are printed.
 *   npm run sim:call -- +15555550100 --press 1      a volunteer takes the call
 *   npm run sim:call -- +15555550100 --press none   nobody answers: 988 offer + voicemail
 *   npm run sim:call -- +15555550100 --key 9        the caller presses 9 (988)
 *   npm run sim:call -- +15555550100 --press none --say "i want to die" --lang es
 * Uses an in-memory database and Redis at REDIS_URL (own key prefix, removed after).
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { Redis } from "ioredis";
import twilio from "twilio";
import { createSandboxSms } from "../adapters/sandbox/sms";
import { createSandboxVoice } from "../adapters/twilio/voice";
import { systemClock } from "../ports/clock";
import { parseConfig } from "../app/config";
import { buildApp } from "../app/web";
import { createLogger } from "../ports/log";
import { voiceIdle } from "../features/voice/voice";
import { migrate, openDb, storeFor } from "../adapters/postgres";
import { startWorkers } from "../jobs/processors";
import { buildContainer } from "../app/container";

const USAGE =
  "usage: npm run sim:call -- +15555550100 [--press 1|none] [--key 9|2] [--say \"voicemail words\"] [--lang en|es] [--unknown]\n" +
  "  --press 1     the first volunteer rung presses 1 (default)\n" +
  "  --press none  nobody answers: backups and supervisors ring, then 988 offer and voicemail\n" +
  "  --key 9       the caller presses 9 during the greeting (connects to 988)\n" +
  "  --unknown     the number is not an enrolled parent (bilingual greeting)\n";

const TOKEN = "sim-auth-token";
const PUBLIC_URL = "https://sim.buddyline.invalid";
const PROGRAM = "+15550001111";

function usage(problem?: string): never {
  process.stderr.write(`${problem ? problem + "\n" : ""}${USAGE}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    options: {
      press: { type: "string", default: "1" },
      key: { type: "string" },
      say: { type: "string", default: "please call me back, I am not doing well" },
      lang: { type: "string", default: "en" },
      unknown: { type: "boolean", default: false },
      help: { type: "boolean", short: "h" },
    },
    allowPositionals: true,
  });
} catch (err) {
  usage((err as Error).message);
}
const { values, positionals } = parsed;
if (values.help) usage();
const phone = positionals[0];
if (!phone || !/^\+[1-9]\d{6,14}$/.test(phone)) usage("give the caller's number in E.164, e.g. +15555550100");
if (!["1", "none"].includes(values.press!)) usage("--press must be 1 or none");
if (values.key !== undefined && !["9", "2"].includes(values.key)) usage("--key must be 9 or 2");
if (!["en", "es"].includes(values.lang!)) usage("--lang must be en or es");

const out = (line = "") => process.stdout.write(line + "\n");

/** TwiML, one verb per line, for reading. */
function show(twiml: string) {
  const body = twiml.replace(/^<\?xml[^>]*\?>/, "").replace(/<\/?Response>/g, "").replace(/<Response\/>/, "");
  if (!body) return out("    (empty response)");
  for (const line of body.replace(/></g, ">\n<").split("\n")) out(`    ${line.replaceAll("&amp;", "&")}`);
}

async function main() {
  const prefix = `sim_${randomBytes(4).toString("hex")}`;
  const config = parseConfig({
    ...process.env,
    PUBLIC_URL,
    QUEUE_PREFIX: prefix,
    TWILIO_ACCOUNT_SID: "AC" + "0".repeat(32),
    TWILIO_AUTH_TOKEN: TOKEN,
    TWILIO_FROM: PROGRAM,
    TWILIO_API_BASE_URL: "",
    EDGE_FORWARD_SECRET: "",
    LOG_LEVEL: "silent",
    VOICE_PEER_VOICEMAIL: values.key === "2" ? "true" : (process.env.VOICE_PEER_VOICEMAIL ?? "false"),
  });
  const db = await openDb({ dataDir: "memory://", clock: systemClock });
  await migrate(db);
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null, lazyConnect: true });
  await redis.connect().catch(() => usage(`Redis is needed at ${config.REDIS_URL} (REDIS_URL); is it running?`));
  const log = createLogger("silent");
  const voice = createSandboxVoice(PROGRAM);
  const { deps } = await buildContainer(config, { db, redis, sms: createSandboxSms(), voice, clock: systemClock, log });
  const app = buildApp(deps);
  const workers = startWorkers(deps, redis, {}, ["sms-urgent", "hotline"]);
  const store = storeFor(db);
  try {
    const team = [
      await store.responders.create({ name: "Ada Primary", phone: "+15550002001", language: "en", timeZone: "UTC", shifts: always(), tier: "primary", pageChannel: "sms", slackUserId: null, active: true }),
      await store.responders.create({ name: "Ben Primary", phone: "+15550002002", language: "en", timeZone: "UTC", shifts: always(), tier: "primary", pageChannel: "sms", slackUserId: null, active: true }),
      await store.responders.create({ name: "Kim Backup", phone: "+15550002003", language: "en", timeZone: "UTC", shifts: always(), tier: "backup", pageChannel: "sms", slackUserId: null, active: true }),
      await store.responders.create({ name: "Sue Supervisor", phone: "+15550002004", language: "en", timeZone: "UTC", shifts: always(), tier: "supervisor", pageChannel: "sms", slackUserId: null, active: true }),
    ];
    const name = (to: string | undefined) => team.find((r) => r.phone === to)?.name ?? to;
    if (!values.unknown) {
      const peer = await store.peers.create({ name: "Rosa Peer", timeZone: "UTC", workingHours: [], offDates: [], slackUserId: null });
      await store.participants.create({
        firstName: "Ana",
        phone: phone!,
        timeZone: "UTC",
        language: values.lang as "en" | "es",
        peerId: peer.id,
        dailyCheckinTime: null,
        nightlyCheckinTime: null,
        sendWindowStart: "08:00",
        sendWindowEnd: "21:00",
        status: "active",
      });
    }
    out(`Sandbox: volunteers ${team.map((r) => `${r.name} (${r.tier})`).join(", ")}; caller ${phone}${values.unknown ? " (unknown number)" : ` (parent Ana, ${values.lang})`}.`);

    const callSid = sid("CA");
    const post = async (what: string, url: string, params: Record<string, string>) => {
      const path = url.startsWith("http") ? url.slice(PUBLIC_URL.length) : url;
      const full = { AccountSid: config.TWILIO_ACCOUNT_SID!, ...params };
      const signature = twilio.getExpectedTwilioSignature(TOKEN, PUBLIC_URL + path, full);
      const res = await app.request(path, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
        body: new URLSearchParams(full).toString(),
      });
      const twiml = await res.text();
      out();
      out(`── ${what}  (POST ${path.split("?")[0]} → ${res.status})`);
      show(twiml);
      await voiceIdle(deps);
      return twiml;
    };
    let seen = 0;
    const showCallsApi = () => {
      for (const r of voice.requests.slice(seen)) {
        if (r.kind === "create") out(`    ☎ Calls API: ring ${name(r.to)} from ${PROGRAM} (whisper ${r.url!.slice(PUBLIC_URL.length).split("?")[0]})`);
        else if (r.kind === "end") out(`    ☎ Calls API: end leg ${r.sid.slice(0, 8)}… (${r.as})`);
        else out(`    ☎ Calls API: move the caller to ${r.url!.slice(PUBLIC_URL.length).split("?")[0]}`);
      }
      seen = voice.requests.length;
    };
    const attr = (twiml: string, a: string) => twiml.match(new RegExp(`${a}="([^"]+)"`))?.[1]?.replaceAll("&amp;", "&");

    const greeting = await post("The parent calls the program number", "/twilio/voice", { CallSid: callSid, From: phone!, To: PROGRAM, CallStatus: "ringing" });
    showCallsApi();
    const callId = greeting.match(/call=([0-9a-f-]{36})/)?.[1];
    if (values.key) {
      await post(`The caller presses ${values.key}`, attr(greeting, "action")!, { CallSid: callSid, Digits: values.key });
      showCallsApi();
    } else if (greeting.includes("<Enqueue")) {
      await post("The caller is in the hold queue (Twilio fetches the hold loop)", attr(greeting, "waitUrl")!, { CallSid: callSid });
      const legs = () => voice.requests.filter((r) => r.kind === "create");
      if (values.press === "1") {
        const leg = legs()[0]!;
        const whisper = await post(`${name(leg.to)} answers`, leg.url!, { CallSid: leg.sid, CallStatus: "in-progress" });
        await post(`${name(leg.to)} presses 1`, attr(whisper, "action")!, { CallSid: leg.sid, Digits: "1" });
        showCallsApi();
        await post("The call ends after 4 minutes (the number's status callback)", "/twilio/voice/status", { CallSid: callSid, CallStatus: "completed", CallDuration: "240" });
      } else {
        // Each wave's legs report no-answer; the last one moves the hunt on.
        for (let done = 0; done < legs().length; done++) {
          const leg = legs()[done]!;
          await post(`${name(leg.to)} does not answer`, `/twilio/voice/status?leg=${new URL(leg.url!).searchParams.get("leg")}`, { CallSid: leg.sid, CallStatus: "no-answer" });
          showCallsApi();
        }
        const missed = await post("Twilio fetches the missed-call prompt", `/twilio/voice/missed?call=${callId}`, { CallSid: callSid });
        const rec = sid("RE");
        await post("The caller leaves a voicemail", attr(missed, "Record action")!, { CallSid: callSid, RecordingSid: rec, RecordingDuration: "18" });
        await post("Twilio sends the transcript", attr(missed, "transcribeCallback")!, {
          CallSid: callSid,
          RecordingSid: rec,
          TranscriptionStatus: "completed",
          TranscriptionText: values.say!,
        });
      }
    }
    // Let the SMS the hotline decided on reach the sandbox outbox.
    await new Promise((r) => setTimeout(r, 1500));
    const c = (await store.cases.list()).find((x) => x.fromPhone === phone);
    if (c) {
      out();
      out(`── Case ${c.shortId} (${c.status}${c.claimedBy ? `, held by ${team.find((r) => r.id === c.claimedBy)?.name}` : ""}) — timeline:`);
      for (const e of await store.cases.events(c.id)) out(`    ${e.type}${Object.keys(e.detail).length ? " " + JSON.stringify(e.detail) : ""}`);
    }
    const texts = await db.query<{ to_phone: string; body: string }>("select to_phone, body from outbound_messages order by created_at");
    out();
    out("── Texts sent (sandbox outbox):");
    if (!texts.rows.length) out("    (none)");
    for (const t of texts.rows) out(`    to ${name(t.to_phone)}: ${t.body}`);
  } finally {
    await workers.close();
    for (const q of Object.values(deps.queues)) {
      if (typeof q === "object" && "obliterate" in q) await q.obliterate({ force: true }).catch(() => undefined);
    }
    await deps.queues.close();
    await redis.quit().catch(() => redis.disconnect());
    await db.close();
  }
}

function always() {
  return ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({ weekday, start: "00:00", end: "00:00" }));
}

function sid(prefix: string) {
  return prefix + randomBytes(16).toString("hex");
}

main().catch((err) => {
  process.stderr.write(`sim:call failed: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
