import type { Context } from "hono";
import type { z } from "zod";

/** 400 body naming every bad field: { error, fields: { "phone": "must be …" } }. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    // Strict objects report extra fields as one issue on the parent; name each field instead.
    if (issue.code === "unrecognized_keys") {
      for (const k of issue.keys) fields[[...issue.path, k].join(".")] ??= "unknown field";
      continue;
    }
    const key = issue.path.join(".") || "(body)";
    fields[key] ??= issue.message;
  }
  return fields;
}

export async function readJson<T extends z.ZodType>(
  c: Context,
  schema: T,
): Promise<{ ok: true; data: z.infer<T> } | { ok: false; response: Response }> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    return { ok: false, response: c.json({ error: "body must be a JSON object", fields: { "(body)": "invalid JSON" } }, 400) };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) return { ok: false, response: c.json({ error: "invalid request", fields: fieldErrors(parsed.error) }, 400) };
  return { ok: true, data: parsed.data };
}
