/**
 * `{firstName}`-style templates for outbound texts. Anything that looks like a broken
 * placeholder ("{first name}", a lone "{") is an error rather than literal text, because
 * flows are validated at start-up and a parent should never receive "Hi {firstNme}".
 * Write "{{" or "}}" for a literal brace.
 */
export class TemplateError extends Error {
  override readonly name = "TemplateError";
  constructor(
    message: string,
    /** The placeholder at fault, when there is one. */
    readonly variable?: string,
  ) {
    super(message);
  }
}

export type TemplateVars = Readonly<Record<string, string | number | undefined>>;

type Part = { kind: "text"; text: string } | { kind: "var"; name: string };

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function parse(template: string): Part[] {
  const parts: Part[] = [];
  let text = "";
  let i = 0;
  while (i < template.length) {
    const ch = template[i];
    const next = template[i + 1];
    if ((ch === "{" && next === "{") || (ch === "}" && next === "}")) {
      text += ch;
      i += 2;
    } else if (ch === "{") {
      const close = template.indexOf("}", i + 1);
      const name = close === -1 ? "" : template.slice(i + 1, close);
      if (close === -1 || !IDENTIFIER.test(name)) {
        const shown = template.slice(i, close === -1 ? i + 20 : close + 1);
        throw new TemplateError(`malformed placeholder "${shown}" at position ${i}`);
      }
      if (text !== "") parts.push({ kind: "text", text });
      text = "";
      parts.push({ kind: "var", name });
      i = close + 1;
    } else if (ch === "}") {
      throw new TemplateError(`unmatched "}" at position ${i}`);
    } else {
      text += ch;
      i++;
    }
  }
  if (text !== "") parts.push({ kind: "text", text });
  return parts;
}

export function renderTemplate(template: string, vars: TemplateVars): string {
  let out = "";
  for (const part of parse(template)) {
    if (part.kind === "text") {
      out += part.text;
      continue;
    }
    // hasOwn: "{constructor}" must not render Object's prototype into a text message.
    const value = Object.hasOwn(vars, part.name) ? vars[part.name] : undefined;
    if (value === undefined) {
      throw new TemplateError(`template variable "{${part.name}}" has no value`, part.name);
    }
    if (typeof value === "number" && !Number.isFinite(value)) {
      throw new TemplateError(`template variable "{${part.name}}" is ${value}`, part.name);
    }
    // Values are inserted once and never re-scanned, so a name like "{x}" stays literal.
    out += String(value);
  }
  return out;
}

/** Distinct placeholder names in order of first use; throws TemplateError on bad syntax. */
export function templateVariables(template: string): string[] {
  const names: string[] = [];
  for (const part of parse(template)) {
    if (part.kind === "var" && !names.includes(part.name)) names.push(part.name);
  }
  return names;
}
