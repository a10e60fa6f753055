import type { Peer } from "../../../domain/model";
import type { Deps } from "../../../ports/deps";

/** What Slack listeners get: the use-case deps plus Slack's own settings. */
export type SlackDeps = Deps & {
  redact: boolean;
};

export const NOT_LINKED =
  "Your Slack account is not linked to a peer in Buddyline. Ask an admin to set your Slack user id (PATCH /api/peers/:id `slackUserId`).";

export function peerBySlackUser(deps: Pick<Deps, "db" | "store" | "transaction">, slackUserId: string): Promise<Peer | null> {
  return deps.store.peers.bySlackUserId(slackUserId);
}
