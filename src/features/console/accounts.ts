import { z } from "zod";
import type { Deps } from "../../ports/deps";
import { recordEvent } from "./audit";
import { hashPassword, MIN_PASSWORD_LENGTH } from "./passwords";
import type { ConsoleUser, Role } from "./session";

export const ROLES = ["admin", "supervisor", "peer", "volunteer"] as const satisfies readonly Role[];

export const newUserSchema = z.object({
  email: z.email("must be an email address").max(254).transform((e) => e.toLowerCase()),
  name: z.string().trim().min(1, "is required").max(120),
  role: z.enum(ROLES, { error: `must be one of ${ROLES.join(", ")}` }),
  password: z.string().min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`).max(1024),
  peerId: z.uuid("must be a peer id").nullable().default(null),
  responderId: z.uuid("must be a responder id").nullable().default(null),
});
export type NewUserInput = z.input<typeof newUserSchema>;

export type CreateUserResult = { ok: true; user: ConsoleUser } | { ok: false; fields: Record<string, string> };

/**
 * Creates a console account (the admin page and `npm run user:create`). A peer must be
 * linked to a peers row (their caseload); a volunteer to a responders row (their pages);
 * a supervisor may be linked to a responder so their hotline actions carry it.
 */
export async function createConsoleUser(deps: Pick<Deps, "store" | "clock">, input: NewUserInput, by: ConsoleUser | null): Promise<CreateUserResult> {
  const parsed = newUserSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, fields: Object.fromEntries(parsed.error.issues.map((i) => [i.path.join(".") || "(form)", i.message])) };
  }
  const u = parsed.data;
  const fields: Record<string, string> = {};
  if (u.role === "peer" && !u.peerId) fields.peerId = "is required for a peer (their caseload)";
  if (u.role === "volunteer" && !u.responderId) fields.responderId = "is required for a volunteer (the cases they are paged for)";
  if (u.peerId && !(await deps.store.peers.get(u.peerId))) fields.peerId = "no such peer";
  if (u.responderId && !(await deps.store.responders.get(u.responderId))) fields.responderId = "no such responder";
  if (await deps.store.users.byEmail(u.email)) fields.email = "already has an account";
  if (Object.keys(fields).length > 0) return { ok: false, fields };
  try {
    const record = await deps.store.users.create({
      email: u.email,
      name: u.name,
      role: u.role,
      passwordHash: await hashPassword(u.password),
      peerId: u.peerId,
      responderId: u.responderId,
    });
    const user: ConsoleUser = { id: record.id, email: record.email, name: record.name, role: record.role, peerId: record.peerId, responderId: record.responderId };
    await recordEvent(deps, { user: by, actor: by?.email ?? "cli", action: "user_create", what: "user", subjectId: user.id, detail: { role: user.role } });
    return { ok: true, user };
  } catch (err) {
    // Two creations of one email at once: the unique index decides.
    if ((err as { code?: string }).code === "23505") return { ok: false, fields: { email: "already has an account" } };
    throw err;
  }
}
