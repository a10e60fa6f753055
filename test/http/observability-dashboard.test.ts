import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, createHarness, type Harness } from "../support/harness";

const METRICS_TOKEN = "metrics-scraper-token-0123456789";
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

describe("Bull Board at /admin/queues", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ sms: "sandbox", env: { METRICS_TOKEN } });
  });
  afterAll(async () => h.close());

  const get = (path: string, authorization?: string) =>
    h.app.request(path, { headers: authorization ? { authorization } : {} });

  it("answers 401 with a Basic challenge without admin credentials", async () => {
    for (const auth of [undefined, `Bearer wrong-token-wrong-token-12`, basic("admin", "wrong-token-wrong-token-12"), `Bearer ${METRICS_TOKEN}`, basic("admin", METRICS_TOKEN)]) {
      const res = await get("/admin/queues", auth);
      expect(res.status, auth ?? "(none)").toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Basic realm=/);
      expect(await res.text()).not.toMatch(/<html/i);
    }
    // The API behind the page is guarded too.
    expect((await get("/admin/queues/api/queues")).status).toBe(401);
  });

  it("serves the dashboard with the admin token as bearer, or as the Basic password (any user name)", async () => {
    for (const auth of [`Bearer ${ADMIN_TOKEN}`, basic("admin", ADMIN_TOKEN), basic("", ADMIN_TOKEN)]) {
      const res = await get("/admin/queues", auth);
      expect(res.status, auth).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
      expect(await res.text()).toMatch(/<html/i);
    }
  });

  it("lists every queue with its jobs through the dashboard's API, and serves its assets", async () => {
    await h.deps.queues.smsUrgent.add("send", { outboundId: randomUUID() });
    const res = await get("/admin/queues/api/queues?activeQueue=sms-urgent&status=latest&page=1", basic("admin", ADMIN_TOKEN));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { queues: { name: string; counts: Record<string, number> }[] };
    const names = body.queues.map((q) => q.name);
    for (const q of ["inbound", "sms-urgent", "sms-routine", "checkins", "notify", "hotline", "housekeeping", "flows", "appointments"]) {
      expect(names).toContain(q);
    }
    expect(body.queues.find((q) => q.name === "sms-urgent")!.counts.waiting).toBe(1);

    const html = await (await get("/admin/queues", `Bearer ${ADMIN_TOKEN}`)).text();
    // Asset paths are relative to <base href="/admin/queues/">.
    expect(html).toContain('<base href="/admin/queues/"');
    const asset = /(?:src|href)="(static\/[^"]+\.(?:js|css))"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const assetRes = await get(new URL(asset!, "http://localhost/admin/queues/").pathname, basic("admin", ADMIN_TOKEN));
    expect(assetRes.status).toBe(200);
  });
});
