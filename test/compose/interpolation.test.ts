import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTemplate } from '../../src/compose/interpolation.js';
import { listedArgument, listReferences, substitute } from '../../src/compose/substitution.js';
import { readVectors } from '../helpers/vectors.js';

interface InterpolationCase {
  id: string;
  input: string;
  env: Record<string, string>;
  expected_output: string | null;
  expected_error?: boolean;
  error_kind?: 'invalid' | 'required';
  variables: { name: string; required: boolean; default: string | null; op: string }[];
  unset_warnings: string[];
}

const { cases } = readVectors<{ cases: InterpolationCase[] }>('interpolation.json');

function evaluate(input: string, env: Record<string, string>) {
  const parsed = parseTemplate(input);
  const lookup = (name: string) => (Object.hasOwn(env, name) ? env[name] : undefined);
  return { parsed, result: substitute(parsed, lookup) };
}

describe('interpolation: shared Compose v2 vectors', () => {
  for (const vector of cases) {
    it(vector.id, () => {
      const { parsed, result } = evaluate(vector.input, vector.env);
      if (vector.expected_error) {
        assert.equal(result.value, null);
        if (vector.error_kind === 'invalid') assert.ok(parsed.invalid.length > 0, 'expected invalid syntax');
        else assert.ok(result.errors.length > 0 && parsed.invalid.length === 0, 'expected a required error');
      } else {
        assert.deepEqual(parsed.invalid, []);
        assert.equal(result.value, vector.expected_output);
      }
      const variables = listReferences(parsed.parts, { includeMessages: false }).map((reference) => ({
        name: reference.name,
        required: reference.operator === '?' || reference.operator === ':?',
        default: reference.operator === '-' || reference.operator === ':-' ? listedArgument(reference) : null,
        op: reference.operator,
      }));
      const key = (v: { name: string; op: string; default: string | null }) => `${v.name} ${v.op} ${v.default}`;
      const unique = [...new Map(variables.map((v) => [key(v), v])).values()];
      assert.deepEqual(
        [...unique].sort((a, b) => key(a).localeCompare(key(b))),
        [...vector.variables].sort((a, b) => key(a).localeCompare(key(b))),
      );
      if (!vector.expected_error) {
        assert.deepEqual([...new Set(result.unset.map((reference) => reference.name))].sort(), [...vector.unset_warnings].sort());
      }
    });
  }
});

describe('interpolation: positions and structure', () => {
  it('records the offset of every $, nested ones included', () => {
    const parsed = parseTemplate('a ${X:-${Y:-$Z}} $$W $V', 10);
    const references = listReferences(parsed.parts);
    assert.deepEqual(
      references.map((reference) => [reference.name, reference.operator, reference.start, reference.end]),
      [
        ['X', ':-', 12, 26],
        ['Y', ':-', 17, 25],
        ['Z', '', 22, 24],
        ['V', '', 31, 33],
      ],
    );
  });

  it('keeps a $ before a non-name literal and reports ${ as invalid at its offset', () => {
    const parsed = parseTemplate('cost $5 and ${ bad} then $OK');
    assert.deepEqual(
      parsed.invalid.map((item) => item.start),
      [12],
    );
    assert.deepEqual(
      listReferences(parsed.parts).map((reference) => reference.name),
      ['OK'],
    );
  });

  it('reports invalid syntax nested in a default', () => {
    const parsed = parseTemplate('${A:-${1}}');
    assert.equal(parsed.invalid.length, 1);
    assert.equal(parsed.invalid[0]?.start, 5);
  });

  it('substitutes the message of a failing required reference', () => {
    const parsed = parseTemplate('${DB:?set ${WHAT} please}');
    const result = substitute(parsed, (name) => (name === 'WHAT' ? 'DB' : undefined));
    assert.equal(result.value, null);
    assert.deepEqual(
      result.errors.map((error) => [error.reference.name, error.message, error.isEmpty]),
      [['DB', 'set DB please', false]],
    );
  });

  it('collects every failing required reference, not only the first', () => {
    const result = substitute(parseTemplate('${A:?a}-${B?b}-${C:?c}'), (name) => (name === 'C' ? '' : undefined));
    assert.deepEqual(
      result.errors.map((error) => [error.reference.name, error.isEmpty]),
      [
        ['A', false],
        ['B', false],
        ['C', true],
      ],
    );
  });

  it('parses 10,000 levels of nesting without overflowing', () => {
    const depth = 10_000;
    const text = `${'${A:-'.repeat(depth)}x${'}'.repeat(depth)}`;
    const parsed = parseTemplate(text);
    assert.deepEqual(parsed.invalid, []);
  });
});
