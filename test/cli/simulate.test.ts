import { execFile } from "node:child_process";
import type { AddressInfo } from "node:net";
import { promisify } from "node:util";
import { serve, type ServerType } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, createHarness, enrol, type Harness } from "../support/harness";

const run = promisify(execFile);

/** `npm run sim` and the outbox route as the README uses them, against a served app. */
describe("sandbox simulator", () => {
  let h: Harness;
  let server: ServerType;
  let port: number;
  beforeAll(async () => {
    h = await createHarness({ sms: "sandbox" });
    h.startWorkers();
    await enrol(h, { phone: "+15555550191" });
    await new Promise<void>((resolve) => {
      server = serve({ fetch: h.app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve());
    });
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await h.close();
  });

  const sim = (args: string[], env: Record<string, string>) =>
    run("npx", ["tsx", "src/cli/simulate.ts", ...args], { env: { ...process.env, BUDDYLINE_URL: "", PORT: "", ...env } });

  it("finds the server by PORT, and by --url", { timeout: 60_000 }, async () => {
    const byPort = await sim(["+15555550191", "YES"], { ADMIN_TOKEN, PORT: String(port) });
    expect(byPort.stdout).toMatch(/signed up/);
    const byUrl = await sim(["--url", `http://127.0.0.1:${port}`, "+15555550191", "--outbox"], { ADMIN_TOKEN, PORT: "1" });
    expect(byUrl.stdout).toMatch(/\[welcome, sent\]/);
  });

  it("says where it looked when nothing answers", { timeout: 60_000 }, async () => {
    const err = (await sim(["+15555550191", "hi"], { ADMIN_TOKEN, PORT: "1" }).catch((e: unknown) => e)) as { code: number; stderr: string };
    expect(err.code).toBe(1);
    expect(err.stderr).toMatch(/could not reach Buddyline at http:\/\/127\.0\.0\.1:1/);
    expect(err.stderr).toMatch(/PORT or --url/);
  });

  it("the outbox query takes the number with + written as %2B, and names the field with a hint otherwise", async () => {
    const ok = await h.admin("GET", "/sandbox/outbox?phone=%2B15555550191");
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { messages: unknown[] }).messages.length).toBeGreaterThan(0);
    const raw = await h.admin("GET", "/sandbox/outbox?phone=+15555550191");
    expect(raw.status).toBe(400);
    expect(((await raw.json()) as { fields: Record<string, string> }).fields.phone).toMatch(/%2B/);
  });
});
