import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findAmbiguousValues } from '../../src/dotenv/ambiguity.js';
import { findEntry } from '../../src/dotenv/document.js';
import { parseEnv } from '../../src/dotenv/parse.js';
import type { DotenvCase } from './dotenv-vectors.js';
import { readDotenvCases } from './dotenv-vectors.js';

const cases = readDotenvCases();

type ValueMap = Record<string, string | null>;

/** Keys whose value (or absence) differs between Compose and npm dotenv or python-dotenv. */
function disputedKeys(vector: DotenvCase): string[] {
  const compose = vector.expected.compose_go as ValueMap;
  const others = [vector.expected.npm_dotenv, vector.expected.python_dotenv] as ValueMap[];
  const keys = new Set([compose, ...others].flatMap((map) => Object.keys(map)));
  return [...keys].filter((key) => key in compose && others.some((map) => !Object.hasOwn(map, key) || map[key] !== compose[key]));
}

const ambiguities = (text: string) => findAmbiguousValues(parseEnv(text, { file: '.env' }).document, '.env');

describe('ambiguous-value: shared vectors', () => {
  for (const vector of cases) {
    if ('error' in vector.expected.compose_go) continue;
    it(vector.id, () => {
      const { document } = parseEnv(vector.text, { file: '.env' });
      const findings = findAmbiguousValues(document, '.env');
      const expectedLines = disputedKeys(vector).map((key) => findEntry(document, key)?.line);
      if (vector.all_agree) assert.deepEqual(expectedLines, []);
      assert.deepEqual(findings.map((finding) => finding.line).sort(), expectedLines.sort());
      for (const finding of findings) {
        assert.equal(finding.code, 'ambiguous-value');
        assert.equal(finding.severity, 'warning');
        assert.equal(finding.file, '.env');
        const value = (vector.expected.compose_go as ValueMap)[finding.variable as string];
        if (typeof value === 'string' && value.length >= 3) assert.ok(!finding.message.includes(value), finding.message);
      }
    });
  }
});

describe('ambiguous-value: messages say who differs and why', () => {
  const messageOf = (text: string) => {
    const [finding, ...rest] = ambiguities(text);
    assert.deepEqual(rest, []);
    return finding?.message ?? '';
  };

  it('explains "#" without a space before it', () => {
    assert.match(messageOf('A=1#c\n'), /^npm dotenv reads A differently from Compose: npm dotenv cuts an unquoted value at its first "#"/);
  });

  it('explains $NAME, ${NAME} and $$', () => {
    assert.match(messageOf('A=pre$UNSETpost\n'), /^npm dotenv and python-dotenv read A .*Compose expands \$NAME/);
    assert.match(messageOf('A=${B:-x}\n'), /npm dotenv never interpolates/);
    assert.match(messageOf('A=a$$b\n'), /Compose reads "\$\$" .* as one "\$"/);
  });

  it('explains escapes in quotes', () => {
    assert.match(messageOf('A="a\\tb"\n'), /only decodes \\n and \\r/);
    assert.match(messageOf("A='a\\\\b'\n"), /^python-dotenv reads A .*as one backslash/);
  });

  it('explains a key without "=", naming its line and length, never its text', () => {
    assert.match(messageOf('A\n'), /^the entry on line 1 \(1 character without "=", not shown\): Compose reads a line without "=" as a name/);
  });

  it('finds nothing in values every reader agrees on', () => {
    assert.deepEqual(
      ambiguities("A=plain\nB='sp ace # x'\nC=\"it's\"\nD=${NOPE:-x}y\n").map((finding) => finding.variable),
      ['D'],
    );
    assert.deepEqual(ambiguities("A=1\nB='$A'\nC=a # comment\n"), []);
  });

  it('reads each entry with the values before it, whatever the shell has', () => {
    assert.deepEqual(
      ambiguities('A=x\nB=${A}\n').map((finding) => finding.variable),
      ['B'],
    );
    const python = ambiguities('A=\nB="${A:-d}"\n');
    assert.ok(python.some((finding) => finding.message.includes('only when NAME is unset')));
  });
});
