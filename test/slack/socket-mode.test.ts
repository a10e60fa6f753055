import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SLACK_APP_TOKEN } from "../support/fake-slack";
import { waitFor, type Harness } from "../support/harness";
import { linkedParent, PEER_SLACK_USER, slackHarness } from "./helpers";

describe("Socket Mode: real Bolt SocketModeReceiver over a real websocket to the fake Slack", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await slackHarness({ slack: "socket" });
    h.startWorkers();
  });
  afterEach(async () => h.close());

  it("opens the connection with the app token and serves slash commands without any public URL", async () => {
    expect(h.slack!.mode).toBe("socket");
    expect(h.slack!.http).toBeNull();
    await h.slack!.start();
    const open = h.fakeSlack!.callsTo("apps.connections.open");
    expect(open).toHaveLength(1);
    expect(open[0]!.token).toBe(SLACK_APP_TOKEN);
    expect(h.fakeSlack!.socketCount()).toBe(1);

    await linkedParent(h);
    h.fakeSlack!.pushEnvelope({
      envelope_id: "env-1",
      type: "slash_commands",
      accepts_response_payload: true,
      payload: {
        command: "/caseload",
        text: "",
        user_id: PEER_SLACK_USER,
        channel_id: "C00000001",
        team_id: "T00000001",
        response_url: h.fakeSlack!.responseUrl("sock1"),
        trigger_id: "1.2.3",
      },
    });
    await waitFor(() => h.fakeSlack!.acks.find((a) => a.envelope_id === "env-1"), 5000, "socket ack");
    const r = await waitFor(() => h.fakeSlack!.responses.find((x) => x.id === "sock1"), 5000, "caseload response");
    expect(JSON.stringify(r.body.blocks)).toContain("*Ana*");
    // The HTTP route stays off in Socket Mode.
    expect((await h.app.request("/slack/events", { method: "POST", body: "{}" })).status).toBe(404);
  });
});
