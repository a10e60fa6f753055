import { z } from "zod";
import { readConfigFile, localisedText, checkTexts } from "./config-file";

/**
 * flows/incentives.json: contingency management (seed M3). Points per event, the totals
 * at which the peer hands an incentive, and the text that tells the parent.
 */
export const incentivesConfigSchema = z
  .strictObject({
    kind: z.literal("incentives"),
    points: z.strictObject({
      checkin_answered: z.number().int().min(0).max(1000),
      appointment_confirmed: z.number().int().min(0).max(1000),
      appointment_attended: z.number().int().min(0).max(1000),
    }),
    /** Running totals that notify the peer, ascending. */
    thresholds: z.array(z.number().int().positive()).min(1).max(100),
    /** After the last threshold, again every this many points (0 = never). */
    thenEvery: z.number().int().min(0).default(0),
    texts: z.strictObject({ thresholdReached: localisedText }),
  })
  .refine((c) => c.thresholds.every((t, i) => i === 0 || t > c.thresholds[i - 1]!), {
    message: "must be strictly ascending",
    path: ["thresholds"],
  });
export type IncentivesConfig = z.infer<typeof incentivesConfigSchema>;

export const INCENTIVE_TEXT_VARIABLES = ["firstName", "peerName", "programName", "points"] as const;

export async function loadIncentivesConfig(dir: string): Promise<IncentivesConfig> {
  const config = await readConfigFile(dir, "incentives.json", incentivesConfigSchema);
  checkTexts("incentives.json", config.texts, INCENTIVE_TEXT_VARIABLES);
  return config;
}
