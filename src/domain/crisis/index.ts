export type { CrisisLevel, CrisisCategory, CrisisScreen } from "./types.js";
export { screenForCrisis, isChildSafety, isAboutSomeoneElse } from "./screen.js";
