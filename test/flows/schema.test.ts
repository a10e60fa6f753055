import { mkdtemp, readdir, rm, writeFile, copyFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { checkFlow, flowSchema, parseFlow } from "../../src/domain/flows/schema";
import { loadFlows } from "../../src/content/catalog";
import { loadEngineFlows } from "../../src/content/flow-schema";

const FLOWS = fileURLToPath(new URL("../../flows", import.meta.url));
const t = (en: string, es = en) => ({ en, es });
const base = (steps: unknown[], extra: Record<string, unknown> = {}) => ({ kind: "flow", id: "x", steps, ...extra });
const ask = (over: Record<string, unknown> = {}) => ({
  id: "q",
  type: "ask",
  text: t("1-5?"),
  answers: [{ range: { min: 1, max: 5 } }],
  record: "score",
  timeout: "1h",
  fallback: { value: 3 },
  ...over,
});
const end = { id: "end", type: "end" };

describe("flow validation", () => {
  it("names the file and the step for an unknown target", () => {
    expect(() => parseFlow(base([ask({ onTimeout: "nowhere" }), end]), "bad.json")).toThrow(
      'bad.json: step "q": onTimeout "nowhere" is not a step in this flow',
    );
    expect(() => parseFlow(base([{ id: "b", type: "branch", cases: [{ when: { var: "score", op: "set" }, next: "end" }], else: "gone" }, ask(), end]), "b.json")).toThrow(
      'step "b": else "gone" is not a step in this flow',
    );
  });

  it("names the step and language of a missing text", () => {
    expect(() => parseFlow(base([{ id: "hi", type: "send", text: { en: "Hi" } }, end]), "lang.json")).toThrow(/lang\.json: step "hi"\.text\.es/);
  });

  it("rejects unknown variables, with the step and field", () => {
    expect(() => parseFlow(base([{ id: "hi", type: "send", text: t("Hi {firstNme}") }, end]), "v.json")).toThrow(
      'v.json: step "hi": text.en uses unknown variable {firstNme}',
    );
    // Recorded values are variables; {lastReply} only in peer notes.
    expect(() => parseFlow(base([ask(), { id: "s", type: "send", text: t("You said {score}") }, end]), "ok.json")).not.toThrow();
    expect(() => parseFlow(base([ask(), { id: "s", type: "send", text: t("{lastReply}") }, end]), "r.json")).toThrow(/unknown variable \{lastReply\}/);
    expect(() => parseFlow(base([ask(), { id: "n", type: "notify_peer", summary: "{score}: {lastReply}" }, end]), "n.json")).not.toThrow();
    expect(() => parseFlow(base([end], { messages: { cheer: t("Up by {change}, {oops}") } }), "m.json")).toThrow("messages.cheer.en uses unknown variable {oops}");
  });

  it("rejects a malformed placeholder, a synonym meaning two answers, and comparisons of unrecorded values", () => {
    expect(() => parseFlow(base([{ id: "hi", type: "send", text: t("Hi {first name}") }, end]), "p.json")).toThrow(/step "hi": text.en: malformed placeholder/);
    const answers = [
      { value: "yes", synonyms: { en: ["ok"], es: [] } },
      { value: "no", synonyms: { en: ["OK!"], es: [] } },
    ];
    expect(() => parseFlow(base([ask({ answers }), end]), "s.json")).toThrow('synonym "OK!" means both yes and no');
    expect(() =>
      parseFlow(base([{ id: "b", type: "branch", cases: [{ when: { var: "ghost", op: "gt", value: 1 }, next: "end" }], else: "end" }, end]), "g.json"),
    ).toThrow('step "b": compares {ghost}, which no step records');
  });

  it("rejects a busy loop, a dangling last step, duplicate ids and bad durations", () => {
    const loop = [
      { id: "a", type: "send", text: t("a"), next: "b" },
      { id: "b", type: "branch", cases: [{ when: { var: "score", op: "set" }, next: "end" }], else: "a" },
      ask(),
      end,
    ];
    expect(() => parseFlow(base(loop), "loop.json")).toThrow(/loops back to itself without an ask or a wait/);
    expect(() => parseFlow(base([{ id: "a", type: "send", text: t("a") }]), "last.json")).toThrow('step "a": the last step must be "end"');
    expect(() => parseFlow(base([end, end]), "dup.json")).toThrow('step "end": duplicate step id');
    expect(() => parseFlow(base([ask({ timeout: "4 hours" }), end]), "d.json")).toThrow(/step "q"\.timeout: durations look like/);
  });

  it("checkFlow finds nothing wrong in every shipped flow", async () => {
    const flows = await loadEngineFlows(FLOWS);
    expect(Object.keys(flows)).toContain("recovery-capital");
    for (const flow of Object.values(flows)) expect(checkFlow(flowSchema.parse(flow))).toEqual([]);
  });
});

describe("flow loading", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });
  async function copyOfFlows(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), "bl-flows-"));
    dirs.push(dir);
    for (const f of await readdir(FLOWS)) if (f.endsWith(".json")) await copyFile(join(FLOWS, f), join(dir, f));
    return dir;
  }

  it("loads engine flows into the catalog and ignores files that are not flows", async () => {
    const dir = await copyOfFlows();
    await writeFile(join(dir, "zz-other-config.json"), JSON.stringify({ kind: "appointments-ish", whatever: true }));
    const engine = await loadEngineFlows(dir);
    expect(Object.keys(engine)).toEqual(["recovery-capital"]);
    const catalog = await loadFlows(FLOWS);
    expect(catalog.engine["recovery-capital"]?.steps.length).toBeGreaterThan(10);
  });

  it("start-up fails on a broken flow file, naming it", async () => {
    const dir = await copyOfFlows();
    await writeFile(join(dir, "broken.json"), JSON.stringify(base([{ id: "hi", type: "send", text: t("Hi {nobody}") }, end], { id: "broken" })));
    await expect(loadFlows(dir)).rejects.toThrow('broken.json: step "hi": text.en uses unknown variable {nobody}');
  });
});
