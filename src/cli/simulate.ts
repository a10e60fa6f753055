/**
 * Sandbox simulator: text Buddyline as any phone number and print what it answered.
 *   npm run sim -- +15555550100 "YES"
 *   npm run sim -- +15555550100 --outbox
 * Talks to a running `npm start` (BUDDYLINE_URL, default http://127.0.0.1:$PORT) with ADMIN_TOKEN.
 */
const [phone, ...rest] = process.argv.slice(2);
const base = process.env.BUDDYLINE_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
const token = process.env.ADMIN_TOKEN;

async function main() {
  if (!phone || rest.length === 0 || !token) {
    process.stderr.write('usage: ADMIN_TOKEN=… npm run sim -- +15555550100 "message text" | --outbox\n');
    process.exit(2);
  }
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const res =
    rest[0] === "--outbox"
      ? await fetch(`${base}/api/sandbox/outbox?phone=${encodeURIComponent(phone)}`, { headers })
      : await fetch(`${base}/api/sandbox/sms`, { method: "POST", headers, body: JSON.stringify({ from: phone, body: rest.join(" ") }) });
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
  process.stderr.write(`could not reach Buddyline at ${base}: ${(err as Error).message}\n`);
  process.exit(1);
});
