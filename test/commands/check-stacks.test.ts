import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runInProcess } from '../helpers/context.js';
import { scratchDir } from './support.js';

/** A stack of the workspace file: its own compose file, the shared env file. */
const stackEntry = (name: string): string => `  ${name}:\n    compose: [${name}/compose.yaml]\n    envFiles: [shared.env]\n`;

describe('check --all', () => {
  it('lists a problem of an env file that several stacks read once, and counts it in every stack', async (t) => {
    const dir = scratchDir(t);
    const files: Record<string, string> = {
      'lucid-env.yml': `version: 1\nstacks:\n${['a', 'b'].map(stackEntry).join('')}`,
      'a/compose.yaml': 'services:\n  api:\n    image: nginx\n    environment: { DB_PASSWORD: "${DB_PASSWORD}" }\n',
      'b/compose.yaml': 'services:\n  web:\n    image: nginx\n    environment: { DB_PASSWORD: "${DB_PASSWORD}", LEVEL: "${LEVEL}" }\n',
      'shared.env': 'DB_PASSWORD=changeme\n',
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text, { mode: 0o600 });
    }
    const result = await runInProcess(['check', '--all', '--format', 'json'], dir);
    assert.equal(result.code, 1);
    const report = JSON.parse(result.stdout) as {
      findings: { code: string; stack: string; file: string; line: number }[];
      stacks: { name: string; summary: { errors: number; warnings: number } }[];
    };
    assert.deepEqual(
      report.findings.map((finding) => [finding.code, finding.stack, `${finding.file}:${finding.line}`]),
      [
        ['missing', 'b', 'b/compose.yaml:4'],
        ['placeholder', 'a', 'shared.env:1'],
      ],
    );
    assert.deepEqual(
      report.stacks.map((stack) => [stack.name, stack.summary.errors, stack.summary.warnings]),
      [
        ['a', 1, 0],
        ['b', 2, 0],
      ],
    );
  });
});
