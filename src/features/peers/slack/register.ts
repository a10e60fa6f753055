import type { SlackRuntime } from "../../../adapters/slack/app";
import type { Deps } from "../../../ports/deps";
import * as actions from "./actions";
import * as commands from "./commands";
import type { SlackDeps } from "./deps";
import * as events from "./events";
import * as home from "./home";
import * as views from "./views";

/** The listener registry: one `register(app, deps)` per kind. */
const LISTENERS = [commands, actions, views, events, home] as const;

/**
 * Second phase of Slack's wiring, once the container's deps exist (they include the
 * runtime's notification port): the listeners get the finished deps plus the redaction
 * setting.
 */
export function registerSlackListeners(runtime: SlackRuntime, deps: Deps): void {
  const slackDeps: SlackDeps = { ...deps, redact: runtime.redact };
  for (const l of LISTENERS) l.register(runtime.app, slackDeps);
}
