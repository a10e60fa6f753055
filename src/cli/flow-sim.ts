/**
 * Plays a flow against scripted replies and prints the transcript with SMS segments.
 *   npm run flow:sim -- recovery-capital --lang es --replies "4,5,3,(timeout)"
 *   npm run flow:sim -- daily-checkin --reply "rough day, kids sick"
 * `--replies` splits on commas; `--reply` (repeatable) takes one reply that may contain
 * commas. `(timeout)` means no reply until the ask's timeout. `--strict` exits 1 when a
 * program text needs more than one segment. `--dir` reads another flows folder.
 */
import { loadFlows } from "../content/catalog";
import { playableFlows } from "../content/playable";
import { formatTranscript, simulateFlow } from "../content/simulator";

function usage(message: string): never {
  process.stderr.write(`${message}\nusage: npm run flow:sim -- <flow-id> [--lang en|es] [--replies "a,b,(timeout)"] [--reply "x"]… [--strict] [--dir flows]\n`);
  process.exit(2);
}

async function main(argv: string[]) {
  let flowId: string | undefined;
  let lang = "en";
  let dir = process.env.FLOWS_DIR ?? "flows";
  let strict = false;
  const replies: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => argv[++i] ?? usage(`${arg} needs a value`);
    if (arg === "--lang") lang = value();
    else if (arg === "--dir") dir = value();
    else if (arg === "--replies") replies.push(...value().split(",").map((r) => r.trim()).filter((r) => r !== ""));
    else if (arg === "--reply") replies.push(value());
    else if (arg === "--strict") strict = true;
    else if (arg.startsWith("--")) usage(`unknown option ${arg}`);
    else if (flowId === undefined) flowId = arg;
    else usage(`unexpected argument ${arg}`);
  }
  if (lang !== "en" && lang !== "es") usage("--lang must be en or es");
  const flows = playableFlows(await loadFlows(dir));
  if (!flowId) usage(`name a flow: ${Object.keys(flows).sort().join(", ")}`);
  const flow = flows[flowId] ?? usage(`no flow "${flowId}"; have: ${Object.keys(flows).sort().join(", ")}`);
  const transcript = simulateFlow(flow, { language: lang, replies });
  process.stdout.write(formatTranscript(transcript) + "\n");
  if (strict && transcript.warnings.length) process.exit(1);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
