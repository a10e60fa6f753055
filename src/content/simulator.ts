import { initialState, step, type FlowAction, type FlowContext, type FlowEvent, type RunState } from "../domain/flows/interpreter";
import type { Flow, FlowValue } from "../domain/flows/schema";
import type { Language } from "../domain/model";
import { countSegments, type SegmentCount } from "../domain/text/sms-segments";

/**
 * Plays a flow with the same pure interpreter the engine uses, against scripted replies,
 * and returns the transcript. `TIMEOUT` in the script stands for "no reply until the
 * ask's timeout fired"; waits pass on their own (nobody can answer a wait).
 */
export const TIMEOUT = "(timeout)";

export type TranscriptLine =
  | { who: "program"; stepId: string; text: string; segments: SegmentCount }
  | { who: "parent"; text: string }
  | { who: "peer"; stepId: string; text: string }
  | { who: "engine"; text: string };

export interface Transcript {
  flowId: string;
  language: Language;
  lines: TranscriptLine[];
  status: RunState["status"];
  values: Record<string, FlowValue>;
  /** Program texts needing more than one SMS segment. */
  warnings: string[];
  /** Replies left when the run ended (the engine would route them elsewhere). */
  unused: string[];
}

export interface SimulateOptions {
  language: Language;
  replies: string[];
  vars?: Partial<FlowContext["vars"]>;
}

export const SAMPLE_VARS = { firstName: "Ana", peerName: "Rosa", programName: "Buddyline", contact: "(555) 010-0000" };

export function simulateFlow(flow: Flow, opts: SimulateOptions): Transcript {
  const ctx: FlowContext = { language: opts.language, vars: { ...SAMPLE_VARS, ...opts.vars } as FlowContext["vars"] };
  const t: Transcript = { flowId: flow.id, language: opts.language, lines: [], status: "active", values: {}, warnings: [], unused: [] };
  let state = initialState();
  let lastReply = "";

  const apply = (event: FlowEvent) => {
    const r = step(flow, state, event, ctx);
    state = r.state;
    for (const a of r.actions) describe(a);
    return r.handled;
  };
  const describe = (a: FlowAction) => {
    switch (a.type) {
      case "send": {
        const segments = countSegments(a.body);
        t.lines.push({ who: "program", stepId: a.stepId, text: a.body, segments });
        if (segments.segments > 1) t.warnings.push(`step "${a.stepId}" (${opts.language}): ${segments.segments} segments (${segments.encoding}, ${segments.units} units)`);
        break;
      }
      case "notify_peer":
        t.lines.push({ who: "peer", stepId: a.stepId, text: a.summary });
        break;
      case "forward_reply":
        t.lines.push({ who: "peer", stepId: a.stepId, text: `(parent's reply forwarded) ${lastReply}` });
        break;
      case "record":
        t.lines.push({ who: "engine", text: `recorded ${a.name} = ${a.value === null ? "(unset)" : a.value}` });
        break;
      case "schedule":
        t.lines.push({ who: "engine", text: `${a.reason === "wake" ? "wait" : "timeout"} in ${formatDelay(a.delayMs)}` });
        break;
      case "end":
        t.lines.push({ who: "engine", text: `run ${a.status}` });
        break;
    }
  };
  // Waits resolve on their own; an ask blocks until the next scripted line.
  const settle = () => {
    while (state.status === "active" && state.waiting?.kind === "wait") apply({ type: "timeout", token: state.waiting.token });
  };

  apply({ type: "start" });
  settle();
  for (const [i, reply] of opts.replies.entries()) {
    if (state.status !== "active") {
      t.unused = opts.replies.slice(i);
      break;
    }
    if (reply === TIMEOUT) {
      t.lines.push({ who: "engine", text: "(no reply: timeout fires)" });
      apply({ type: "timeout", token: state.waiting!.token });
    } else {
      lastReply = reply;
      t.lines.push({ who: "parent", text: reply });
      apply({ type: "reply", text: reply });
    }
    settle();
  }
  t.status = state.status;
  t.values = state.values;
  return t;
}

function formatDelay(ms: number): string {
  if (ms % 86_400_000 === 0) return `${ms / 86_400_000}d`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  return `${Math.round(ms / 60_000)}m`;
}

/** The transcript as the CLI prints it: who says what, with each program text's segments. */
export function formatTranscript(t: Transcript, parentName = SAMPLE_VARS.firstName): string {
  const out = [`flow ${t.flowId} (${t.language})`];
  for (const l of t.lines) {
    if (l.who === "program") {
      const s = l.segments;
      const flag = s.segments > 1 ? "  ⚠ more than one segment" : "";
      out.push(`PROGRAM  ${l.text}`, `         [${s.encoding}, ${s.units} units, ${s.segments} segment${s.segments === 1 ? "" : "s"}]${flag}`);
    } else if (l.who === "parent") out.push(`${parentName.toUpperCase().padEnd(8)} ${l.text}`);
    else if (l.who === "peer") out.push(`→ PEER   ${l.text}`);
    else out.push(`         · ${l.text}`);
  }
  out.push(`status: ${t.status}`);
  const values = Object.entries(t.values);
  if (values.length) out.push(`values: ${values.map(([k, v]) => `${k}=${v}`).join(" ")}`);
  if (t.unused.length) out.push(`unused replies (would go to the peer or a check-in): ${t.unused.join(" | ")}`);
  for (const w of t.warnings) out.push(`warning: ${w}`);
  return out.join("\n");
}
