/**
 * Issue 8, input: an empty value never silently blanks a secret, a replaced secret is backed up,
 * a second -e is refused instead of ignored, and -q keeps init quiet.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { describe, it } from 'node:test';
import { runInProcess } from '../helpers/context.js';

function scratch(t: TestContext, env?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'lucid-env-input-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  if (env !== undefined) writeFileSync(join(dir, '.env'), env, { mode: 0o600 });
  return dir;
}

const OLD = 'Rk4Wq9Zm2Lp7Vx3N';

describe('set with an empty value', () => {
  it('an empty stdin (printf %s "$UNSET" | lucid-env set KEY) is refused, the secret kept; --allow-empty sets it empty', async (t) => {
    const dir = scratch(t, `DB_PASSWORD=${OLD}\n`);
    for (const input of ['', '\n']) {
      const run = await runInProcess(['set', 'DB_PASSWORD', '-e', '.env'], dir, { input });
      assert.equal(run.code, 2);
      assert.equal(
        run.stderr,
        'error [USAGE] no value for DB_PASSWORD: standard input was empty; nothing was written\n' +
          '  hint: pipe the value in (printf %s "$VALUE" | lucid-env set KEY), or pass --allow-empty to set it empty\n',
      );
      assert.equal(readFileSync(join(dir, '.env'), 'utf8'), `DB_PASSWORD=${OLD}\n`);
    }
    const allowed = await runInProcess(['set', 'DB_PASSWORD', '-e', '.env', '--allow-empty'], dir, { input: '' });
    assert.equal(allowed.code, 0, allowed.stderr);
    assert.equal(readFileSync(join(dir, '.env'), 'utf8'), "DB_PASSWORD=''\n");
  });

  it('an empty answer at the hidden prompt is refused too', async (t) => {
    const dir = scratch(t, `DB_PASSWORD=${OLD}\n`);
    const prompter = {
      input: async () => '',
      select: async () => '',
      confirm: async () => true,
      secret: async () => '',
    };
    const run = await runInProcess(['set', 'DB_PASSWORD', '-e', '.env'], dir, { isInteractive: true, prompter });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^error \[USAGE\] no value for DB_PASSWORD: the answer was empty; nothing was written\n/);
  });
});

describe('set backs up before it replaces a secret', () => {
  it('the old file is in .lucid-env/backups; setting a non-secret or a new key makes no backup', async (t) => {
    const dir = scratch(t, `DB_PASSWORD=${OLD}\nLOG_LEVEL=info\n`);
    const plain = await runInProcess(['set', 'LOG_LEVEL', '-e', '.env'], dir, { input: 'debug' });
    assert.equal(plain.code, 0, plain.stderr);
    const added = await runInProcess(['set', 'API_TOKEN', '-e', '.env'], dir, { input: 'Tn6Vb1Xc8Zq3Wm5K' });
    assert.equal(added.code, 0, added.stderr);
    assert.equal(existsSync(join(dir, '.lucid-env', 'backups')), false);
    const before = readFileSync(join(dir, '.env'), 'utf8');
    const replaced = await runInProcess(['set', 'DB_PASSWORD', '-e', '.env'], dir, { input: 'Hy2Uj7Ik4Ol9Pz1Q' });
    assert.equal(replaced.code, 0, replaced.stderr);
    const backups = readdirSync(join(dir, '.lucid-env', 'backups'));
    assert.equal(backups.length, 1);
    assert.equal(readFileSync(join(dir, '.lucid-env', 'backups', backups[0] as string), 'utf8'), before);
  });
});

describe('one env file per writing command', () => {
  const commands: Record<string, string[]> = {
    set: ['set', 'DB_PASSWORD', '-e', 'a.env', '-e', 'b.env'],
    generate: ['generate', '-t', 'foundation', '-e', 'a.env', '-e', 'b.env'],
    init: ['init', '-t', 'foundation', '--yes', '-e', 'a.env', '-e', 'b.env'],
    rotate: ['rotate', '-t', 'foundation', 'JWT_SECRET_KEY', '-e', 'a.env', '-e', 'b.env'],
    'tor-hash': ['tor-hash', '-e', 'a.env', '-e', 'b.env'],
  };
  for (const [name, args] of Object.entries(commands)) {
    it(`${name} -e a -e b is refused (exit 2) and writes nothing`, async (t) => {
      const dir = scratch(t);
      writeFileSync(join(dir, 'a.env'), 'TOR_PASSWORD=x\n', { mode: 0o600 });
      writeFileSync(join(dir, 'b.env'), 'TOR_PASSWORD=y\n', { mode: 0o600 });
      const run = await runInProcess(args, dir, { input: 'Wq5Er8Ty2Ui6Op3A' });
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, new RegExp(`^error \\[USAGE\\] ${name} (writes|reads) one env file, but --env-file was given 2 times\\n`));
      assert.equal(readFileSync(join(dir, 'a.env'), 'utf8'), 'TOR_PASSWORD=x\n');
      assert.equal(readFileSync(join(dir, 'b.env'), 'utf8'), 'TOR_PASSWORD=y\n');
      assert.deepEqual(readdirSync(dir).sort(), ['a.env', 'b.env']);
    });
  }
});

describe('init -q', () => {
  it('prints nothing on success', async (t) => {
    const dir = scratch(t);
    const run = await runInProcess(['init', '-t', 'foundation', '--yes', '-e', '.env', '-q'], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, '');
    assert.ok(readFileSync(join(dir, '.env'), 'utf8').includes('ENCRYPTION_KEY='));
  });
});
