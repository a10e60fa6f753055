import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { renderTemplate } from "../domain/text/template";
import { FlowError } from "./flow-error";

/** Shared by the cadence loaders (appointments, incentives): read, parse, validate, name the field. */
export const localisedText = z.strictObject({ en: z.string().min(1), es: z.string().min(1) });

export async function readConfigFile<S extends z.ZodType>(dir: string, file: string, schema: S): Promise<z.infer<S>> {
  let raw: string;
  try {
    raw = await readFile(join(dir, file), "utf8");
  } catch (err) {
    throw new FlowError(`${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? "error"})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    throw new FlowError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new FlowError(`${file}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  return parsed.data;
}

/** Renders every text with exactly the allowed variables: an unknown or misspelt one fails here. */
export function checkTexts(file: string, texts: Record<string, { en: string; es: string }>, allowed: readonly string[]): void {
  const sample = Object.fromEntries(allowed.map((v) => [v, "x"]));
  for (const [key, text] of Object.entries(texts)) {
    for (const lang of ["en", "es"] as const) {
      try {
        renderTemplate(text[lang], sample);
      } catch (err) {
        throw new FlowError(`${file}: texts.${key}.${lang}: ${(err as Error).message}`);
      }
    }
  }
}


/** Files read by the cadence loaders, which loadFlows (src/content/catalog.ts) passes over. */
export function isCadenceFile(json: unknown): boolean {
  const kind = typeof json === "object" && json !== null ? (json as { kind?: unknown }).kind : undefined;
  return kind === "appointments" || kind === "incentives";
}

/** Renders a cadence text in the parent's language (variables were checked at load). */
export function renderCadence(text: { en: string; es: string }, lang: "en" | "es", vars: Record<string, string | number | undefined>): string {
  return renderTemplate(text[lang], vars);
}
