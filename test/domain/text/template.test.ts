import { describe, expect, it } from "vitest";
import { renderTemplate, TemplateError, templateVariables } from "../../../src/domain/text/template.js";

function errorOf(fn: () => unknown): TemplateError {
  try {
    fn();
  } catch (e) {
    if (e instanceof TemplateError) return e;
    throw e;
  }
  throw new Error("expected a TemplateError");
}

describe("renderTemplate", () => {
  it("replaces placeholders, repeated ones too", () => {
    expect(renderTemplate("Hi {firstName}, {peerName} here. Bye {firstName}!", { firstName: "Ana", peerName: "Luz" })).toBe(
      "Hi Ana, Luz here. Bye Ana!",
    );
  });

  it("renders numbers, including zero", () => {
    expect(renderTemplate("{points} points, {streak} day streak", { points: 0, streak: 12 })).toBe("0 points, 12 day streak");
  });

  it("keeps Spanish accents and emoji intact", () => {
    expect(renderTemplate("¿Cómo estás hoy, {firstName}? 💛", { firstName: "José" })).toBe("¿Cómo estás hoy, José? 💛");
  });

  it("allows an empty string value (the caller decided)", () => {
    expect(renderTemplate("[{x}]", { x: "" })).toBe("[]");
  });

  it("ignores extra variables", () => {
    expect(renderTemplate("Hello", { unused: "x" })).toBe("Hello");
  });

  it("does not re-expand placeholders that appear inside values", () => {
    expect(renderTemplate("Hi {firstName}", { firstName: "{peerPhone}", peerPhone: "+15555550100" })).toBe("Hi {peerPhone}");
  });

  it("turns {{ and }} into literal braces", () => {
    expect(renderTemplate("{{not a var}} {x}", { x: 1 })).toBe("{not a var} 1");
    expect(templateVariables("{{x}}")).toEqual([]);
  });

  it("throws a TemplateError naming a missing variable", () => {
    const err = errorOf(() => renderTemplate("Hi {firstName}, see you {when}", { firstName: "Ana" }));
    expect(err.variable).toBe("when");
    expect(err.message).toContain("{when}");
    expect(err.name).toBe("TemplateError");
    expect(err).toBeInstanceOf(Error);
  });

  it("treats an explicitly undefined value as missing", () => {
    expect(errorOf(() => renderTemplate("{a}", { a: undefined })).variable).toBe("a");
  });

  it("does not resolve names from Object.prototype", () => {
    expect(errorOf(() => renderTemplate("{constructor}", {})).variable).toBe("constructor");
    expect(errorOf(() => renderTemplate("{toString}", {})).variable).toBe("toString");
  });

  it("refuses NaN and Infinity rather than texting them to a parent", () => {
    expect(errorOf(() => renderTemplate("{n}", { n: Number.NaN })).variable).toBe("n");
    expect(errorOf(() => renderTemplate("{n}", { n: Infinity })).variable).toBe("n");
  });

  it.each(["Hi {first name}", "Hi {firstName", "Hi firstName}", "Hi {}", "Hi { firstName }", "{1st}", "{nombre_del_niño}"])(
    "rejects malformed placeholder %j",
    (template) => {
      expect(() => renderTemplate(template, { firstName: "Ana", "first name": "Ana" })).toThrow(TemplateError);
    },
  );
});

describe("templateVariables", () => {
  it("lists distinct names in order of first use", () => {
    expect(templateVariables("{b} {a} {b} {c_1}")).toEqual(["b", "a", "c_1"]);
  });
  it("returns [] for plain text", () => {
    expect(templateVariables("Reply STOP to opt out.")).toEqual([]);
  });
  it("throws on malformed syntax, so start-up validation catches it", () => {
    expect(() => templateVariables("Hi {firstName")).toThrow(TemplateError);
  });
});
