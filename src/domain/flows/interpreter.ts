import type { Language } from "../model";
import { parseCheckinReply } from "../text/checkin-reply";
import { renderTemplate } from "../text/template";
import {
  durationMs,
  normaliseAnswer,
  recordedNames,
  type AnswerSpec,
  type AskStep,
  type Comparison,
  type Flow,
  type FlowStep,
  type FlowValue,
} from "./schema";

/**
 * The flow interpreter: (flow, run state, event) → (new state, actions). No I/O and no
 * clock, so the engine, the simulator and the tests all run exactly the same rules; the
 * engine turns actions into outbox rows and delayed jobs.
 */
export type RunStatus = "active" | "completed" | "interrupted" | "timed_out" | "cancelled";

export interface Waiting {
  kind: "ask" | "wait";
  stepId: string;
  /** The run version when the wait began; a timeout job carries it, so a stale one is a no-op. */
  token: number;
  /** No-match replies so far (asks only). */
  attempts: number;
}

export interface RunState {
  status: RunStatus;
  /** The step the run is on (blocked on, or ended at); null before start. */
  stepId: string | null;
  values: Record<string, FlowValue>;
  waiting: Waiting | null;
  /** Bumped by every event that changes the run; the engine's optimistic-lock counter. */
  version: number;
}

export type FlowEvent =
  | { type: "start" }
  | { type: "reply"; text: string }
  /** An ask's timeout or a wait's end; `token` is the one it was scheduled with. */
  | { type: "timeout"; token: number }
  /** A crisis text arrived: stop at once, send nothing more. */
  | { type: "interrupt" }
  /** Stopped by the program (pause, opt-out, replaced). */
  | { type: "cancel" };

export type FlowAction =
  | { type: "send"; stepId: string; body: string }
  | { type: "record"; stepId: string; name: string; value: FlowValue | null }
  | { type: "notify_peer"; stepId: string; summary: string }
  /** The reply matched no answer: it goes to the peer as a note, so nothing a parent says is lost. */
  | { type: "forward_reply"; stepId: string }
  | { type: "schedule"; stepId: string; reason: "timeout" | "wake"; token: number; delayMs: number }
  | { type: "end"; status: Exclude<RunStatus, "active"> };

export interface FlowContext {
  language: Language;
  /** firstName, peerName, programName, contact. */
  vars: Record<string, string | number>;
}

export interface StepResult {
  state: RunState;
  actions: FlowAction[];
  /** false: the event was not for this run (stale timeout, reply while not asking). */
  handled: boolean;
}

export const initialState = (): RunState => ({ status: "active", stepId: null, values: {}, waiting: null, version: 0 });

/** Steps one event may run through; validation rejects busy loops, this is the backstop. */
const STEP_BUDGET = 500;

export class FlowRuntimeError extends Error {
  override readonly name = "FlowRuntimeError";
}

export function step(flow: Flow, state: RunState, event: FlowEvent, ctx: FlowContext): StepResult {
  const unhandled: StepResult = { state, actions: [], handled: false };
  if (state.status !== "active") return unhandled;
  const run = new Runner(flow, { ...state, values: { ...state.values }, version: state.version + 1 }, ctx);

  switch (event.type) {
    case "start":
      if (state.stepId !== null) return unhandled;
      run.from(flow.steps[0]!.id);
      break;
    case "interrupt":
    case "cancel":
      run.finish(event.type === "interrupt" ? "interrupted" : "cancelled");
      break;
    case "timeout": {
      const w = state.waiting;
      if (!w || w.token !== event.token) return unhandled;
      run.state.waiting = null;
      const s = run.get(w.stepId);
      if (s.type === "wait") run.from(run.nextOf(s));
      else if (s.type === "ask" && s.onTimeout) run.from(s.onTimeout);
      else run.finish("timed_out");
      break;
    }
    case "reply": {
      const w = state.waiting;
      if (!w || w.kind !== "ask") return unhandled;
      const s = run.get(w.stepId) as AskStep;
      run.answer(s, w, event.text);
      break;
    }
  }
  return { state: run.state, actions: run.actions, handled: true };
}

class Runner {
  readonly actions: FlowAction[] = [];
  private readonly index: Map<string, number>;
  private lastReply = "";

  constructor(
    private readonly flow: Flow,
    readonly state: RunState,
    private readonly ctx: FlowContext,
  ) {
    this.index = new Map(flow.steps.map((s, i) => [s.id, i]));
  }

  get(id: string): FlowStep {
    const i = this.index.get(id);
    if (i === undefined) throw new FlowRuntimeError(`flow ${this.flow.id}: no step "${id}"`);
    return this.flow.steps[i]!;
  }

  nextOf(s: Exclude<FlowStep, { type: "branch" } | { type: "end" }>): string {
    if (s.next) return s.next;
    const following = this.flow.steps[this.index.get(s.id)! + 1];
    if (!following) throw new FlowRuntimeError(`flow ${this.flow.id}: step "${s.id}" has no next step`);
    return following.id;
  }

  finish(status: Exclude<RunStatus, "active">) {
    this.state.status = status;
    this.state.waiting = null;
    this.actions.push({ type: "end", status });
  }

  answer(s: AskStep, w: Waiting, text: string) {
    this.lastReply = text;
    const match = matchAnswer(s.answers, text);
    if (match) {
      this.state.waiting = null;
      this.record(s.id, s.record, match.value);
      this.from(match.spec.next ?? this.nextOf(s));
      return;
    }
    this.actions.push({ type: "forward_reply", stepId: s.id });
    if (s.reask && w.attempts === 0) {
      // Same wait, same token: a re-ask does not extend the deadline.
      this.state.waiting = { ...w, attempts: 1 };
      this.send(s.id, s.retryText ?? s.text);
      return;
    }
    this.state.waiting = null;
    if ("value" in s.fallback) {
      this.record(s.id, s.record, s.fallback.value);
      this.from(this.nextOf(s));
    } else {
      this.from(s.fallback.next);
    }
  }

  from(startId: string) {
    let id: string | null = startId;
    for (let budget = STEP_BUDGET; id !== null; budget--) {
      if (budget === 0) throw new FlowRuntimeError(`flow ${this.flow.id}: more than ${STEP_BUDGET} steps without waiting`);
      const s = this.get(id);
      this.state.stepId = s.id;
      id = this.exec(s);
    }
  }

  /** Runs one step; returns the next step id, or null when the run blocks or ends. */
  private exec(s: FlowStep): string | null {
    switch (s.type) {
      case "send":
        this.send(s.id, s.text);
        return this.nextOf(s);
      case "ask":
        this.send(s.id, s.text);
        this.block("ask", s.id, durationMs(s.timeout), "timeout");
        return null;
      case "wait":
        this.block("wait", s.id, durationMs(s.duration), "wake");
        return null;
      case "branch": {
        const hit = s.cases.find((c) => compare(c.when, this.state.values));
        return hit ? hit.next : s.else;
      }
      case "record": {
        const v = s.value;
        const value =
          "literal" in v ? v.literal : "from" in v ? this.state.values[v.from] : sumOf(v.sum.map((n) => this.state.values[n]));
        this.record(s.id, s.name, value);
        return this.nextOf(s);
      }
      case "notify_peer":
        this.actions.push({ type: "notify_peer", stepId: s.id, summary: renderTemplate(s.summary, { ...this.vars(), lastReply: this.lastReply }) });
        return this.nextOf(s);
      case "end":
        this.state.stepId = s.id;
        this.finish(s.status);
        return null;
    }
  }

  private block(kind: Waiting["kind"], stepId: string, delayMs: number, reason: "timeout" | "wake") {
    this.state.waiting = { kind, stepId, token: this.state.version, attempts: 0 };
    this.actions.push({ type: "schedule", stepId, reason, token: this.state.version, delayMs });
  }

  private record(stepId: string, name: string | undefined, value: FlowValue | undefined) {
    if (name === undefined) return;
    if (value === undefined) delete this.state.values[name];
    else this.state.values[name] = value;
    this.actions.push({ type: "record", stepId, name, value: value ?? null });
  }

  private send(stepId: string, text: { en: string; es: string }) {
    this.actions.push({ type: "send", stepId, body: renderTemplate(text[this.ctx.language], this.vars()) });
  }

  /** Recorded names default to "" so a text naming a value not yet recorded still renders. */
  private vars(): Record<string, string | number> {
    const blanks = Object.fromEntries([...recordedNames(this.flow)].map((n) => [n, ""]));
    return { ...blanks, ...this.state.values, ...this.ctx.vars };
  }
}

function sumOf(parts: (FlowValue | undefined)[]): number | undefined {
  let total = 0;
  for (const p of parts) {
    if (typeof p !== "number") return undefined;
    total += p;
  }
  return total;
}

export function compare(c: Comparison, values: Record<string, FlowValue>): boolean {
  const left = values[c.var];
  if (c.op === "set") return left !== undefined;
  if (c.op === "unset") return left === undefined;
  const right = c.valueFrom !== undefined ? values[c.valueFrom] : c.value;
  if (left === undefined || right === undefined) return false;
  if (c.op === "eq") return String(left) === String(right);
  if (c.op === "neq") return String(left) !== String(right);
  // Order only between numbers: "10" < "9" as strings would silently mislead a branch.
  if (typeof left !== "number" || typeof right !== "number") return false;
  switch (c.op) {
    case "lt":
      return left < right;
    case "lte":
      return left <= right;
    case "gt":
      return left > right;
    case "gte":
      return left >= right;
  }
}

const NUMBER_WORDS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  cero: 0, uno: 1, una: 1, un: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9, diez: 10,
};

/**
 * A whole number as the answer: "4", "4!", "4 - mostly true", "four", "cuatro". Two
 * numbers ("3 or 4", "4/5") are not an answer: a wrong value is worse than asking again.
 */
export function parseWholeNumber(text: string): number | null {
  const t = normaliseAnswer(text);
  const digits = t.match(/\d+/g);
  if (digits) {
    if (digits.length !== 1 || !/^\d+(?:$|[\s\p{P}])/u.test(t)) return null;
    return Number(digits[0]);
  }
  return NUMBER_WORDS[t] ?? null;
}

export function matchAnswer(answers: AnswerSpec[], text: string): { spec: AnswerSpec; value: FlowValue } | null {
  const reply = normaliseAnswer(text);
  if (reply === "") return null;
  for (const spec of answers) {
    if ("synonyms" in spec) {
      const words = [String(spec.value), ...spec.synonyms.en, ...spec.synonyms.es];
      if (words.some((w) => normaliseAnswer(w) === reply)) return { spec, value: spec.value };
    } else if ("range" in spec) {
      const n = parseWholeNumber(text);
      if (n !== null && n >= spec.range.min && n <= spec.range.max) return { spec, value: n };
    } else {
      const parsed = parseCheckinReply(text);
      if (parsed.kind === "score") return { spec, value: parsed.score };
    }
  }
  return null;
}
