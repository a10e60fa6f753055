/**
 * Sandbox simulator: text Buddyline as any phone number and print what it answered.
 *   npm run sim -- +15555550100 "YES"
 *   npm run sim -- +15555550100 --outbox
 *   npm run sim -- --url http://127.0.0.1:3100 +15555550100 "YES"
 * Talks to a running `npm start` with ADMIN_TOKEN, at --url, else BUDDYLINE_URL, else
 * http://127.0.0.1:$PORT (PORT as the server reads it, default 3000).
 */
import { parseArgs } from "node:util";

const USAGE =
  'usage: ADMIN_TOKEN=… npm run sim -- [--url http://127.0.0.1:3000] +15555550100 "message text"\n' +
  "       ADMIN_TOKEN=… npm run sim -- [--url …] +15555550100 --outbox\n" +
  "The server is --url, else $BUDDYLINE_URL, else http://127.0.0.1:$PORT (default 3000).\n";

function usage(problem?: string): never {
  process.stderr.write(`${problem ? problem + "\n" : ""}${USAGE}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    options: { url: { type: "string" }, outbox: { type: "boolean", default: false }, help: { type: "boolean", short: "h" } },
    allowPositionals: true,
  });
} catch (err) {
  usage((err as Error).message);
}
const { values, positionals } = parsed;
if (values.help) usage();
const [phone, ...words] = positionals;
// Empty variables count as unset, as in the server's config.
const base = (values.url || process.env.BUDDYLINE_URL || `http://127.0.0.1:${process.env.PORT || 3000}`).replace(/\/$/, "");
const token = process.env.ADMIN_TOKEN;

async function main() {
  if (!token) usage("ADMIN_TOKEN is not set (the same one the server was started with).");
  if (!phone || (!values.outbox && words.length === 0)) usage();
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const res = values.outbox
    ? await fetch(`${base}/api/sandbox/outbox?phone=${encodeURIComponent(phone)}`, { headers })
    : await fetch(`${base}/api/sandbox/sms`, { method: "POST", headers, body: JSON.stringify({ from: phone, body: words.join(" ") }) });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) {
    process.stderr.write(`${res.status}: ${JSON.stringify(json)}\n`);
    process.exit(1);
  }
  if (json.immediateReply) process.stdout.write(`< (instant) ${String(json.immediateReply)}\n`);
  const list = (json.replies ?? json.messages ?? []) as { body: string; kind: string; status: string }[];
  if (list.length === 0) process.stdout.write("(no reply)\n");
  for (const m of list) process.stdout.write(`< [${m.kind}, ${m.status}] ${m.body}\n`);
}

main().catch((err) => {
  process.stderr.write(`could not reach Buddyline at ${base}: ${(err as Error).message}\n(is npm start running? set PORT or --url to where it listens)\n`);
  process.exit(1);
});
