import type { Deps } from "../../ports/deps";
import type { ConsoleUser } from "./session";

/**
 * The console's audit log (who, what, when — the time from deps.clock). Details are ids,
 * counts and outcomes only: never a message body, a phone number or a password.
 */
export async function recordView(deps: Pick<Deps, "store" | "clock">, user: ConsoleUser, what: string, subjectId: string): Promise<void> {
  await recordEvent(deps, { user, action: "view", what, subjectId });
}

/** A refused view (another peer's parent, a guessed id): written before the 403/404 answers. */
export async function recordDenied(deps: Pick<Deps, "store" | "clock">, user: ConsoleUser, what: string, subjectId: string): Promise<void> {
  await recordEvent(deps, { user, action: "denied", what, subjectId });
}

export async function recordEvent(
  deps: Pick<Deps, "store" | "clock">,
  e: { user?: ConsoleUser | null; actor?: string; action: string; what?: string; subjectId?: string | null; detail?: Record<string, unknown> },
): Promise<void> {
  await deps.store.audit.append({
    at: deps.clock.now(),
    userId: e.user?.id ?? null,
    actor: e.actor ?? e.user?.email ?? "unknown",
    action: e.action,
    what: e.what ?? "",
    subjectId: e.subjectId ?? null,
    detail: e.detail ?? {},
  });
}
