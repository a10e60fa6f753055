import { describe, expect, it } from "vitest";
import { newShortId, parseResponderCommand, SHORT_ID_ALPHABET, SHORT_ID_LENGTH } from "../../../src/domain/hotline/commands";

describe("parseResponderCommand", () => {
  it.each([
    ["ACCEPT K7Q2A", { type: "accept", shortId: "K7Q2A" }],
    ["accept k7q2a", { type: "accept", shortId: "K7Q2A" }],
    ["Aceptar K7Q2A", { type: "accept", shortId: "K7Q2A" }],
    ["ACCEPT", { type: "accept", shortId: null }],
    ["TRANSFER K7Q2A", { type: "transfer", shortId: "K7Q2A" }],
    ["transferir k7q2a", { type: "transfer", shortId: "K7Q2A" }],
  ])("%s", (body, expected) => {
    expect(parseResponderCommand(body)).toEqual(expected);
  });

  it("DONE keeps the whole note", () => {
    expect(parseResponderCommand("DONE K7Q2A safe with sister, plan made")).toEqual({
      type: "done",
      shortId: "K7Q2A",
      note: "safe with sister, plan made",
    });
    expect(parseResponderCommand("listo K7Q2A: está con su hermana")).toEqual({
      type: "done",
      shortId: "K7Q2A",
      note: "está con su hermana",
    });
  });

  it("a message addressed to a case by a leading id is a relay to that case", () => {
    expect(parseResponderCommand("K7Q2A: are you somewhere safe?")).toEqual({
      type: "relay",
      shortId: "K7Q2A",
      text: "are you somewhere safe?",
    });
    expect(parseResponderCommand("#K7Q2A are you safe")).toEqual({ type: "relay", shortId: "K7Q2A", text: "are you safe" });
  });

  it("ordinary sentences that start with a command word are relays, not commands", () => {
    expect(parseResponderCommand("Accept that you did your best today")).toEqual({
      type: "relay",
      shortId: null,
      text: "Accept that you did your best today",
    });
    expect(parseResponderCommand("done with the call? text me back")).toMatchObject({ type: "relay", shortId: null });
    expect(parseResponderCommand("Are you safe right now?")).toEqual({ type: "relay", shortId: null, text: "Are you safe right now?" });
  });
});

describe("newShortId", () => {
  it("uses only the unambiguous alphabet at the fixed length", () => {
    for (let i = 0; i < 200; i++) {
      const id = newShortId();
      expect(id).toHaveLength(SHORT_ID_LENGTH);
      for (const ch of id) expect(SHORT_ID_ALPHABET).toContain(ch);
    }
    expect(SHORT_ID_ALPHABET).not.toMatch(/[IO01L]/);
  });
  it("is driven by the random source it is given", () => {
    expect(newShortId(() => 0)).toBe("AAAAA");
  });
});
