import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import dotenv from 'dotenv';
import fc from 'fast-check';
import { envValues } from '../../src/dotenv/document.js';
import { parseEnv } from '../../src/dotenv/parse.js';
import { readWithPython } from '../../src/dotenv/python-reader.js';
import { formatAssignment, formatValue } from '../../src/dotenv/serialize-value.js';
import { readVectors } from '../helpers/vectors.js';

interface WriterVector {
  value: string;
  /** form null: no serialization works, the writer must refuse. */
  three_way: { form: string | null; line?: string };
  two_way: { form: string | null; line?: string };
}

const { writer } = readVectors<{ writer: { vectors: WriterVector[]; impossible_examples: { value: string }[] } }>('dotenv.json');

/** What each reader reads back for K in the text. */
function readBack(text: string) {
  const { document, findings } = parseEnv(text, { file: '.env' });
  return {
    compose: envValues(document).get('K'),
    composeFindings: findings,
    npm: dotenv.parse(Buffer.from(text)).K,
    python: readWithPython(text).get('K'),
  };
}

describe('writer: shared vectors', () => {
  for (const vector of writer.vectors) {
    it(JSON.stringify(vector.value), () => {
      for (const [pythonCompat, expected] of [
        [true, vector.three_way],
        [false, vector.two_way],
      ] as const) {
        const result = formatAssignment('K', vector.value, { pythonCompat });
        if (expected.form === null) {
          assert.equal(result.ok, false);
        } else {
          assert.deepEqual(result, { ok: true, line: expected.line, form: expected.form });
        }
      }
    });
  }

  for (const example of writer.impossible_examples) {
    it(`refuses ${JSON.stringify(example.value)}`, () => {
      const threeWay = formatAssignment('K', example.value, { pythonCompat: true });
      assert.equal(threeWay.ok, false);
      if (!threeWay.ok) assert.ok(!threeWay.reason.includes(example.value) || example.value.length < 2, threeWay.reason);
      // "${HOME}" is the one value only python-dotenv makes impossible.
      assert.equal(formatAssignment('K', example.value, { pythonCompat: false }).ok, example.value === '${HOME}');
    });
  }
});

describe('writer: rules', () => {
  it('writes generated secrets bare', () => {
    assert.deepEqual(formatAssignment('K', 'Ab9_./:@+=,-', { pythonCompat: true }), { ok: true, line: 'K=Ab9_./:@+=,-', form: 'bare' });
    assert.deepEqual(formatAssignment('K', '7MfHG63tfH1r9zICfelw6l8Eyymt3vAXnYdnq/Dnle8=', { pythonCompat: true }).ok, true);
    const formatted = formatValue('abc-DEF_012', { pythonCompat: true });
    assert.equal(formatted.ok && formatted.form, 'bare');
  });

  it('names rule 0 for ${...} with python compatibility, and writes it without', () => {
    const refused = formatAssignment('K', 'a${B:-c}d', { pythonCompat: true });
    assert.equal(refused.ok, false);
    if (!refused.ok) assert.match(refused.reason, /^rule 0:/);
    assert.deepEqual(formatAssignment('K', 'a${B:-c}d', { pythonCompat: false }), { ok: true, line: "K='a${B:-c}d'", form: 'single' });
  });

  it('names rule 4 and never the value', () => {
    const refused = formatAssignment('K', 'it\'s "secret-xyz" # and hash', { pythonCompat: true });
    assert.equal(refused.ok, false);
    if (!refused.ok) {
      assert.match(refused.reason, /^rule 4:/);
      assert.ok(!refused.reason.includes('secret-xyz'));
    }
  });

  it('refuses keys outside [A-Za-z_][A-Za-z0-9_]*', () => {
    for (const key of ['', '1A', 'A-B', 'A.B', 'A B', 'É']) assert.equal(formatAssignment(key, 'x', { pythonCompat: true }).ok, false, key);
    assert.equal(formatAssignment('_a1', 'x', { pythonCompat: true }).ok, true);
  });

  it('uses double quotes with \\r for a CR and unquoted text when both quotes appear', () => {
    assert.deepEqual(formatAssignment('K', "it's\r", { pythonCompat: true }), { ok: true, line: 'K="it\'s\\r"', form: 'double' });
    assert.deepEqual(formatAssignment('K', 'it\'s "x"', { pythonCompat: true }), { ok: true, line: 'K=it\'s "x"', form: 'unquoted' });
  });
});

const printable = Array.from({ length: 95 }, (_, index) => String.fromCharCode(32 + index));
const valueArbitrary = fc.oneof(
  fc.string({ unit: fc.constantFrom(...printable, '\t', '\n', '\r'), maxLength: 12 }),
  fc.string({ unit: fc.constantFrom('a', ' ', '\t', '\n', '\r', '#', "'", '"', '`', '$', '{', '}', ':', '-', '\\', 'n', 't', '0', '_'), maxLength: 10 }),
);

describe('writer: property, every written value reads back', () => {
  for (const pythonCompat of [true, false]) {
    it(`pythonCompat ${pythonCompat}: the writer refuses, or Compose, npm dotenv${pythonCompat ? ' and python-dotenv' : ''} read the value back`, () => {
      let written = 0;
      fc.assert(
        fc.property(valueArbitrary, (value) => {
          const result = formatAssignment('K', value, { pythonCompat });
          if (!result.ok) return;
          written++;
          for (const text of [`${result.line}\n`, result.line, `A=1\n${result.line}\nB=2\n`]) {
            const back = readBack(text);
            assert.equal(back.compose, value, `compose-go dialect, ${JSON.stringify(text)}`);
            assert.deepEqual(back.composeFindings, []);
            assert.equal(back.npm, value, `npm dotenv, ${JSON.stringify(text)}`);
            if (pythonCompat) assert.equal(back.python, value, `python-dotenv, ${JSON.stringify(text)}`);
          }
        }),
        { numRuns: 5000 },
      );
      assert.ok(written > 2500, `only ${written} values were writable`);
    });
  }
});
