import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../../src/findings.js';
import type { Report } from '../../src/report.js';
import { FORMAT_NAMES, isFormatName, REPORTERS } from '../../src/reporters/index.js';
import { checkReport, PLAIN, scanReport } from './fixture.js';

const CWD = '/a/b';

/** Findings whose messages m1..m7 name their expected rank; the input order is shuffled. */
function unsortedReport(): Report {
  const at = (message: string, file: string, line: number, column: number, code: Finding['code']): Finding => ({
    code,
    severity: 'warning',
    message,
    file,
    line,
    column,
  });
  return {
    command: 'check',
    files: [],
    findings: [
      at('m7', '/a/b/z.yaml', 2, 1, 'missing'),
      at('m4', '/a/b/sub/y.yaml', 10, 2, 'missing'),
      at('m6', '/a/b/z.yaml', 1, 9, 'unused'),
      // Absolute, /a/b/z.yaml sorts before /a/c.yaml; relative, ../c.yaml comes first.
      at('m1', '/a/c.yaml', 5, 5, 'missing'),
      at('m3', 'sub/y.yaml', 10, 2, 'empty'),
      at('m5', '/a/b/z.yaml', 1, 9, 'empty'),
      at('m2', '/a/b/sub/y.yaml', 9, 30, 'unused'),
    ],
  };
}

describe('reporter registry', () => {
  it('has one reporter per format name', () => {
    assert.deepEqual(FORMAT_NAMES, ['text', 'json', 'github', 'sarif', 'markdown']);
    assert.deepEqual(Object.keys(REPORTERS), [...FORMAT_NAMES]);
    assert.equal(isFormatName('sarif'), true);
    assert.equal(isFormatName('yaml'), false);
  });

  for (const name of FORMAT_NAMES) {
    it(`${name}: sorts findings by relative file, line, column, code`, () => {
      const output = REPORTERS[name](unsortedReport(), { cwd: CWD, color: false });
      const positions = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7'].map((message) => output.indexOf(`${message}`));
      assert.ok(
        positions.every((position) => position >= 0),
        `every message printed: ${positions.join(',')}`,
      );
      assert.deepEqual(
        [...positions].sort((a, b) => a - b),
        positions,
        output,
      );
    });

    it(`${name}: ends with a newline and holds ANSI codes only for text with color: true`, () => {
      for (const report of [checkReport(), scanReport(), { command: 'check', files: [], findings: [] }]) {
        const plain = REPORTERS[name](report, PLAIN);
        const coloured = REPORTERS[name](report, { ...PLAIN, color: true });
        assert.ok(plain.endsWith('\n') && coloured.endsWith('\n'));
        assert.doesNotMatch(plain, /\u001b/);
        if (name === 'text') assert.match(coloured, /\u001b\[\d+m/);
        else assert.equal(coloured, plain);
      }
    });
  }

  it('json and sarif output always parses', () => {
    for (const name of ['json', 'sarif'] as const) {
      for (const report of [checkReport(), scanReport(), unsortedReport()]) {
        assert.doesNotThrow(() => JSON.parse(REPORTERS[name](report, PLAIN)));
      }
    }
  });

  it('does not mutate the report', () => {
    const report = unsortedReport();
    const before = structuredClone(report);
    for (const name of FORMAT_NAMES) REPORTERS[name](report, { cwd: CWD, color: true });
    assert.deepEqual(report, before);
  });
});
