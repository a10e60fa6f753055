import { Hono } from "hono";
import { z } from "zod";
import type { Participant } from "../../../domain/model";
import { addDays, formatLocal, localDateOf } from "../../../domain/time";
import type { Deps } from "../../../ports/deps";
import type { TimelineItem } from "../../../adapters/postgres/console-reads";
import { mayOpenParent } from "../access";
import { recordDenied, recordEvent, recordView } from "../audit";
import { Plot } from "../charts";
import { renderPage } from "../http";
import { Layout } from "../layout";
import { requireRole } from "../session";
import { dailyScores, missedStreak } from "../summary";
import { appointmentLabel } from "./caseload";

export const TIMELINE_PAGE = 50;
const SCORE_DAYS = 90;

const cursorSchema = z
  .string()
  .max(120)
  .regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z~[0-9a-f-]{36}$/, "must be a cursor from the 'Older texts' link")
  .transform((v) => {
    const [at, id] = v.split("~") as [string, string];
    return { at: new Date(at), id };
  })
  .refine((v) => !Number.isNaN(v.at.getTime()), "must be a cursor from the 'Older texts' link");

/**
 * A parent's record. Every view is audited; a refused or guessed id is audited too and
 * answered 403 (someone else's parent) or 404 (no such parent), so ids cannot be probed
 * quietly.
 */
export function parentRoutes(deps: Deps) {
  const app = new Hono();
  app.get("/parents/:id", requireRole("peer", "supervisor", "volunteer"), async (c) => {
    const user = c.get("user");
    const raw = c.req.param("id");
    const id = z.uuid().safeParse(raw);
    const parent = id.success ? await deps.store.participants.get(id.data) : null;
    if (!parent) {
      await recordEvent(deps, { user, action: "not_found", what: "parent", subjectId: raw.slice(0, 64) });
      return c.text("Not found: no such parent.", 404);
    }
    if (!(await mayOpenParent(deps, user, parent))) {
      await recordDenied(deps, user, "parent", parent.id);
      return c.text("Forbidden: this parent is not on your caseload.", 403);
    }
    const beforeRaw = c.req.query("before");
    const before = beforeRaw === undefined ? undefined : cursorSchema.safeParse(beforeRaw);
    if (before && !before.success) return c.text(`Bad request: before ${before.error.issues[0]?.message ?? "is invalid"}`, 400);
    await recordView(deps, user, "parent", parent.id);
    const now = deps.clock.now();
    const data = await loadParent(deps, parent, now, before?.data);
    return renderPage(
      c,
      <Layout title={`${parent.firstName}`} user={user} active="caseload">
        <ParentPage parent={parent} now={now} data={data} />
      </Layout>,
    );
  });
  return app;
}

async function loadParent(deps: Deps, parent: Participant, now: Date, before: { at: Date; id: string } | undefined) {
  const s = deps.store;
  const [peer, checkins, texts, rc, appointments, pointsTotal, points, phases] = await Promise.all([
    parent.peerId ? s.peers.get(parent.peerId) : Promise.resolve(null),
    s.consoleReads.checkinsBetween(parent.id, new Date(now.getTime() - (SCORE_DAYS + 1) * 86_400_000), now),
    s.consoleReads.timeline(parent.id, TIMELINE_PAGE + 1, before),
    s.recoveryCapital.listFor(parent.id, 104),
    s.appointments.listForParticipant(parent.id, { from: new Date(now.getTime() - 365 * 86_400_000) }),
    s.points.total(parent.id),
    s.points.list(parent.id, 10),
    s.phases.listForParticipant(parent.id),
  ]);
  return { peer, checkins, texts: texts.slice(0, TIMELINE_PAGE), more: texts.length > TIMELINE_PAGE, rc, appointments, pointsTotal, points, phases, before };
}

type ParentData = Awaited<ReturnType<typeof loadParent>>;

function ParentPage(props: { parent: Participant; now: Date; data: ParentData }) {
  const { parent: p, now, data } = props;
  const zone = p.timeZone;
  const today = localDateOf(now, zone);
  const series = dailyScores(data.checkins, today, SCORE_DAYS);
  const newestFirst = [...data.checkins].reverse();
  const answered = data.checkins.filter((c) => c.status === "answered").length;
  const sent = data.checkins.filter((c) => c.status === "answered" || c.status === "missed").length;
  const upcoming = data.appointments.filter((a) => a.startsAt.getTime() >= now.getTime() && a.status === "scheduled");
  const past = data.appointments.filter((a) => !(a.startsAt.getTime() >= now.getTime() && a.status === "scheduled")).reverse();
  const last = data.texts[data.texts.length - 1];
  return (
    <>
      <dl class="grid2">
        <div>
          <dt>Peer</dt>
          <dd>{data.peer ? data.peer.name : "none assigned"}</dd>
          <dt>Language</dt>
          <dd>{p.language === "es" ? "Spanish" : "English"}</dd>
          <dt>Time zone</dt>
          <dd>{zone}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            {p.status}
            {p.status === "paused" && p.pausedUntil ? ` until ${formatLocal(p.pausedUntil, zone, "en", "datetime")}` : ""}
          </dd>
          <dt>Texting consent</dt>
          <dd>{p.consent === "opted_in" ? "opted in" : p.consent === "opted_out" ? "opted out (STOP)" : "not yet opted in"}</dd>
          <dt>Points</dt>
          <dd>{String(data.pointsTotal)}</dd>
        </div>
      </dl>

      <h2>Check-ins, last {SCORE_DAYS} days</h2>
      <p>
        {`${answered} of ${sent} check-ins answered; missed in a row now: ${missedStreak(newestFirst)}.`}
      </p>
      <Plot id="scores" title={`Check-in scores, ${addDays(today, -(SCORE_DAYS - 1))} to ${today}`} points={series.map((s) => ({ label: s.date, value: s.score }))} min={1} max={5} valueName="Score (1–5)" />

      <h2>Recovery capital</h2>
      {data.rc.length === 0 ? (
        <p>No recovery-capital check yet.</p>
      ) : (
        <Plot
          id="rc"
          title="Recovery-capital totals"
          points={data.rc.map((r) => ({ label: localDateOf(r.finishedAt, zone), value: r.status === "complete" ? r.total : null }))}
          min={0}
          max={Math.max(10, ...data.rc.map((r) => r.total ?? 0))}
          valueName="Total (incomplete checks have none)"
        />
      )}

      <h2>Appointments</h2>
      <AppointmentTable caption="Upcoming" rows={upcoming} zone={zone} />
      <AppointmentTable caption="Past year (newest first)" rows={past} zone={zone} />

      <h2>Phases</h2>
      {data.phases.length === 0 ? (
        <p>No phases.</p>
      ) : (
        <ul>
          {data.phases.map((ph) => (
            <li>{`${ph.name}: ${ph.startDate} to ${ph.endDate}${ph.startDate <= today && today <= ph.endDate ? " (current)" : ""}`}</li>
          ))}
        </ul>
      )}

      <h2>Points</h2>
      <p>{`Total ${data.pointsTotal}. Points only ever go up: a return to use takes none away.`}</p>
      {data.points.length > 0 ? (
        <table>
          <caption>Latest awards</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Why</th>
              <th scope="col" class="num">Points</th>
            </tr>
          </thead>
          <tbody>
            {data.points.map((e) => (
              <tr>
                <td>{formatLocal(e.createdAt, zone, "en", "datetime")}</td>
                <td>{e.reason.replace(/_/g, " ")}</td>
                <td class="num">{String(e.points)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}

      <h2>Pauses</h2>
      <p>
        {p.status === "paused"
          ? `Paused${p.pausedUntil ? ` until ${formatLocal(p.pausedUntil, zone, "en", "datetime")}` : ""} (PAUSE by text or by the program). Past pauses show in the texts below.`
          : "Not paused now. Past pauses show in the texts below (PAUSE and START)."}
      </p>

      <h2 id="texts">Texts</h2>
      {data.before ? <p>Older texts, before {formatLocal(data.before.at, zone, "en", "datetime")}.</p> : null}
      {data.texts.length === 0 ? (
        <p>No texts.</p>
      ) : (
        <ol class="timeline" aria-label="Texts, newest first">
          {data.texts.map((t) => (
            <TimelineEntry item={t} zone={zone} />
          ))}
        </ol>
      )}
      <p class="pager">
        {data.before ? <a href={`/console/parents/${p.id}#texts`}>Newest texts</a> : null}
        {data.more && last ? <a href={`/console/parents/${p.id}?before=${encodeURIComponent(`${last.at.toISOString()}~${last.id}`)}#texts`}>Older texts</a> : null}
      </p>
    </>
  );
}

function TimelineEntry(props: { item: TimelineItem; zone: string }) {
  const t = props.item;
  const failed = t.direction === "out" && (t.status === "undelivered" || t.status === "failed");
  return (
    <li class={t.direction}>
      <strong>{t.direction === "in" ? "From the parent" : `To the parent (${t.kind.replace(/_/g, " ")})`}</strong>
      {", "}
      <time datetime={t.at.toISOString()}>{formatLocal(t.at, props.zone, "en", "datetime")}</time>
      {t.direction === "out" ? (
        <>
          {" "}
          <span class={`badge ${failed ? "bad" : t.status === "delivered" ? "good" : ""}`}>{String(t.status ?? "")}</span>
        </>
      ) : null}
      <div>{t.body}</div>
    </li>
  );
}

function AppointmentTable(props: { caption: string; rows: ParentData["appointments"]; zone: string }) {
  if (props.rows.length === 0) return <p>{`${props.caption}: none.`}</p>;
  return (
    <table>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">What</th>
          <th scope="col">Where</th>
          <th scope="col">Outcome</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((a) => (
          <tr>
            <td>{formatLocal(a.startsAt, props.zone, "en", "datetime")}</td>
            <td>{appointmentLabel(a.kind)}</td>
            <td>{a.place ?? ""}</td>
            <td>
              {a.status === "scheduled"
                ? a.confirmation === "confirmed"
                  ? "scheduled, confirmed"
                  : a.confirmation === "reschedule_requested"
                    ? "scheduled, reschedule requested"
                    : "scheduled"
                : a.status}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
