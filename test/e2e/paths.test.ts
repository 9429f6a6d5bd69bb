/** Paths as users read them: relative inside the current directory, absolute outside it; GitHub annotations only inside. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseJson, runLucid, scratch, writeProject } from './support.js';

describe('paths outside the current directory', () => {
  it('an absolute env_file outside the project is shown as written, not as ../../..', async () => {
    const outside = join(scratch(), 'mnt', 'data', '.env');
    const directory = writeProject({ 'compose.yaml': `services:\n  app:\n    image: nginx\n    env_file: ${outside}\n` });
    const json = parseJson<{ findings: { code: string; message: string }[] }>(await runLucid(['check', '--format', 'json'], { cwd: directory }));
    const missing = json.findings.find((finding) => finding.code === 'env-file-missing');
    assert.ok(missing?.message.includes(outside), missing?.message);
    assert.ok(!missing?.message.includes('../'), missing?.message);
  });

  it('--format github annotates files of the repository and names the others in the message', async () => {
    const templateDirectory = scratch();
    const template = join(templateDirectory, 'broken.yml');
    const directory = writeProject({
      'compose.yaml': 'services:\n  app:\n    image: nginx:${TAG}\n',
      '.env': 'TAG=1\n',
    });
    writeFileSync(template, 'name: broken\nvariables:\n  A: { type: nope }\n');
    const result = await runLucid(['check', '-t', template, '--format', 'github'], { cwd: directory });
    assert.equal(result.code, 1, result.stderr);
    const lines = result.stdout.split('\n');
    assert.ok(
      lines.includes(
        `::error title=template-invalid::${template}:3:1: A: unknown type "nope" (expected string, int, port, bool, url, hostname, hex, base64, choices)`,
      ),
      result.stdout,
    );
    assert.ok(!result.stdout.includes('file=/') && !result.stdout.includes('file=..'), result.stdout);
  });
});
