import type { Harness } from "../support/harness";

/**
 * Rows a month of use leaves behind, written straight to the tables (the features that
 * normally write them have their own tests): check-ins, appointments, points, texts,
 * recovery-capital checks.
 */
export async function seedMonth(h: Harness, participantId: string, rows: {
  checkins?: [localDate: string, status: "answered" | "missed" | "skipped"][];
  appointments?: [localDate: string, kind: string, status: "attended" | "missed" | "cancelled" | "scheduled"][];
  points?: [at: string, points: number][];
  texts?: [at: string, categories: string[]][];
  recoveryCapital?: [at: string, total: number][];
}) {
  const db = h.db;
  let n = 0;
  for (const [localDate, status] of rows.checkins ?? []) {
    await db.query(
      `insert into checkins (participant_id, kind, local_date, due_at, status, created_at) values ($1, 'daily', $2, $3, $4, $3)`,
      [participantId, localDate, new Date(`${localDate}T14:00:00Z`), status],
    );
  }
  for (const [localDate, kind, status] of rows.appointments ?? []) {
    await db.query(
      `insert into appointments (participant_id, kind, local_date, local_time, time_zone, starts_at, status)
       values ($1, $2, $3, '10:00', 'America/New_York', $4, $5)`,
      [participantId, kind, localDate, new Date(`${localDate}T15:00:00Z`), status],
    );
  }
  for (const [at, points] of rows.points ?? []) {
    await db.query(`insert into points_ledger (participant_id, source_key, reason, points, created_at) values ($1, $2, 'checkin_answered', $3, $4)`, [
      participantId,
      `seed|${participantId}|${n++}`,
      points,
      new Date(at),
    ]);
  }
  for (const [at, categories] of rows.texts ?? []) {
    await db.query(
      `insert into inbound_messages (message_sid, from_phone, to_phone, body, participant_id, received_at, processed_at, crisis_categories)
       values ($1, '+15555550100', '+15550001111', 'seeded', $2, $3, $3, $4)`,
      [`SMseed${participantId.slice(0, 8)}${n++}`, participantId, new Date(at), JSON.stringify(categories)],
    );
  }
  for (const [at, total] of rows.recoveryCapital ?? []) {
    const { rows: run } = await db.query<{ id: string }>(
      `insert into flow_runs (participant_id, flow_id, status, started_at, updated_at, ended_at) values ($1, 'recovery-capital', 'completed', $2, $2, $2) returning id`,
      [participantId, new Date(at)],
    );
    await db.query(`insert into recovery_capital_checks (participant_id, run_id, status, total, items, finished_at) values ($1, $2, 'complete', $3, '{}', $4)`, [
      participantId,
      run[0]!.id,
      total,
      new Date(at),
    ]);
  }
}

/** A parent enrolled through the admin API (with a peer of their own unless given). */
export async function enrolParent(h: Harness, over: { firstName?: string; phone: string; timeZone?: string; language?: "en" | "es"; peerId?: string }) {
  let peerId = over.peerId;
  if (!peerId) {
    const res = await h.admin("POST", "/peers", { name: "Rosa Diaz", timeZone: "America/New_York" });
    peerId = ((await res.json()) as { peer: { id: string } }).peer.id;
  }
  const res = await h.admin("POST", "/participants", {
    firstName: over.firstName ?? "Ana",
    phone: over.phone,
    timeZone: over.timeZone ?? "America/New_York",
    language: over.language ?? "en",
    peerId,
  });
  if (res.status !== 201) throw new Error(`enrol failed: ${res.status} ${await res.text()}`);
  return { peerId, participantId: ((await res.json()) as { participant: { id: string } }).participant.id };
}
