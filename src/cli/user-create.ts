/**
 * Creates a web console account (docs/console.md), e.g. the first admin:
 *   CONSOLE_PASSWORD=… npm run user:create -- --role admin --email a@example.org --name "Ada Admin"
 *   npm run user:create -- --role peer --email p@example.org --name "Pat Peer" --peer <peer id>  (password on stdin)
 * The password comes from CONSOLE_PASSWORD or the first line of stdin, never from the
 * command line (which other users of the machine can read in the process list).
 * It writes to the database the server uses (DATABASE_URL, else the embedded store under
 * DATA_DIR, which must not be open in a running server at the same time).
 */
import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { parseConfig } from "../app/config";
import { migrate, openDb, storeFor } from "../adapters/postgres";
import { systemClock } from "../ports/clock";
import { createConsoleUser, ROLES } from "../features/console/accounts";

const USAGE =
  `usage: npm run user:create -- --role ${ROLES.join("|")} --email <email> --name <name> [--peer <peer id>] [--responder <responder id>]\n` +
  "The password is read from CONSOLE_PASSWORD, else from the first line of stdin.\n";

function fail(problem: string, code = 2): never {
  process.stderr.write(`${problem}\n`);
  process.exit(code);
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.CONSOLE_PASSWORD;
  if (fromEnv) return fromEnv;
  if (process.stdin.isTTY) process.stderr.write("Password (input is shown; pipe it in to hide it): ");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (Buffer.concat(chunks).includes(10)) break;
  }
  return Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "";
}

async function main() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        role: { type: "string" },
        email: { type: "string" },
        name: { type: "string" },
        peer: { type: "string" },
        responder: { type: "string" },
        password: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }));
  } catch (err) {
    fail(`${(err as Error).message}\n${USAGE}`);
  }
  if (values.help) fail(USAGE, 0);
  if (values.password !== undefined) fail("--password is not accepted: set CONSOLE_PASSWORD or pipe the password to stdin.");
  if (!values.role || !values.email || !values.name) fail(USAGE);
  const password = await readPassword();
  const config = parseConfig(process.env);
  // The first command of a fresh clone: the embedded store's folder may not exist yet.
  if (!config.DATABASE_URL) await mkdir(resolve(config.DATA_DIR), { recursive: true });
  const db = await openDb({ databaseUrl: config.DATABASE_URL, dataDir: resolve(config.DATA_DIR, "pglite"), clock: systemClock });
  try {
    await migrate(db);
    const result = await createConsoleUser(
      { store: storeFor(db), clock: systemClock },
      { role: values.role as never, email: values.email, name: values.name, password, peerId: values.peer ?? null, responderId: values.responder ?? null },
      null,
    );
    if (!result.ok) {
      fail(`not created:\n${Object.entries(result.fields).map(([f, m]) => `  ${f}: ${m}`).join("\n")}`, 1);
    }
    process.stdout.write(`created ${result.user.role} ${result.user.email} (${result.user.id})\n`);
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => fail(`user:create failed: ${(err as Error).message}`, 1));
