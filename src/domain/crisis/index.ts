export type { CrisisLevel, CrisisCategory, CrisisScreen } from "./types.js";
export { screenForCrisis, isChildSafety } from "./screen.js";
