import { z } from "zod";
import { fold } from "../text/fold";
import { templateVariables, TemplateError } from "../text/template";

/**
 * The declarative flow format (files in flows/ with `"kind": "flow"`). Parsing is in two
 * passes: zod checks the shape, then `checkFlow` checks what zod cannot see — step
 * targets that do not exist, variables nobody records, synonyms that map to two answers —
 * so a typo stops start-up with the file and step named instead of reaching a parent.
 */
export const LANGUAGES = ["en", "es"] as const;
const localised = z.object({ en: z.string().min(1), es: z.string().min(1) }).strict();
export type Localised = z.infer<typeof localised>;

const stepId = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, "step ids are lower-case letters, digits, - and _");
const varName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "variable names are letters, digits and _");
/** "30m", "4h", "2d" ("45s" for tests): no time-zone meaning (wall-clock times live elsewhere). */
export const durationSchema = z.string().regex(/^[1-9][0-9]*(s|m|h|d)$/, 'durations look like "30m", "4h" or "2d"');
const value = z.union([z.string().min(1), z.number().finite()]);
export type FlowValue = z.infer<typeof value>;

const answer = z.union([
  z
    .object({
      value,
      synonyms: z.object({ en: z.array(z.string().min(1)).default([]), es: z.array(z.string().min(1)).default([]) }).strict(),
      next: stepId.optional(),
    })
    .strict(),
  /** Whole numbers from min to max; the number itself is recorded. */
  z.object({ range: z.object({ min: z.number().int(), max: z.number().int() }).strict(), next: stepId.optional() }).strict(),
  /** A parser the program already uses elsewhere (the check-in score parser), so a flow answers like production. */
  z.object({ builtin: z.literal("checkin-score"), next: stepId.optional() }).strict(),
]);
export type AnswerSpec = z.infer<typeof answer>;

const next = { next: stepId.optional() };
const sendStep = z.object({ id: stepId, type: z.literal("send"), text: localised, ...next }).strict();
const askStep = z
  .object({
    id: stepId,
    type: z.literal("ask"),
    text: localised,
    answers: z.array(answer).min(1),
    /** Where the answer is stored; its name becomes a template variable. */
    record: varName.optional(),
    timeout: durationSchema,
    /** Absent: the run ends as timed_out. */
    onTimeout: stepId.optional(),
    /** Sent once on the first reply that matches nothing (default: the question again). */
    retryText: localised.optional(),
    /** false: no second chance, the fallback applies at once. */
    reask: z.boolean().default(true),
    /** After the re-ask also failed: record this value and go on, or go to a step. */
    fallback: z.union([z.object({ value }).strict(), z.object({ next: stepId }).strict()]),
    ...next,
  })
  .strict();
const comparison = z
  .object({
    var: varName,
    op: z.enum(["eq", "neq", "lt", "lte", "gt", "gte", "set", "unset"]),
    value: value.optional(),
    valueFrom: varName.optional(),
  })
  .strict();
export type Comparison = z.infer<typeof comparison>;
const branchStep = z
  .object({
    id: stepId,
    type: z.literal("branch"),
    cases: z.array(z.object({ when: comparison, next: stepId }).strict()).min(1),
    else: stepId,
  })
  .strict();
const recordValue = z.union([
  z.object({ literal: value }).strict(),
  z.object({ from: varName }).strict(),
  /** Sum of numeric variables; unset or non-numeric parts leave the result unset. */
  z.object({ sum: z.array(varName).min(1) }).strict(),
]);
const recordStep = z.object({ id: stepId, type: z.literal("record"), name: varName, value: recordValue, ...next }).strict();
/** Peer notes are in the program's working language, like every other note (peers are staff). */
const notifyStep = z.object({ id: stepId, type: z.literal("notify_peer"), summary: z.string().min(1), ...next }).strict();
const waitStep = z.object({ id: stepId, type: z.literal("wait"), duration: durationSchema, ...next }).strict();
const endStep = z
  .object({ id: stepId, type: z.literal("end"), status: z.enum(["completed", "timed_out"]).default("completed") })
  .strict();

export const stepSchema = z.discriminatedUnion("type", [sendStep, askStep, branchStep, recordStep, notifyStep, waitStep, endStep]);
export type FlowStep = z.infer<typeof stepSchema>;
export type AskStep = z.infer<typeof askStep>;

export const flowSchema = z
  .object({
    kind: z.literal("flow"),
    id: z.string().regex(/^[a-z0-9-]+$/),
    description: z.string().optional(),
    /** Scheduled flows (recovery capital) say how often; others are started by code or the API. */
    schedule: z
      .object({
        cadence: z.enum(["weekly", "monthly"]),
        /** 1 = Monday … 7 = Sunday (luxon/ISO). Monthly: the first such weekday of the month. */
        weekday: z.number().int().min(1).max(7),
        time: z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/),
      })
      .strict()
      .optional(),
    steps: z.array(stepSchema).min(1),
    /** Texts the flow's service sends outside the steps (the recovery-capital encouragement). */
    messages: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/), localised).default({}),
  })
  .strict();
export type Flow = z.infer<typeof flowSchema>;

/** Variables every flow text may use, filled by the engine from the participant and config. */
export const STANDARD_VARIABLES = ["firstName", "peerName", "programName", "contact"] as const;
/** Only in peer notes: the parent's last reply (peers already see parent messages). */
export const NOTE_ONLY_VARIABLES = ["lastReply"] as const;
/** In `messages` texts: the result a service computed (score, change since last time). */
export const MESSAGE_VARIABLES = ["total", "change", "previous"] as const;

export class FlowValidationError extends Error {
  override readonly name = "FlowValidationError";
}

/** zod shape check, then the semantic checks; throws one error naming the file and step. */
export function parseFlow(json: unknown, file: string): Flow {
  const parsed = flowSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${describePath(json, i.path)}: ${i.message}`).join("; ");
    throw new FlowValidationError(`${file}: ${issues}`);
  }
  const problems = checkFlow(parsed.data);
  if (problems.length) throw new FlowValidationError(`${file}: ${problems.join("; ")}`);
  return parsed.data;
}

/** "steps[3] (q2).text.es" is easier to find in a file than "steps.3.text.es". */
function describePath(json: unknown, path: PropertyKey[]): string {
  if (path[0] === "steps" && typeof path[1] === "number") {
    const steps = (json as { steps?: { id?: unknown }[] }).steps;
    const id = steps?.[path[1]]?.id;
    const rest = path.slice(2).map(String).join(".");
    return `step ${typeof id === "string" ? `"${id}"` : `#${path[1] + 1}`}${rest ? `.${rest}` : ""}`;
  }
  return path.map(String).join(".") || "(file)";
}

export function recordedNames(flow: Flow): Set<string> {
  const names = new Set<string>();
  for (const s of flow.steps) {
    if (s.type === "ask" && s.record) names.add(s.record);
    if (s.type === "record") names.add(s.name);
  }
  return names;
}

/** Every problem found, each naming its step; empty means the flow is sound. */
export function checkFlow(flow: Flow): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const s of flow.steps) {
    if (ids.has(s.id)) problems.push(`step "${s.id}": duplicate step id`);
    ids.add(s.id);
  }
  const recorded = recordedNames(flow);
  const textVars = new Set<string>([...STANDARD_VARIABLES, ...recorded]);
  const noteVars = new Set<string>([...textVars, ...NOTE_ONLY_VARIABLES]);
  const target = (s: FlowStep, where: string, id: string | undefined) => {
    if (id !== undefined && !ids.has(id)) problems.push(`step "${s.id}": ${where} "${id}" is not a step in this flow`);
  };
  /** `where` names the text in the problem: `step "q3": text.es` or `messages.encouragement.en`. */
  const vars = (where: string, template: string, allowed: Set<string>) => {
    try {
      for (const v of templateVariables(template)) {
        if (!allowed.has(v)) problems.push(`${where} uses unknown variable {${v}}`);
      }
    } catch (err) {
      if (!(err instanceof TemplateError)) throw err;
      problems.push(`${where}: ${err.message}`);
    }
  };
  const texts = (s: FlowStep, where: string, t: Localised) => {
    for (const lang of LANGUAGES) vars(`step "${s.id}": ${where}.${lang}`, t[lang], textVars);
  };
  const comparedVar = (s: FlowStep, name: string) => {
    if (!recorded.has(name)) problems.push(`step "${s.id}": compares {${name}}, which no step records`);
  };

  flow.steps.forEach((s, i) => {
    const isLast = i === flow.steps.length - 1;
    if (s.type !== "end" && s.type !== "branch") {
      target(s, "next", s.next);
      if (s.next === undefined && isLast) problems.push(`step "${s.id}": the last step must be "end" or name its next step`);
    }
    switch (s.type) {
      case "send":
        texts(s, "text", s.text);
        break;
      case "ask": {
        texts(s, "text", s.text);
        if (s.retryText) texts(s, "retryText", s.retryText);
        target(s, "onTimeout", s.onTimeout);
        if ("next" in s.fallback) target(s, "fallback.next", s.fallback.next);
        const seen = new Map<string, string>();
        for (const a of s.answers) {
          target(s, "answer next", a.next);
          if ("range" in a && a.range.min > a.range.max) problems.push(`step "${s.id}": range min is above max`);
          if (!("synonyms" in a)) continue;
          for (const lang of LANGUAGES) {
            for (const word of a.synonyms[lang]) {
              const key = normaliseAnswer(word);
              const prior = seen.get(key);
              if (prior !== undefined && prior !== String(a.value)) {
                problems.push(`step "${s.id}": synonym "${word}" means both ${prior} and ${a.value}`);
              }
              seen.set(key, String(a.value));
            }
          }
        }
        break;
      }
      case "branch":
        for (const c of s.cases) {
          target(s, "case next", c.next);
          comparedVar(s, c.when.var);
          if (c.when.valueFrom) comparedVar(s, c.when.valueFrom);
          const needsValue = c.when.op !== "set" && c.when.op !== "unset";
          if (needsValue && (c.when.value === undefined) === (c.when.valueFrom === undefined)) {
            problems.push(`step "${s.id}": comparison "${c.when.op}" needs exactly one of value or valueFrom`);
          }
        }
        target(s, "else", s.else);
        break;
      case "record":
        if ("from" in s.value) comparedVar(s, s.value.from);
        if ("sum" in s.value) for (const v of s.value.sum) comparedVar(s, v);
        break;
      case "notify_peer":
        vars(`step "${s.id}": summary`, s.summary, noteVars);
        break;
      case "wait":
      case "end":
        break;
    }
  });
  const messageVars = new Set<string>([...STANDARD_VARIABLES, ...MESSAGE_VARIABLES]);
  for (const [key, text] of Object.entries(flow.messages)) {
    for (const lang of LANGUAGES) vars(`messages.${key}.${lang}`, text[lang], messageVars);
  }
  if (problems.length === 0) problems.push(...findBusyLoops(flow));
  return problems;
}

/**
 * A cycle of steps with no ask or wait in it would spin forever within one event; the
 * interpreter also stops after a step budget, but a flow file should never get that far.
 */
function findBusyLoops(flow: Flow): string[] {
  const byId = new Map(flow.steps.map((s, i) => [s.id, { s, i }]));
  const successors = (s: FlowStep, i: number): string[] => {
    const following = flow.steps[i + 1]?.id;
    switch (s.type) {
      case "ask":
      case "wait":
      case "end":
        return [];
      case "branch":
        return [...s.cases.map((c) => c.next), s.else];
      default:
        return [s.next ?? following].filter((x): x is string => x !== undefined);
    }
  };
  const state = new Map<string, "visiting" | "done">();
  const problems: string[] = [];
  const visit = (id: string) => {
    if (state.get(id) === "done") return;
    if (state.get(id) === "visiting") {
      problems.push(`step "${id}": loops back to itself without an ask or a wait`);
      return;
    }
    state.set(id, "visiting");
    const node = byId.get(id);
    if (node) for (const n of successors(node.s, node.i)) visit(n);
    state.set(id, "done");
  };
  for (const s of flow.steps) visit(s.id);
  return problems.slice(0, 1);
}

/** Durations in milliseconds ("4h" → 14 400 000). */
export function durationMs(d: string): number {
  const m = /^([1-9][0-9]*)(s|m|h|d)$/.exec(d);
  if (!m) throw new RangeError(`bad duration "${d}"`);
  const unit = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as "s" | "m" | "h" | "d"];
  return Number(m[1]) * unit;
}

/** How replies and synonyms are compared: case, accents, edge punctuation and inner spacing ignored. */
export function normaliseAnswer(text: string): string {
  return fold(text)
    .replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, "")
    .replace(/\s+/g, " ");
}
