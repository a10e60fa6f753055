import { describe, expect, it } from "vitest";
import { isAboutSomeoneElse, isChildSafety, screenForCrisis, type CrisisCategory, type CrisisLevel } from "../../../src/domain/crisis/index.js";
import { normalise } from "../../../src/domain/crisis/normalise.js";

const levelOf = (text: string): CrisisLevel => screenForCrisis(text).level;

function expectScreen(text: string, level: CrisisLevel, category?: CrisisCategory): void {
  const screen = screenForCrisis(text);
  expect(screen.level, `level for ${JSON.stringify(text)} (rules: ${screen.ruleIds.join(",")})`).toBe(level);
  if (category !== undefined) expect(screen.categories, JSON.stringify(text)).toContain(category);
}

describe("normalise", () => {
  it("lower-cases, strips accents and punctuation, collapses whitespace", () => {
    expect(normalise("  Me QUIERO   morir!!! ")).toBe("me quiero morir");
    expect(normalise("AYÚDAME")).toBe("ayudame");
    expect(normalise("¿Recaí?")).toBe("recai");
  });
  it("collapses stretched letters", () => {
    expect(normalise("pleaseee")).toBe("please");
    expect(normalise("nooooo")).toBe("no");
  });
  it("maps crisis emoji to words and drops neutral ones", () => {
    expect(normalise("💊💀")).toBe("pills death");
    expect(normalise("🔫")).toBe("gun");
    expect(normalise("🔪 ⚰️ ☠️ 🪦")).toBe("knife death death death");
    expect(normalise("ok 😭")).toBe("ok");
    expect(normalise("lol 😂")).toBe("lol lol");
  });
  it("keeps overdose spellings apart from the word odd", () => {
    expect(normalise("he OD'd")).toBe("he oded");
    expect(normalise("o.d. at my house")).toBe("od at my house");
    expect(normalise("od’ing")).toBe("oding");
    expect(normalise("that's odd")).toBe("thats odd");
  });
  it("expands texting shorthand", () => {
    expect(normalise("i wanna b dead")).toBe("i want to be dead");
    expect(normalise("im gonna")).toBe("i am going to");
    expect(normalise("i want 2 die")).toBe("i want to die");
    expect(normalise("2 rough day")).toBe("2 rough day");
  });
});

describe("screenForCrisis — shape and levels", () => {
  it("returns none with no categories for ordinary text", () => {
    expect(screenForCrisis("good")).toEqual({ level: "none", categories: [], ruleIds: [] });
    expect(screenForCrisis("")).toEqual({ level: "none", categories: [], ruleIds: [] });
  });
  it("imminent wins over concern and lists both, most severe first", () => {
    const screen = screenForCrisis("i relapsed and i want to die");
    expect(screen.level).toBe("imminent");
    expect(screen.categories).toEqual(["suicide_self_harm", "return_to_use"]);
  });
  it("records rule ids, never the message", () => {
    const screen = screenForCrisis("i want to kill myself");
    expect(screen.ruleIds.length).toBeGreaterThan(0);
    for (const id of screen.ruleIds) expect(id).toMatch(/^[a-z]+\.[a-z0-9_]+$/);
  });
});

describe("STOP and HELP carrier keywords", () => {
  it("STOP with crisis content is imminent (the screen runs before STOP)", () => {
    expectScreen("STOP i want to die", "imminent", "suicide_self_harm");
    expectScreen("stop. kms", "imminent", "suicide_self_harm");
  });
  it("plain HELP/STOP is not a crisis", () => {
    for (const t of ["HELP", "help", "Help!!!", "HELPPP", "STOP", "stop", "Stop."]) expect(levelOf(t), t).toBe("none");
  });
  it("HELP plus crisis content is a crisis by content", () => {
    expectScreen("help i took too many pills", "imminent", "overdose_medical");
    expectScreen("HELP he is hitting me", "imminent", "violence_abuse");
  });
  it("repeated help is not the info keyword", () => {
    expectScreen("HELP HELP HELP", "imminent", "explicit_help");
  });
});

describe("explicit help keywords", () => {
  it.each(["SOS", "sos", "CRISIS", "EMERGENCY", "HELP ME", "help me please", "AYUDA", "ayuda!!", "AUXILIO", "AYUDAME", "AYÚDAME", "Emergencia", "🆘", "please SOS"])(
    "%s is explicit help",
    (t) => expectScreen(t, "imminent", "explicit_help"),
  );
  it("voseo 'sos' is not a request for help", () => {
    expect(levelOf("sos una genia gracias")).toBe("none");
    expect(levelOf("vos sos lo mas")).toBe("none");
  });
  it("keyword only counts at the start", () => {
    expect(levelOf("can u help me find a meeting")).toBe("none");
    expect(levelOf("the crisis line number is on the card")).toBe("none");
  });
});

describe("suicide / self-harm slang and misspellings", () => {
  it.each([
    "kms",
    "kys",
    "thinking about unaliving myself",
    "i wanna die",
    "i want to die",
    "wanna b dead",
    "gonna end it all",
    "i want to go to sleep and not wake up",
    "i feel suicidal",
    "suicde",
    "sucide thoughts again",
    "gonna kil myself",
    "i want to kill my self",
    "im going to jump off a bridge",
    "i have a bottle of meds and im going to take them all",
    "gun to my head rn",
    "💊💊💊💀",
    "i want to dieeee",
  ])("%s", (t) => expectScreen(t, "imminent", "suicide_self_harm"));

  it.each([
    "me quiero morir",
    "quiero morirme",
    "no quiero vivir",
    "ya no quiero vivir",
    "voy a quitarme la vida",
    "quiero matarme",
    "me voy a matar",
    "pienso en el suicidio",
    "estoy pensando en suicidarme",
    "quiero cortarme",
    "me voy a tirar del puente",
    "tengo la pistola y ya decidi",
    "tengo la cuerda lista",
    "tengo las pastillas en la mano, adios",
  ])("%s", (t) => expectScreen(t, "imminent", "suicide_self_harm"));

  it("negated intent is not paged nor asked about, but goes to the peer", () => {
    expectScreen("im not suicidal just exhausted", "concern", "negated_self_harm");
    expectScreen("no me voy a matar tranquila", "concern", "negated_self_harm");
  });
  it("a haircut is not self-harm", () => {
    expect(levelOf("me voy a cortar el pelo")).toBe("none");
    expect(levelOf("voy a cortarme el pelo")).toBe("none");
  });
});

describe("overdose / medical", () => {
  it.each([
    "he OD'd",
    "she od",
    "i think he oded",
    "o.d. in the bathroom",
    "my friend overdosed",
    "i think i overdoes",
    "sobredosis",
    "hes not breathing",
    "took a whole bottle of pills",
    "no respira",
    "gave him narcan",
    "cant wake her up",
  ])("%s", (t) => expectScreen(t, "imminent", "overdose_medical"));

  it("historical or topical overdose mentions do not page", () => {
    expect(levelOf("went to the overdose awareness vigil")).toBe("none");
    expect(levelOf("narcan training was good")).toBe("none");
    expect(levelOf("lost my brother to an overdose 3 years ago today")).toBe("none");
  });
  it("a recent overdose still pages", () => {
    expect(levelOf("i od'd an hour ago and feel weird")).toBe("imminent");
  });
});

describe("child danger", () => {
  it.each([
    "my baby swallowed my pills",
    "my son isnt breathing",
    "he is hitting my kids",
    "mi bebe no respira",
    "le esta pegando a mi hijo",
    "no encuentro a mi hija",
  ])("%s", (t) => {
    const screen = screenForCrisis(t);
    expect(screen.level).toBe("imminent");
    expect(isChildSafety(screen)).toBe(true);
  });
  // A child named in a text about violence now is at risk too, whatever the phrasing.
  it.each([
    "he's hitting me and the baby",
    "me pega a mí y al niño",
    "my boyfriend is beating me and my kids are here",
    "he's choking me and my daughter is watching",
    "mi esposo me está golpeando y mis hijos están aquí",
  ])("violence with a child present: %s", (t) => {
    const screen = screenForCrisis(t);
    expect(screen.level).toBe("imminent");
    expect(screen.categories).toContain("violence_abuse");
    expect(isChildSafety(screen)).toBe(true);
  });
  it("violence without a child stays an adult case", () => {
    expect(isChildSafety(screenForCrisis("he punched me"))).toBe(false);
    expect(isChildSafety(screenForCrisis("he is choking me"))).toBe(false);
  });
  it("isChildSafety is false without child danger", () => {
    expect(isChildSafety(screenForCrisis("i want to die"))).toBe(false);
    expect(isChildSafety(screenForCrisis("picked up my kids from school"))).toBe(false);
  });
  it("negated harm does not page", () => {
    expect(levelOf("i would never hurt my kids")).toBe("none");
  });
});

describe("violence / abuse", () => {
  it.each(["hes hitting me", "he's hitting me", "my bf is choking me", "he said hes gonna kill me", "me está pegando", "mi esposo me quiere matar"])(
    "%s",
    (t) => expectScreen(t, "imminent", "violence_abuse"),
  );
  it("'hit me up' is not violence", () => {
    expect(levelOf("he hit me up about a job")).toBe("none");
  });
});

describe("figurative speech does not page", () => {
  it.each([
    "this traffic is killing me",
    "my feet are killing me",
    "I'm dying to see my kids",
    "me muero de hambre",
    "me muero de risa",
    "I could kill for a coffee",
    "dead tired",
    "this heat is killing me",
    "lol i'm dead 😂",
    "me mata el calor",
    "💀💀💀",
    "my mom is gonna kill me lol",
    "el trafico me mato hoy",
  ])("%s", (t) => expect(levelOf(t)).toBe("none"));

  it("a joke does not hide a disclosure in the same text", () => {
    expectScreen("lol im dead 😂 but honestly i want to die", "imminent", "suicide_self_harm");
  });
  it("figurative Spanish keeps craving meaning", () => {
    expectScreen("me muero de ganas de usar", "concern", "cravings");
  });
});

describe("possible and concern", () => {
  it.each(["I used last night", "i relapsed", "recaí", "volví a consumir", "failed my UA"])("%s → return_to_use", (t) =>
    expectScreen(t, "concern", "return_to_use"),
  );
  it.each(["craving so bad", "tengo ganas de usar", "i really want to use"])("%s → cravings", (t) =>
    expectScreen(t, "concern", "cravings"),
  );
  it.each(["what's the point", "no puedo más", "i give up"])("%s → hopelessness, asked back", (t) =>
    expectScreen(t, "possible", "hopelessness"),
  );
  it("'used to' and 'used my' are not relapse", () => {
    expect(levelOf("i used to drink every day")).toBe("none");
    expect(levelOf("used my bus pass")).toBe("none");
  });
  it("food cravings are not cravings", () => {
    expect(levelOf("craving tacos lol")).toBe("none");
  });
});

describe("ordinary check-in replies", () => {
  it.each(["5", "good", "ok i guess", "bien gracias", "😊", "3 tired but ok", "at my meeting", "can u call me tmrw about court", "running late to drug test"])(
    "%s",
    (t) => expect(levelOf(t)).toBe("none"),
  );
});

describe("long and adversarial texts", () => {
  // Their speed is measured in bench/crisis-accuracy.ts (no wall-clock bar in tests).
  it("screens a long SMS chain and a run of one-letter words", () => {
    const long = "i am so tired of this traffic and my feet hurt and ".repeat(30) + "i want to die";
    expect(screenForCrisis(long).level).toBe("imminent");
    expect(screenForCrisis("a ".repeat(800)).level).toBe("none");
  });
});

describe("normalisation by kind (issue 10)", () => {
  it.each([
    ["k.m.s", "kms"],
    ["k m s", "kms"],
    ["s u i c i d a l", "suicidal"],
    ["su1c1dal", "suicidal"],
    ["k1ll mys3lf", "kill myself"],
    ["d!e", "die"],
    ["want 2 dye", "want to die"],
    ["dnt wanna b here n e more", "dont want to be here anymore"],
    ["thinkin bout endin it", "thinking about ending it"],
    ["queriéndome matar", "queriendo me matar"],
    ["hacerme daño", "hacer me dano"],
    ["k me kiero morir", "que me quiero morir"],
  ])("%s → %s", (raw, expected) => expect(normalise(raw)).toBe(expected));
  it("leaves numbers with units, single-letter words and dyeing alone", () => {
    expect(normalise("at 10am on the 3rd")).toBe("at 10am on the 3rd");
    expect(normalise("u r a good mom")).toBe("you are a good mom");
    expect(normalise("i want to dye my hair")).toBe("i want to dye my hair");
    expect(normalise("he wants to die his hair blue")).toBe("he wants to dye his hair blue");
    expect(normalise("k")).toBe("ok");
    expect(normalise("la muerte")).toBe("la muerte");
  });
});

describe("three outcomes", () => {
  it.each(["i want to disappear", "i hate myself", "i cant take it anymore", "quiero desaparecer", "me odio", "ya no puedo"])(
    "%s → possible (ask back)",
    (t) => expectScreen(t, "possible", "hopelessness"),
  );
  it("intent, method or farewell beats ambiguity", () => {
    expectScreen("i want to disappear. pills counted out", "imminent", "suicide_self_harm");
    expectScreen("quiero desaparecer de este mundo para siempre", "imminent", "suicide_self_harm");
  });
});

describe("crisis about someone else", () => {
  it.each(["my husband says he wants to kill himself", "my son told me hes suicidal", "mi esposo dice que se quiere matar", "mi hija se esta cortando"])(
    "%s → third_party",
    (t) => {
      const screen = screenForCrisis(t);
      expect(screen.level).toBe("imminent");
      expect(isAboutSomeoneElse(screen), screen.ruleIds.join()).toBe(true);
    },
  );
  it("the sender's own risk is not about someone else", () => {
    expect(isAboutSomeoneElse(screenForCrisis("my husband says he wants to kill himself and i want to die too"))).toBe(false);
    expect(isAboutSomeoneElse(screenForCrisis("i want to kill myself"))).toBe(false);
  });
  it("harmless third-person plans are not a crisis", () => {
    expect(levelOf("my son wants to jump off the diving board")).toBe("none");
    expect(levelOf("my friend says she wants to come to group")).toBe("none");
  });
});

describe("laughter is scoped", () => {
  it("lowers self-directed hyperbole one step", () => {
    expectScreen("kms lol", "possible", "hopelessness");
    expectScreen("me quiero morir jaja", "possible", "hopelessness");
    expect(levelOf("i hate my life lol")).toBe("none");
    expect(levelOf("hes gonna kill me for telling you lol")).toBe("none");
  });
  it("does not lower a disclosure after a turn, a plan, or a text that says it is serious", () => {
    expectScreen("lol im dead but honestly i want to die", "imminent", "suicide_self_harm");
    expectScreen("i wanna die fr no joke lol", "imminent", "suicide_self_harm");
    expectScreen("pills counted out lol", "imminent", "suicide_self_harm");
  });
});

describe("scoped false positives (issue 10)", () => {
  it.each([
    "no quiero despertar a nadie",
    "we watched suicide squad",
    "vimos escuadron suicida",
    "me quiero morir de la vergüenza jaja",
    "that boss fight is suicidal",
    "no quiero vivir en este barrio",
    "quiero matar el tiempo",
    "ayuda con los papeles por favor",
    "mi mamá me va a matar si llego tarde",
  ])("%s → none", (t) => expect(levelOf(t)).toBe("none"));
  it("the same words with risk still fire", () => {
    expectScreen("no quiero despertar", "imminent", "suicide_self_harm");
    expectScreen("no quiero vivir", "imminent", "suicide_self_harm");
    expectScreen("ayuda", "imminent", "explicit_help");
    expectScreen("mi mamá me va a matar, me está pegando", "imminent", "violence_abuse");
  });
});

describe("kinds with words in between", () => {
  it.each([
    ["i dont even want to be here anymore", "suicide_self_harm"],
    ["everyone would be happier if i was gone", "suicide_self_harm"],
    ["if they take my kids im done", "suicide_self_harm"],
    ["i shot up way too much and my chest feels weird", "overdose_medical"],
    ["gave her narcan twice and it's still not working", "overdose_medical"],
    ["baby swallowed some of my methadone", "child_danger"],
    ["i dont feel safe at home", "violence_abuse"],
    ["i want to fucking stab my landlord", "violence_abuse"],
  ] as const)("%s", (t, category) => expectScreen(t, "imminent", category));
});

describe("a suicide word is a disclosure, not a topic", () => {
  it("fires when the sender is in the text or the text is SMS-short", () => {
    for (const t of ["suicidal", "suicidal thoughts again", "been suicidal all week", "i keep thinking about suicide", "me siento suicida"]) {
      expect(levelOf(t), t).toBe("imminent");
    }
  });
  it("does not page on a long text about suicide in general", () => {
    expect(levelOf("the report on the news says teens mental health and suicidal thoughts are rising across the country")).toBe("none");
  });
});

describe("finality without a method word (round 5) and its everyday look-alikes", () => {
  it.each([
    "i've made up my mind, tonight is it",
    "ya lo decidí, esta noche",
    "this is my last text",
    "este es mi último mensaje",
    "i wrote letters to everyone",
    "les dejé cartas a todos",
    "please take care of my kids for me",
    "i'm giving all my things away",
    "got my dad's gun out of the safe. i'm done",
    "i can't keep myself safe",
    "no me puedo mantener a salvo",
    "911",
    "911 please",
  ])("pages on %s", (t) => expectScreen(t, "imminent", t.startsWith("911") ? "explicit_help" : "suicide_self_harm"));

  it.each([
    "this is my last day at work",
    "tonight is the night! date night",
    "i gave away my old clothes",
    "call 911 if you see the dog loose lol",
    "i wrote a letter to my son's teacher",
    "can you take care of the kids tomorrow while i work?",
    "my pills are ready to pick up at walgreens",
    "hoy es el día de la graduación de mi hija",
    "llamé al 911 por el accidente en la esquina, todos bien",
  ])("does not page on %s", (t) => expect(levelOf(t), t).not.toBe("imminent"));
});

describe("cue combinations ask back (round 6)", () => {
  it("asks when two families meet and stays quiet on one", () => {
    expect(screenForCrisis("love you, sorry, don't be mad at me").level).toBe("possible");
    expect(screenForCrisis("ya tengo las pills, tonight").level).not.toBe("none");
    expect(levelOf("goodbye for now, see you thursday")).toBe("none");
    expect(levelOf("i'm on the bridge, stuck in traffic, will be late")).toBe("none");
  });
});
