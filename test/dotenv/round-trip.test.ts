import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseEnv } from '../../src/dotenv/parse.js';
import { stringifyEnv } from '../../src/dotenv/stringify.js';

const PIECES = [
  '\t',
  '\r',
  '\n',
  '\r\n',
  '#',
  "'",
  '"',
  '`',
  '=',
  ':',
  '$',
  '{',
  '}',
  '\\',
  ' ',
  'export ',
  '${A',
  '$$',
  '\ufeff',
  'é',
  '😀',
  '\u2028',
  '\u00a0',
  'A',
  'KEY',
];
const piece = fc.oneof(
  fc.constantFrom(...PIECES),
  fc.string({ unit: fc.constantFrom(...Array.from({ length: 95 }, (_, index) => String.fromCharCode(32 + index))), maxLength: 4 }),
);
const envText = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));
const withBom = fc.tuple(fc.boolean(), envText).map(([bom, text]) => (bom ? `\ufeff${text}` : text));

describe('dotenv round trip', () => {
  it('gives any text back byte for byte, and never throws', () => {
    fc.assert(
      fc.property(withBom, (text) => {
        const { document, findings } = parseEnv(text, { file: '.env', lookup: (name) => (name === 'A' ? 'x' : undefined) });
        assert.equal(stringifyEnv(document), text);
        for (const finding of findings) assert.ok(finding.line >= 1 && finding.column >= 1, JSON.stringify(finding));
      }),
      { numRuns: 5000 },
    );
  });

  it('gives arbitrary unicode back byte for byte', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
        assert.equal(stringifyEnv(parseEnv(text, { file: '.env' }).document), text);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the fixtures back', () => {
    for (const text of ['', '\ufeff', '\n', '\r\n', 'A=1', 'A=1\r\nB="x\r\ny"\r\n', "A='x' B=2 C\n", 'export\n', 'export ', '#', 'A="unterminated\nB=1']) {
      assert.equal(stringifyEnv(parseEnv(text, { file: '.env' }).document), text);
    }
  });
});
