import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runInProcess } from '../helpers/context.js';
import { scratchDir } from './support.js';

/** A stack whose services read three env files, none written yet; API_URL is required and has no default. */
function writeStack(dir: string): void {
  const files: Record<string, string> = {
    'lucid-env.yml': 'version: 1\nstacks:\n  app:\n    compose: [compose.yaml]\n    envFiles: [env/.env.base, env/.env.tor, env/.env.app]\n',
    'compose.yaml': [
      'services:',
      '  app:',
      '    image: nginx',
      '    env_file: [env/.env.base, env/.env.tor, env/.env.app]',
      '    environment:',
      '      API_URL: ${API_URL:?set API_URL}',
      '      LEVEL: ${LEVEL:-info}',
      '      DB_PASSWORD: ${DB_PASSWORD}',
      '',
    ].join('\n'),
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

describe('init --stack', () => {
  it("writes every value to the stack's last env file and creates its other env files empty, 0600", async (t) => {
    const dir = scratchDir(t);
    writeStack(dir);
    const result = await runInProcess(['init', '--stack', 'app', '--yes', '--format', 'json'], dir);
    const report = JSON.parse(result.stdout) as { findings: { code: string; severity: string; variable?: string; hint?: string }[] };
    for (const name of ['.env.base', '.env.tor']) {
      assert.equal(readFileSync(join(dir, 'env', name), 'utf8'), '');
      assert.equal(statSync(join(dir, 'env', name)).mode & 0o777, 0o600);
    }
    const written = readFileSync(join(dir, 'env', '.env.app'), 'utf8');
    assert.match(written, /^LEVEL=info$/m);
    assert.match(written, /^API_URL=''$/m);
    assert.match(written, /^DB_PASSWORD=\S{20,}$/m);
    assert.match(result.stderr, /Created empty \(the stack's other env files; Compose needs each to exist\): env\/\.env\.base, env\/\.env\.tor\n/);
    // A required setting nothing could fill is an error, not a silent success.
    assert.equal(result.code, 1);
    assert.deepEqual(
      report.findings.map((finding) => [finding.code, finding.severity, finding.variable, finding.hint]),
      [['empty', 'error', 'API_URL', 'lucid-env set API_URL -e env/.env.app']],
    );
    const check = await runInProcess(['check', '--stack', 'app', '--format', 'json'], dir);
    const codes = (JSON.parse(check.stdout) as { findings: { code: string }[] }).findings.map((finding) => finding.code);
    assert.ok(!codes.includes('env-file-missing'), codes.join(', '));
  });
});
