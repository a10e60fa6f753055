import { formatLocal } from "../../../domain/time";
import { CsrfField } from "../csrf";
import type { CasePageData } from "./case-data";
import { eventLabel } from "./case-data";
import { categoryLabel, severityLabel } from "./labels";

export type ActionName = "take" | "reassign" | "release" | "close" | "review";

export interface CaseViewProps {
  data: CasePageData;
  zone: string;
  /** Supervisor actions: shown when the viewer is a supervisor/admin; `actorProblem` says why they are disabled. */
  actions: { show: boolean; actorProblem: string | null };
  flash?: { kind: "done" | "error"; text: string } | null;
  /** A form that failed validation: the field and its message, shown next to it. */
  fieldError?: { action: ActionName; field: string; message: string } | null;
}

const DONE: Record<ActionName, string> = {
  take: "You took the case over; the previous holder was told.",
  reassign: "The case was reassigned; both responders were told.",
  release: "The case is back in the queue; responders are being paged.",
  close: "The case is closed.",
  review: "Your review is recorded.",
};

export function doneText(action: string): string | null {
  return (DONE as Record<string, string>)[action] ?? null;
}

function FieldError(props: { id: string; error: CaseViewProps["fieldError"]; action: ActionName; field: string }) {
  const e = props.error;
  if (!e || e.action !== props.action || e.field !== props.field) return null;
  return (
    <p id={props.id} class="warn">
      {`${props.field}: ${e.message}`}
    </p>
  );
}

function Actions(props: CaseViewProps) {
  const c = props.data.hotlineCase;
  const base = `/console/hotline/cases/${c.shortId}`;
  if (props.actions.actorProblem) return <p class="notice">{props.actions.actorProblem}</p>;
  const closed = c.status === "closed";
  const err = props.fieldError ?? null;
  return (
    <div class="grid2">
      {closed ? null : (
        <>
          <form method="post" action={`${base}/take`}>
            <CsrfField />
            <p>Hold the case yourself; the current holder is told.</p>
            <button type="submit" class="primary">
              Take over
            </button>
          </form>
          <form method="post" action={`${base}/reassign`} class="stack">
            <CsrfField />
            <label>
              Reassign to
              <select name="to" required aria-describedby={err?.action === "reassign" ? "reassign-to-error" : undefined}>
                {props.data.reassignTo.map((r) => (
                  <option value={r.id}>{`${r.name} (${r.tier})`}</option>
                ))}
              </select>
            </label>
            <FieldError id="reassign-to-error" error={err} action="reassign" field="to" />
            <button type="submit" class="primary">
              Reassign
            </button>
          </form>
          {c.status === "claimed" ? (
            <form method="post" action={`${base}/release`}>
              <CsrfField />
              <p>Put the case back in the queue; responders are paged again.</p>
              <button type="submit" class="primary">
                Release
              </button>
            </form>
          ) : null}
          <form method="post" action={`${base}/close`} class="stack">
            <CsrfField />
            <label>
              Closing note (required; no phone numbers)
              <textarea name="note" rows={3} maxlength={2000} required aria-describedby={err?.action === "close" ? "close-note-error" : undefined} />
            </label>
            <FieldError id="close-note-error" error={err} action="close" field="note" />
            <button type="submit" class="primary">
              Close the case
            </button>
          </form>
        </>
      )}
      {c.supervisorReview || closed ? (
        <form method="post" action={`${base}/review`} class="stack">
          <CsrfField />
          <label>
            Supervisor review note (a report made, or why none was)
            <textarea name="note" rows={3} maxlength={2000} required aria-describedby={err?.action === "review" ? "review-note-error" : undefined} />
          </label>
          <FieldError id="review-note-error" error={err} action="review" field="note" />
          <button type="submit" class="primary">
            Record review
          </button>
        </form>
      ) : null}
    </div>
  );
}

/** The case page's body (inside the console Layout). */
export function CaseView(props: CaseViewProps) {
  const { data, zone } = props;
  const c = data.hotlineCase;
  const when = (d: Date) => formatLocal(d, zone, "en", "datetime");
  return (
    <>
      <p>
        <a href="/console/hotline">Back to the queue</a>
      </p>
      {props.flash ? (
        <p class={props.flash.kind === "error" ? "error" : "notice"} role={props.flash.kind === "error" ? "alert" : "status"}>
          {props.flash.text}
        </p>
      ) : null}
      <div class="grid2">
        <dl>
          <dt>Status</dt>
          <dd>
            {c.status === "open" ? "Waiting for a volunteer" : c.status === "claimed" ? `Claimed by ${data.holder}` : "Closed"}
          </dd>
          <dt>Severity</dt>
          <dd>
            {severityLabel(c.severity)} ({c.categories.map(categoryLabel).join(", ") || "none"})
            {c.supervisorReview ? (
              <>
                {" "}
                <span class="badge bad">child safety: supervisor review{c.reviewedAt ? " done" : " needed"}</span>
              </>
            ) : null}
          </dd>
        </dl>
        <dl>
          <dt>Parent</dt>
          <dd>
            {data.who} ({c.language === "es" ? "Spanish" : "English"})
          </dd>
          <dt>Opened</dt>
          <dd>{when(c.createdAt)}</dd>
          {c.closedAt ? (
            <>
              <dt>Closed</dt>
              <dd>{when(c.closedAt)}</dd>
            </>
          ) : null}
        </dl>
      </div>
      {c.closeNote ? (
        <>
          <h2>Closing note</h2>
          <p class="note">{c.closeNote}</p>
        </>
      ) : null}
      {props.actions.show ? (
        <section aria-labelledby="actions-h">
          <h2 id="actions-h">Supervisor actions</h2>
          <Actions {...props} />
        </section>
      ) : null}
      <section aria-labelledby="timeline-h">
        <h2 id="timeline-h">Timeline</h2>
        {data.bodiesShown ? null : <p class="muted">Message texts are shown to supervisors and to the volunteer holding the case.</p>}
        <ol class="timeline">
          {data.timeline.map((e) => (
            <li class={e.direction ?? ""}>
              <time datetime={e.at.toISOString()}>{when(e.at)}</time> — <strong>{eventLabel(e.type)}</strong>
              {e.actor ? ` by ${e.actor}` : ""}
              {e.facts.length ? <span class="muted">{` (${e.facts.join("; ")})`}</span> : null}
              {e.body !== null ? <blockquote>{e.body}</blockquote> : null}
              {e.note !== null ? <blockquote>Note: {e.note}</blockquote> : null}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
