import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from "@slack/bolt";
import { caseloadFor } from "../caseload";
import { caseloadBlocks } from "../../../adapters/slack/blocks";
import { NOT_LINKED, peerBySlackUser, type SlackDeps } from "./deps";

type HomeArgs = SlackEventMiddlewareArgs<"app_home_opened"> & Pick<AllMiddlewareArgs, "client">;

export function register(app: App, deps: SlackDeps) {
  app.event("app_home_opened", appHomeOpened(deps));
}

/** The App Home tab is the caseload, rebuilt each time the peer opens it. */
export function appHomeOpened(deps: SlackDeps) {
  return async function publishHome({ event, client }: HomeArgs) {
    if (event.tab !== "home") return;
    const peer = await peerBySlackUser(deps, event.user);
    const blocks = peer
      ? caseloadBlocks(await caseloadFor(peer.id, deps), peer.timeZone, deps.redact)
      : [{ type: "section" as const, text: { type: "mrkdwn" as const, text: NOT_LINKED } }];
    await client.views.publish({ user_id: event.user, view: { type: "home", blocks } });
  };
}
