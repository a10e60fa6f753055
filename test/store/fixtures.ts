import { randomBytes, randomUUID } from "node:crypto";
import type { ParticipantInput } from "../../src/adapters/postgres/participants";
import type { PeerInput } from "../../src/adapters/postgres/peers";

/** A phone number no other test in the file will use (E.164, +1 555 01xx-style but random). */
export function uniquePhone(): string {
  return `+1555${(parseInt(randomBytes(4).toString("hex"), 16) % 10_000_000).toString().padStart(7, "0")}`;
}

export function uniqueKey(prefix = "k"): string {
  return `${prefix}-${randomUUID()}`;
}

export function peerInput(overrides: Partial<PeerInput> = {}): PeerInput {
  return {
    name: "Rosa",
    timeZone: "America/Chicago",
    workingHours: [{ weekday: 1, start: "09:00", end: "17:00" }],
    offDates: ["2025-12-25"],
    slackUserId: null,
    ...overrides,
  };
}

export function participantInput(overrides: Partial<ParticipantInput> = {}): ParticipantInput {
  return {
    firstName: "Ana",
    phone: uniquePhone(),
    timeZone: "America/New_York",
    language: "en",
    peerId: null,
    dailyCheckinTime: "09:00",
    nightlyCheckinTime: null,
    sendWindowStart: "08:00",
    sendWindowEnd: "21:00",
    status: "active",
    ...overrides,
  };
}

/** Postgres error code (SQLSTATE) of a rejection, for both pg and PGlite errors. */
export async function sqlState(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (err) {
    return (err as { code?: string }).code ?? "no-code";
  }
  return undefined;
}
