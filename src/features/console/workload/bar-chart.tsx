/**
 * Grouped bar chart (inline SVG, no script): per week, notes the boundary held next to
 * notes delivered off-hours. The numbers are in its <title> and aria-label (its text
 * alternative) and in the table beside it; colours differ in lightness and the delivered
 * bars are hatched, so the two series are told apart without colour.
 */
export interface BarWeek {
  label: string;
  held: number;
  interrupted: number;
}

const HELD = "#0a4f8f";
const DELIVERED = "#b34700";

export function describeBars(weeks: readonly BarWeek[]): string {
  return weeks.map((w) => `${w.label}: ${w.held} held, ${w.interrupted} delivered off-hours`).join("; ");
}

export function BarChart(props: { weeks: BarWeek[]; scale: number; title: string; id: string; height?: number; barWidth?: number }) {
  const h = props.height ?? 60;
  const bw = props.barWidth ?? 8;
  const gap = Math.max(4, Math.round(bw * 0.75));
  const groupW = bw * 2 + gap;
  const width = props.weeks.length * groupW + gap;
  const y = (v: number) => Math.round((v / props.scale) * (h - 2));
  const text = `${props.title}. ${describeBars(props.weeks)}.`;
  return (
    <svg width={width} height={h + 2} viewBox={`0 0 ${width} ${h + 2}`} role="img" aria-label={text} id={props.id}>
      <title>{text}</title>
      <defs>
        <pattern id={`${props.id}-hatch`} width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="4" height="4" fill={DELIVERED} />
          <line x1="0" y1="0" x2="0" y2="4" stroke="#fff" stroke-width="1.5" />
        </pattern>
      </defs>
      <line x1="0" y1={h + 1} x2={width} y2={h + 1} stroke="#767676" stroke-width="1" />
      {props.weeks.map((w, i) => {
        const x = gap + i * groupW;
        return (
          <g>
            <rect x={x} y={h + 1 - y(w.held)} width={bw} height={y(w.held)} fill={HELD} />
            <rect x={x + bw} y={h + 1 - y(w.interrupted)} width={bw} height={y(w.interrupted)} fill={`url(#${props.id}-hatch)`} stroke={DELIVERED} stroke-width="0.5" />
          </g>
        );
      })}
    </svg>
  );
}

export function ChartLegend() {
  return (
    <p class="muted" aria-hidden="true">
      <svg width="12" height="12" viewBox="0 0 12 12">
        <rect width="12" height="12" fill={HELD} />
      </svg>{" "}
      held for the next shift (the boundary held){"  "}
      <svg width="12" height="12" viewBox="0 0 12 12">
        <rect width="12" height="12" fill={DELIVERED} />
      </svg>{" "}
      delivered while off (after-hours interruption, hatched)
    </p>
  );
}
