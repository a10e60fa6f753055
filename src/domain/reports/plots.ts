import type { ReportFigures } from "./figures";

/**
 * Plot geometry shared by the HTML page (inline SVG) and the PDF (pdfkit vector
 * graphics), so both documents draw the same thing. Coordinates are in a box of
 * `width` × `height` with the origin top-left (as SVG and PDF pages both use).
 */
export interface Plot {
  width: number;
  height: number;
  /** Plot area inside the axes' labels. */
  area: { x: number; y: number; w: number; h: number };
  yTicks: { y: number; label: string }[];
  xLabels: { x: number; label: string }[];
  bars: { x: number; y: number; w: number; h: number; label: string }[];
  line: { x: number; y: number; label: string }[];
  /** Text alternative for screen readers and the PDF's figure caption. */
  summary: string;
}

const W = 480;
const H = 180;
// Room on the left for the y labels and on the right for the last x label.
const AREA = { x: 40, y: 10, w: W - 72, h: H - 40 };

function frame(max: number, ticks: number, fmt: (v: number) => string): Pick<Plot, "width" | "height" | "area" | "yTicks"> {
  return {
    width: W,
    height: H,
    area: AREA,
    yTicks: Array.from({ length: ticks + 1 }, (_, i) => ({ y: AREA.y + AREA.h - (AREA.h * i) / ticks, label: fmt((max * i) / ticks) })),
  };
}

/** Check-ins answered per week of the month, as % bars (a week with none sent has no bar). */
export function adherencePlot(c: ReportFigures["checkins"]): Plot {
  const n = Math.max(1, c.weeks.length);
  const slot = AREA.w / n;
  const bars = c.weeks.flatMap((wk, i) => {
    if (wk.pct === null) return [];
    const h = (AREA.h * wk.pct) / 100;
    return [{ x: AREA.x + i * slot + slot * 0.2, y: AREA.y + AREA.h - h, w: slot * 0.6, h, label: `${wk.pct}%` }];
  });
  const parts = c.weeks.map((wk) => `week of ${wk.from}: ${wk.pct === null ? "none sent" : `${wk.pct}% (${wk.answered} of ${wk.answered + wk.missed})`}`);
  return {
    ...frame(100, 4, (v) => `${Math.round(v)}%`),
    xLabels: c.weeks.map((wk, i) => ({ x: AREA.x + i * slot + slot / 2, label: wk.from.slice(5) })),
    bars,
    line: [],
    summary: `Check-ins answered per week: ${parts.join("; ")}.`,
  };
}

/** Recovery-capital totals over the last checks, as a line on the scale's full range. */
export function recoveryCapitalPlot(r: ReportFigures["recoveryCapital"]): Plot {
  const max = r.max > 0 ? r.max : Math.max(1, ...r.points.map((p) => p.total));
  const n = r.points.length;
  const x = (i: number) => AREA.x + (n <= 1 ? AREA.w / 2 : (AREA.w * i) / (n - 1));
  const line = r.points.map((p, i) => ({ x: x(i), y: AREA.y + AREA.h - (AREA.h * Math.min(p.total, max)) / max, label: String(p.total) }));
  return {
    ...frame(max, 5, (v) => String(Math.round(v))),
    xLabels: r.points.map((p, i) => ({ x: x(i), label: p.date.slice(5) })),
    bars: [],
    line,
    summary: n === 0 ? "No recovery-capital check completed yet." : `Recovery-capital totals (of ${max}): ${r.points.map((p) => `${p.date} ${p.total}`).join(", ")}.`,
  };
}
