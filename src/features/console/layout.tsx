import type { Child } from "hono/jsx";
import { CsrfContext } from "./csrf";
import { csrfForUser, type ConsoleUser, type Role } from "./session";
import { CONSOLE_CSS } from "./styles";

interface NavItem {
  key: string;
  label: string;
  href: string;
  roles: Role[];
}

/** What each role's navigation shows; the routes check the same roles themselves. */
export const NAV: NavItem[] = [
  { key: "caseload", label: "Caseload", href: "/console/caseload", roles: ["peer", "supervisor"] },
  { key: "hotline", label: "Hotline queue", href: "/console/hotline", roles: ["volunteer", "supervisor"] },
  { key: "workload", label: "Workload", href: "/console/workload", roles: ["supervisor"] },
  { key: "reports", label: "Reports", href: "/console/reports", roles: ["peer", "supervisor"] },
  { key: "enrol", label: "Enrol a parent", href: "/console/enrol", roles: ["supervisor"] },
  { key: "users", label: "Users", href: "/console/users", roles: [] },
  { key: "audit", label: "Audit log", href: "/console/audit", roles: [] },
];

/** Admin-only links to the token-protected operator pages (they ask for the admin token). */
const ADMIN_LINKS = [
  { label: "Queues", href: "/admin/queues" },
  { label: "Metrics", href: "/metrics" },
];

function Head(props: { title: string }) {
  return (
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{`${props.title} · Buddyline console`}</title>
      <style dangerouslySetInnerHTML={{ __html: CONSOLE_CSS }} />
    </head>
  );
}

/**
 * Every console page: English only (docs/console.md), a skip link, navigation for the
 * user's role, one <main> with the page's <h1>, and the session's CSRF token available
 * to <CsrfField /> in the children.
 */
export function Layout(props: { title: string; user: ConsoleUser; active?: string; children: Child }) {
  const { user } = props;
  const csrf = csrfForUser(user);
  const items = NAV.filter((n) => user.role === "admin" || n.roles.includes(user.role));
  return (
    <html lang="en">
      <Head title={props.title} />
      <body>
        <a class="skip" href="#main">
          Skip to main content
        </a>
        <header class="top">
          <a class="brand" href="/console">
            Buddyline console
          </a>
          <nav aria-label="Console">
            <ul>
              {items.map((n) => (
                <li>
                  <a href={n.href} aria-current={props.active === n.key ? "page" : undefined}>
                    {n.label}
                  </a>
                </li>
              ))}
              {user.role === "admin"
                ? ADMIN_LINKS.map((l) => (
                    <li>
                      <a href={l.href}>{l.label}</a>
                    </li>
                  ))
                : null}
            </ul>
          </nav>
          <form method="post" action="/console/logout">
            <input type="hidden" name="_csrf" value={csrf} />
            <span>
              {user.name} <span class="visually-role">({user.role})</span>
            </span>
            <button type="submit">Sign out</button>
          </form>
        </header>
        <main id="main" tabindex={-1}>
          <h1>{props.title}</h1>
          <CsrfContext.Provider value={csrf}>{props.children}</CsrfContext.Provider>
        </main>
        <footer>Confidential: records protected by 42 CFR Part 2. Every view of a parent's record is logged.</footer>
      </body>
    </html>
  );
}

/** A page without a signed-in user (sign-in, errors before sign-in). */
export function BarePage(props: { title: string; children: Child }) {
  return (
    <html lang="en">
      <Head title={props.title} />
      <body>
        <main id="main">
          <h1>{props.title}</h1>
          {props.children}
        </main>
      </body>
    </html>
  );
}
