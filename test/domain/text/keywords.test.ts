import { describe, expect, it } from "vitest";
import { classifyKeyword, KEYWORD_LISTS, type Keyword } from "../../../src/domain/text/keywords.js";

describe("classifyKeyword", () => {
  it.each<[string, Keyword]>([
    ["STOP", "stop"],
    ["stop", "stop"],
    ["  Stop.  ", "stop"],
    ["STOP!!!", "stop"],
    ["stopall", "stop"],
    ["Stop all", "stop"],
    ["unsubscribe", "stop"],
    ["Cancel", "stop"],
    ["end", "stop"],
    ["QUIT", "stop"],
    ["opt-out", "stop"],
    ["opt out", "stop"],
    ["OPTOUT", "stop"],
    ["revoke", "stop"],
    ["parar", "stop"],
    ["Para.", "stop"],
    ["detener", "stop"],
    ["CANCELAR", "stop"],
    ["baja", "stop"],
    ["¡Alto!", "stop"],
    ["salir", "stop"],
    ["start", "start"],
    ["UNSTOP", "start"],
    ["comenzar", "start"],
    ["Iniciar", "start"],
    ["reanudar", "start"],
    ["HELP", "help"],
    ["help?", "help"],
    ["info", "help"],
    ["información", "help"],
    ["INFORMACION", "help"],
    ["¿Información?", "help"],
    ["yes", "yes"],
    ["Y", "yes"],
    ["yep", "yes"],
    ["Yeah!", "yes"],
    ["si", "yes"],
    ["Sí", "yes"],
    ["SÍ.", "yes"],
    ["s", "yes"],
  ])("%j → %s", (body, expected) => {
    expect(classifyKeyword(body)).toBe(expected);
  });

  it("matches through decomposed accents, full-width letters and invisible characters", () => {
    expect(classifyKeyword("si\u0301")).toBe("yes"); // "sí" typed as i + combining acute
    expect(classifyKeyword("ＳＴＯＰ")).toBe("stop");
    expect(classifyKeyword("\u200bSTOP\u200b")).toBe("stop");
    expect(classifyKeyword("\nstop\n")).toBe("stop");
  });

  it.each([
    "stop texting me pls",
    "STOP i want to die",
    "please stop",
    "STOP STOP",
    "AYUDA", // reserved for the crisis screen (988 Spanish keyword)
    "ayuda!",
    "ok",
    "okay",
    "no",
    "subscribe",
    "help me",
    "información por favor",
    "yes please",
    "STOP 🛑",
    "",
    "   ",
    "!!!",
    "s.t.o.p",
  ])("%j → null", (body) => {
    expect(classifyKeyword(body)).toBeNull();
  });

  it("lists every keyword it matches, in both languages, and never lists AYUDA", () => {
    for (const [keyword, lists] of Object.entries(KEYWORD_LISTS)) {
      for (const word of [...lists.en, ...lists.es]) {
        expect(classifyKeyword(word)).toBe(keyword);
      }
    }
    const all = Object.values(KEYWORD_LISTS).flatMap((l) => [...l.en, ...l.es]);
    expect(all).not.toContain("AYUDA");
    expect(all).not.toContain("OK");
  });
});
