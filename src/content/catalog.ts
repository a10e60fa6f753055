import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import type { CheckinKind, Language } from "../domain/model";
import { renderTemplate } from "../domain/text/template";
import { addEngineFlow, isEngineFlowFile, type EngineFlows } from "./flow-schema";
import { checkTexts, isCadenceFile } from "./config-file";
import { FlowError } from "./flow-error";

/**
 * Loads and validates every flow file at start-up, so a typo in a text or a variable
 * fails the boot with the file and field named, not a parent's 9 p.m. check-in.
 */
const localisedText = z.object({ en: z.string().min(1), es: z.string().min(1) });

const programMessagesSchema = z.object({
  kind: z.literal("program-messages"),
  texts: z.object({
    welcome: localisedText,
    optedIn: localisedText,
    optedOut: localisedText,
    optedBackIn: localisedText,
    help: localisedText,
    pendingReminder: localisedText,
    unknownSender: localisedText,
    messageForwarded: localisedText,
    crisisSafety: localisedText,
    crisisSafetyUnknown: localisedText,
    /** The safety reply when no responder is on shift: it must not promise a volunteer. */
    crisisSafetyNoVolunteer: localisedText,
    crisisSafetyNoVolunteerUnknown: localisedText,
    hotlinePage: localisedText,
    hotlineRepage: localisedText,
    hotlineClaimed: localisedText,
    hotlineTaken: localisedText,
    hotlineClosed: localisedText,
    hotlineTransferred: localisedText,
    hotlineHowTo: localisedText,
    offHoursReply: localisedText,
    offHoursReplyNoTime: localisedText,
    offHoursHotline: localisedText,
    pauseConfirmed: localisedText,
    pauseInvalid: localisedText,
    pauseEnded: localisedText,
  }),
});

const checkinFlowSchema = z.object({
  kind: z.literal("checkin"),
  id: z.string().regex(/^[a-z0-9-]+$/),
  trigger: z.enum(["daily", "nightly"]),
  replyWindowMinutes: z.number().int().min(5).max(12 * 60),
  lowScoreAtOrBelow: z.number().int().min(0).max(5),
  texts: z.object({ prompt: localisedText, thanks: localisedText, thanksLow: localisedText }),
});

const flowFileSchema = z.discriminatedUnion("kind", [programMessagesSchema, checkinFlowSchema]);

export type ProgramMessages = z.infer<typeof programMessagesSchema>["texts"];
export type ProgramMessageKey = keyof ProgramMessages;
export type CheckinFlow = z.infer<typeof checkinFlowSchema>;
export type LocalisedText = z.infer<typeof localisedText>;

export interface FlowCatalog {
  program: ProgramMessages;
  checkins: Record<CheckinKind, CheckinFlow>;
  /** Engine flows (`"kind": "flow"`, see src/content/flow-schema.ts and docs/flows.md), by id. */
  engine: EngineFlows;
}

/** Every variable a flow text may use; rendering with all of them proves none is unknown. */
export const TEMPLATE_VARIABLES = ["firstName", "peerName", "programName", "contact", "score", "caseId", "minutes", "language", "date", "when", "hotline"] as const;
export type TemplateVars = Partial<Record<(typeof TEMPLATE_VARIABLES)[number], string | number>>;

export { FlowError } from "./flow-error";

export async function loadFlows(dir: string): Promise<FlowCatalog> {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".json")).sort();
  let program: ProgramMessages | undefined;
  const checkins: Partial<Record<CheckinKind, CheckinFlow>> = {};
  const engine: EngineFlows = {};
  for (const file of files) {
    const raw = await readFile(join(dir, file), "utf8");
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (err) {
      throw new FlowError(`${file}: not valid JSON (${(err as Error).message})`);
    }
    if (isEngineFlowFile(json)) {
      addEngineFlow(engine, json, file);
      continue;
    }
    // Cadence files (appointments, incentives) have their own loader: src/content/appointments-config.ts.
    if (isCadenceFile(json)) continue;
    const parsed = flowFileSchema.safeParse(json);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new FlowError(`${file}: ${issues}`);
    }
    checkTexts(file, parsed.data.texts, TEMPLATE_VARIABLES);
    if (parsed.data.kind === "program-messages") program = parsed.data.texts;
    else {
      if (checkins[parsed.data.trigger]) throw new FlowError(`${file}: a second "${parsed.data.trigger}" check-in flow`);
      checkins[parsed.data.trigger] = parsed.data;
    }
  }
  if (!program) throw new FlowError(`${dir}: no program-messages flow file`);
  if (!checkins.daily || !checkins.nightly) throw new FlowError(`${dir}: need one daily and one nightly check-in flow`);
  return { program, checkins: { daily: checkins.daily, nightly: checkins.nightly }, engine };
}

export function localise(text: LocalisedText, lang: Language, vars: TemplateVars): string {
  return renderTemplate(text[lang], vars);
}
