import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../support/harness";
import { TEST_DATABASE_URL } from "../support/env";
import { seedProgram, type SeededProgram } from "../browser/support";
import { consoleClient, makeUser, PASSWORD, type ConsoleClient } from "./client";

const NOW = new Date("2026-03-02T17:00:00Z");

/** Enrolment (language matching, caseload warning) on Postgres, and `npm run user:create`. */
describe("console enrolment and user:create", () => {
  let h: Harness;
  let program: SeededProgram;
  let sup: ConsoleClient;

  beforeAll(async () => {
    h = await createHarness({ db: "postgres", sms: "sandbox", clock: { now: () => NOW } });
    // Peer 0 speaks en+es with 15 parents (full); peer 1 speaks en with 3; peer 2 speaks es with 2.
    program = await seedProgram(h.db, { peers: 1, parentsPerPeer: 15, days: 2, now: NOW, languages: () => ["en", "es"] });
    const more = await h.store.peers.create({ name: "Sam Lee", timeZone: "America/New_York", workingHours: [], offDates: [], slackUserId: null });
    const spanish = await h.store.peers.create({ name: "Tomas Ruiz", timeZone: "America/New_York", workingHours: [], offDates: [], slackUserId: null });
    await h.store.consoleReads.setPeerLanguages(spanish.id, ["es"]);
    program.peerIds.push(more.id, spanish.id);
    const u = await makeUser(h, { role: "supervisor" });
    sup = consoleClient(h.app);
    await sup.signIn(u.email, PASSWORD);
  });
  afterAll(async () => {
    await h.close();
  });

  it("suggests peers who speak the parent's language and have room", async () => {
    expect((await sup.get("/console/enrol?language=es")).status).toBe(200);
    expect(sup.html).toContain("Suggested for Spanish (under 15 parents, fewest first): Tomas Ruiz (0).");
    await sup.get("/console/enrol?language=en");
    expect(sup.html).toContain("Suggested for English (under 15 parents, fewest first): Sam Lee (0).");
    expect(sup.html).not.toMatch(/Suggested for English[^<]*Rosa Diaz/);
  });

  it("warns above 15 or in another language, enrols once confirmed, and names bad fields", async () => {
    await sup.get("/console/enrol");
    const bad = await sup.post("/console/enrol", { firstName: "", phone: "555-0100", language: "en", timeZone: "Mars/Base", dailyCheckinTime: "09:00" });
    expect(bad.status).toBe(400);
    expect(sup.html).toContain("firstName: required");
    expect(sup.html).toMatch(/phone: must be an E\.164/);
    expect(sup.html).toMatch(/timeZone: unknown IANA time zone/);

    const form = { firstName: "Lia", phone: "+15557770001", language: "en", timeZone: "America/Chicago", dailyCheckinTime: "09:00", peerId: program.peerIds[0]! };
    const warned = await sup.post("/console/enrol", form);
    expect(warned.status).toBe(409);
    expect(sup.html).toContain("already has 15 parents; this makes 16, above the guideline of 15.");
    expect(await h.store.participants.byPhone("+15557770001")).toBeNull();
    const spanishOnly = await sup.post("/console/enrol", { ...form, peerId: program.peerIds[2]! });
    expect(spanishOnly.status).toBe(409);
    expect(sup.html).toContain("Tomas Ruiz does not speak English.");

    const done = await sup.post("/console/enrol", { ...form, confirm: "yes" });
    expect(done.status).toBe(303);
    const p = await h.store.participants.byPhone("+15557770001");
    expect(p).toMatchObject({ firstName: "Lia", peerId: program.peerIds[0], timeZone: "America/Chicago", consent: "pending" });
    expect(done.headers.get("location")).toBe(`/console/parents/${p!.id}`);
    // The welcome text asking for YES is queued, as with the JSON API.
    const { rows } = await h.db.query<{ kind: string }>("select kind from outbound_messages where participant_id = $1", [p!.id]);
    expect(rows.map((r) => r.kind)).toContain("welcome");
    await sup.get("/console/enrol");
    expect((await sup.post("/console/enrol", { ...form, confirm: "yes" })).status).toBe(409);
    expect(sup.html).toContain("phone: already enrolled");
  });

  it("lets a peer not enrol (supervisors and admins do)", async () => {
    const peerUser = await makeUser(h, { role: "peer", peerId: program.peerIds[1]! });
    const c = consoleClient(h.app);
    await c.signIn(peerUser.email, PASSWORD);
    expect((await c.get("/console/enrol")).status).toBe(403);
  });

  it("user:create makes an admin from CONSOLE_PASSWORD or stdin, never argv, and names bad fields", { timeout: 90_000 }, async () => {
    const schema = ((await h.db.query<{ s: string }>("select current_schema() as s")).rows[0]!).s;
    const url = new URL(TEST_DATABASE_URL);
    url.searchParams.set("options", `-c search_path=${schema}`);
    const env = { ...process.env, DATABASE_URL: url.toString(), CONSOLE_PASSWORD: "first admin password", LOG_LEVEL: "silent" };
    const cli = (args: string[], extraEnv: Record<string, string | undefined> = {}, input?: string) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        const child = execFile("npx", ["tsx", "src/cli/user-create.ts", ...args], { env: { ...env, ...extraEnv } }, (err, stdout, stderr) =>
          resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        );
        child.stdin!.end(input ?? "");
      });
    const ok = await cli(["--role", "admin", "--email", "First@Example.org", "--name", "First Admin"]);
    expect(ok.stderr).toBe("");
    expect(ok.stdout).toMatch(/^created admin first@example\.org/);
    const stored = await h.store.users.byEmail("first@example.org");
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$/);
    const c = consoleClient(h.app);
    expect((await c.signIn("first@example.org", "first admin password")).status).toBe(303);

    const fromStdin = await cli(["--role", "supervisor", "--email", "s2@example.org", "--name", "Sup Two"], { CONSOLE_PASSWORD: "" }, "password from stdin\n");
    expect(fromStdin.code).toBe(0);
    expect((await consoleClient(h.app).signIn("s2@example.org", "password from stdin")).status).toBe(303);

    const argv = await cli(["--role", "admin", "--email", "x@example.org", "--name", "X", "--password", "visible in ps"]);
    expect(argv.code).toBe(2);
    expect(argv.stderr).toMatch(/--password is not accepted/);
    const bad = await cli(["--role", "peer", "--email", "first@example.org", "--name", "Dup"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/email: already has an account/);
    expect(bad.stderr).toMatch(/peerId: is required for a peer/);

    // A fresh clone's first command, on the embedded store: the data folder does not exist yet.
    const dataDir = join(await mkdtemp(join(tmpdir(), "buddyline-cli-")), "not-yet");
    try {
      const embedded = await cli(["--role", "admin", "--email", "ada@example.org", "--name", "Ada"], { DATABASE_URL: undefined, DATA_DIR: dataDir });
      expect(embedded.stderr).toBe("");
      expect(embedded.stdout).toMatch(/^created admin ada@example\.org/);
    } finally {
      await rm(dirname(dataDir), { recursive: true, force: true });
    }
  });
});
