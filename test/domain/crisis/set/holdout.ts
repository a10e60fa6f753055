export const HOLDOUT = String.raw``;
