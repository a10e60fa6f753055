import type { Hono } from "hono";
import type { Harness } from "../support/harness";
import { createConsoleUser, type NewUserInput } from "../../src/features/console/accounts";

/**
 * A browser-like client for `app.request`: keeps cookies, reads the CSRF token from the
 * last page's forms, posts urlencoded forms. No redirects are followed (tests look at them).
 */
export function consoleClient(app: Hono, opts: { headers?: Record<string, string> } = {}) {
  const jar = new Map<string, string>();
  let lastHtml = "";
  const client = {
    jar,
    get html() {
      return lastHtml;
    },
    async request(method: string, path: string, body?: Record<string, string>, headers: Record<string, string> = {}) {
      const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
      const res = await app.request(path, {
        method,
        headers: {
          ...opts.headers,
          ...(cookie ? { cookie } : {}),
          ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}),
          ...headers,
        },
        body: body ? new URLSearchParams(body).toString() : undefined,
      });
      for (const line of res.headers.getSetCookie()) {
        const [pair, ...attrs] = line.split(";");
        const eq = pair!.indexOf("=");
        const name = pair!.slice(0, eq).trim();
        const value = pair!.slice(eq + 1).trim();
        const expired = attrs.some((a) => /max-age=0/i.test(a.trim()) || /expires=thu, 01 jan 1970/i.test(a.trim()));
        if (expired || value === "") jar.delete(name);
        else jar.set(name, value);
      }
      if ((res.headers.get("content-type") ?? "").includes("text/html")) lastHtml = await res.clone().text();
      return res;
    },
    get(path: string) {
      return client.request("GET", path);
    },
    /** The CSRF token in the last HTML page (the first _csrf field). */
    csrf(): string {
      const m = /name="_csrf" value="([^"]*)"/.exec(lastHtml);
      if (!m) throw new Error("no CSRF field on the last page");
      return m[1]!;
    },
    /** Posts a form with the last page's CSRF token. */
    post(path: string, fields: Record<string, string> = {}) {
      return client.request("POST", path, { _csrf: client.csrf(), ...fields });
    },
    async signIn(email: string, password: string) {
      const page = await client.get("/console/login");
      if (page.status !== 200) throw new Error(`login page: ${page.status}`);
      return client.post("/console/login", { email, password });
    },
  };
  return client;
}
export type ConsoleClient = ReturnType<typeof consoleClient>;

export const PASSWORD = "correct horse battery staple";

/** A console account straight through the use case (as user:create does). */
export async function makeUser(h: Pick<Harness, "deps">, input: Partial<NewUserInput> & Pick<NewUserInput, "role">) {
  const result = await createConsoleUser(
    h.deps,
    { email: `${input.role}-${Math.random().toString(36).slice(2, 8)}@example.org`, name: `Test ${input.role}`, password: PASSWORD, ...input },
    null,
  );
  if (!result.ok) throw new Error(`user not created: ${JSON.stringify(result.fields)}`);
  return result.user;
}
