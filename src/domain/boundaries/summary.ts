import type { LocalDate } from "../time";

/**
 * The supervisors' daily summary: what is waiting on someone, and whether peers'
 * boundaries held. Ids, kinds, counts and peers' names only: no message bodies, no
 * parents' names or phone numbers.
 */
export interface SummaryFacts {
  date: LocalDate;
  now: Date;
  unackedAfterHours: number;
  /** Notes nobody acknowledged, older than the threshold. */
  unacknowledged: { peerId: string | null; createdAt: Date; held: boolean }[];
  openCases: { shortId: string; status: "open" | "claimed"; createdAt: Date }[];
  peers: {
    id: string;
    name: string;
    /** Notes held off-hours in the last 24 h (the boundary held). */
    deferred: number;
    /** Notes delivered while the peer was off shift in the last 24 h. */
    interruptions: number;
    hasWorkingHours: boolean;
    away: boolean;
  }[];
}

export interface ComposedSummary {
  date: LocalDate;
  headline: string;
  lines: string[];
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function age(from: Date, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - from.getTime()) / 60_000));
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.floor(hours / 24)} d`;
}

export function composeSupervisorSummary(f: SummaryFacts): ComposedSummary {
  const names = new Map(f.peers.map((p) => [p.id, p.name]));
  const lines: string[] = [];

  const threshold = `${f.unackedAfterHours} h`;
  if (f.unacknowledged.length) {
    const byPeer = new Map<string, number>();
    for (const u of f.unacknowledged) {
      const who = u.peerId ? (names.get(u.peerId) ?? "unknown peer") : "no peer assigned";
      byPeer.set(who, (byPeer.get(who) ?? 0) + 1);
    }
    const oldest = f.unacknowledged.reduce((a, b) => (a.createdAt <= b.createdAt ? a : b));
    const held = f.unacknowledged.filter((u) => u.held).length;
    const who = [...byPeer].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([n, c]) => `${n} ${c}`);
    lines.push(
      `Unacknowledged over ${threshold}: ${f.unacknowledged.length} (${who.join(", ")}); oldest ${age(oldest.createdAt, f.now)}` +
        (held ? `; ${held} still held for a shift` : ""),
    );
  } else {
    lines.push(`Unacknowledged over ${threshold}: none`);
  }

  if (f.openCases.length) {
    const cases = [...f.openCases]
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map((c) => `${c.shortId} ${c.status === "open" ? "unclaimed" : "claimed"} ${age(c.createdAt, f.now)}`);
    lines.push(`Open hotline cases: ${f.openCases.length} (${cases.join(", ")})`);
  } else {
    lines.push("Open hotline cases: none");
  }

  for (const p of [...f.peers].sort((a, b) => a.name.localeCompare(b.name))) {
    const notes = [
      !p.hasWorkingHours ? "no working hours set, so no boundary is held" : null,
      p.away ? "away" : null,
    ].filter(Boolean);
    lines.push(
      `${p.name}: ${plural(p.deferred, "note", "notes")} held off-hours, ` +
        `${plural(p.interruptions, "after-hours interruption", "after-hours interruptions")}` +
        (notes.length ? ` (${notes.join("; ")})` : ""),
    );
  }

  const deferred = f.peers.reduce((s, p) => s + p.deferred, 0);
  const interruptions = f.peers.reduce((s, p) => s + p.interruptions, 0);
  const headline =
    `Daily summary ${f.date}: ${plural(f.unacknowledged.length, "unacknowledged item", "unacknowledged items")} over ${threshold}, ` +
    `${plural(f.openCases.length, "open hotline case", "open hotline cases")}; ` +
    `boundaries held ${plural(deferred, "time", "times")}, ${plural(interruptions, "after-hours interruption", "after-hours interruptions")}`;
  return { date: f.date, headline, lines };
}
