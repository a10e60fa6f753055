import type { Participant } from "./model";

/**
 * Scheduled and program-initiated texts (check-ins, flows, reminders, points) reach only a
 * parent the program keeps active who said YES. Crisis handling never asks this.
 */
export const canReceiveRoutine = (p: Participant | null): p is Participant =>
  !!p && p.status === "active" && p.consent === "opted_in";
