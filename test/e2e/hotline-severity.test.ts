import { afterEach, describe, expect, it } from "vitest";
import { screenForCrisis } from "../../src/domain/crisis";
import { BARE_HELP_SCREEN } from "../../src/features/inbound/ask-back";
import { openOrJoinCase, type CaseSource } from "../../src/features/hotline/hotline";
import { createHarness, type Harness } from "../support/harness";

describe("a graver text on an open case raises its severity", () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it("a bare HELP case, then an overdose text: one case, ordered as an overdose, on the timeline", async () => {
    h = await createHarness({ sms: "sandbox" });
    const now = h.deps.clock.now();
    const source: CaseSource = { via: "peer_handoff", fromPhone: "+15555550177", msg: null };
    const first = await openOrJoinCase(h.deps.store, source, null, BARE_HELP_SCREEN, now);
    expect(first.isNew).toBe(true);

    const overdose = screenForCrisis("i took too many pills and cant breathe");
    expect(overdose.level).toBe("imminent");
    const joined = await openOrJoinCase(h.deps.store, source, null, overdose, now);
    expect(joined.isNew).toBe(false);
    expect(joined.hotlineCase.id).toBe(first.hotlineCase.id);
    expect(joined.hotlineCase.severity).toBeGreaterThan(first.hotlineCase.severity);
    expect(joined.hotlineCase.categories).toContain("overdose_medical");
    const events = await h.deps.store.cases.events(first.hotlineCase.id);
    expect(events.map((e) => e.type)).toContain("severity_raised");

    // A milder text afterwards changes nothing.
    const again = await openOrJoinCase(h.deps.store, source, null, BARE_HELP_SCREEN, now);
    expect(again.hotlineCase.severity).toBe(joined.hotlineCase.severity);
  });
});
