import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { envValues } from '../../src/dotenv/document.js';
import { parseEnv } from '../../src/dotenv/parse.js';
import { readWithPython } from '../../src/dotenv/python-reader.js';
import { stringifyEnv } from '../../src/dotenv/stringify.js';
import { readDotenvCases } from './dotenv-vectors.js';

const cases = readDotenvCases();
const lookupIn = (env: Record<string, string>) => (name: string) => (Object.hasOwn(env, name) ? env[name] : undefined);

describe('dotenv: shared vectors, compose-go answers', () => {
  it('has the 38 cases', () => assert.equal(cases.length, 38));
  for (const vector of cases) {
    it(vector.id, () => {
      const { document, findings } = parseEnv(vector.text, { file: '.env', lookup: lookupIn(vector.env) });
      assert.equal(stringifyEnv(document), vector.text);
      const expected = vector.expected.compose_go;
      const syntax = findings.filter((finding) => finding.code === 'env-syntax' && finding.severity === 'error');
      if ('error' in expected && typeof expected.error === 'string') {
        const composeLine = Number(/^line (\d+):/.exec(expected.error)?.[1]);
        // compose-go names the line where it stopped reading; an unterminated quote is reported
        // at its opening quote instead, and the message names Compose's line.
        const atLine = syntax.filter((finding) => finding.line === composeLine || finding.message.includes(`line ${composeLine}`));
        assert.ok(atLine.length > 0, `expected an env-syntax finding for line ${composeLine}, got ${JSON.stringify(findings)}`);
        return;
      }
      assert.deepEqual(syntax, []);
      assert.deepEqual(Object.fromEntries(envValues(document)), expected);
    });
  }
});

describe('dotenv: shared vectors, python-dotenv 0.21 answers', () => {
  for (const vector of cases) {
    it(vector.id, () => {
      const values = readWithPython(vector.text, lookupIn(vector.env));
      assert.deepEqual(Object.fromEntries(values), vector.expected.python_dotenv);
    });
  }
});
