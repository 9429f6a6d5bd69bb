import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { FindingCode } from '../../src/findings.js';
import { findingAnchor, ruleHelpUri } from '../../src/findings.js';
import { FINDINGS_TABLE_MARKERS, formatFindingsTable } from '../../src/rules/findings-table.js';
import { findingCodes } from '../../src/rules/registry.js';

const readme = readFileSync('README.md', 'utf8');

describe('README findings table', () => {
  it('is the table the registry makes (run `npm run docs` after adding a code)', () => {
    const start = readme.indexOf(FINDINGS_TABLE_MARKERS.start);
    const end = readme.indexOf(FINDINGS_TABLE_MARKERS.end);
    assert.ok(start !== -1 && end > start, 'README.md lacks the findings table markers');
    assert.equal(readme.slice(start + FINDINGS_TABLE_MARKERS.start.length, end), `\n${formatFindingsTable()}\n`);
  });

  it('gives every code one anchor in the README, where its SARIF helpUri points', () => {
    const ids = [...readme.matchAll(/<a id="([^"]+)"><\/a>/g)].map((match) => match[1]);
    for (const code of Object.keys(findingCodes()) as FindingCode[]) {
      const fragment = new URL(ruleHelpUri(code)).hash.slice(1);
      assert.equal(fragment, findingAnchor(code));
      assert.equal(ids.filter((id) => id === fragment).length, 1, `${code}: anchor #${fragment}`);
    }
  });

  it('keeps a code with a slash linkable', () => {
    assert.equal(findingAnchor('audit/no-root' as FindingCode), 'audit-no-root');
  });
});
