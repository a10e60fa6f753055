import { build } from "esbuild";
import { describe, expect, it } from "vitest";

/**
 * The Worker must bundle for a web platform: no node: built-ins, no twilio SDK, no
 * store, queues or config — only the modules listed below. workerd.test.ts boots the
 * real thing; this names the module that broke the rule, which a failed boot does not.
 */
describe("src/app/edge.ts as a Worker bundle", () => {
  it("bundles for a browser-like platform from pure modules only", async () => {
    const result = await build({
      entryPoints: ["src/app/edge.ts"],
      bundle: true,
      format: "esm",
      platform: "browser",
      conditions: ["workerd", "worker", "browser"],
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    const ours = Object.keys(result.metafile.inputs).filter((f) => !f.startsWith("node_modules/hono/"));
    const allowed = [
      /^src\/app\/edge\.ts$/,
      /^src\/app\/edge\//,
      /^src\/adapters\/twilio\/(signature|twiml|webhook-request)\.ts$/,
      /^src\/domain\/(crisis|text)\//,
      /^flows\/program-messages\.json$/,
    ];
    expect(ours.filter((f) => !allowed.some((a) => a.test(f)))).toEqual([]);
    const code = result.outputFiles[0]!.text;
    expect(code).not.toMatch(/from\s*["']node:/);
    // Workers' limit is 3 MB compressed on the free plan; this stays far below.
    expect(code.length).toBeLessThan(1_000_000);
  });
});
