/**
 * Regressions of issue 8's leaks, one per path: a line without "=", a secret interpolated into a
 * non-secret variable, references inside secret values, a value typed where a name goes, a
 * substituted required message. Each runs the whole CLI in process, in every format.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { TestContext } from 'node:test';
import { describe, it } from 'node:test';
import { runInProcess } from '../helpers/context.js';

const FORMATS = ['text', 'json', 'github', 'sarif'] as const;

/** A temp project with `files` (path → text), removed after the test. */
export function project(t: TestContext, files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'lucid-env-leak-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text, { mode: 0o600 });
  }
  return dir;
}

function assertAbsent(output: string, secrets: readonly string[], label: string): void {
  for (const secret of secrets) assert.ok(!output.includes(secret), `${label} printed ${JSON.stringify(secret)}:\n${output}`);
}

const TOKEN = 'ghp_Xq7Lm2Vb9Kd4Rt8Wn3Zp6Hs1Jc5Fg0Ya2Ue';
const SHADOW_USER = 'mallory_admin';

describe('a line without "=" is named by its position and length, never quoted', () => {
  const files = {
    'compose.yaml': 'services:\n  app:\n    image: x\n    env_file: [secrets.txt]\n    environment:\n      A: ${A}\n',
    '.env': `A=1\n${TOKEN}\n`,
    'secrets.txt': `${SHADOW_USER}:$6$Zq9Vb2Lm$Kd4Rt8Wn3Zp6Hs1Jc5Fg0Ya2Ue:19000:0:99999:7:::\n${TOKEN}\n`,
  };
  for (const format of FORMATS) {
    it(`check and scan -e (--format ${format})`, async (t) => {
      const dir = project(t, files);
      const checked = await runInProcess(['check', '-e', '.env', '--format', format], dir);
      assert.ok(checked.code === 0 || checked.code === 1, checked.stderr);
      assertAbsent(checked.stdout + checked.stderr, [TOKEN, SHADOW_USER, 'Zq9Vb2Lm', 'Kd4Rt8'], 'check');
      const scanned = await runInProcess(['scan', '-e', '.env', '-e', 'secrets.txt', '--format', format], dir);
      assert.equal(scanned.code, 0, scanned.stderr);
      assertAbsent(scanned.stdout + scanned.stderr, [TOKEN, SHADOW_USER, 'Zq9Vb2Lm', 'Kd4Rt8'], 'scan');
    });
  }

  it('the text names the line and its length', async (t) => {
    const dir = project(t, files);
    const checked = await runInProcess(['check', '-e', '.env', '--format', 'json'], dir);
    const findings = (JSON.parse(checked.stdout) as { findings: { code: string; line: number; message: string; variable?: string }[] }).findings;
    const ambiguous = findings.find((finding) => finding.code === 'ambiguous-value' && finding.line === 2);
    assert.ok(ambiguous !== undefined, checked.stdout);
    assert.match(ambiguous.message, /^the entry on line 2 \(39 characters without "=", not shown\)/);
    assert.equal(ambiguous.variable, undefined);
  });
});

describe('scan -e never takes a secret value apart', () => {
  it('a $ inside a password is no reference, a ${X:-...} inside a secret prints no default', async (t) => {
    const dir = project(t, {
      'compose.yaml': 'services:\n  app:\n    image: x\n',
      '.env': 'DB_PASSWORD=Mn4Bv7Cx$Zl0Kj9\nAPI_TOKEN="pre${UNSET_PART:-Qw8Er5Ty}post"\nJWT_SECRET="a${REQUIRED_PIECE:?Hj3Kl6}b"\nURL=http://${HOST:-db}/x\n',
    });
    for (const format of FORMATS) {
      const scanned = await runInProcess(['scan', '-e', '.env', '--format', format], dir);
      assertAbsent(scanned.stdout + scanned.stderr, ['Zl0Kj9', 'UNSET_PART', 'Qw8Er5Ty', 'REQUIRED_PIECE', 'Hj3Kl6'], `scan --format ${format}`);
      const checked = await runInProcess(['check', '-e', '.env', '--format', format], dir);
      assertAbsent(checked.stdout + checked.stderr, ['Zl0Kj9', 'UNSET_PART', 'Qw8Er5Ty', 'REQUIRED_PIECE', 'Hj3Kl6'], `check --format ${format}`);
    }
    const scanned = await runInProcess(['scan', '-e', '.env', '--format', 'json'], dir);
    const references = (JSON.parse(scanned.stdout) as { references: { name: string; default: string | null }[] }).references;
    assert.deepEqual(
      references.map((reference) => [reference.name, reference.default]),
      [['HOST', 'db']],
    );
  });
});

describe('render masks values, not names', () => {
  const PASSWORD = 'Pw9/Lk+3 Zx=7&Qr';
  const files = {
    'compose.yaml': [
      'services:',
      '  app:',
      '    image: x',
      '    environment:',
      '      CONN: ${CONN}',
      '      ENCODED: ${ENCODED}',
      '      PLAIN: ${DB_PASSWORD}',
      '      MSG: ${MISSING_OK:-${CONN}}',
      '',
    ].join('\n'),
    '.env': `DB_PASSWORD='${PASSWORD}'\nCONN="postgres://u:\${DB_PASSWORD}@db/x"\nENCODED=postgres://u:${encodeURIComponent(PASSWORD)}@db/x\n`,
  };

  it('every occurrence of a secret value and its percent-encoded form is masked', async (t) => {
    const dir = project(t, files);
    const rendered = await runInProcess(['render', '-e', '.env', '--no-color'], dir);
    assert.equal(rendered.code, 0, rendered.stderr);
    assertAbsent(rendered.stdout + rendered.stderr, [PASSWORD, encodeURIComponent(PASSWORD), 'Pw9', 'Zx=7'], 'render');
    assert.match(rendered.stdout, /CONN: postgres:\/\/u:\*{8}@db\/x/);
    assert.match(rendered.stdout, /ENCODED: postgres:\/\/u:\*{8}@db\/x/);
    const shown = await runInProcess(['render', '-e', '.env', '--show-secrets'], dir);
    assert.ok(shown.stdout.includes(PASSWORD), shown.stdout);
  });

  it('a required message that substitutes a secret is masked in check and render', async (t) => {
    const dir = project(t, {
      'compose.yaml': 'services:\n  app:\n    image: x\n    environment:\n      X: ${NEEDED:?cannot start with ${CONN}}\n',
      '.env': `DB_PASSWORD=${'Rq5Tz8Wm2Kp7Lx4N'}\nCONN=u:\${DB_PASSWORD}@db\n`,
    });
    for (const format of FORMATS) {
      const checked = await runInProcess(['check', '-e', '.env', '--format', format], dir);
      assert.equal(checked.code, 1);
      assertAbsent(checked.stdout + checked.stderr, ['Rq5Tz8Wm2Kp7Lx4N'], `check --format ${format}`);
    }
    const rendered = await runInProcess(['render', '-e', '.env'], dir);
    assert.equal(rendered.code, 1);
    assertAbsent(rendered.stdout + rendered.stderr, ['Rq5Tz8Wm2Kp7Lx4N'], 'render');
    assert.match(rendered.stderr, /cannot start with u:\*{8}@db/);
  });
});

describe('a value typed where a name goes is never repeated', () => {
  it('set FOO=value, generate and rotate with a non-name key, an unknown --option=value', async (t) => {
    const dir = project(t, { '.env': 'A=1\n' });
    const runs = [
      await runInProcess(['set', 'FOO=Vk8Rj3Tq6Wz1'], dir, { input: '' }),
      await runInProcess(['generate', '-t', 'foundation', '-e', '.env', 'FOO=Vk8Rj3Tq6Wz1'], dir),
      await runInProcess(['rotate', '-t', 'foundation', '-e', '.env', 'FOO=Vk8Rj3Tq6Wz1'], dir),
      await runInProcess(['set', 'FOO', '--value=Vk8Rj3Tq6Wz1'], dir, { input: '' }),
    ];
    for (const run of runs) {
      assert.equal(run.code, 2, run.stderr);
      assertAbsent(run.stdout + run.stderr, ['Vk8Rj3Tq6Wz1'], 'usage error');
    }
    assert.match(runs[0]?.stderr ?? '', /the value comes from standard input/);
  });
});

describe('seal never copies a line without "=" into the sealed file', () => {
  it('it is refused (exit 2) by line and length, and nothing is written', async (t) => {
    const dir = project(t, { '.env': `A_PASSWORD=Lq2Wv7Zr4Kx9Mn1P\n${TOKEN}\n` });
    const env = { LUCID_ENV_KEYS_DIR: join(dir, 'keys') };
    assert.equal((await runInProcess(['keys', 'new', 'alice'], dir, { env })).code, 0);
    const sealed = await runInProcess(['seal', '-e', '.env'], dir, { env });
    assert.equal(sealed.code, 2);
    assert.equal(
      sealed.stderr,
      'error [USAGE] cannot seal .env: the entry on line 2 (39 characters without "=", not shown) is not NAME=value, so its text would stay readable\n' +
        '  hint: write it as NAME=value, or remove the line; nothing was written\n',
    );
    assert.equal(existsSync(join(dir, '.env.sealed')), false);
  });
});
