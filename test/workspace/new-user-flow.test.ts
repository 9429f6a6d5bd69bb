/**
 * Issue 9's "done when": on a copy of a repository shaped like Lucid's (three stacks, shared and
 * per-stack env files, differing defaults, secrets in hex and base64, a third-party API key), a new
 * user runs workspace init, template infer, init, check --all, generate and sync, in process.
 */
import assert from 'node:assert/strict';
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { describe, it } from 'node:test';
import { envValues, parseEnv } from '../../src/dotenv/parse.js';
import { loadTemplate } from '../../src/templates/load.js';
import { loadWorkspace } from '../../src/workspace/load.js';
import { assertNoValues } from '../commands/support.js';
import { runInProcess } from '../helpers/context.js';

const ENV = 'configs/environment';

function copyFixture(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'lucid-env-flow-'));
  cpSync(join(process.cwd(), 'test', 'fixtures', 'lucid-like'), dir, { recursive: true });
  for (const name of ['.env.secrets', '.env.foundation', '.env.core']) chmodSync(join(dir, ENV, name), 0o600);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function values(dir: string, name: string): Map<string, string> {
  return envValues(parseEnv(readFileSync(join(dir, ENV, name), 'utf8'), { file: name }).document);
}

interface JsonReport {
  ok: boolean;
  findings: { code: string; variable?: string; stack?: string; severity: string }[];
  stacks?: { name: string; ok: boolean }[];
}

describe('a new user on a Lucid-shaped repository', () => {
  it('workspace init, template infer, init, check --all, generate, sync', async (t) => {
    const dir = copyFixture(t);
    const run = (args: string[], input?: string) => runInProcess(args, dir, input === undefined ? {} : { input });
    const before = { secrets: values(dir, '.env.secrets'), foundation: values(dir, '.env.foundation') };
    const output: string[] = [];

    // 1. The workspace: one stack per compose file, env files from the deploy script where it names them.
    const init = await run(['workspace', 'init']);
    assert.equal(init.code, 0, init.stderr);
    const workspace = await loadWorkspace(join(dir, 'lucid-env.yml'));
    assert.deepEqual(
      workspace.stacks.map((stack) => [stack.name, stack.envFiles.map((file) => file.slice(dir.length + 1))]),
      [
        ['core', [`${ENV}/.env.secrets`, `${ENV}/.env.core`]],
        ['foundation', [`${ENV}/.env.secrets`, `${ENV}/.env.foundation`]],
        ['payments', [`${ENV}/.env.payments`]],
      ],
    );
    const text = readFileSync(join(dir, 'lucid-env.yml'), 'utf8');
    assert.match(text, /# envFiles: from --env-file in scripts\/deploy\.sh:4\n/);
    assert.match(text, /# not there yet: configs\/environment\/\.env\.payments \(lucid-env init creates them\)\n/);

    // 2. A template a reviewer can read: it loads, covers every referenced name, and says why.
    const infer = await run(['template', 'infer', '--stack', 'foundation', '-o', 'templates/foundation.yml']);
    assert.equal(infer.code, 0, infer.stderr);
    const { template, findings } = await loadTemplate(join(dir, 'templates/foundation.yml'), dir);
    assert.deepEqual(findings, []);
    const byName = new Map(template?.variables.map((variable) => [variable.name, variable]));
    const scan = await run(['scan', '--stack', 'foundation', '--format', 'json']);
    const referenced = (JSON.parse(scan.stdout) as { variables: { name: string }[] }).variables.map((variable) => variable.name);
    assert.deepEqual(
      referenced.filter((name) => !byName.has(name)),
      [],
    );
    assert.deepEqual(byName.get('ENCRYPTION_KEY')?.generate, { kind: 'bytes', bytes: 32, encoding: 'hex' });
    assert.deepEqual(byName.get('JWT_SECRET_KEY')?.generate, { kind: 'bytes', bytes: 32, encoding: 'base64' });
    assert.deepEqual(byName.get('MONGODB_PASSWORD')?.generate, { kind: 'password', length: 32, alphabet: 'alnum' });
    assert.deepEqual(byName.get('MONGODB_URI')?.derive, {
      kind: 'template',
      template: 'mongodb://lucid:{MONGODB_PASSWORD|url}@mongodb:27017/lucid?authSource=admin',
    });
    assert.equal(byName.get('JWT_ACCESS_TOKEN_EXPIRE_MINUTES')?.secret, false);
    assert.equal(byName.get('JWT_ACCESS_TOKEN_EXPIRE_MINUTES')?.type, 'int');
    assert.equal(byName.get('MONGODB_PORT')?.type, 'port');
    const written = readFileSync(join(dir, 'templates/foundation.yml'), 'utf8');
    const firstUse = '# used 2 times by mongodb, auth, first at infrastructure/compose/docker-compose.foundation.yml:16';
    assert.ok(written.includes(`  MONGODB_PASSWORD:\n    ${firstUse}\n    # secret: the name contains PASSWORD\n`), written);
    assert.match(written, /# generate: the existing value is 64 hex digits\n/);
    const payments = await run(['template', 'infer', '--stack', 'payments']);
    assert.match(payments.stdout, / {2}TRONGRID_API_KEY:\n(?: {4}#.*\n)+ {4}secret: true\n {4}supplied: true\n {4}required: true\n/);
    output.push(infer.stdout, infer.stderr, payments.stdout, scan.stdout);

    // 3. init fills every stack; the third-party key is listed, never invented (exit 1).
    for (const stack of ['foundation', 'core']) {
      const result = await run(['init', '--stack', stack, '--yes']);
      assert.equal(result.code, 0, result.stderr);
      output.push(result.stdout, result.stderr);
    }
    const paymentsInit = await run(['init', '--stack', 'payments', '--yes', '--format', 'json']);
    assert.equal(paymentsInit.code, 1);
    const listed = (JSON.parse(paymentsInit.stdout) as JsonReport).findings.map((finding) => `${finding.code} ${finding.variable}`);
    assert.deepEqual(listed, ['missing TRONGRID_API_KEY']);
    assert.equal(values(dir, '.env.payments').has('TRONGRID_API_KEY'), false);
    assert.match(values(dir, '.env.payments').get('PAYMENTS_DB_PASSWORD') ?? '', /^[A-Za-z0-9]{32}$/);
    // Working credentials are kept; the placeholder is replaced.
    assert.deepEqual(values(dir, '.env.secrets'), before.secrets);
    assert.equal(values(dir, '.env.foundation').get('MONGODB_PASSWORD'), before.foundation.get('MONGODB_PASSWORD'));
    assert.match(values(dir, '.env.foundation').get('REDIS_PASSWORD') ?? '', /^[A-Za-z0-9]{32}$/);

    // 4. One report for all stacks, each finding carrying its stack.
    const supply = await run(['set', 'TRONGRID_API_KEY', '-e', `${ENV}/.env.payments`], 'b3f1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d');
    assert.equal(supply.code, 0, supply.stderr);
    const checked = await run(['check', '--all', '--format', 'json']);
    const report = JSON.parse(checked.stdout) as JsonReport;
    assert.deepEqual(report.stacks, [
      { name: 'core', ok: true, summary: { errors: 0, warnings: 0, infos: 0 } },
      { name: 'foundation', ok: true, summary: { errors: 0, warnings: 0, infos: 0 } },
      { name: 'payments', ok: true, summary: { errors: 0, warnings: 0, infos: 0 } },
    ] as unknown as JsonReport['stacks']);
    assert.equal(checked.code, 0, checked.stdout);

    // 5. generate keeps every working credential and says which one is weak by the template.
    const beforeGenerate = readFileSync(join(dir, ENV, '.env.foundation'), 'utf8');
    const generated = await run(['generate', '--stack', 'foundation', '-t', 'templates/foundation.yml', '--format', 'json']);
    assert.equal(generated.code, 0, generated.stderr);
    assert.equal(readFileSync(join(dir, ENV, '.env.foundation'), 'utf8'), beforeGenerate);
    assert.deepEqual(
      (JSON.parse(generated.stdout) as JsonReport).findings.map((finding) => `${finding.code} ${finding.severity} ${finding.variable}`),
      ['weak-secret warning MONGODB_PASSWORD'],
    );

    // 6. sync: drift between stacks is found, never resolved by guessing, then removed from an explicit source.
    const drift = await run(['sync', '--check', '--format', 'json']);
    assert.equal(drift.code, 1);
    assert.deepEqual(
      [...new Set((JSON.parse(drift.stdout) as JsonReport).findings.map((finding) => `${finding.code} ${finding.variable}`))],
      ['drift MONGODB_PASSWORD', 'drift REDIS_PASSWORD'],
    );
    const refused = await run(['sync']);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /^error \[USAGE\] env files disagree on MONGODB_PASSWORD, REDIS_PASSWORD; sync never picks a file for you\n/);
    const synced = await run(['sync', '--from', `${ENV}/.env.foundation`]);
    assert.equal(synced.code, 0, synced.stderr);
    const core = values(dir, '.env.core');
    const foundation = values(dir, '.env.foundation');
    assert.equal(core.get('MONGODB_PASSWORD'), foundation.get('MONGODB_PASSWORD'));
    assert.equal(core.get('REDIS_PASSWORD'), foundation.get('REDIS_PASSWORD'));
    assert.equal(core.get('MONGODB_URI'), foundation.get('MONGODB_URI'));
    assert.equal(core.get('API_PORT'), '8080');
    assert.ok(existsSync(join(dir, ENV, '.lucid-env', 'backups')));
    assert.equal((await run(['sync', '--check'])).code, 0);
    assert.equal((await run(['check', '--all'])).code, 0);
    output.push(drift.stdout, drift.stderr, refused.stderr, synced.stdout, synced.stderr, generated.stdout);

    const secrets = [...values(dir, '.env.secrets').values(), ...foundation.values(), ...values(dir, '.env.payments').values()];
    assertNoValues(
      output.join('\n'),
      secrets.filter((value) => /[A-Za-z]/.test(value) && /\d/.test(value)),
    );
  });

  it('check --recursive needs no workspace file', async (t) => {
    const dir = copyFixture(t);
    const result = await runInProcess(['check', '--recursive', '.', '--format', 'json'], dir);
    const report = JSON.parse(result.stdout) as JsonReport;
    assert.deepEqual(
      report.stacks?.map((stack) => stack.name),
      ['core', 'foundation', 'payments'],
    );
    assert.ok(report.findings.every((finding) => finding.stack !== undefined));
    assert.equal(existsSync(join(dir, 'lucid-env.yml')), false);
  });
});
