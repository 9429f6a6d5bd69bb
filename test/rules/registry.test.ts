import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { findingCodes, isFindingCode, listRules } from '../../src/rules/registry.js';
import type { Rule } from '../../src/rules/rule.js';

const rules = listRules() as readonly Rule[];

describe('rule registry', () => {
  it('gives every code exactly one owning rule', () => {
    const owners = new Map<string, number>();
    for (const rule of rules) for (const code of Object.keys(rule.codes)) owners.set(code, (owners.get(code) ?? 0) + 1);
    assert.deepEqual(
      [...owners].filter(([, count]) => count !== 1),
      [],
    );
    assert.deepEqual(Object.keys(findingCodes()).sort(), [...owners.keys()].sort());
  });

  it('uses kebab-case codes with a title, a severity and a description', () => {
    for (const [code, info] of Object.entries(findingCodes())) {
      assert.match(code, /^[a-z]+(?:-[a-z]+)*(?:\/[a-z]+(?:-[a-z]+)*)?$/, code);
      assert.ok(info.title.length > 0 && info.when.length > 0, code);
      assert.ok(['error', 'warning', 'info'].includes(info.severity), code);
    }
  });

  it('names real modules for the codes that parsers report', () => {
    for (const rule of rules) {
      if (rule.stage !== 'parser') continue;
      for (const module of rule.reportedBy) assert.ok(existsSync(join(process.cwd(), 'src', module)), module);
    }
  });

  it('knows its codes and nothing else', () => {
    assert.equal(isFindingCode('missing'), true);
    assert.equal(isFindingCode('toString'), false);
    assert.equal(isFindingCode('no-such-code'), false);
  });
});
