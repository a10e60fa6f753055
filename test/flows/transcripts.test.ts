import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { Flow } from "../../src/domain/flows/schema";
import { countSegments } from "../../src/domain/text/sms-segments";
import { renderTemplate } from "../../src/domain/text/template";
import { loadFlows, type FlowCatalog } from "../../src/content/catalog";
import { playableFlows } from "../../src/content/playable";
import { formatTranscript, SAMPLE_VARS, simulateFlow, TIMEOUT, type Transcript } from "../../src/content/simulator";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const LANGS = ["en", "es"] as const;
let catalog: FlowCatalog;
let flows: Record<string, Flow>;
beforeAll(async () => {
  catalog = await loadFlows(`${ROOT}/flows`);
  flows = playableFlows(catalog);
});

const program = (t: Transcript) => t.lines.filter((l) => l.who === "program").map((l) => l.text);
const peer = (t: Transcript) => t.lines.filter((l) => l.who === "peer").map((l) => l.text);
const render = (text: { en: string; es: string }, lang: "en" | "es") => renderTemplate(text[lang], SAMPLE_VARS);

/** Every flow the simulator can play must have transcript tests here: a new flow file fails this until it does. */
const COVERED = ["daily-checkin", "nightly-checkin", "recovery-capital"];
it("every shipped flow has transcript tests", () => {
  expect(Object.keys(flows).sort()).toEqual([...COVERED].sort());
});

describe.each(LANGS)("recovery-capital transcript (%s)", (lang) => {
  const rc = () => flows["recovery-capital"]!;
  const itemSteps = () => rc().steps.filter((s) => s.type === "ask");

  it("asks all ten statements in order, records each answer and totals them", () => {
    const answers = ["4", "5", "3", "2", "1", "5", "4", "3", "2", "5"];
    const t = simulateFlow(rc(), { language: lang, replies: answers });
    const sent = program(t);
    expect(sent[0]).toContain("Ana");
    expect(sent[0]).toContain(lang === "en" ? "Reply 1 (not true" : "Responda de 1 (no es cierto)");
    const questions = sent.slice(1, 11);
    expect(questions).toHaveLength(10);
    questions.forEach((q, i) => expect(q.startsWith(`${i + 1}/10 `)).toBe(true));
    expect(questions[0]).toBe(lang === "en" ? "1/10 There are more important things in my life than using." : "1/10 Hay cosas más importantes en mi vida que consumir.");
    expect(questions).toEqual(itemSteps().map((s) => render((s as { text: { en: string; es: string } }).text, lang)));
    expect(sent[11]).toContain(lang === "en" ? "Thank you, Ana" : "Gracias, Ana");
    expect(t.status).toBe("completed");
    expect(t.values.total).toBe(34);
    expect(t.values).toMatchObject({ q1: 4, q5: 1, q10: 5 });
    expect(t.unused).toEqual([]);
  });

  it("takes words and number words, re-asks once on nonsense and then counts the item as skipped", () => {
    const skipWord = lang === "en" ? "skip" : "paso";
    const five = lang === "en" ? "five" : "cinco";
    const t = simulateFlow(rc(), { language: lang, replies: [five, skipWord, "banana", "banana", "3", "3", "3", "3", "3", "3", "3"] });
    expect(t.values).toMatchObject({ q1: 5, q2: "skipped", q3: "skipped", q4: 3 });
    // A skipped item leaves no total: it would look like a drop that never happened.
    expect(t.values.total).toBeUndefined();
    expect(t.status).toBe("completed");
    const retry = program(t).find((x) => x.startsWith("3/10 ") && x !== program(t)[3]);
    expect(retry).toBe(lang === "en" ? "3/10 Please reply with one number, 1 (not true) to 5 (very true), or SKIP." : "3/10 Un número, por favor: de 1 (falso) a 5 (muy cierto), o PASO.");
    // What matched nothing reaches the peer, so nothing a parent says is lost.
    expect(peer(t)).toEqual(["(parent's reply forwarded) banana", "(parent's reply forwarded) banana"]);
  });

  it("no reply within the timeout ends the check as timed out, keeping the answers given", () => {
    const t = simulateFlow(rc(), { language: lang, replies: ["4", "4", TIMEOUT, "5"] });
    expect(t.status).toBe("timed_out");
    expect(t.values).toEqual({ q1: 4, q2: 4 });
    expect(t.unused).toEqual(["5"]);
    expect(t.lines.some((l) => l.who === "engine" && l.text === "timeout in 4h")).toBe(true);
  });

  it("every question and re-ask fits one SMS segment", () => {
    const t = simulateFlow(rc(), { language: lang, replies: Array.from({ length: 10 }, () => ["x", "2"]).flat() });
    expect(t.status).toBe("completed");
    const warned = t.warnings.filter((w) => /step "q\d+"/.test(w));
    expect(warned).toEqual([]);
    for (const l of t.lines) if (l.who === "program" && /^\d+\/10 /.test(l.text)) expect(l.segments.segments).toBe(1);
  });
});

describe.each(LANGS)("check-in transcripts (%s)", (lang) => {
  it.each(["daily", "nightly"] as const)("%s: a good score gets the thanks, a low one notes the peer", (kind) => {
    const file = catalog.checkins[kind];
    const flow = flows[file.id]!;
    const good = simulateFlow(flow, { language: lang, replies: ["5"] });
    expect(program(good)).toEqual([render(file.texts.prompt, lang), render(file.texts.thanks, lang)]);
    expect(program(good)[0]).toContain("Ana");
    expect(peer(good)).toEqual([]);
    expect(good.values.score).toBe(5);

    const low = simulateFlow(flow, { language: lang, replies: [lang === "en" ? "1" : "mal"] });
    expect(program(low)[1]).toBe(render(file.texts.thanksLow, lang));
    expect(program(low)[1]).toContain("988");
    expect(peer(low)).toEqual([`Check-in score ${low.values.score}/5`]);
  });

  it.each(["daily", "nightly"] as const)("%s: words are a note for the peer; silence is a miss with no text", (kind) => {
    const flow = flows[catalog.checkins[kind].id]!;
    const note = simulateFlow(flow, { language: lang, replies: ["can you call me after court"] });
    expect(program(note)[1]).toBe(render(catalog.program.messageForwarded, lang));
    expect(peer(note)).toEqual(["(parent's reply forwarded) can you call me after court"]);
    const missed = simulateFlow(flow, { language: lang, replies: [TIMEOUT] });
    expect(missed.status).toBe("timed_out");
    expect(program(missed)).toHaveLength(1);
  });
});

describe("simulator output", () => {
  it("reports encoding and segments per message, and warns on multi-segment texts", () => {
    const t = simulateFlow(flows["daily-checkin"]!, { language: "es", replies: ["5"] });
    const prompt = t.lines.find((l) => l.who === "program")!;
    expect(prompt.who === "program" && prompt.segments).toEqual(countSegments(prompt.text));
    const out = formatTranscript(t);
    expect(out).toContain(`[${countSegments(prompt.text).encoding}, ${countSegments(prompt.text).units} units`);
    expect(out).toContain("ANA      5");
    if (countSegments(prompt.text).segments > 1) expect(out).toMatch(/warning: step "prompt" \(es\): \d segments \(UCS-2/);
  });

  it("runs as a CLI (npm run flow:sim)", async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "src/cli/flow-sim.ts", "recovery-capital", "--lang", "es", "--replies", "4,5,(timeout)"],
      { cwd: ROOT, timeout: 30_000 },
    );
    expect(stdout).toContain("flow recovery-capital (es)");
    expect(stdout).toContain("1/10 Hay cosas más importantes en mi vida que consumir.");
    expect(stdout).toContain("[UCS-2, 55 units, 1 segment]");
    expect(stdout).toContain("ANA      5");
    expect(stdout).toContain("status: timed_out");
    expect(stdout).toContain("values: q1=4 q2=5");
  }, 40_000);
});
