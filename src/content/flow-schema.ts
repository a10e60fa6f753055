import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { FlowValidationError, parseFlow, type Flow } from "../domain/flows/schema";

/**
 * Engine flows are the files in flows/ whose top-level `"kind"` is `"flow"`. Every other
 * file there (program messages, check-in files, appointment and incentive config) belongs
 * to another loader and is ignored here, so config files can live beside flows.
 */
export function isEngineFlowFile(json: unknown): boolean {
  return typeof json === "object" && json !== null && (json as { kind?: unknown }).kind === "flow";
}

export type EngineFlows = Record<string, Flow>;

export async function loadEngineFlows(dir: string): Promise<EngineFlows> {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".json")).sort();
  const flows: EngineFlows = {};
  for (const file of files) {
    let json: unknown;
    try {
      json = JSON.parse(await readFile(join(dir, file), "utf8"));
    } catch (err) {
      throw new FlowValidationError(`${file}: not valid JSON (${(err as Error).message})`);
    }
    if (isEngineFlowFile(json)) addEngineFlow(flows, json, file);
  }
  return flows;
}

/** Validates one engine flow file's JSON and adds it; a second flow with the same id is an error. */
export function addEngineFlow(flows: EngineFlows, json: unknown, file: string): void {
  const flow = parseFlow(json, file);
  if (flows[flow.id]) throw new FlowValidationError(`${file}: a second flow with id "${flow.id}"`);
  flows[flow.id] = flow;
}

export { FlowValidationError, parseFlow, type Flow };
