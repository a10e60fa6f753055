import { describe, expect, it } from "vitest";
import { initialState, matchAnswer, parseWholeNumber, step, type FlowContext, type FlowEvent, type RunState } from "../../src/domain/flows/interpreter";
import { parseFlow, type Flow } from "../../src/domain/flows/schema";

const ctx = (language: "en" | "es" = "en"): FlowContext => ({
  language,
  vars: { firstName: "Ana", peerName: "Rosa", programName: "Buddyline", contact: "x" },
});
const t = (en: string, es = `${en} (es)`) => ({ en, es });

/** A flow touching every step kind: send, ask (synonyms + range), branch, record, notify, wait, end. */
const demo: Flow = parseFlow(
  {
    kind: "flow",
    id: "demo",
    steps: [
      { id: "hello", type: "send", text: t("Hi {firstName}") },
      {
        id: "mood",
        type: "ask",
        text: t("Mood 1-5?", "¿Ánimo 1-5?"),
        answers: [{ range: { min: 1, max: 5 } }, { value: 3, synonyms: { en: ["meh", "so so"], es: ["más o menos"] } }],
        record: "mood",
        timeout: "2h",
        onTimeout: "nudge",
        retryText: t("Just a number 1-5, {firstName}."),
        fallback: { value: 3 },
      },
      { id: "doubled", type: "record", name: "total", value: { sum: ["mood", "mood"] } },
      { id: "route", type: "branch", cases: [{ when: { var: "mood", op: "lte", value: 2 }, next: "low" }], else: "pause" },
      { id: "low", type: "notify_peer", summary: "Mood {mood}/5 (total {total}); they said: {lastReply}" },
      { id: "sorry", type: "send", text: t("Sorry, {firstName}. {peerName} will call."), next: "done" },
      { id: "pause", type: "wait", duration: "1d" },
      { id: "later", type: "send", text: t("Still {mood}? Tomorrow is new."), next: "done" },
      { id: "nudge", type: "send", text: t("No worries."), next: "gave-up" },
      { id: "gave-up", type: "end", status: "timed_out" },
      { id: "done", type: "end" },
    ],
  },
  "demo.json",
);

function play(events: FlowEvent[], flow = demo, lang: "en" | "es" = "en") {
  let state: RunState = initialState();
  const all = [];
  for (const e of events) {
    const r = step(flow, state, e, ctx(lang));
    state = r.state;
    all.push(r);
  }
  return { state, results: all, sends: all.flatMap((r) => r.actions.filter((a) => a.type === "send").map((a) => (a as { body: string }).body)) };
}

describe("flow interpreter", () => {
  it("start sends until the first ask and schedules its timeout with the wait's token", () => {
    const { state, results } = play([{ type: "start" }]);
    expect(results[0]!.actions).toEqual([
      { type: "send", stepId: "hello", body: "Hi Ana" },
      { type: "send", stepId: "mood", body: "Mood 1-5?" },
      { type: "schedule", stepId: "mood", reason: "timeout", token: 1, delayMs: 2 * 3600_000 },
    ]);
    expect(state).toMatchObject({ status: "active", stepId: "mood", waiting: { kind: "ask", stepId: "mood", token: 1, attempts: 0 }, version: 1 });
  });

  it("texts come out in the participant's language", () => {
    expect(play([{ type: "start" }], demo, "es").sends).toEqual(["Hi Ana (es)", "¿Ánimo 1-5?"]);
  });

  it("a low answer records, sums, branches to the peer note and ends completed", () => {
    const { state, results } = play([{ type: "start" }, { type: "reply", text: "2" }]);
    const actions = results[1]!.actions;
    expect(actions).toContainEqual({ type: "record", stepId: "mood", name: "mood", value: 2 });
    expect(actions).toContainEqual({ type: "record", stepId: "doubled", name: "total", value: 4 });
    expect(actions).toContainEqual({ type: "notify_peer", stepId: "low", summary: "Mood 2/5 (total 4); they said: 2" });
    expect(actions.at(-1)).toEqual({ type: "end", status: "completed" });
    expect(state).toMatchObject({ status: "completed", stepId: "done", waiting: null, values: { mood: 2, total: 4 } });
  });

  it("a synonym in either language answers, and a wait blocks until its wake", () => {
    const { state, results } = play([{ type: "start" }, { type: "reply", text: "Más o menos!" }]);
    expect(results[1]!.actions).toContainEqual({ type: "schedule", stepId: "pause", reason: "wake", token: 2, delayMs: 86_400_000 });
    expect(state).toMatchObject({ status: "active", waiting: { kind: "wait", stepId: "pause", token: 2 }, values: { mood: 3 } });
    // Replies during a wait are not the flow's: they go to the usual handling.
    expect(step(demo, state, { type: "reply", text: "4" }, ctx()).handled).toBe(false);
    const woke = step(demo, state, { type: "timeout", token: 2 }, ctx());
    expect(woke.actions.filter((a) => a.type === "send")).toEqual([{ type: "send", stepId: "later", body: "Still 3? Tomorrow is new." }]);
    expect(woke.state.status).toBe("completed");
  });

  it("no match re-asks once with the retry text (same deadline), then applies the fallback", () => {
    const { state, results } = play([{ type: "start" }, { type: "reply", text: "what do you mean" }]);
    expect(results[1]!.actions).toEqual([
      { type: "forward_reply", stepId: "mood" },
      { type: "send", stepId: "mood", body: "Just a number 1-5, Ana." },
    ]);
    expect(state.waiting).toMatchObject({ token: 1, attempts: 1 });
    const second = step(demo, state, { type: "reply", text: "no idea" }, ctx());
    expect(second.actions[0]).toEqual({ type: "forward_reply", stepId: "mood" });
    expect(second.actions).toContainEqual({ type: "record", stepId: "mood", name: "mood", value: 3 });
    expect(second.state.values.mood).toBe(3);
  });

  it("a fallback can jump instead of recording, and reask false skips the second chance", () => {
    const flow = parseFlow(
      {
        kind: "flow",
        id: "strict",
        steps: [
          { id: "q", type: "ask", text: t("Yes or no?"), answers: [{ value: "yes", synonyms: { en: ["y"], es: ["sí"] } }], record: "a", timeout: "30m", reask: false, fallback: { next: "other" } },
          { id: "ok", type: "send", text: t("Great."), next: "end" },
          { id: "other", type: "send", text: t("Someone will text you."), next: "end" },
          { id: "end", type: "end" },
        ],
      },
      "strict.json",
    );
    expect(play([{ type: "start" }, { type: "reply", text: "maybe" }], flow).sends).toEqual(["Yes or no?", "Someone will text you."]);
    expect(play([{ type: "start" }, { type: "reply", text: "SI" }], flow).sends).toEqual(["Yes or no?", "Great."]);
  });

  it("a timeout goes to onTimeout; without onTimeout the run ends timed_out", () => {
    const { state, sends } = play([{ type: "start" }, { type: "timeout", token: 1 }]);
    expect(sends.at(-1)).toBe("No worries.");
    expect(state.status).toBe("timed_out");
    const bare = parseFlow(
      { kind: "flow", id: "bare", steps: [{ id: "q", type: "ask", text: t("1-5?"), answers: [{ range: { min: 1, max: 5 } }], timeout: "1h", fallback: { value: 0 } }, { id: "e", type: "end" }] },
      "bare.json",
    );
    const r = play([{ type: "start" }, { type: "timeout", token: 1 }], bare);
    expect(r.state.status).toBe("timed_out");
    expect(r.results[1]!.actions).toEqual([{ type: "end", status: "timed_out" }]);
  });

  it("a stale timeout (answered since, or an older token) changes nothing", () => {
    const answered = play([{ type: "start" }, { type: "reply", text: "4" }]).state; // now waiting with token 2
    const stale = step(demo, answered, { type: "timeout", token: 1 }, ctx());
    expect(stale).toEqual({ state: answered, actions: [], handled: false });
    const done = play([{ type: "start" }, { type: "reply", text: "1" }]).state;
    expect(step(demo, done, { type: "timeout", token: 1 }, ctx()).handled).toBe(false);
  });

  it("interrupt and cancel end an active run with no text", () => {
    const waiting = play([{ type: "start" }]).state;
    const r = step(demo, waiting, { type: "interrupt" }, ctx());
    expect(r.actions).toEqual([{ type: "end", status: "interrupted" }]);
    expect(r.state).toMatchObject({ status: "interrupted", waiting: null });
    expect(step(demo, r.state, { type: "reply", text: "4" }, ctx()).handled).toBe(false);
    expect(step(demo, waiting, { type: "cancel" }, ctx()).state.status).toBe("cancelled");
  });

  it("branch comparisons: numbers order, strings only compare equal", () => {
    const flow = parseFlow(
      {
        kind: "flow",
        id: "cmp",
        steps: [
          { id: "q", type: "ask", text: t("?"), answers: [{ range: { min: 0, max: 20 } }, { value: "lots", synonyms: { en: ["plenty"], es: [] } }], record: "n", timeout: "1h", fallback: { value: 0 } },
          { id: "b", type: "branch", cases: [
            { when: { var: "n", op: "gt", value: 9 }, next: "big" },
            { when: { var: "n", op: "eq", value: "lots" }, next: "word" },
          ], else: "small" },
          { id: "big", type: "send", text: t("big"), next: "e" },
          { id: "word", type: "send", text: t("word"), next: "e" },
          { id: "small", type: "send", text: t("small"), next: "e" },
          { id: "e", type: "end" },
        ],
      },
      "cmp.json",
    );
    expect(play([{ type: "start" }, { type: "reply", text: "10" }], flow).sends.at(-1)).toBe("big");
    expect(play([{ type: "start" }, { type: "reply", text: "9" }], flow).sends.at(-1)).toBe("small");
    expect(play([{ type: "start" }, { type: "reply", text: "plenty" }], flow).sends.at(-1)).toBe("word");
  });

  it("reads whole numbers strictly", () => {
    expect(parseWholeNumber("4")).toBe(4);
    expect(parseWholeNumber(" 4! ")).toBe(4);
    expect(parseWholeNumber("5 - very true")).toBe(5);
    expect(parseWholeNumber("cuatro")).toBe(4);
    expect(parseWholeNumber("3 or 4")).toBeNull();
    expect(parseWholeNumber("4/5")).toBeNull();
    expect(parseWholeNumber("about 4")).toBeNull();
    expect(parseWholeNumber("4️⃣")).toBe(4);
  });

  it("a range rejects numbers outside it; the check-in parser reads words", () => {
    expect(matchAnswer([{ range: { min: 1, max: 5 } }], "6")).toBeNull();
    expect(matchAnswer([{ range: { min: 1, max: 5 } }], "5")?.value).toBe(5);
    expect(matchAnswer([{ builtin: "checkin-score" }], "pretty good")?.value).toBeGreaterThanOrEqual(4);
    expect(matchAnswer([{ builtin: "checkin-score" }], "call me")).toBeNull();
  });
});
