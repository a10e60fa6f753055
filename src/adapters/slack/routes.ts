import { Hono } from "hono";
import { z } from "zod";
import type { Deps } from "../../ports/deps";
import type { HonoReceiver } from "./hono-receiver";
import { verifySlackSignature } from "./verify";

/**
 * POST /slack/events: Events API, interactivity (buttons, modals) and slash commands all
 * arrive here. Signature first (401 on a bad or stale one), then the body is parsed by
 * content type and handed to Bolt through the Hono receiver.
 */
export function slackRoutes(deps: Pick<Deps, "clock" | "log">, slack: { receiver: HonoReceiver; signingSecret: string } | null) {
  const app = new Hono();
  app.post("/events", async (c) => {
    if (!slack) return c.json({ error: "slack is not configured" }, 404);
    const raw = await c.req.text();
    const check = await verifySlackSignature(
      slack.signingSecret,
      { signature: c.req.header("x-slack-signature"), timestamp: c.req.header("x-slack-request-timestamp") },
      raw,
      deps.clock.now().getTime(),
    );
    if (!check.ok) {
      deps.log.warn("slack request rejected", { reason: check.reason });
      return c.json({ error: "invalid signature" }, 401);
    }
    const parsed = parseSlackBody(c.req.header("content-type") ?? "", raw);
    if (!parsed.ok) return c.json({ error: "invalid request", fields: { [parsed.field]: parsed.message } }, 400);
    const body = parsed.body;
    // Slack checks a new Request URL with a challenge; Bolt's own receivers answer it too.
    if (body.type === "url_verification") return c.json({ challenge: String(body.challenge ?? "") });
    if (body.ssl_check) return c.body(null, 200);
    const retryNum = Number(c.req.header("x-slack-retry-num") ?? "") || undefined;
    const answer = await slack.receiver.dispatch(body, { retryNum, retryReason: c.req.header("x-slack-retry-reason") });
    return c.body(answer.body, answer.status as 200, { "content-type": answer.contentType });
  });
  return app;
}

const jsonBody = z.record(z.string(), z.unknown());

// What the listeners read from each kind of payload; anything else Slack sends passes
// through untouched (loose objects). A signed request missing one of these is a 400
// naming it, not a TypeError inside a listener (a 500).
const id = z.string().min(1);
const user = z.looseObject({ id });
const interactionSchemas: Record<string, z.ZodType> = {
  block_actions: z.looseObject({ user, actions: z.array(z.looseObject({ action_id: id })).min(1) }),
  view_submission: z.looseObject({ user, view: z.looseObject({ id, callback_id: z.string() }) }),
  view_closed: z.looseObject({ user, view: z.looseObject({ id }) }),
  shortcut: z.looseObject({ user, callback_id: id }),
  message_action: z.looseObject({ user, callback_id: id }),
  block_suggestion: z.looseObject({ user, action_id: id }),
};
const interactionType = z.looseObject({ type: id });
const commandSchema = z.looseObject({ command: id, user_id: id });
const eventCallbackSchema = z.looseObject({ event: z.looseObject({ type: id }) });

/** The first missing or malformed field, dotted from the payload root ("payload.user.id"). */
function checkShape(schema: z.ZodType, body: unknown, root: string): { field: string; message: string } | null {
  const r = schema.safeParse(body);
  if (r.success) return null;
  const issue = r.error.issues[0]!;
  return { field: [root, ...issue.path.map(String)].join("."), message: issue.code === "invalid_type" ? "required" : issue.message };
}

function checkInteraction(payload: Record<string, unknown>): { field: string; message: string } | null {
  const typed = checkShape(interactionType, payload, "payload");
  if (typed) return typed;
  const schema = Object.hasOwn(interactionSchemas, payload.type as string) ? interactionSchemas[payload.type as string]! : null;
  return schema ? checkShape(schema, payload, "payload") : null;
}

type Parsed = { ok: true; body: Record<string, unknown> } | { ok: false; field: string; message: string };

/** JSON events; form-encoded `payload=` interactions, slash commands and `ssl_check`. */
export function parseSlackBody(contentType: string, raw: string): Parsed {
  try {
    if (contentType.includes("application/json")) {
      const r = jsonBody.safeParse(JSON.parse(raw));
      if (!r.success) return { ok: false, field: "body", message: "expected a JSON object" };
      const bad = r.data.type === "event_callback" ? checkShape(eventCallbackSchema, r.data, "body") : null;
      return bad ? { ok: false, ...bad } : { ok: true, body: r.data };
    }
    if (contentType.includes("application/x-www-form-urlencoded")) {
      const form = new URLSearchParams(raw);
      const payload = form.get("payload");
      if (payload !== null) {
        const r = jsonBody.safeParse(JSON.parse(payload));
        if (!r.success) return { ok: false, field: "payload", message: "expected a JSON object" };
        const bad = checkInteraction(r.data);
        return bad ? { ok: false, ...bad } : { ok: true, body: r.data };
      }
      // Slack's certificate check (`ssl_check=1`) is form-encoded too and is answered with a 200 below.
      if (!form.get("command") && !form.get("ssl_check")) return { ok: false, field: "command", message: "expected a slash command or payload" };
      const body = Object.fromEntries(form);
      const bad = form.get("command") ? checkShape(commandSchema, body, "") : null;
      return bad ? { ok: false, field: bad.field.replace(/^\./, ""), message: bad.message } : { ok: true, body };
    }
  } catch {
    return { ok: false, field: contentType.includes("json") ? "body" : "payload", message: "not valid JSON" };
  }
  return { ok: false, field: "content-type", message: "expected application/json or application/x-www-form-urlencoded" };
}
