import { Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import { TWIML_CONTENT_TYPE, twimlMessage } from "../../adapters/twilio/twiml";
import { isRejection, readSignedWebhook } from "../../adapters/twilio/webhook-request";
import { e164Schema } from "../../domain/text/phone";
import type { DeliveryStatus } from "../../adapters/postgres/outbound";
import { acceptInbound, createInboundBatcher } from "./accept-inbound";
import type { Deps } from "../../ports/deps";
import { constantTimeEqual } from "../../domain/text/constant-time";
import { fieldErrors } from "../http/validation";

// Postgres text cannot hold U+0000; storing one would throw (a 500, and Twilio retrying forever).
const NUL = /\u0000/g;

const inboundSchema = z.object({
  MessageSid: z.string().regex(/^(SM|MM)[0-9a-fA-F]{32}$/, "must be a Twilio message SID"),
  From: e164Schema,
  To: z.string().min(1, "required").max(64).regex(/^\P{Cc}*$/u, "must not contain control characters"),
  // Twilio sends Body on every text, empty for a media-only one. It is required because the
  // signature joins names and values without separators: a replay of `Body=4` as `Body4=`
  // verifies, and must not be stored as an empty text. Capped far above one SMS (1,600).
  // A NUL (never sent by a real handset) is kept visible as U+FFFD rather than dropping the text.
  Body: z
    .string({ error: (issue) => (issue.input === undefined ? "required" : "must be text") })
    .max(10_000, "too long")
    .transform((s) => s.replace(NUL, "\uFFFD")),
});

const statusSchema = z.object({
  MessageSid: z.string().regex(/^(SM|MM)[0-9a-fA-F]{32}$/, "must be a Twilio message SID"),
  MessageStatus: z.string().min(1).max(32),
  ErrorCode: z
    .string()
    .regex(/^[0-9A-Za-z_-]{0,16}$/, "must be a Twilio error code")
    .optional()
    .transform((s) => s || undefined),
});

const RECORDED_STATUSES = new Set(["sent", "delivered", "undelivered", "failed"]);

/** POST /twilio/sms and /twilio/status: signed by Twilio, answered fast, never a 500. */
export function twilioWebhooks(deps: Deps) {
  const app = new Hono();
  const signing = { authToken: deps.config.TWILIO_AUTH_TOKEN, publicUrl: deps.config.PUBLIC_URL.replace(/\/$/, "") };
  // One per app: concurrent texts share inserts and enqueues (see createInboundBatcher).
  const inboundWriter = createInboundBatcher(deps);

  app.use("*", requireEdgeSecret(deps.config.EDGE_FORWARD_SECRET));
  // Mounted before the app-wide limit (src/app/web.ts), so it has its own; a chunked body
  // without Content-Length is counted as it streams in.
  app.use(
    "*",
    bodyLimit({
      maxSize: deps.config.MAX_BODY_BYTES,
      onError: (c) => c.json({ error: `body larger than ${deps.config.MAX_BODY_BYTES} bytes` }, 413),
    }),
  );

  app.post("/sms", async (c) => {
    const read = await readSignedWebhook(c.req.raw, { ...signing, path: "/twilio/sms" });
    if (isRejection(read)) return c.text(read.error, read.status);
    const parsed = inboundSchema.safeParse(read.params);
    if (!parsed.success) return c.json({ error: "invalid webhook", fields: fieldErrors(parsed.error) }, 400);
    const { MessageSid, From, To, Body } = parsed.data;
    const accepted = await acceptInbound({ messageSid: MessageSid, from: From, to: To, body: Body }, deps, inboundWriter);
    return c.body(twimlMessage(accepted.immediateReply), 200, { "content-type": TWIML_CONTENT_TYPE });
  });

  app.post("/status", async (c) => {
    const read = await readSignedWebhook(c.req.raw, { ...signing, path: "/twilio/status" });
    if (isRejection(read)) return c.text(read.error, read.status);
    const parsed = statusSchema.safeParse(read.params);
    if (!parsed.success) return c.json({ error: "invalid webhook", fields: fieldErrors(parsed.error) }, 400);
    const { MessageSid, MessageStatus, ErrorCode } = parsed.data;
    if (RECORDED_STATUSES.has(MessageStatus)) {
      const outbound = deps.store.outbound;
      const status = MessageStatus as DeliveryStatus;
      if (!(await outbound.recordDeliveryStatus(MessageSid, status, ErrorCode ?? null))) {
        // Not ours, or ours before the worker stored the sid: hold it, then look once more
        // (the worker stores the sid, then applies held statuses: one of us sees the other).
        await outbound.holdEarlyStatus(MessageSid, status, ErrorCode ?? null);
        await outbound.applyEarlyStatus(MessageSid);
      }
    }
    return c.body(null, 204);
  });

  return app;
}

/**
 * With EDGE_FORWARD_SECRET set, Twilio webhooks are taken only through the edge Worker,
 * which sends the secret in x-buddyline-edge-secret (docs/edge.md). Checked before the
 * body is read: a request that bypassed the edge costs nothing more.
 */
function requireEdgeSecret(secret: string | undefined): MiddlewareHandler {
  return async (c, next) => {
    if (secret && !constantTimeEqual(c.req.header("x-buddyline-edge-secret") ?? "", secret)) {
      return c.text("Twilio webhooks are taken only through the edge", 403);
    }
    await next();
  };
}
