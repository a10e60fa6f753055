import { Hono, type Context } from "hono";
import { z } from "zod";
import type { Participant, Peer } from "../../../domain/model";
import { formatLocal, localDateOf } from "../../../domain/time";
import type { Deps } from "../../../ports/deps";
import { recordDenied, recordEvent } from "../audit";
import { Sparkline } from "../charts";
import { renderPage } from "../http";
import { Layout } from "../layout";
import { requireRole, type ConsoleUser } from "../session";
import { CASELOAD_MAX, CASELOAD_MIN, caseloadBand, dailyScores, describeScores, lastAnswered, missedStreak } from "../summary";
import type { CaseloadFacts } from "../../../adapters/postgres/console-reads";

const APPOINTMENT_LABELS: Record<string, string> = {
  sud_assessment: "SUD assessment",
  treatment_session: "Treatment session",
  recovery_meeting: "Recovery meeting",
  case_plan_meeting: "Case plan meeting",
  court_hearing: "Court hearing",
  drug_test: "Drug test",
  supervised_visit: "Supervised visit",
  transport_pickup: "Transport pickup",
  other: "Appointment",
};

export function appointmentLabel(kind: string): string {
  return APPOINTMENT_LABELS[kind] ?? kind;
}

/**
 * Caseload: a peer sees their own parents; supervisors and admins see every peer's
 * (or one, with ?peer=). One audit entry per view (the caseload shows each parent's name
 * and scores), naming the peer whose caseload it was.
 */
export function caseloadRoutes(deps: Deps) {
  const app = new Hono();
  app.get("/caseload", requireRole("peer", "supervisor"), async (c) => {
    const user = c.get("user");
    const rawPeer = c.req.query("peer");
    if (rawPeer !== undefined && rawPeer !== "all" && !z.uuid().safeParse(rawPeer).success) return c.text("Bad request: peer must be a peer id or all", 400);
    // Supervisors start from an overview (one row per peer): every parent of a large
    // program on one page is megabytes and seconds (BENCHMARKS.md); ?peer=all still has it.
    if (user.role !== "peer" && rawPeer === undefined) return overview(c, deps, user);
    const peerParam = rawPeer === "all" ? undefined : rawPeer;
    let peers: Peer[];
    if (user.role === "peer") {
      if (peerParam !== undefined && peerParam !== user.peerId) {
        await recordDenied(deps, user, "caseload", peerParam);
        return c.text("Forbidden: a peer sees only their own caseload.", 403);
      }
      const own = user.peerId ? await deps.store.peers.get(user.peerId) : null;
      peers = own ? [own] : [];
    } else if (peerParam !== undefined) {
      const one = await deps.store.peers.get(peerParam);
      if (!one) return c.text("Not found: no such peer", 404);
      peers = [one];
    } else {
      peers = await deps.store.peers.list();
    }
    // One query for one peer; one for everyone (not one per peer) for the supervisors' view.
    const everyone = await deps.store.participants.list(peers.length === 1 ? { peerId: peers[0]!.id } : {});
    const byPeer = peers.map((peer) => ({ peer, parents: everyone.filter((p) => p.peerId === peer.id && p.status !== "discharged") }));
    const now = deps.clock.now();
    const facts = await deps.store.consoleReads.caseloadFacts(
      byPeer.flatMap((g) => g.parents.map((p) => p.id)),
      now,
    );
    await recordEvent(deps, {
      user,
      action: "view",
      what: "caseload",
      subjectId: peers.length === 1 ? peers[0]!.id : "all",
      detail: { parents: facts.size },
    });
    return renderPage(
      c,
      <Layout title={user.role === "peer" ? "My caseload" : "Caseloads"} user={user} active="caseload">
        {user.role !== "peer" && peers.length > 1 ? <PeerIndex groups={byPeer} /> : null}
        {byPeer.length === 0 ? <p>No caseload is linked to your account. Ask an admin to link your peer record.</p> : null}
        {byPeer.map((g) => (
          <PeerCaseload user={user} peer={g.peer} parents={g.parents} facts={facts} now={now} />
        ))}
      </Layout>,
    );
  });
  return app;
}

async function overview(c: Context, deps: Deps, user: ConsoleUser) {
  const now = deps.clock.now();
  const [peers, stats] = await Promise.all([deps.store.peers.list(), deps.store.consoleReads.peerOverview(now)]);
  await recordEvent(deps, { user, action: "view", what: "caseload overview", subjectId: "all", detail: { peers: peers.length } });
  const total = [...stats.values()].reduce((n, s) => n + s.active, 0);
  return renderPage(
    c,
    <Layout title="Caseloads" user={user} active="caseload">
      <p>
        {`${peers.length} peers, ${total} active parents. Open a peer for their parents, or `}
        <a href="/console/caseload?peer=all">every parent on one page</a>.
      </p>
      <table>
        <caption>{`Peers against the ${CASELOAD_MIN}–${CASELOAD_MAX} guideline`}</caption>
        <thead>
          <tr>
            <th scope="col">Peer</th>
            <th scope="col" class="num">Active parents</th>
            <th scope="col">Guideline</th>
            <th scope="col" class="num">Missed last 2 check-ins</th>
            <th scope="col" class="num">Open hotline cases</th>
            <th scope="col" class="num">Outcomes to record</th>
          </tr>
        </thead>
        <tbody>
          {peers.map((p) => {
            const s = stats.get(p.id) ?? { active: 0, missedTwice: 0, openCases: 0, outcomesToRecord: 0 };
            const band = caseloadBand(s.active);
            return (
              <tr>
                <th scope="row">
                  <a href={`/console/caseload?peer=${p.id}`}>{p.name}</a>
                </th>
                <td class="num">{String(s.active)}</td>
                <td class={band === "within" ? "ok" : "warn"}>{band === "within" ? "within" : band}</td>
                <td class="num">{s.missedTwice > 0 ? <span class="warn">{String(s.missedTwice)}</span> : "0"}</td>
                <td class="num">{String(s.openCases)}</td>
                <td class="num">{String(s.outcomesToRecord)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Layout>,
  );
}

function PeerIndex(props: { groups: { peer: Peer; parents: Participant[] }[] }) {
  return (
    <nav aria-label="Peers">
      <p>
        {props.groups.length} peers, {props.groups.reduce((n, g) => n + g.parents.length, 0)} parents. Jump to:{" "}
        {props.groups.map((g, i) => (
          <>
            {i > 0 ? ", " : ""}
            <a href={`#peer-${g.peer.id}`}>{g.peer.name}</a>
          </>
        ))}
      </p>
    </nav>
  );
}

function PeerCaseload(props: { user: ConsoleUser; peer: Peer; parents: Participant[]; facts: Map<string, CaseloadFacts>; now: Date }) {
  const { peer, parents } = props;
  const band = caseloadBand(parents.length);
  return (
    <section aria-labelledby={`peer-${peer.id}`}>
      <h2 id={`peer-${peer.id}`}>{peer.name}</h2>
      <p>
        {`${parents.length} active parent${parents.length === 1 ? "" : "s"} — guideline ${CASELOAD_MIN}–${CASELOAD_MAX}: `}
        <span class={band === "within" ? "ok" : "warn"}>
          {band === "within" ? "within the guideline" : band === "above" ? "above the guideline" : "below the guideline"}
        </span>
      </p>
      {parents.length === 0 ? (
        <p>No active parents.</p>
      ) : (
        <table>
          <caption class="muted">{`Parents of ${peer.name}; times in each parent's own time zone`}</caption>
          <thead>
            <tr>
              <th scope="col">Parent</th>
              <th scope="col">Last check-in</th>
              <th scope="col">Last 14 days</th>
              <th scope="col">Missed in a row</th>
              <th scope="col">Next appointment</th>
              <th scope="col">Open items</th>
            </tr>
          </thead>
          <tbody>
            {parents.map((p) => (
              <ParentRow parent={p} facts={props.facts.get(p.id)} now={props.now} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ParentRow(props: { parent: Participant; facts: CaseloadFacts | undefined; now: Date }) {
  const { parent: p, now } = props;
  const checkins = props.facts?.checkins ?? [];
  const last = lastAnswered(checkins);
  const streak = missedStreak(checkins);
  const today = localDateOf(now, p.timeZone);
  const series = dailyScores(checkins, today, 14);
  const next = props.facts?.nextAppointment ?? null;
  const items = openItems(props.facts, checkins.some((c) => c.status === "awaiting"));
  return (
    <tr>
      <th scope="row">
        <a href={`/console/parents/${p.id}`}>{p.firstName}</a>{" "}
        <span class="badge">{p.language === "es" ? "Spanish" : "English"}</span>
        {p.status === "paused" ? <span class="badge">paused</span> : null}
        {p.consent !== "opted_in" ? <span class="badge bad">{p.consent === "opted_out" ? "opted out" : "not yet opted in"}</span> : null}
      </th>
      <td>{last ? `${formatLocal(last.dueAt, p.timeZone, "en", "date")}: ${last.score}/5` : "none yet"}</td>
      <td>
        <Sparkline values={series.map((s) => s.score)} label={`${p.firstName}: ${describeScores(series)}`} />
      </td>
      <td class="num">{streak >= 2 ? <span class="warn">{String(streak)}</span> : String(streak)}</td>
      <td>{next ? `${appointmentLabel(next.kind)}, ${formatLocal(next.startsAt, p.timeZone, "en", "datetime")}` : "none"}</td>
      <td>{items.length === 0 ? "none" : <ul>{items.map((i) => <li>{i}</li>)}</ul>}</td>
    </tr>
  );
}

function openItems(f: CaseloadFacts | undefined, awaiting: boolean): string[] {
  const items: string[] = [];
  if (!f) return items;
  if (f.openCases > 0) items.push(`${f.openCases} open hotline case${f.openCases === 1 ? "" : "s"}`);
  if (f.outcomesToRecord > 0) items.push(`${f.outcomesToRecord} appointment outcome${f.outcomesToRecord === 1 ? "" : "s"} to record`);
  if (f.rescheduleRequests > 0) items.push(`${f.rescheduleRequests} reschedule request${f.rescheduleRequests === 1 ? "" : "s"}`);
  if (awaiting) items.push("check-in awaiting a reply");
  return items;
}
