import type { HotlineCase, Responder } from "./model";

/** What a supervisor can do to a case, by API or by SMS. */
export type SupervisorAction = "take" | "reassign" | "release" | "close" | "review";

export type ActionCheck = { ok: true } | { ok: false; conflict: string };

/**
 * Whether the case's state allows the action (the HTTP layer answers 409 with `conflict`).
 * The store repeats the state in its conditional update, so a race still cannot apply an
 * action to a case that changed in between.
 */
export function checkSupervisorAction(
  action: SupervisorAction,
  c: Pick<HotlineCase, "status" | "claimedBy">,
  opts: { actorId: string; toId?: string },
): ActionCheck {
  // A review is a record about the case, so it is allowed in any state, closed included.
  if (action === "review") return { ok: true };
  if (c.status === "closed") return { ok: false, conflict: "case is closed" };
  switch (action) {
    case "take":
      return c.status === "claimed" && c.claimedBy === opts.actorId ? { ok: false, conflict: "case is already yours" } : { ok: true };
    case "reassign":
      return c.status === "claimed" && c.claimedBy === opts.toId
        ? { ok: false, conflict: "case is already held by that responder" }
        : { ok: true };
    case "release":
      return c.status === "open" ? { ok: false, conflict: "case is already in the queue" } : { ok: true };
    case "close":
      return { ok: true };
  }
}

export type ResponderMatch = { ok: true; responder: Responder } | { ok: false; problem: "none" | "ambiguous" };

/**
 * The responder a supervisor means in "REASSIGN K7Q2A <who>": a phone number (any
 * spelling, at least 7 digits, matched on its ending) or a name (the full name or its
 * first word, any case). Only active responders are candidates; two matches is an error,
 * never a guess.
 */
export function matchResponder(query: string, responders: Responder[]): ResponderMatch {
  const q = query.normalize("NFKC").trim();
  const active = responders.filter((r) => r.active);
  const digits = q.replace(/\D/g, "");
  let found: Responder[];
  if (digits.length >= 7 && /^[+\d\s\p{Pd}.()]+$/u.test(q)) {
    found = active.filter((r) => r.phone.replace(/\D/g, "").endsWith(digits));
  } else {
    const name = fold(q);
    if (!name) return { ok: false, problem: "none" };
    found = active.filter((r) => fold(r.name) === name);
    if (found.length === 0) found = active.filter((r) => fold(r.name).split(" ")[0] === name);
  }
  if (found.length === 1) return { ok: true, responder: found[0]! };
  return { ok: false, problem: found.length === 0 ? "none" : "ambiguous" };
}

function fold(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}
