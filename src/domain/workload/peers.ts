import type { Week } from "./weeks";

/** Counts per peer and week, as the store groups them (week = index into the weeks asked for). */
export interface PeerWeekCount {
  peerId: string;
  week: number;
  /** Notes the boundary held for the peer's next shift (first held in that week). */
  held: number;
  /** Notes delivered while the peer was off (an opted-in crisis FYI): after-hours interruptions. */
  interrupted: number;
  /** Notes delivered that week that the peer has not acknowledged (as of now). */
  unacknowledged: number;
}

export interface PeerWeekRow {
  week: Week;
  held: number;
  interrupted: number;
  unacknowledged: number;
}

export interface PeerWorkload {
  peerId: string;
  name: string;
  weeks: PeerWeekRow[];
  totals: { held: number; interrupted: number; unacknowledged: number };
}

/** One row per peer (in the order given) and week, zeros where nothing happened. */
export function peerWorkload(
  peers: readonly { id: string; name: string }[],
  weeks: readonly Week[],
  counts: readonly PeerWeekCount[],
): PeerWorkload[] {
  const byKey = new Map(counts.map((c) => [`${c.peerId}|${c.week}`, c]));
  return peers.map((p) => {
    const rows = weeks.map((week, i) => {
      const c = byKey.get(`${p.id}|${i}`);
      return { week, held: c?.held ?? 0, interrupted: c?.interrupted ?? 0, unacknowledged: c?.unacknowledged ?? 0 };
    });
    const sum = (k: "held" | "interrupted" | "unacknowledged") => rows.reduce((n, r) => n + r[k], 0);
    return { peerId: p.id, name: p.name, weeks: rows, totals: { held: sum("held"), interrupted: sum("interrupted"), unacknowledged: sum("unacknowledged") } };
  });
}

/** The largest bar any chart on the page draws, so every peer's chart shares one scale. */
export function chartScale(rows: readonly PeerWorkload[]): number {
  let max = 0;
  for (const r of rows) for (const w of r.weeks) max = Math.max(max, w.held, w.interrupted);
  return Math.max(1, max);
}
