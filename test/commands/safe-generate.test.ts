import assert from 'node:assert/strict';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runInProcess } from '../helpers/context.js';
import { scratchDir } from './support.js';

const COMPOSE = [
  'services:',
  '  db:',
  '    image: postgres',
  '    environment:',
  '      POSTGRES_PASSWORD: ${DB_PASSWORD:?set DB_PASSWORD}',
  '      SESSION_SECRET: ${SESSION_SECRET:?}',
  '      STRIPE_API_KEY: ${STRIPE_API_KEY:?}',
  '',
].join('\n');

function project(t: import('node:test').TestContext, env: string): string {
  const dir = scratchDir(t);
  writeFileSync(join(dir, 'compose.yaml'), COMPOSE);
  writeFileSync(join(dir, '.env'), env);
  chmodSync(join(dir, '.env'), 0o600);
  return dir;
}

describe('safe generate without a template', () => {
  it('fills missing and placeholder secrets, keeps a working weak one, lists the supplied key', async (t) => {
    const dir = project(t, 'DB_PASSWORD=hunter2-but-working\nSESSION_SECRET=changeme\n');
    const result = await runInProcess(['generate', '--format', 'json'], dir);
    assert.equal(result.code, 1);
    const report = JSON.parse(result.stdout) as {
      findings: { code: string; severity: string; variable: string }[];
      changes: { key: string; reason: string }[];
    };
    assert.deepEqual(
      report.changes.map((change) => `${change.key} ${change.reason}`),
      ['SESSION_SECRET placeholder'],
    );
    assert.deepEqual(
      report.findings.map((finding) => `${finding.code} ${finding.severity} ${finding.variable}`),
      ['missing error STRIPE_API_KEY', 'weak-secret warning DB_PASSWORD'],
    );
    assert.match(result.stderr, /^no template given: inferred one from compose\.yaml \(3 variables, 3 secrets\)/);
    const text = readFileSync(join(dir, '.env'), 'utf8');
    assert.match(text, /^DB_PASSWORD=hunter2-but-working\nSESSION_SECRET=[A-Za-z0-9]{32}\n$/);
  });

  it('--replace-weak replaces the working value and says who must learn it', async (t) => {
    const dir = project(t, 'DB_PASSWORD=hunter2-but-working\nSESSION_SECRET=Zx8Kq2Lm9Pw4Rt7Yv3Nb6Hc1Jd5Fg0Qs\nSTRIPE_API_KEY=sk_live_abc\n');
    const result = await runInProcess(['generate', '--replace-weak'], dir);
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      readFileSync(join(dir, '.env'), 'utf8'),
      /^DB_PASSWORD=[A-Za-z0-9]{32}\nSESSION_SECRET=Zx8Kq2Lm9Pw4Rt7Yv3Nb6Hc1Jd5Fg0Qs\nSTRIPE_API_KEY=sk_live_abc\n$/,
    );
    assert.match(result.stderr, /DB_PASSWORD had a working value that was replaced: every service using it must learn the new one/);
  });
});

describe('rotate never creates an env file', () => {
  it('a mistyped -e path is exit 2 and creates nothing', async (t) => {
    const dir = scratchDir(t);
    const result = await runInProcess(['rotate', '-t', 'foundation', '-e', 'configs/.env.typo', 'TOR_PASSWORD'], dir);
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      /^error \[FILE_UNREADABLE\] env file .*configs\/\.env\.typo does not exist; rotate changes existing env files and never creates one\n/,
    );
    assert.equal(existsSync(join(dir, 'configs')), false);
  });
});
