import type { QueueRow, QueueView } from "./queue-data";
import { categoryLabel, minutesLabel, severityLabel } from "./labels";

/** Accessible summary of the queue, also what the live region announces when it changes. */
export function queueSummary(q: QueueView): string {
  const open = q.open.length;
  const claimed = q.claimed.length;
  return `${open} waiting for a volunteer, ${claimed} claimed`;
}

function Severity(props: { row: QueueRow }) {
  const r = props.row;
  return (
    <>
      <span class={r.severity >= 90 ? "badge bad" : "badge"}>{severityLabel(r.severity)}</span>
      {r.childSafety ? (
        <>
          {" "}
          <span class="badge bad">child safety: supervisor review</span>
        </>
      ) : null}
      <div class="muted">{r.categories.map(categoryLabel).join(", ")}</div>
    </>
  );
}

function CaseLink(props: { row: QueueRow }) {
  return (
    <a href={`/console/hotline/cases/${props.row.shortId}`} aria-label={`Case ${props.row.shortId}, ${props.row.who}`}>
      {props.row.shortId}
    </a>
  );
}

/**
 * The two tables of the queue. Rendered for the page and again for every live update (the
 * SSE stream sends this fragment; /console/hotline/live.js swaps it in), so both agree.
 */
export function QueueTables(props: { queue: QueueView; asOf: string }) {
  const { queue } = props;
  return (
    <div data-summary={queueSummary(queue)}>
      <p class="muted">
        {queueSummary(queue)} · as of {props.asOf}
      </p>
      <table>
        <caption>Waiting for a volunteer (gravest first, then longest waiting)</caption>
        <thead>
          <tr>
            <th scope="col">Case</th>
            <th scope="col">Severity</th>
            <th scope="col">Parent</th>
            <th scope="col">Language</th>
            <th scope="col" class="num">
              Waiting
            </th>
            <th scope="col" class="num">
              Paging round
            </th>
          </tr>
        </thead>
        <tbody>
          {queue.open.length === 0 ? (
            <tr>
              <td colspan={6}>Nobody is waiting.</td>
            </tr>
          ) : (
            queue.open.map((r) => (
              <tr data-case={r.shortId}>
                <td>
                  <CaseLink row={r} />
                </td>
                <td>
                  <Severity row={r} />
                </td>
                <td>{r.who}</td>
                <td>{r.language === "es" ? "Spanish" : "English"}</td>
                <td class={r.waitingMinutes >= 5 ? "num warn" : "num"}>{minutesLabel(r.waitingMinutes)}</td>
                <td class="num">{r.round + 1}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      <table>
        <caption>Claimed (a volunteer or supervisor holds the case)</caption>
        <thead>
          <tr>
            <th scope="col">Case</th>
            <th scope="col">Severity</th>
            <th scope="col">Parent</th>
            <th scope="col">Held by</th>
            <th scope="col" class="num">
              Held for
            </th>
          </tr>
        </thead>
        <tbody>
          {queue.claimed.length === 0 ? (
            <tr>
              <td colspan={5}>No claimed cases.</td>
            </tr>
          ) : (
            queue.claimed.map((r) => (
              <tr data-case={r.shortId}>
                <td>
                  <CaseLink row={r} />
                </td>
                <td>
                  <Severity row={r} />
                </td>
                <td>{r.who}</td>
                <td>{r.holder}</td>
                <td class="num">{r.claimedMinutes === null ? "" : minutesLabel(r.claimedMinutes)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
