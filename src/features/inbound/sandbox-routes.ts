import { randomBytes } from "node:crypto";
import { Hono } from "hono";
import { e164Schema } from "../../domain/text/phone";
import { acceptInbound } from "./accept-inbound";
import type { Deps } from "../../ports/deps";
import { sandboxSmsSchema } from "../admin/schemas";
import { readJson } from "../http/validation";

/** Number the sandbox pretends the program texts from. */
export const SANDBOX_PROGRAM_NUMBER = "+15550000000";

/**
 * The simulator: text the bot as any phone number and read what it answered. Only in
 * sandbox mode — with real Twilio, "replies" would go to a real person's phone.
 */
export function sandboxRoutes(deps: Deps, waitMs = 5000) {
  const app = new Hono();
  const store = deps.store;

  app.use("*", async (c, next) => {
    if (!deps.config.sandbox) return c.json({ error: "the simulator only runs in sandbox mode" }, 403);
    await next();
  });

  app.post("/sms", async (c) => {
    const body = await readJson(c, sandboxSmsSchema);
    if (!body.ok) return body.response;
    const since = deps.clock.now();
    const accepted = await acceptInbound(
      { messageSid: `SM${randomBytes(16).toString("hex")}`, from: body.data.from, to: SANDBOX_PROGRAM_NUMBER, body: body.data.body },
      deps,
    );
    const inboundId = accepted.message?.id ?? null;
    const replies = inboundId ? await waitForReplies(body.data.from, inboundId, since) : [];
    return c.json({ inboundId, immediateReply: accepted.immediateReply, replies });
  });

  app.get("/outbox", async (c) => {
    const phone = c.req.query("phone");
    if (phone === undefined) return c.json({ messages: await store.outbound.listRecent(100) });
    const parsed = e164Schema.safeParse(phone);
    if (!parsed.success) {
      // A raw "+" in a query string arrives as a space: say how to write it.
      const hint = phone.startsWith(" ") ? " (write + as %2B in a query string)" : "";
      const message = (parsed.error.issues[0]?.message ?? "must be an E.164 phone number") + hint;
      return c.json({ error: "invalid request", fields: { phone: message } }, 400);
    }
    return c.json({ messages: await store.outbound.listTo(parsed.data, 100) });
  });

  /** Waits until the text is processed and its replies have left the outbox queue. */
  async function waitForReplies(phone: string, inboundId: string, since: Date) {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const msg = await store.inbound.get(inboundId);
      const sent = (await store.outbound.listTo(phone, 20)).filter((m) => m.createdAt >= since);
      const settled = msg?.processedAt && sent.every((m) => m.status !== "queued" && m.status !== "sending");
      if (settled || Date.now() > deadline) {
        return sent.map((m) => ({ body: m.body, kind: m.kind, status: m.status }));
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  return app;
}
