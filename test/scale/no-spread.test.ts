/**
 * `push(...items)` and `Math.max(...values)` pass one argument per item and overflow the call stack
 * on large inputs (scan crashed at about 15,000 services). src/ uses appendAll and maxOf instead.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

function listSources(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listSources(join(directory, entry.name)) : entry.name.endsWith('.ts') ? [join(directory, entry.name)] : [],
  );
}

describe('no argument spread proportional to input', () => {
  it('src/ never spreads an array into push, unshift, Math.max or Math.min', () => {
    const offenders: string[] = [];
    for (const file of listSources('src')) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, index) => {
          if (/\.(push|unshift)\(\.\.\.|Math\.(max|min)\([^)]*\.\.\./.test(line)) offenders.push(`${file}:${index + 1}`);
        });
    }
    assert.deepEqual(offenders, []);
  });
});
