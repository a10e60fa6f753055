import { randomUUID } from "node:crypto";
import type { OutboundMessage, OutboundStatus } from "../../src/domain/model";
import { enqueueSms } from "../../src/jobs/effects";
import type { NewOutbound } from "../../src/adapters/postgres/outbound";
import { waitFor, type Harness } from "./harness";

export const TEST_PHONE = "+15555550100";

/** Stores a text and enqueues it the way every use case does (outbox row, then job). */
export async function queueText(h: Harness, over: Partial<NewOutbound> = {}): Promise<OutboundMessage> {
  const { message } = await h.store.outbound.createOnce({
    idempotencyKey: `test|${randomUUID()}`,
    toPhone: TEST_PHONE,
    body: "Good morning Ana, how are you today? Reply 1-5.",
    kind: "checkin_daily",
    priority: "routine",
    participantId: null,
    notAfter: null,
    ...over,
  });
  await enqueueSms(h.deps, [message]);
  return message;
}

/** Waits until the outbound row is in one of `statuses` and returns it. */
export function waitForStatus(h: Harness, id: string, statuses: OutboundStatus[], timeoutMs = 15_000) {
  return waitFor(
    async () => {
      const m = await h.store.outbound.get(id);
      return m && statuses.includes(m.status) ? m : null;
    },
    timeoutMs,
    `outbound ${id} to reach ${statuses.join("|")}`,
  );
}
