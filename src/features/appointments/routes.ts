import { Hono, type Context } from "hono";
import { z } from "zod";
import { APPOINTMENT_KINDS } from "../../domain/appointments/model";
import { nextThreshold } from "../../domain/incentives/points";
import type { Participant } from "../../domain/model";
import { localDateSchema, localTimeSchema, zoneSchema } from "../../domain/time/schemas";
import { localDateOf, outsideAdminRange } from "../../domain/time";
import {
  AppointmentConflict,
  cancelAppointment,
  createAppointment,
  recordAppointmentOutcome,
  updateAppointment,
} from "./appointments";
import { createPhase } from "./phases";
import type { Deps } from "../../ports/deps";
import { readJson } from "../http/validation";

const idParam = z.uuid();
const noControl = /^\P{Cc}*$/u;
// Place goes into texts: one line, short enough to keep a reminder in one SMS segment.
const place = z.string().trim().min(1, "required").max(80).regex(noControl, "must not contain control characters");
// Notes are for the peer only (never texted); Postgres text cannot hold NUL.
const notes = z.string().max(2000).regex(/^[^\u0000]*$/, "must not contain NUL characters");

const appointmentCreateSchema = z.strictObject({
  kind: z.enum(APPOINTMENT_KINDS),
  localDate: localDateSchema,
  localTime: localTimeSchema,
  timeZone: zoneSchema.optional(),
  place: place.nullable().optional(),
  notes: notes.nullable().optional(),
});

const appointmentPatchSchema = z
  .strictObject({
    kind: z.enum(APPOINTMENT_KINDS).optional(),
    localDate: localDateSchema.optional(),
    localTime: localTimeSchema.optional(),
    timeZone: zoneSchema.optional(),
    place: place.nullable().optional(),
    notes: notes.nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: "nothing to change", path: ["(body)"] });

const outcomeSchema = z.strictObject({ outcome: z.enum(["attended", "missed"]) });

const phaseSchema = z
  .strictObject({
    name: z.string().trim().min(1, "required").max(100).regex(noControl, "must not contain control characters"),
    startDate: localDateSchema,
    endDate: localDateSchema,
    cadence: z.strictObject({ visit: z.literal("weekly").optional() }).default({}),
  })
  .refine((p) => p.startDate <= p.endDate, { message: "must not be before startDate", path: ["endDate"] });

/**
 * Appointments, phases and points for program admins (mounted behind requireAdmin).
 * State conflicts (editing a cancelled or past appointment, an outcome before it
 * started) are 409; bad fields are 400 naming them; nothing is written on either.
 */
export function appointmentRoutes(deps: Deps) {
  const app = new Hono();
  const store = deps.store;

  async function findParticipant(raw: string): Promise<Participant | null> {
    const id = idParam.safeParse(raw);
    return id.success ? store.participants.get(id.data) : null;
  }
  /** A 400 naming the first date too far from the Clock's today, or null. */
  function dateOutOfRange(c: Context, dates: Record<string, string | undefined>): Response | null {
    const today = localDateOf(deps.clock.now(), "UTC");
    for (const [field, date] of Object.entries(dates)) {
      const problem = date === undefined ? null : outsideAdminRange(date, today);
      if (problem) return c.json({ error: "invalid request", fields: { [field]: problem } }, 400);
    }
    return null;
  }
  const appointmentId = (raw: string) => {
    const id = idParam.safeParse(raw);
    return id.success ? id.data : null;
  };

  app.post("/participants/:id/appointments", async (c) => {
    const participant = await findParticipant(c.req.param("id"));
    if (!participant) return c.json({ error: "participant not found" }, 404);
    const body = await readJson(c, appointmentCreateSchema);
    if (!body.ok) return body.response;
    const badDate = dateOutOfRange(c, { localDate: body.data.localDate });
    if (badDate) return badDate;
    return conflicts(c, async () => c.json({ appointment: await createAppointment(participant, body.data, deps) }, 201));
  });

  app.get("/participants/:id/appointments", async (c) => {
    const participant = await findParticipant(c.req.param("id"));
    if (!participant) return c.json({ error: "participant not found" }, 404);
    return c.json({ appointments: await store.appointments.listForParticipant(participant.id) });
  });

  app.get("/appointments/:id", async (c) => {
    const id = appointmentId(c.req.param("id"));
    const appointment = id ? await store.appointments.get(id) : null;
    return appointment ? c.json({ appointment }) : c.json({ error: "appointment not found" }, 404);
  });

  app.patch("/appointments/:id", async (c) => {
    const id = appointmentId(c.req.param("id"));
    if (!id || !(await store.appointments.get(id))) return c.json({ error: "appointment not found" }, 404);
    const body = await readJson(c, appointmentPatchSchema);
    if (!body.ok) return body.response;
    const badDate = dateOutOfRange(c, { localDate: body.data.localDate });
    if (badDate) return badDate;
    return conflicts(c, async () => {
      const appointment = await updateAppointment(id, body.data, deps);
      return appointment ? c.json({ appointment }) : c.json({ error: "appointment not found" }, 404);
    });
  });

  app.delete("/appointments/:id", async (c) => {
    const id = appointmentId(c.req.param("id"));
    if (!id) return c.json({ error: "appointment not found" }, 404);
    return conflicts(c, async () => {
      const appointment = await cancelAppointment(id, deps);
      return appointment ? c.json({ appointment }) : c.json({ error: "appointment not found" }, 404);
    });
  });

  app.post("/appointments/:id/outcome", async (c) => {
    const id = appointmentId(c.req.param("id"));
    if (!id || !(await store.appointments.get(id))) return c.json({ error: "appointment not found" }, 404);
    const body = await readJson(c, outcomeSchema);
    if (!body.ok) return body.response;
    return conflicts(c, async () => {
      const appointment = await recordAppointmentOutcome(id, body.data.outcome, deps);
      return appointment ? c.json({ appointment }) : c.json({ error: "appointment not found" }, 404);
    });
  });

  app.post("/participants/:id/phases", async (c) => {
    const participant = await findParticipant(c.req.param("id"));
    if (!participant) return c.json({ error: "participant not found" }, 404);
    const body = await readJson(c, phaseSchema);
    if (!body.ok) return body.response;
    const badDate = dateOutOfRange(c, { startDate: body.data.startDate, endDate: body.data.endDate });
    if (badDate) return badDate;
    return c.json({ phase: await createPhase(participant, body.data, deps) }, 201);
  });

  app.get("/participants/:id/phases", async (c) => {
    const participant = await findParticipant(c.req.param("id"));
    if (!participant) return c.json({ error: "participant not found" }, 404);
    return c.json({ phases: await store.phases.listForParticipant(participant.id) });
  });

  app.get("/participants/:id/points", async (c) => {
    const participant = await findParticipant(c.req.param("id"));
    if (!participant) return c.json({ error: "participant not found" }, 404);
    const total = await store.points.total(participant.id);
    return c.json({
      total,
      nextThreshold: nextThreshold(total, deps.cadence.incentives),
      entries: await store.points.list(participant.id),
    });
  });

  return app;
}

async function conflicts(c: Context, fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AppointmentConflict) {
      return err.field
        ? c.json({ error: "invalid request", fields: { [err.field]: err.message } }, 400)
        : c.json({ error: "conflict", reason: err.message }, 409);
    }
    throw err;
  }
}
