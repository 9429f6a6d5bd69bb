/**
 * Interpolation of one env-file value, as compose-go does it after reading the value: `${...}`
 * and `$NAME` through the lookup, then the keys defined earlier in the same file.
 */
import { parseTemplate } from '../compose/interpolation.js';
import type { Lookup } from '../compose/substitution.js';
import { listedArgument, listReferences, substitute } from '../compose/substitution.js';
import type { Finding } from '../findings.js';
import { makeFinding } from '../findings.js';
import type { EnvReference } from './document.js';
import type { MappedText } from './escapes.js';
import type { PositionOf } from './positions.js';

/** What interpolating one value gave. */
export interface InterpolatedValue {
  /** The value; the text before interpolation when Compose would refuse it (it refuses the file). */
  value: string;
  references: EnvReference[];
  findings: Finding[];
}

/**
 * Interpolates a value read from the file (`source`); `key`, `variable` and `file` only label the findings.
 * With `isOpaque` (a secret's value), the names it references are parts of the value: findings
 * say that a reference failed, never which.
 */
export function interpolateValue(
  input: MappedText,
  lookup: Lookup,
  where: { source: string; file: string; key: string; variable?: string | undefined; isOpaque?: boolean; positionOf: PositionOf },
): InterpolatedValue {
  const { source, file, key, positionOf } = where;
  const at = (offset: number) => ({ file, ...positionOf(input.offsets[offset] as number) });
  const parsed = parseTemplate(input.text);
  const references = listReferences(parsed.parts).map((reference) => {
    const start = input.offsets[reference.start] as number;
    return {
      name: reference.name,
      operator: reference.operator,
      argument: listedArgument(reference),
      text: source.slice(start, (input.offsets[reference.end - 1] as number) + 1),
      ...positionOf(start),
    };
  });
  const findings: Finding[] = parsed.invalid.map((invalid) =>
    makeFinding('invalid-interpolation', at(invalid.start), `the value of ${key} has a malformed "\${" expression here, so Compose rejects the file`, {
      ...(where.variable === undefined ? {} : { variable: where.variable }),
      hint: 'write $$ for a literal "$", or single-quote the value',
    }),
  );
  const result = substitute(parsed, lookup);
  for (const error of result.errors) {
    const name = error.reference.name;
    const state = error.isEmpty ? 'empty' : 'not set';
    const message =
      where.isOpaque === true
        ? `the value of ${key} requires a variable that is ${state} (its name is part of the value, so it is not shown), so Compose rejects the file`
        : `the value of ${key} requires ${name} (${error.reference.operator}), which is ${state}, so Compose rejects the file`;
    findings.push(makeFinding('missing', at(error.reference.start), message, where.isOpaque === true ? {} : { variable: name }));
  }
  return { value: result.value ?? input.text, references, findings };
}
