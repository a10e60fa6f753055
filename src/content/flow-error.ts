/** A flow or cadence file that cannot be used; the message names the file and the field. */
export class FlowError extends Error {}
