import { randomUUID } from "node:crypto";
import type { SmsPort } from "../../ports/sms";

/**
 * Sandbox mode (no Twilio credentials): nothing leaves the machine. The outbound_messages
 * table is the outbox that the simulator and GET /api/sandbox/outbox read.
 */
export function createSandboxSms(): SmsPort {
  return {
    channel: "sandbox",
    async send() {
      return { providerSid: `SMsandbox${randomUUID().replace(/-/g, "")}` };
    },
  };
}
