import type { AllMiddlewareArgs, App, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { formatLocal } from "../../../domain/time";
import { caseloadFor } from "../caseload";
import { AvailabilityError, clearAway, setAway } from "../availability";
import { caseloadBlocks } from "../../../adapters/slack/blocks";
import { NOT_LINKED, peerBySlackUser, type SlackDeps } from "./deps";
import { parseAwayUntil } from "./parse-away";

type CommandArgs = SlackCommandMiddlewareArgs & Pick<AllMiddlewareArgs, "client">;

export function register(app: App, deps: SlackDeps) {
  app.command("/caseload", caseloadCommand(deps));
  app.command("/away", awayCommand(deps));
  app.command("/back", backCommand(deps));
}

/** /caseload: the peer's parents, only to the peer (ephemeral, via response_url). */
export function caseloadCommand(deps: SlackDeps) {
  return async function caseload({ command, ack, respond }: CommandArgs) {
    await ack();
    const peer = await peerBySlackUser(deps, command.user_id);
    if (!peer) return void (await respond({ response_type: "ephemeral", text: NOT_LINKED }));
    const rows = await caseloadFor(peer.id, deps);
    await respond({
      response_type: "ephemeral",
      text: `Your caseload (${rows.length})`,
      blocks: caseloadBlocks(rows, peer.timeZone, deps.redact),
    });
  };
}

/** /away [until]: an absence on top of working hours; notes wait for /back or `until`. */
export function awayCommand(deps: SlackDeps) {
  return async function away({ command, ack, respond }: CommandArgs) {
    await ack();
    const peer = await peerBySlackUser(deps, command.user_id);
    if (!peer) return void (await respond({ response_type: "ephemeral", text: NOT_LINKED }));
    const parsed = parseAwayUntil(command.text ?? "", deps.clock.now(), peer.timeZone);
    if (!parsed.ok) return void (await respond({ response_type: "ephemeral", text: parsed.message }));
    try {
      await setAway(deps, peer.id, parsed.until);
    } catch (err) {
      if (err instanceof AvailabilityError) return void (await respond({ response_type: "ephemeral", text: err.message }));
      throw err;
    }
    const until = parsed.until ? `until ${formatLocal(parsed.until, peer.timeZone, "en", "datetime")}` : "until you type /back";
    await respond({
      response_type: "ephemeral",
      text: `You're away ${until}. Notes will wait for you; crisis texts still go to the hotline.`,
    });
  };
}

/** /back: ends the absence; anything held comes in one digest. */
export function backCommand(deps: SlackDeps) {
  return async function back({ command, ack, respond }: CommandArgs) {
    await ack();
    const peer = await peerBySlackUser(deps, command.user_id);
    if (!peer) return void (await respond({ response_type: "ephemeral", text: NOT_LINKED }));
    await clearAway(deps, peer.id);
    await respond({ response_type: "ephemeral", text: "Welcome back. Anything that waited for you comes in one message." });
  };
}
