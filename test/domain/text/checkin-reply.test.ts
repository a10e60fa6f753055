import { describe, expect, it } from "vitest";
import { parseCheckinReply, type ParsedReply } from "../../../src/domain/text/checkin-reply.js";

function score(body: string): number | "unparsed" {
  const r = parseCheckinReply(body);
  return r.kind === "score" ? r.score : "unparsed";
}

describe("parseCheckinReply: digits", () => {
  it.each<[string, number]>([
    ["4", 4],
    ["4!", 4],
    [" 1 ", 1],
    ["5.", 5],
    ["3 tired but ok", 3],
    ["im a 2 today", 2],
    ["I'm a 2 today", 2],
    ["4/5", 4],
    ["4 / 5", 4],
    ["5 out of 5", 5],
    ["1 outta 5", 1],
    ["4 de 5", 4],
    ["#3", 3],
    ["# 3", 3],
    ["4️⃣", 4],
    ["４", 4], // full-width digit
    ["2, kids are sick", 2],
    ["4 - slept badly", 4],
    ["4 😊", 4],
    ["5 😭", 5], // the explicit number wins over an emoji
    ["hoy estoy un 3", 3],
    ["2 kids sick, I'm a 3", 3], // "2 kids" is a quantity
    ["4 not 2", 4], // first standalone 1-5 wins
    ["5 not good", 5],
    ["3rd day clean, 4", 4],
    ["long week with court and visits, but honestly I am a 3/5", 3], // explicit form survives length
    ["4 - long day but the kids were great at the park and I made it to my meeting", 4], // leading digit
  ])("%j → %d", (body, expected) => {
    expect(score(body)).toBe(expected);
  });

  it.each([
    "10",
    "0",
    "6",
    "03",
    "10/10",
    "5 out of 10",
    "0 out of 5",
    "6/5",
    "3/4", // a date
    "4/5/24",
    "3.5",
    "3,5",
    "2-3",
    "3 - 4",
    "3 or 4",
    "3 o 4",
    "2 to 3",
    "3 and a half",
    "3 y medio",
    "3½",
    "$5",
    "5%",
    "-2",
    "+3",
    "3 days clean",
    "2 kids",
    "voy a 3 reuniones",
    "3 de mayo",
    "day 3",
    "step 4",
    "4 slept badly", // an unknown word straight after reads as a quantity
    "slept 8 hours, feeling good", // numbers present but none is a score: do not fall back to words
    "Had a long day at court and the judge said I have 3 more months to go",
  ])("%j → unparsed", (body) => {
    expect(score(body)).toBe("unparsed");
  });
});

describe("parseCheckinReply: times and phone numbers", () => {
  it.each([
    "call me at 555",
    "see u at 3:30",
    "im a 4, see u at 3:30",
    "meeting at 3",
    "a las 3",
    "5am",
    "4 pm works",
    "4 o'clock",
    "my new number is 555-555-0100",
    "+1 555 555 0100",
    "(555) 555 0100 good",
    "4 @ 5",
  ])("%j → unparsed", (body) => {
    expect(score(body)).toBe("unparsed");
  });
});

describe("parseCheckinReply: number words", () => {
  it.each<[string, number]>([
    ["four", 4],
    ["Four!", 4],
    ["cuatro", 4],
    ["tres", 3],
    ["uno", 1],
    ["una", 1],
    ["I'm a four today", 4],
    ["feeling like a three", 3],
    ["four out of five", 4],
    ["cuatro de cinco", 4],
    ["me siento como un dos", 2],
    ["Cinco 🙂", 5], // explicit number beats the emoji
  ])("%j → %d", (body, expected) => {
    expect(score(body)).toBe(expected);
  });

  it.each(["one day at a time", "no one cares", "two of my kids are sick", "cinco de mayo", "one more day", "three four"])(
    "%j → unparsed",
    (body) => {
      expect(score(body)).toBe("unparsed");
    },
  );
});

describe("parseCheckinReply: English mood words", () => {
  it.each<[string, number]>([
    ["great", 5],
    ["Awesome!", 5],
    ["amazing", 5],
    ["really good", 5],
    ["very good", 5],
    ["good", 4],
    ["Good.", 4],
    ["pretty good", 4],
    ["I'm fine", 4],
    ["doing well", 4],
    ["goooood", 4],
    ["can't complain", 4],
    ["ok", 3],
    ["OK", 3],
    ["okay", 3],
    ["okkk", 3],
    ["alright", 3],
    ["all right", 3],
    ["meh", 3],
    ["so-so", 3],
    ["so so", 3],
    ["tired", 3],
    ["could be better", 3],
    ["not bad", 3],
    ["not too bad", 3],
    ["not the worst", 3],
    ["not very good", 3],
    ["not that great", 3],
    ["not good", 2],
    ["not great", 2],
    ["not so good", 2],
    ["I'm not feeling good", 2],
    ["don't feel good", 2],
    ["not ok", 2],
    ["im not okay", 2],
    ["rough", 2],
    ["rough day", 2],
    ["bad", 2],
    ["sad", 2],
    ["feeling down", 2],
    ["down", 2],
    ["struggling", 2],
    ["well... rough day", 2], // "well" as a discourse marker
    ["terrible", 1],
    ["awful", 1],
    ["horrible", 1],
    ["worst day ever", 1],
    ["really bad", 1],
    ["No, I'm good", 4], // the comma separates the "no"
    ["no im good", 2], // without it, the cautious reading
    ["good, you?", 4],
    ["good how about you?", 4],
    ["great wbu", 5],
    ["good but tired", 3], // adjacent signals: the lower one
    ["ok thanks", 3],
  ])("%j → %d", (body, expected) => {
    expect(score(body)).toBe(expected);
  });
});

describe("parseCheckinReply: Spanish mood words", () => {
  it.each<[string, number]>([
    ["excelente", 5],
    ["¡Genial!", 5],
    ["muy bien", 5],
    ["¡Muy bien, gracias!", 5],
    ["bien", 4],
    ["Bien", 4],
    ["estoy bien", 4],
    ["Bien y tú?", 4],
    ["bien y usted?", 4],
    ["Estoy bien gracias a Dios", 4],
    ["más o menos", 3],
    ["mas o menos", 3],
    ["Más o menos.", 3],
    ["regular", 3],
    ["normal", 3],
    ["ahí vamos", 3],
    ["ni bien ni mal", 3],
    ["cansada", 3],
    ["no muy bien", 3],
    ["no tan mal", 3],
    ["no me siento mal", 3],
    ["no estoy bien", 2],
    ["mal", 2],
    ["triste", 2],
    ["muy mal", 1],
    ["bien mal", 1],
    ["fatal", 1],
    ["terrible", 1],
    ["pésimo", 1],
    ["PESIMO", 1],
  ])("%j → %d", (body, expected) => {
    expect(score(body)).toBe(expected);
  });
});

describe("parseCheckinReply: emoji", () => {
  it.each<[string, number]>([
    ["🤩", 5],
    ["😍", 5],
    ["🥰", 5],
    ["😀", 4],
    ["😁", 4],
    ["👍", 4],
    ["👍🏽", 4], // skin tone
    ["🙂", 4],
    ["😊", 4],
    ["😐", 3],
    ["😶", 3],
    ["🤷", 3],
    ["🤷‍♀️", 3], // ZWJ sequence
    ["😕", 2],
    ["🙁", 2],
    ["😔", 2],
    ["😢", 2],
    ["😭", 1],
    ["😭😭😭", 1],
    ["😩", 1],
    [":)", 4],
    [":-(", 2],
    [":D", 4],
    ["im ok :)", 3], // words decide when signals are adjacent
    ["great 🤩", 5],
  ])("%j → %d", (body, expected) => {
    expect(score(body)).toBe(expected);
  });

  it.each(["great 🙄", "fine 🙃", "😂", "great 😭", "😊😢", "❤️", "🎉"])("%j → unparsed", (body) => {
    expect(score(body)).toBe("unparsed");
  });
});

describe("parseCheckinReply: conservative cases", () => {
  it.each([
    "",
    "   ",
    "?",
    "no",
    "yes",
    "good morning!",
    "Good night",
    "my bad",
    "calm down",
    "well",
    "is it ok if I miss group?",
    "you ok?",
    "¿estás bien?",
    "4, can you call me?",
    "2 please call me",
    "I need to talk",
    "necesito hablar con alguien, mal",
    "good but terrible night",
    "thanks for checking in, it was a long week with the kids but we made it",
    "what time is group",
    // more than ten words: a conversation for the peer, even with a mood word or digit in it
    "thanks for checking in, the kids and I had a good weekend together",
    "long week with court and visits, but honestly I am a 3",
    "gr8 2day", // texting shorthand we do not try to read
  ])("%j → unparsed", (body) => {
    expect(score(body)).toBe("unparsed");
  });
});

describe("parseCheckinReply: matched text", () => {
  it.each<[string, ParsedReply]>([
    ["4!", { kind: "score", score: 4, matched: "4" }],
    ["#3", { kind: "score", score: 3, matched: "#3" }],
    ["5 out of 5 today", { kind: "score", score: 5, matched: "5 out of 5" }],
    ["Más o menos", { kind: "score", score: 3, matched: "Más o menos" }],
    ["honestly NOT very good", { kind: "score", score: 3, matched: "NOT very good" }],
    ["¡Muy bien!", { kind: "score", score: 5, matched: "Muy bien" }],
    ["😢", { kind: "score", score: 2, matched: "😢" }],
    ["Cuatro de cinco", { kind: "score", score: 4, matched: "Cuatro de cinco" }],
  ])("%j", (body, expected) => {
    expect(parseCheckinReply(body)).toEqual(expected);
  });

  it("reports the original spelling even with decomposed accents", () => {
    const body = "ma\u0301s o menos";
    expect(parseCheckinReply(body)).toEqual({ kind: "score", score: 3, matched: body });
  });
});

// Catastrophic regex backtracking on these inputs would run for hours, far past the test
// timeout; a linear parser finishes in milliseconds. No wall-clock bound is asserted, so a
// slow machine cannot fail them.
describe("parseCheckinReply: robustness", () => {
  it("handles a very long message and leaves it unparsed", () => {
    expect(score("good ".repeat(5000))).toBe("unparsed");
  });

  it("handles a long run of digits and separators", () => {
    expect(parseCheckinReply("1 ".repeat(5000) + "x")).toEqual({ kind: "unparsed" });
    expect(parseCheckinReply("1-".repeat(5000))).toEqual({ kind: "unparsed" });
  });
});
