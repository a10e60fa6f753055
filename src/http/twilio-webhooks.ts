import { Hono } from "hono";
import twilio from "twilio";
import { z } from "zod";
import { e164Schema } from "../domain/text/phone";
import { storeFor } from "../store";
import { acceptInbound, createInboundBatcher } from "../services/accept-inbound";
import type { Deps } from "../services/deps";
import { fieldErrors } from "./validation";

// Postgres text cannot hold U+0000; storing one would throw (a 500, and Twilio retrying forever).
const NUL = /\u0000/g;

const inboundSchema = z.object({
  MessageSid: z.string().regex(/^(SM|MM)[0-9a-fA-F]{32}$/, "must be a Twilio message SID"),
  From: e164Schema,
  To: z.string().min(1, "required").max(64).regex(/^\P{Cc}*$/u, "must not contain control characters"),
  // Twilio sends Body even for media-only messages (empty); cap it far above one SMS (1,600).
  // A NUL (never sent by a real handset) is kept visible as U+FFFD rather than dropping the text.
  Body: z
    .string()
    .max(10_000, "too long")
    .default("")
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

export function twiml(message: string | null): string {
  const inner = message === null ? "" : `<Message>${escapeXml(message)}</Message>`;
  return `<?xml version="1.0" encoding="UTF-8"?><Response>${inner}</Response>`;
}

function escapeXml(s: string): string {
  return s.replace(/[<>&'"]/g, (ch) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[ch]!);
}

/** POST /twilio/sms and /twilio/status: signed by Twilio, answered fast, never a 500. */
export function twilioWebhooks(deps: Deps) {
  const app = new Hono();
  const authToken = deps.config.TWILIO_AUTH_TOKEN;
  const publicUrl = deps.config.PUBLIC_URL.replace(/\/$/, "");
  // One per app: concurrent texts share inserts and enqueues (see createInboundBatcher).
  const inboundWriter = createInboundBatcher(deps);

  const readSigned = async (req: Request, path: string): Promise<Record<string, string> | Response> => {
    if (!authToken) return new Response("Twilio webhooks are off in sandbox mode", { status: 403 });
    const form = await parseForm(req);
    if (!form) return new Response("body must be application/x-www-form-urlencoded", { status: 400 });
    const query = new URL(req.url).search;
    const signature = req.headers.get("x-twilio-signature") ?? "";
    if (!signature || !twilio.validateRequest(authToken, signature, publicUrl + path + query, form)) {
      return new Response("invalid signature", { status: 403 });
    }
    return form;
  };

  app.post("/sms", async (c) => {
    const form = await readSigned(c.req.raw, "/twilio/sms");
    if (form instanceof Response) return form;
    const parsed = inboundSchema.safeParse(form);
    if (!parsed.success) return c.json({ error: "invalid webhook", fields: fieldErrors(parsed.error) }, 400);
    const { MessageSid, From, To, Body } = parsed.data;
    const accepted = await acceptInbound({ messageSid: MessageSid, from: From, to: To, body: Body }, deps, inboundWriter);
    return c.body(twiml(accepted.immediateReply), 200, { "content-type": "text/xml; charset=utf-8" });
  });

  app.post("/status", async (c) => {
    const form = await readSigned(c.req.raw, "/twilio/status");
    if (form instanceof Response) return form;
    const parsed = statusSchema.safeParse(form);
    if (!parsed.success) return c.json({ error: "invalid webhook", fields: fieldErrors(parsed.error) }, 400);
    const { MessageSid, MessageStatus, ErrorCode } = parsed.data;
    if (RECORDED_STATUSES.has(MessageStatus)) {
      await storeFor(deps.db).outbound.recordDeliveryStatus(
        MessageSid,
        MessageStatus as "sent" | "delivered" | "undelivered" | "failed",
        ErrorCode ?? null,
      );
    }
    return c.body(null, 204);
  });

  return app;
}

async function parseForm(req: Request): Promise<Record<string, string> | null> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.includes("application/x-www-form-urlencoded")) return null;
  const params = new URLSearchParams(await req.text());
  const out: Record<string, string> = {};
  for (const [k, v] of params) out[k] = v;
  return out;
}
