import type { DocumentSection, ReleasedDocument } from "../../domain/reports/document";
import { REDISCLOSURE_NOTICE, REDISCLOSURE_NOTICE_TITLE } from "../../domain/reports/notice";
import { adherencePlot, recoveryCapitalPlot, type Plot } from "../../domain/reports/plots";

/**
 * The report as HTML: the sections it holds (nothing else), their figures and plots
 * (inline SVG: no script, no external asset), the peer's notes, and the §2.32 notice.
 * Used for the printable disclosure page and for the peer's preview before release.
 * English only: reports go to courts and caseworkers (docs/reports.md).
 */
export function ReportBody(props: { doc: ReleasedDocument; draft?: boolean }) {
  const { doc } = props;
  return (
    <article class="report">
      {props.draft ? (
        <p class="notice">
          <strong>Preview — not released.</strong> Only the sections listed below would be disclosed.
        </p>
      ) : null}
      <dl class="report-head">
        <dt>Program</dt>
        <dd>{doc.programName}</dd>
        <dt>Parent</dt>
        <dd>{doc.firstName}</dd>
        <dt>Peer support specialist</dt>
        <dd>{doc.peerName ?? "—"}</dd>
        <dt>Period</dt>
        <dd>
          {doc.monthTitle} ({doc.period.from} to {doc.period.to})
        </dd>
        <dt>Disclosed to</dt>
        <dd>
          {doc.recipient.name} ({doc.recipient.kindLabel})
        </dd>
        <dt>Purpose</dt>
        <dd>{doc.purpose}</dd>
        <dt>Under consent</dt>
        <dd>
          signed {doc.consent.signedOn}, expires {doc.consent.expiresOn}
        </dd>
        {props.draft ? null : (
          <>
            <dt>Released</dt>
            <dd>
              {doc.releasedAt.slice(0, 10)} by {doc.releasedBy}
            </dd>
          </>
        )}
      </dl>
      <SectionsView sections={doc.sections} />
      <section class="notice" aria-labelledby="redisclosure">
        <h2 id="redisclosure">{REDISCLOSURE_NOTICE_TITLE}</h2>
        {REDISCLOSURE_NOTICE.map((p) => (
          <p>{p}</p>
        ))}
      </section>
    </article>
  );
}

/** The sections alone (the peer's review page shows every section before any consent is chosen). */
export function SectionsView(props: { sections: DocumentSection[] }) {
  return (
    <>
      {props.sections.map((s) => (
        <SectionView s={s} />
      ))}
    </>
  );
}

function SectionView(props: { s: DocumentSection }) {
  const { s } = props;
  return (
    <section aria-labelledby={`sec-${s.section}`}>
      <h2 id={`sec-${s.section}`}>{s.title}</h2>
      <SectionFigures s={s} />
      <p>{s.note}</p>
    </section>
  );
}

function SectionFigures(props: { s: DocumentSection }) {
  const { s } = props;
  switch (s.section) {
    case "participation": {
      const p = s.figures;
      return (
        <ul>
          <li>Enrolled since {p.enrolledOn}; status {p.status}.</li>
          <li>
            In touch with the program on {p.daysWithContact} of {p.daysInMonth} days.
          </li>
          <li>
            Engagement points: {p.pointsEarned} this month, {p.pointsTotal} in total.
          </li>
          {p.phases.length ? <li>Program phase: {p.phases.join(", ")}.</li> : null}
        </ul>
      );
    }
    case "appointments_kept": {
      const a = s.figures;
      if (a.byKind.length === 0) return <p class="muted">No appointments this month.</p>;
      return (
        <table>
          <caption>Appointments by kind</caption>
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col" class="num">Kept</th>
              <th scope="col" class="num">Missed</th>
              <th scope="col" class="num">Cancelled</th>
              <th scope="col" class="num">No outcome recorded</th>
            </tr>
          </thead>
          <tbody>
            {a.byKind.map((k) => (
              <tr>
                <th scope="row">{k.label}</th>
                <td class="num">{k.kept}</td>
                <td class="num">{k.missed}</td>
                <td class="num">{k.cancelled}</td>
                <td class="num">{k.notRecorded}</td>
              </tr>
            ))}
          </tbody>
        </table>
      );
    }
    case "checkin_adherence": {
      const c = s.figures;
      return (
        <>
          <p>
            Check-ins answered: {c.answered} of {c.sent}
            {c.answeredPct === null ? " (none sent)" : ` (${c.answeredPct}%)`}.
          </p>
          <PlotSvg plot={adherencePlot(c)} title="Check-ins answered per week" />
        </>
      );
    }
    case "recovery_capital": {
      const r = s.figures;
      return (
        <>
          <p>
            Latest total: {r.latest === null ? "none this month" : `${r.latest} of ${r.max}`}
            {r.change === null ? "" : `; change since the previous check: ${r.change > 0 ? "+" : ""}${r.change}`}.
          </p>
          <PlotSvg plot={recoveryCapitalPlot(r)} title="Recovery-capital trend" />
        </>
      );
    }
    case "return_to_use": {
      const r = s.figures;
      return <p>Days on which a return to use was shared with the program: {r.shared}.</p>;
    }
  }
}

/** An accessible SVG figure: role="img" with the plot's text summary as its name. */
export function PlotSvg(props: { plot: Plot; title: string }) {
  const { plot } = props;
  const a = plot.area;
  return (
    <figure>
      <svg role="img" aria-label={`${props.title}. ${plot.summary}`} viewBox={`0 0 ${plot.width} ${plot.height}`} width={plot.width} height={plot.height}>
        <line x1={a.x} y1={a.y} x2={a.x} y2={a.y + a.h} stroke="#555" />
        <line x1={a.x} y1={a.y + a.h} x2={a.x + a.w} y2={a.y + a.h} stroke="#555" />
        {plot.yTicks.map((t) => (
          <>
            <line x1={a.x - 3} y1={t.y} x2={a.x + a.w} y2={t.y} stroke="#e0e0e0" />
            <text x={a.x - 6} y={t.y + 4} text-anchor="end">
              {t.label}
            </text>
          </>
        ))}
        {plot.bars.map((b) => (
          <rect x={b.x} y={b.y} width={b.w} height={b.h} fill="#12355b" />
        ))}
        {plot.line.length > 1 ? <polyline points={plot.line.map((p) => `${p.x},${p.y}`).join(" ")} fill="none" stroke="#12355b" stroke-width="2" /> : null}
        {plot.line.map((p) => (
          <circle cx={p.x} cy={p.y} r="3" fill="#12355b" />
        ))}
        {plot.xLabels.map((l) => (
          <text x={l.x} y={a.y + a.h + 16} text-anchor="middle">
            {l.label}
          </text>
        ))}
      </svg>
      <figcaption class="muted">{props.title}</figcaption>
    </figure>
  );
}

/** A standalone printable page (the disclosed document), outside the console layout. */
export function PrintablePage(props: { doc: ReleasedDocument }) {
  const { doc } = props;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`Monthly progress report: ${doc.firstName}, ${doc.monthTitle}`}</title>
        <style dangerouslySetInnerHTML={{ __html: PRINT_CSS }} />
      </head>
      <body>
        <main>
          <h1>Monthly progress report</h1>
          <ReportBody doc={doc} />
        </main>
      </body>
    </html>
  );
}

const PRINT_CSS = `
body{margin:0;font:15px/1.45 Georgia,"DejaVu Serif",serif;color:#111;background:#fff}
main{max-width:46rem;margin:0 auto;padding:1.5rem}
h1{font-size:1.5rem;margin:0 0 1rem}
h2{font-size:1.15rem;margin:1.4rem 0 .4rem;border-bottom:1px solid #999}
dl.report-head{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0 0 1rem}
dl.report-head dt{font-weight:700}
dl.report-head dd{margin:0}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.25rem .4rem;border-bottom:1px solid #ccc}
.num{text-align:right}
.muted{color:#444}
.notice{border:1px solid #555;padding:.5rem 1rem;margin-top:1.5rem;font-size:.9rem}
svg text{font:11px sans-serif;fill:#111}
figure{margin:.5rem 0}
@media print{main{padding:0}}
`;
