import { existsSync } from "node:fs";
import PDFDocument from "pdfkit";
import type { DocumentSection, ReleasedDocument } from "../../domain/reports/document";
import { REDISCLOSURE_NOTICE, REDISCLOSURE_NOTICE_TITLE } from "../../domain/reports/notice";
import { adherencePlot, recoveryCapitalPlot, type Plot } from "../../domain/reports/plots";

/**
 * The disclosed report as a PDF (pdfkit): the same sections, notes and notice as the HTML
 * page, and the trend plots drawn as vector graphics from the same geometry
 * (domain/reports/plots.ts). DejaVu Sans when the system has it (any name prints), else
 * pdfkit's built-in Helvetica, whose WinAnsi encoding covers Spanish names; characters
 * outside it become "?" rather than failing the release.
 */
const DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
const DEJAVU_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
const hasDejaVu = existsSync(DEJAVU) && existsSync(DEJAVU_BOLD);

const MARGIN = 54;
const INK = "#111111";
const ACCENT = "#12355b";

export function renderReportPdf(doc: ReleasedDocument): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: "LETTER",
    margin: MARGIN,
    info: { Title: `Monthly progress report: ${doc.firstName}, ${doc.monthTitle}`, Author: doc.programName, Subject: "42 CFR Part 2 protected record" },
  });
  const chunks: Buffer[] = [];
  pdf.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });
  const regular = hasDejaVu ? DEJAVU : "Helvetica";
  const bold = hasDejaVu ? DEJAVU_BOLD : "Helvetica-Bold";
  const t = hasDejaVu ? (s: string) => s : toWinAnsi;
  const width = pdf.page.width - 2 * MARGIN;

  pdf.fillColor(INK).font(bold).fontSize(18).text("Monthly progress report");
  pdf.moveDown(0.5);
  const head: [string, string][] = [
    ["Program", doc.programName],
    ["Parent", doc.firstName],
    ["Peer support specialist", doc.peerName ?? "-"],
    ["Period", `${doc.monthTitle} (${doc.period.from} to ${doc.period.to})`],
    ["Disclosed to", `${doc.recipient.name} (${doc.recipient.kindLabel})`],
    ["Purpose", doc.purpose],
    ["Under consent", `signed ${doc.consent.signedOn}, expires ${doc.consent.expiresOn}`],
    ["Released", `${doc.releasedAt.slice(0, 10)} by ${doc.releasedBy}`],
  ];
  pdf.fontSize(10);
  for (const [k, v] of head) {
    pdf.font(bold).text(`${k}: `, { continued: true }).font(regular).text(t(v));
  }

  for (const s of doc.sections) {
    pdf.moveDown(1);
    ensureRoom(pdf, 60);
    pdf.font(bold).fontSize(13).fillColor(ACCENT).text(s.title);
    pdf.moveTo(MARGIN, pdf.y).lineTo(MARGIN + width, pdf.y).lineWidth(0.5).strokeColor("#999999").stroke();
    pdf.moveDown(0.3).fillColor(INK).font(regular).fontSize(10);
    for (const line of figureLines(s)) pdf.text(t(line));
    const plot = plotFor(s);
    if (plot) drawPlot(pdf, plot.plot, plot.title, regular);
    pdf.moveDown(0.4).font(regular).fontSize(10).text(t(s.note), { width });
  }

  pdf.moveDown(1.5);
  ensureRoom(pdf, 200);
  const boxTop = pdf.y;
  pdf.font(bold).fontSize(10).text(REDISCLOSURE_NOTICE_TITLE, MARGIN + 8, boxTop + 8, { width: width - 16 });
  pdf.font(regular).fontSize(8.5);
  for (const p of REDISCLOSURE_NOTICE) pdf.moveDown(0.3).text(p, { width: width - 16 });
  pdf.rect(MARGIN, boxTop, width, pdf.y - boxTop + 8).lineWidth(0.8).strokeColor("#555555").stroke();
  pdf.end();
  return done;
}

/** The figures as plain lines (the HTML shows the same as lists and tables). */
export function figureLines(s: DocumentSection): string[] {
  switch (s.section) {
    case "participation": {
      const p = s.figures;
      return [
        `Enrolled since ${p.enrolledOn}; status ${p.status}.`,
        `In touch with the program on ${p.daysWithContact} of ${p.daysInMonth} days.`,
        `Engagement points: ${p.pointsEarned} this month, ${p.pointsTotal} in total.`,
        ...(p.phases.length ? [`Program phase: ${p.phases.join(", ")}.`] : []),
      ];
    }
    case "appointments_kept": {
      const a = s.figures;
      if (a.byKind.length === 0) return ["No appointments this month."];
      return [
        `Kept ${a.kept}, missed ${a.missed} (with a recorded outcome).`,
        ...a.byKind.map((k) => `${k.label}: kept ${k.kept}, missed ${k.missed}, cancelled ${k.cancelled}, no outcome recorded ${k.notRecorded}.`),
      ];
    }
    case "checkin_adherence": {
      const c = s.figures;
      return [`Check-ins answered: ${c.answered} of ${c.sent}${c.answeredPct === null ? " (none sent)" : ` (${c.answeredPct}%)`}.`];
    }
    case "recovery_capital": {
      const r = s.figures;
      return [
        `Latest total: ${r.latest === null ? "none this month" : `${r.latest} of ${r.max}`}${r.change === null ? "" : `; change since the previous check: ${r.change > 0 ? "+" : ""}${r.change}`}.`,
      ];
    }
    case "return_to_use":
      return [`Days on which a return to use was shared with the program: ${s.figures.shared}.`];
  }
}

function plotFor(s: DocumentSection): { plot: Plot; title: string } | null {
  if (s.section === "checkin_adherence") return { plot: adherencePlot(s.figures), title: "Check-ins answered per week" };
  if (s.section === "recovery_capital") return { plot: recoveryCapitalPlot(s.figures), title: "Recovery-capital trend" };
  return null;
}

function drawPlot(pdf: PDFKit.PDFDocument, plot: Plot, title: string, font: string): void {
  const scale = 0.9;
  ensureRoom(pdf, plot.height * scale + 30);
  pdf.moveDown(0.4);
  const ox = MARGIN;
  const oy = pdf.y;
  const X = (x: number) => ox + x * scale;
  const Y = (y: number) => oy + y * scale;
  const a = plot.area;
  pdf.save();
  pdf.font(font).fontSize(7).fillColor(INK);
  for (const tick of plot.yTicks) {
    pdf.moveTo(X(a.x), Y(tick.y)).lineTo(X(a.x + a.w), Y(tick.y)).lineWidth(0.3).strokeColor("#dddddd").stroke();
    pdf.text(tick.label, X(0), Y(tick.y) - 3, { width: X(a.x - 4) - X(0), align: "right", lineBreak: false });
  }
  pdf.moveTo(X(a.x), Y(a.y)).lineTo(X(a.x), Y(a.y + a.h)).lineTo(X(a.x + a.w), Y(a.y + a.h)).lineWidth(0.8).strokeColor("#555555").stroke();
  for (const b of plot.bars) pdf.rect(X(b.x), Y(b.y), b.w * scale, b.h * scale).fillColor(ACCENT).fill();
  if (plot.line.length > 1) {
    pdf.moveTo(X(plot.line[0]!.x), Y(plot.line[0]!.y));
    for (const p of plot.line.slice(1)) pdf.lineTo(X(p.x), Y(p.y));
    pdf.lineWidth(1.5).strokeColor(ACCENT).stroke();
  }
  for (const p of plot.line) pdf.circle(X(p.x), Y(p.y), 2.5).fillColor(ACCENT).fill();
  pdf.fillColor(INK);
  for (const l of plot.xLabels) pdf.text(l.label, X(l.x) - 20, Y(a.y + a.h + 6), { width: 40, align: "center", lineBreak: false });
  pdf.restore();
  pdf.x = MARGIN;
  pdf.y = oy + plot.height * scale + 4;
  pdf.font(font).fontSize(8).fillColor("#444444").text(title, MARGIN, pdf.y);
  pdf.fillColor(INK);
}

function ensureRoom(pdf: PDFKit.PDFDocument, needed: number): void {
  if (pdf.y + needed > pdf.page.height - MARGIN) pdf.addPage();
}

/** Helvetica's WinAnsi covers Latin-1 (Spanish included); anything else prints as "?". */
function toWinAnsi(s: string): string {
  return s.replace(/[^\u0000-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u20ac]/g, "?");
}
