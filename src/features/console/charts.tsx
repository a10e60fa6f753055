/**
 * Inline SVG charts (no script, no external assets). Each is role="img" with a text
 * alternative; the bigger plots also offer their numbers as a table (for screen readers
 * and for anyone who wants the figures).
 */

/** 14-day score sparkline: 1–5 scores as a line with gaps where there was no answer. */
export function Sparkline(props: { values: readonly (number | null)[]; label: string; width?: number; height?: number }) {
  const w = props.width ?? 112;
  const h = props.height ?? 24;
  const n = props.values.length;
  const x = (i: number) => (n <= 1 ? w / 2 : 2 + (i * (w - 4)) / (n - 1));
  const y = (v: number) => h - 2 - ((v - 1) / 4) * (h - 4);
  const segments: string[] = [];
  let current: string[] = [];
  props.values.forEach((v, i) => {
    if (v === null) {
      if (current.length) segments.push(current.join(" "));
      current = [];
    } else current.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
  });
  if (current.length) segments.push(current.join(" "));
  return (
    <svg width={w} height={h} viewBox={`0 0 ${w} ${h}`} role="img" aria-label={props.label}>
      <title>{props.label}</title>
      <line x1="0" x2={w} y1={y(3)} y2={y(3)} stroke="#c8c8c8" stroke-width="1" />
      {segments.map((pts) => (
        <polyline points={pts} fill="none" stroke="#0a4f8f" stroke-width="1.5" />
      ))}
      {props.values.map((v, i) => (v === null ? null : <circle cx={x(i)} cy={y(v)} r="1.8" fill="#0a4f8f" />))}
    </svg>
  );
}

export interface PlotPoint {
  /** Label on the x axis and in the table (a local date). */
  label: string;
  value: number | null;
}

/**
 * A points-and-line plot with a y axis from `min` to `max`, x labels at the first, middle
 * and last point, and the data as a table under a disclosure.
 */
export function Plot(props: { title: string; points: readonly PlotPoint[]; min: number; max: number; valueName: string; id: string }) {
  const w = 640;
  const h = 200;
  const left = 36;
  const bottom = 24;
  const n = props.points.length;
  const x = (i: number) => (n <= 1 ? left + (w - left) / 2 : left + 6 + (i * (w - left - 12)) / (n - 1));
  const y = (v: number) => 8 + (1 - (v - props.min) / (props.max - props.min || 1)) * (h - bottom - 16);
  const ticks = [props.min, (props.min + props.max) / 2, props.max].map((t) => Math.round(t * 10) / 10);
  const answered = props.points.filter((p) => p.value !== null);
  const summary =
    answered.length === 0
      ? `${props.title}: no data in this period`
      : `${props.title}: ${answered.length} values from ${props.points[0]!.label} to ${props.points[n - 1]!.label}; lowest ${Math.min(...answered.map((p) => p.value!))}, highest ${Math.max(...answered.map((p) => p.value!))}, latest ${answered[answered.length - 1]!.value}`;
  let path = "";
  props.points.forEach((p, i) => {
    if (p.value === null) return;
    const prev = i > 0 ? props.points[i - 1] : undefined;
    path += `${prev && prev.value !== null ? "L" : "M"}${x(i).toFixed(1)},${y(p.value).toFixed(1)} `;
  });
  const labelIdx = n === 0 ? [] : [...new Set([0, Math.floor((n - 1) / 2), n - 1])];
  return (
    <figure>
      <svg width="100%" viewBox={`0 0 ${w} ${h}`} role="img" aria-labelledby={`${props.id}-t`} style="max-width:40rem">
        <title id={`${props.id}-t`}>{summary}</title>
        {ticks.map((t) => (
          <g>
            <line x1={left} x2={w} y1={y(t)} y2={y(t)} stroke="#d8d8d8" />
            <text x={left - 6} y={y(t) + 4} text-anchor="end">
              {String(t)}
            </text>
          </g>
        ))}
        <path d={path} fill="none" stroke="#0a4f8f" stroke-width="1.5" />
        {props.points.map((p, i) => (p.value === null ? null : <circle cx={x(i)} cy={y(p.value)} r="2.5" fill="#0a4f8f" />))}
        {labelIdx.map((i) => (
          <text x={x(i)} y={h - 6} text-anchor={i === 0 ? "start" : i === n - 1 ? "end" : "middle"}>
            {props.points[i]!.label}
          </text>
        ))}
      </svg>
      <figcaption>{summary}</figcaption>
      <details>
        <summary>{`${props.title} as a table`}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">{props.valueName}</th>
            </tr>
          </thead>
          <tbody>
            {props.points.map((p) => (
              <tr>
                <td>{p.label}</td>
                <td class="num">{p.value === null ? "—" : String(p.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
