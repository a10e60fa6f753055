import type { Participant } from "../../domain/model";
import type { HotlineCase } from "../../domain/hotline/model";
import type { Deps } from "../../ports/deps";
import type { ConsoleUser } from "./session";

/**
 * Who may see which record (docs/console.md): supervisors and admins see everything; a
 * peer sees the parents of their own caseload; a volunteer sees only the hotline cases
 * they were paged for (or hold) and those cases' parents. Pure: the facts a volunteer's
 * answer depends on are loaded by `volunteerScope`.
 */
export interface VolunteerScope {
  caseIds: ReadonlySet<string>;
  participantIds: ReadonlySet<string>;
}

const EMPTY: VolunteerScope = { caseIds: new Set(), participantIds: new Set() };

export function canSeeParent(user: ConsoleUser, participant: Pick<Participant, "id" | "peerId">, scope: VolunteerScope = EMPTY): boolean {
  switch (user.role) {
    case "admin":
    case "supervisor":
      return true;
    case "peer":
      return user.peerId !== null && participant.peerId === user.peerId;
    case "volunteer":
      return scope.participantIds.has(participant.id);
  }
}

export function canSeeCase(user: ConsoleUser, c: Pick<HotlineCase, "id" | "claimedBy" | "participantId">, scope: VolunteerScope = EMPTY): boolean {
  switch (user.role) {
    case "admin":
    case "supervisor":
      return true;
    case "peer":
      // A peer is not a hotline responder; they follow their parents' crises from the parent page.
      return false;
    case "volunteer":
      return (user.responderId !== null && c.claimedBy === user.responderId) || scope.caseIds.has(c.id);
  }
}

/** What a volunteer was paged for (empty for every other role: they do not need it). */
export async function volunteerScope(deps: Pick<Deps, "store">, user: ConsoleUser): Promise<VolunteerScope> {
  if (user.role !== "volunteer" || user.responderId === null) return EMPTY;
  const rows = await deps.store.consoleReads.casesPagedTo(user.responderId);
  return {
    caseIds: new Set(rows.map((r) => r.caseId)),
    participantIds: new Set(rows.flatMap((r) => (r.participantId ? [r.participantId] : []))),
  };
}

/** canSeeParent with the volunteer's scope loaded when needed. */
export async function mayOpenParent(deps: Pick<Deps, "store">, user: ConsoleUser, participant: Pick<Participant, "id" | "peerId">): Promise<boolean> {
  return canSeeParent(user, participant, await volunteerScope(deps, user));
}

export async function mayOpenCase(deps: Pick<Deps, "store">, user: ConsoleUser, c: Pick<HotlineCase, "id" | "claimedBy" | "participantId">): Promise<boolean> {
  return canSeeCase(user, c, await volunteerScope(deps, user));
}
