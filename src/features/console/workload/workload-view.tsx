import { formatLocal } from "../../../domain/time";
import { chartScale, type Week } from "../../../domain/workload";
import { BarChart, ChartLegend } from "./bar-chart";
import type { WorkloadView } from "./workload-data";

/** "Nov 23": a week by its Monday, in the supervisors' zone. */
function weekLabel(w: Week, zone: string): string {
  return formatLocal(w.from, zone, "en", "date").replace(/^\w+, /, "");
}

export function durationLabel(ms: number | null): string {
  if (ms === null) return "—";
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

const WEEK_CHOICES = [4, 8, 12, 26];

export function WorkloadPage(props: { view: WorkloadView; weekCount: number }) {
  const { view } = props;
  const label = (w: Week) => weekLabel(w, view.zone);
  const scale = chartScale(view.peers);
  const totalsScale = Math.max(1, ...view.totals.map((t) => Math.max(t.held, t.interrupted)));
  return (
    <>
      <form method="get" action="/console/workload" class="pager">
        <label>
          Weeks shown{" "}
          <select name="weeks">
            {WEEK_CHOICES.map((n) => (
              <option value={String(n)} selected={n === props.weekCount}>
                {String(n)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Show</button>
      </form>
      <p class="muted">
        Weeks run Monday to Sunday in {view.zone}, from {label(view.weeks[0]!)}; the last one is this week so far. Held: notes the
        boundary kept for the peer's next shift. Delivered off-hours: notes that reached the peer while off (crisis FYIs they opted into).
        Unacknowledged: notes delivered that week the peer has not acknowledged yet.
      </p>

      <h2 id="peers-h">Peers: off-hours interruptions held vs delivered</h2>
      <ChartLegend />
      <figure>
        <BarChart id="chart-all" weeks={view.totals.map((t) => ({ label: label(t.week), ...t }))} scale={totalsScale} title="All peers, per week" height={100} barWidth={14} />
        <figcaption>All peers together, per week (numbers in the table below).</figcaption>
      </figure>
      <table>
        <caption>All peers, per week</caption>
        <thead>
          <tr>
            <th scope="col">Week of</th>
            <th scope="col" class="num">Held</th>
            <th scope="col" class="num">Delivered off-hours</th>
            <th scope="col" class="num">Unacknowledged</th>
          </tr>
        </thead>
        <tbody>
          {view.totals.map((t) => (
            <tr>
              <th scope="row">{label(t.week)}</th>
              <td class="num">{t.held}</td>
              <td class="num">{t.interrupted}</td>
              <td class="num">{t.unacknowledged}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <table aria-labelledby="peers-h">
        <thead>
          <tr>
            <th scope="col">Peer</th>
            <th scope="col">Per week (held, delivered off-hours)</th>
            <th scope="col" class="num">Held</th>
            <th scope="col" class="num">Delivered off-hours</th>
            <th scope="col" class="num">Unacknowledged</th>
            <th scope="col">Unacknowledged per week</th>
          </tr>
        </thead>
        <tbody>
          {view.peers.length === 0 ? (
            <tr>
              <td colspan={6}>No peers yet.</td>
            </tr>
          ) : (
            view.peers.map((p, i) => (
              <tr data-peer={p.peerId}>
                <th scope="row">{p.name}</th>
                <td>
                  <BarChart id={`chart-p${i}`} weeks={p.weeks.map((w) => ({ label: label(w.week), held: w.held, interrupted: w.interrupted }))} scale={scale} title={`${p.name}, per week`} />
                </td>
                <td class="num">{p.totals.held}</td>
                <td class={p.totals.interrupted > 0 ? "num warn" : "num"}>{p.totals.interrupted}</td>
                <td class={p.totals.unacknowledged > 0 ? "num warn" : "num"}>{p.totals.unacknowledged}</td>
                <td class="muted">{p.weeks.map((w) => `${label(w.week)}: ${w.unacknowledged}`).join(" · ")}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>

      <h2 id="vol-h">Hotline responders</h2>
      <p class="muted">
        Pages: page texts and phone rings naming them (each escalation step counts). Time to claim: from the first page to them in the
        case's current round to their claim (a claim without a page to them counts, untimed). p50/p90: nearest rank over their timed claims.
      </p>
      <table aria-labelledby="vol-h">
        <thead>
          <tr>
            <th scope="col">Responder</th>
            <th scope="col">Tier</th>
            <th scope="col" class="num">Pages</th>
            <th scope="col" class="num">Cases paged for</th>
            <th scope="col" class="num">Claims</th>
            <th scope="col" class="num">Time to claim p50</th>
            <th scope="col" class="num">p90</th>
            <th scope="col" class="num">Timed claims</th>
          </tr>
        </thead>
        <tbody>
          {view.volunteers.length === 0 ? (
            <tr>
              <td colspan={8}>No hotline responders yet.</td>
            </tr>
          ) : (
            view.volunteers.map((v) => (
              <tr data-responder={v.responderId}>
                <th scope="row">
                  {v.name}
                  {v.active ? "" : " (inactive)"}
                </th>
                <td>{v.tier ?? "—"}</td>
                <td class="num">{v.pages}</td>
                <td class="num">{v.casesPaged}</td>
                <td class="num">{v.claims}</td>
                <td class="num">{durationLabel(v.p50Ms)}</td>
                <td class="num">{durationLabel(v.p90Ms)}</td>
                <td class="num">{v.claimTimesMs.length}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </>
  );
}
