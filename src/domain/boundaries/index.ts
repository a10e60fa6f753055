// Peers' boundaries: when a peer may be pinged, what waits for their shift, and how the
// digest, auto-reply and supervisors' summary read. Pure; callers pass instants in.
export * from "./availability";
export * from "./decide";
export * from "./digest";
export * from "./summary";
export * from "./auto-reply";
