/**
 * What the chaos run counts, per scenario, from three sources that do not trust each
 * other: the driver's own record of every text it sent (and the answer it got), the rows
 * in the service's Postgres, and what the fake Twilio received.
 *
 * Matching outbound texts: the fake sees only `To` and `Body`, so a send is matched to
 * outbound_messages rows by (to_phone, body). For each pair, the rows that reached the
 * provider (status sent / delivered / undelivered / unknown / sending) are how many
 * sends are expected; fake sends beyond that are doubles (attributed to the scenario of
 * the later send). A request the fake read and never answered ("hang") counts as a
 * possible delivery, so a routine text re-sent after a hang shows up as doubled. A page
 * sent directly (store too slow or down) has no row: to a volunteer, one send of it is
 * expected; any other send without a row counts as doubled.
 * Each crisis page names its case, and each parent gets one check-in prompt in the run,
 * so those match exactly; identical replies (e.g. HELP) are matched by count.
 */
import type { Pool } from "pg";
import { percentile } from "../lib";
import type { FakeToDriver } from "./protocol";
import { CRISIS_REPLY_MS, type TextRecord } from "./traffic";

export type FakeDump = Extract<FakeToDriver, { type: "dump" }>;

export interface Window {
  name: string;
  /** Traffic start (epoch ms). */
  from: number;
  /** End of this scenario's drain (epoch ms): anything created until then is its work. */
  to: number;
}

export interface ScenarioResult {
  name: string;
  sent: number;
  crisisSent: number;
  acked: number;
  stored: number;
  /** Not in inbound_messages, whatever the answer was (200, 5xx after retries, none). */
  lostInbound: number;
  /** Stored routine texts still unprocessed when the drain ended. */
  unprocessed: number;
  /** Slowest routine text from stored to processed (ms): late work shows here, not as lost. */
  slowestProcessingMs: number;
  /** Texts that got no 200 from any backend after retries. */
  unanswered: number;
  fiveXX: number;
  connectionErrors: number;
  /** Routine/reply outbound rows created in the window. */
  outboundRows: number;
  /** Of those, matched by a send the fake received (or read and hung on). */
  delivered: number;
  /** Routine/reply rows still queued/sending at drain end, or marked sent without a send at the fake. */
  undelivered: number;
  /** Routine/reply rows whose outcome is unknown (a hung send, not re-sent by design). */
  unknownOutcome: number;
  doubledRoutine: number;
  /** Crisis texts (pages, relays) sent more than once: allowed after an unknown outcome. */
  crisisResends: number;
  /** Pages sent around the queue (no outbound row): the store did not answer in time. */
  directPages: number;
  checkinsDue: number;
  checkinsLost: number;
  cases: number;
  lostPages: number;
  firstPageP50Ms: number;
  firstPageMaxMs: number;
  crisisLate: number;
  crisisP50Ms: number;
  crisisP99Ms: number;
  crisisMaxMs: number;
}

const REACHED_PROVIDER = new Set(["sent", "delivered", "undelivered", "unknown", "sending"]);

interface OutboundRow {
  to_phone: string;
  body: string;
  priority: string;
  status: string;
  created_at: Date;
  kind?: string;
  attempts?: number;
  error_code?: string | null;
  sent_at?: Date | null;
}

/** A check-in the driver planned: the parent's phone and when it is due. */
export interface ExpectedCheckin {
  phone: string;
  dueAt: number;
}
/** The English daily prompt (flows/daily-checkin.json); the driver enrols every parent in English. */
const CHECKIN_PROMPT = /your check-in with/;

export async function measure(
  db: Pool,
  windows: Window[],
  texts: TextRecord[],
  fake: FakeDump,
  responderPhones: string[],
  expectedCheckins: ExpectedCheckin[],
): Promise<ScenarioResult[]> {
  const inbound = await db.query<{ message_sid: string; received_at: Date; processed_at: Date | null }>(
    "select message_sid, received_at, processed_at from inbound_messages",
  );
  const storedBySid = new Map(inbound.rows.map((r) => [r.message_sid, r]));
  const outbound = (
    await db.query<OutboundRow>("select to_phone, body, priority, status, created_at, kind, attempts, error_code, sent_at from outbound_messages")
  ).rows;
  const cases = (await db.query<{ short_id: string; from_phone: string; created_at: Date }>("select short_id, from_phone, created_at from hotline_cases")).rows;
  // Every send the fake took (or hung on), by (to, body), oldest first.
  const sendsByKey = new Map<string, number[]>();
  const key = (to: string, body: string) => `${to}\u0000${body}`;
  for (const s of [...fake.sent, ...fake.hung]) {
    const k = key(s.to, s.body);
    const list = sendsByKey.get(k) ?? [];
    list.push(s.at);
    sendsByKey.set(k, list);
  }
  for (const list of sendsByKey.values()) list.sort((a, b) => a - b);
  const rowsByKey = new Map<string, OutboundRow[]>();
  for (const r of outbound) {
    const k = key(r.to_phone, r.body);
    const list = rowsByKey.get(k) ?? [];
    list.push(r);
    rowsByKey.set(k, list);
  }
  // Doubles and re-sends: sends beyond the rows that reached the provider, the latest ones.
  const extras: { at: number; crisis: boolean }[] = [];
  const doubledKinds: { rows: OutboundRow[]; sends: number[] }[] = [];
  const directPages: number[] = [];
  for (const [k, sends] of sendsByKey) {
    const rows = rowsByKey.get(k) ?? [];
    // A page sent around the queue when the store was too slow or down
    // (features/inbound/journal/direct-page.ts) has no row of its own: one send is expected.
    const direct = rows.length === 0 && responderPhones.includes(k.split("\u0000")[0]!);
    if (direct) directPages.push(sends[0]!);
    const expected = direct ? 1 : rows.filter((r) => REACHED_PROVIDER.has(r.status)).length;
    const crisis = direct || rows.some((r) => r.priority === "crisis");
    for (const at of sends.slice(expected)) extras.push({ at, crisis });
    if (!crisis && sends.length > expected) doubledKinds.push({ rows, sends });
  }
  if (doubledKinds.length) {
    // Which texts were doubled, without phones or bodies: kind, each row's status, attempts, times.
    console.log("doubled routine texts (per text: its rows, then the sends the fake saw):");
    for (const d of doubledKinds.slice(0, 20)) {
      if (!d.rows.length) {
        console.log(`  no row; ${d.sends.length} send(s) at ${d.sends.map((t) => new Date(t).toISOString().slice(11, 23)).join(", ")}`);
        continue;
      }
      const rows = d.rows.map((r) => `${r.kind}/${r.status}/attempts ${r.attempts}/${r.error_code ?? "-"}/created ${r.created_at.toISOString().slice(11, 23)}/sent ${r.sent_at?.toISOString().slice(11, 23) ?? "-"}`);
      console.log(`  rows [${rows.join("; ")}] sends [${d.sends.map((t) => new Date(t).toISOString().slice(11, 23)).join(", ")}]`);
    }
  }
  // Routine rows matched to sends, by count per key (a key's rows and sends in time order).
  const deliveredRow = new Set<OutboundRow>();
  for (const [k, rows] of rowsByKey) {
    const sends = sendsByKey.get(k) ?? [];
    rows
      .filter((r) => REACHED_PROVIDER.has(r.status) || r.status === "queued")
      .sort((a, b) => a.created_at.getTime() - b.created_at.getTime())
      .slice(0, sends.length)
      .forEach((r) => deliveredRow.add(r));
  }
  const pageSends = fake.sent.filter((s) => responderPhones.includes(s.to));
  const within = (w: Window, t: number) => t >= w.from && t < w.to;

  return windows.map((w) => {
    const mine = texts.filter((t) => t.scenario === w.name);
    const acked = mine.filter((t) => t.status === 200);
    const stored = mine.filter((t) => storedBySid.has(t.sid));
    const routineRows = outbound.filter((r) => r.priority !== "crisis" && within(w, r.created_at.getTime()));
    const crisisTexts = mine.filter((t) => t.crisis);
    const crisisMs = crisisTexts.map((t) => t.ms ?? Infinity);
    const myCases = cases.filter((c) => crisisTexts.some((t) => t.from === c.from_phone));
    const firstPage = myCases.map((c) => {
      const first = pageSends.find((s) => s.body.includes(c.short_id));
      return first ? first.at - c.created_at.getTime() : null;
    });
    const paged = firstPage.filter((x): x is number => x !== null);
    const dueHere = expectedCheckins.filter((c) => within(w, c.dueAt));
    const prompted = (phone: string) => [...fake.sent, ...fake.hung].some((s) => s.to === phone && CHECKIN_PROMPT.test(s.body));
    return {
      name: w.name,
      sent: mine.length,
      crisisSent: crisisTexts.length,
      acked: acked.length,
      stored: stored.length,
      lostInbound: mine.filter((t) => !storedBySid.has(t.sid)).length,
      unprocessed: mine.filter((t) => !t.crisis && storedBySid.get(t.sid) && storedBySid.get(t.sid)!.processed_at === null).length,
      slowestProcessingMs: maxOrNaN(
        mine
          .filter((t) => !t.crisis)
          .map((t) => storedBySid.get(t.sid))
          .filter((r) => r?.processed_at)
          .map((r) => r!.processed_at!.getTime() - r!.received_at.getTime()),
      ),
      unanswered: mine.filter((t) => t.status !== 200).length,
      fiveXX: mine.reduce((n, t) => n + t.fiveXX, 0),
      connectionErrors: mine.reduce((n, t) => n + t.connectionErrors, 0),
      outboundRows: routineRows.length,
      delivered: routineRows.filter((r) => deliveredRow.has(r)).length,
      undelivered: routineRows.filter((r) => !deliveredRow.has(r) && (r.status === "queued" || r.status === "sending" || r.status === "sent" || r.status === "delivered"))
        .length,
      unknownOutcome: routineRows.filter((r) => r.status === "unknown").length,
      doubledRoutine: extras.filter((e) => !e.crisis && within(w, e.at)).length,
      crisisResends: extras.filter((e) => e.crisis && within(w, e.at)).length,
      directPages: directPages.filter((t) => within(w, t)).length,
      checkinsDue: dueHere.length,
      checkinsLost: dueHere.filter((c) => !prompted(c.phone)).length,
      cases: myCases.length,
      lostPages: myCases.length - paged.length + crisisTexts.filter((t) => t.ok && !cases.some((c) => c.from_phone === t.from)).length,
      firstPageP50Ms: percentile(paged, 50),
      firstPageMaxMs: maxOrNaN(paged),
      crisisLate: crisisMs.filter((ms) => ms > CRISIS_REPLY_MS).length + crisisTexts.filter((t) => t.ms !== null && !t.ok).length,
      crisisP50Ms: percentile(crisisMs, 50),
      crisisP99Ms: percentile(crisisMs, 99),
      crisisMaxMs: maxOrNaN(crisisMs),
    };
  });
}

const maxOrNaN = (xs: number[]) => (xs.length ? Math.max(...xs) : NaN);

/** Whether a scenario's work has settled: every acked text stored and processed, no routine row waiting, every case paged. */
export async function settled(db: Pool, w: { from: number }, texts: TextRecord[], fake: FakeDump, responderPhones: string[]): Promise<boolean> {
  const sids = texts.filter((t) => t.status === 200).map((t) => t.sid);
  const routineSids = texts.filter((t) => t.status === 200 && !t.crisis).map((t) => t.sid);
  const inbound = await db.query<{ n: string; unprocessed: string }>(
    `select count(*) as n, count(*) filter (where processed_at is null and message_sid = any($2)) as unprocessed
       from inbound_messages where message_sid = any($1)`,
    [sids, routineSids],
  );
  if (Number(inbound.rows[0]!.n) < sids.length || Number(inbound.rows[0]!.unprocessed) > 0) return false;
  const waiting = await db.query<{ n: string }>(
    "select count(*) as n from outbound_messages where status in ('queued', 'sending') and created_at >= $1",
    [new Date(w.from)],
  );
  if (Number(waiting.rows[0]!.n) > 0) return false;
  const crisisPhones = texts.filter((t) => t.crisis && t.ok).map((t) => t.from);
  const cases = await db.query<{ short_id: string }>("select short_id from hotline_cases where from_phone = any($1)", [crisisPhones]);
  if (cases.rows.length < new Set(crisisPhones).size) return false;
  const pages = fake.sent.filter((s) => responderPhones.includes(s.to));
  return cases.rows.every((c) => pages.some((p) => p.body.includes(c.short_id)));
}
