import { Hono } from "hono";
import { z } from "zod";
import { formatLocal } from "../../../domain/time";
import type { Deps } from "../../../ports/deps";
import { createConsoleUser, ROLES } from "../accounts";
import { recordEvent } from "../audit";
import { CsrfField } from "../csrf";
import { renderPage } from "../http";
import { Layout } from "../layout";
import { requireRole, type ConsoleUser } from "../session";
import type { ConsoleUserRecord } from "../../../adapters/postgres/users";
import { MIN_PASSWORD_LENGTH } from "../passwords";

type Values = Record<string, string>;

/** Users (admins only): list, create, unlock, deactivate (which signs the user out everywhere). */
export function usersRoutes(deps: Deps) {
  const app = new Hono();
  const guard = requireRole("admin");

  app.get("/users", guard, async (c) => renderPage(c, await usersPage(deps, c.get("user"), {})));

  app.post("/users", guard, async (c) => {
    const user = c.get("user");
    const form = await c.req.parseBody();
    const values: Values = Object.fromEntries(Object.entries(form).filter((e): e is [string, string] => typeof e[1] === "string" && e[0] !== "password"));
    const result = await createConsoleUser(
      deps,
      {
        email: String(form.email ?? ""),
        name: String(form.name ?? ""),
        role: String(form.role ?? "") as never,
        password: String(form.password ?? ""),
        peerId: form.peerId ? String(form.peerId) : null,
        responderId: form.responderId ? String(form.responderId) : null,
      },
      user,
    );
    if (!result.ok) return renderPage(c, await usersPage(deps, user, { values, errors: result.fields }), 400);
    return c.redirect("/console/users", 303);
  });

  app.post("/users/:id/:action{unlock|deactivate|activate}", guard, async (c) => {
    const id = z.uuid().safeParse(c.req.param("id"));
    const target = id.success ? await deps.store.users.get(id.data) : null;
    if (!target) return c.text("Not found: no such user", 404);
    const action = c.req.param("action");
    const me = c.get("user");
    if (action === "deactivate" && target.id === me.id) return c.text("Conflict: you cannot deactivate your own account.", 409);
    if (action === "unlock") {
      await deps.store.users.setLockedUntil(target.id, null);
      await deps.store.users.clearFailures(target.email);
    } else {
      await deps.store.users.setActive(target.id, action === "activate");
      if (action === "deactivate") await deps.store.sessions.deleteForUser(target.id);
    }
    await recordEvent(deps, { user: me, action: `user_${action}`, what: "user", subjectId: target.id });
    return c.redirect("/console/users", 303);
  });

  return app;
}

async function usersPage(deps: Deps, user: ConsoleUser, form: { values?: Values; errors?: Record<string, string> }) {
  const [users, peers, responders] = await Promise.all([deps.store.users.list(), deps.store.peers.list(), deps.store.responders.list()]);
  const now = deps.clock.now();
  const v = form.values ?? {};
  const errors = form.errors ?? {};
  const zone = deps.config.SUPERVISOR_TIME_ZONE;
  return (
    <Layout title="Users" user={user} active="users">
      <table>
        <caption>{`Console accounts (times in ${zone})`}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Linked to</th>
            <th scope="col">State</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <UserRow u={u} now={now} zone={zone} peerName={peers.find((p) => p.id === u.peerId)?.name} responderName={responders.find((r) => r.id === u.responderId)?.name} />
          ))}
        </tbody>
      </table>

      <h2 id="new-user">Add a user</h2>
      {Object.keys(errors).length > 0 ? (
        <div class="error" role="alert">
          <p>The user was not created:</p>
          <ul>
            {Object.entries(errors).map(([f, m]) => (
              <li>{`${f}: ${m}`}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <form class="stack" method="post" action="/console/users">
        <CsrfField />
        <label>
          Name
          <input name="name" required value={v.name ?? ""} />
        </label>
        <label>
          Email
          <input name="email" type="email" required value={v.email ?? ""} />
        </label>
        <label>
          Role
          <select name="role">
            {ROLES.map((r) => (
              <option value={r} selected={v.role === r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <label>
          {`Initial password (at least ${MIN_PASSWORD_LENGTH} characters; give it to the user in person)`}
          <input name="password" type="password" autocomplete="new-password" required minlength={MIN_PASSWORD_LENGTH} />
        </label>
        <label>
          Peer record (required for a peer)
          <select name="peerId">
            <option value="">none</option>
            {peers.map((p) => (
              <option value={p.id} selected={v.peerId === p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Hotline responder (required for a volunteer; optional for a supervisor)
          <select name="responderId">
            <option value="">none</option>
            {responders.map((r) => (
              <option value={r.id} selected={v.responderId === r.id}>
                {`${r.name} (${r.tier})`}
              </option>
            ))}
          </select>
        </label>
        <button class="primary" type="submit">
          Add user
        </button>
      </form>
    </Layout>
  );
}

function UserRow(props: { u: ConsoleUserRecord; now: Date; zone: string; peerName?: string; responderName?: string }) {
  const { u } = props;
  const locked = u.lockedUntil !== null && u.lockedUntil.getTime() > props.now.getTime();
  return (
    <tr>
      <th scope="row">{u.name}</th>
      <td>{u.email}</td>
      <td>{u.role}</td>
      <td>{[props.peerName ? `peer ${props.peerName}` : "", props.responderName ? `responder ${props.responderName}` : ""].filter(Boolean).join("; ") || "—"}</td>
      <td>
        {!u.active ? <span class="badge bad">deactivated</span> : locked ? <span class="badge bad">{`locked until ${formatLocal(u.lockedUntil!, props.zone, "en", "datetime")}`}</span> : "active"}
      </td>
      <td>
        {locked ? <ActionButton id={u.id} action="unlock" label={`Unlock ${u.name}`} /> : null}
        {u.active ? <ActionButton id={u.id} action="deactivate" label={`Deactivate ${u.name}`} /> : <ActionButton id={u.id} action="activate" label={`Activate ${u.name}`} />}
      </td>
    </tr>
  );
}

function ActionButton(props: { id: string; action: string; label: string }) {
  return (
    <form method="post" action={`/console/users/${props.id}/${props.action}`} style="display:inline">
      <CsrfField />
      <button type="submit" aria-label={props.label}>
        {props.action}
      </button>
    </form>
  );
}
