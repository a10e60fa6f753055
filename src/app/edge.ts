/**
 * The Cloudflare Worker entry (wrangler.toml → main = "src/app/edge.ts"); the app is
 * src/app/edge/app.ts, see docs/edge.md.
 *
 * Export only `default` here: workerd treats every named export of the entry module as
 * an entrypoint and refuses to start on one that is not a handler (a constant, a type
 * guard…). Anything tests need lives in src/app/edge/.
 */
import type { ExecutionContext } from "hono";
import { buildEdgeApp, type EdgeEnv } from "./edge/app";

/** Workers build the app once per isolate per env object (env is fixed for a deployment). */
const apps = new WeakMap<object, ReturnType<typeof buildEdgeApp>>();

export default {
  fetch(request: Request, env: EdgeEnv, ctx?: ExecutionContext) {
    let app = apps.get(env);
    if (!app) {
      app = buildEdgeApp(env);
      apps.set(env, app);
    }
    return app.fetch(request, env, ctx);
  },
};
