/**
 * Derived values (`derive: { template: "..." }`, SPEC section 7): `{NAME}` inserts a value,
 * `{NAME|url}` percent-encodes it, `{{` and `}}` are literal braces. Pure; errors never quote values.
 */

/** A piece of a parsed derived template. */
export type DerivedPart = { kind: 'literal'; text: string } | { kind: 'value'; name: string; filters: string[] };

/** Filters a `{NAME|filter}` may apply; a new filter is one entry here. */
export const DERIVE_FILTERS: Readonly<Record<string, (value: string) => string>> = {
  // RFC 3986 userinfo, path and query all accept the result; encodeURIComponent leaves !'()* alone.
  url: (value) => encodeURIComponent(value).replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`),
};

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Splits a template into literal and value parts, or says what is malformed and where. */
export function parseDerivedTemplate(template: string): { parts: DerivedPart[] } | { error: string } {
  const parts: DerivedPart[] = [];
  let literal = '';
  let index = 0;
  while (index < template.length) {
    const character = template[index] as string;
    const next = template[index + 1];
    if ((character === '{' || character === '}') && next === character) {
      literal += character;
      index += 2;
    } else if (character === '}') {
      return { error: `unmatched "}" at offset ${index} (write "}}" for a literal brace)` };
    } else if (character === '{') {
      const close = template.indexOf('}', index + 1);
      if (close === -1) return { error: `unterminated "{" at offset ${index}` };
      const part = parseExpression(template.slice(index + 1, close), index);
      if ('error' in part) return part;
      if (literal !== '') parts.push({ kind: 'literal', text: literal });
      literal = '';
      parts.push(part);
      index = close + 1;
    } else {
      literal += character;
      index += 1;
    }
  }
  if (literal !== '') parts.push({ kind: 'literal', text: literal });
  return { parts };
}

function parseExpression(expression: string, offset: number): DerivedPart | { error: string } {
  const [name = '', ...filters] = expression.split('|');
  if (!NAME.test(name)) return { error: `"{${expression}}" at offset ${offset} does not start with a variable name` };
  const unknown = filters.find((filter) => !Object.hasOwn(DERIVE_FILTERS, filter));
  if (unknown !== undefined) {
    return { error: `unknown filter "${unknown}" at offset ${offset} (expected ${Object.keys(DERIVE_FILTERS).join(', ')})` };
  }
  return { kind: 'value', name, filters };
}

/** Names a template reads, once each, in order of first use; empty for a malformed template. */
export function templateDependencies(template: string): string[] {
  const parsed = parseDerivedTemplate(template);
  return 'error' in parsed ? [] : namesOf(parsed.parts);
}

function namesOf(parts: DerivedPart[]): string[] {
  return [...new Set(parts.flatMap((part) => (part.kind === 'value' ? [part.name] : [])))];
}

/** Renders a template with `values`; reports every missing name, or the first syntax error. */
export function renderDerivedTemplate(
  template: string,
  values: (name: string) => string | undefined,
): { value: string } | { missing: string[] } | { error: string } {
  const parsed = parseDerivedTemplate(template);
  if ('error' in parsed) return parsed;
  const missing = namesOf(parsed.parts).filter((name) => values(name) === undefined);
  if (missing.length > 0) return { missing };
  let value = '';
  for (const part of parsed.parts) {
    if (part.kind === 'literal') {
      value += part.text;
      continue;
    }
    let text = values(part.name) as string;
    for (const filter of part.filters) {
      try {
        text = (DERIVE_FILTERS[filter] as (input: string) => string)(text);
      } catch {
        // encodeURIComponent throws on a lone surrogate; name the variable, not its value.
        return { error: `the value of ${part.name} cannot pass the ${filter} filter (it is not valid Unicode)` };
      }
    }
    value += text;
  }
  return { value };
}
