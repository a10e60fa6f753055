import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ACTION } from "../../src/adapters/slack/blocks";
import { waitFor, type Harness } from "../support/harness";
import { blockText, buttonPress, linkedParent, parentTexts, PEER_SLACK_USER, postCommand, postEvent, postInteraction, posted, slackHarness } from "./helpers";

describe("SLACK_REDACT=true: Slack history holds initials and 'open to read', never a body", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await slackHarness({ env: { SLACK_REDACT: "true" } });
    h.startWorkers();
  });
  afterEach(async () => h.close());

  it("notes, buttons, thread replies and the caseload carry no body or name; Open shows the text in a modal only", async () => {
    const { phone, participantId } = await linkedParent(h);
    const secret = "I used again last night, please don't tell anyone";
    // The text is also a return-to-use concern: two notes (message + concern), two posts.
    const [first] = await parentTexts(h, phone, secret, 2);
    expect(blockText(first!)).toContain("*A.* — new message — open to read");
    expect(String(first!.args.text)).toBe("A.: new message — open to read");

    const note = (await h.store.notifications.list({ participantId })).find((n) => n.kind === "parent_message");
    await postInteraction(h, buttonPress(ACTION.acknowledge, note!.id, posted(first!)));
    await waitFor(() => h.fakeSlack!.callsTo("chat.update")[0]);
    await postEvent(h, { type: "message", channel: posted(first!).channel, user: PEER_SLACK_USER, text: "Calling you now", ts: "1790000555.000001", thread_ts: posted(first!).ts });
    await waitFor(() => h.fakeSlack!.callsTo("reactions.add")[0]);
    await postCommand(h, "/caseload", "", PEER_SLACK_USER, "cl");
    const caseload = await waitFor(() => h.fakeSlack!.responses.find((r) => r.id === "cl"));
    expect(JSON.stringify(caseload.body.blocks)).toContain("*A.*");

    // Everything that went into channel history so far: no body, no name, no number.
    const history = h.fakeSlack!.everythingSent();
    for (const leak of ["used again", "Ana", phone, phone.slice(2)]) expect(history).not.toContain(leak);

    await postInteraction(h, buttonPress(ACTION.open, note!.id, posted(first!)));
    const modal = await waitFor(() => h.fakeSlack!.callsTo("views.open")[0]);
    expect(JSON.stringify(modal.args.view)).toContain("I used again last night");
    expect((modal.args.view as { type: string }).type).toBe("modal");
  });
});
