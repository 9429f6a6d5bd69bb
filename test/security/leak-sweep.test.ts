/**
 * The leak sweep (issue 8): every command in every format it offers, on hostile inputs (a line
 * without "=", a key file and a shadow line reached through `env_file:`, `$` and `${...}` inside
 * secrets, a secret interpolated into another value and into a required message), over stdout,
 * stderr and every file lucid-env writes. Every secret value any env file ever held, in each form
 * it takes (as written, as Compose reads it, percent-encoded) and every piece of the hostile
 * values, is searched for. Runs in process; a few runs go through the real CLI.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import type { EnvEntry } from '../../src/dotenv/document.js';
import { parseEnv } from '../../src/dotenv/parse.js';
import { isSecretName } from '../../src/variable-names.js';
import { runCli } from '../helpers/cli.js';
import type { RunResult } from '../helpers/context.js';
import { runInProcess } from '../helpers/context.js';

const TOKEN_LINE = 'ghp_Xq7Lm2Vb9Kd4Rt8Wn3Zp6Hs1Jc5Fg0Ya2Ue';
const HOSTILE_ENV = [
  'DB_PASSWORD=Mn4Bv7Cx$Zl0Kj9q',
  "API_TOKEN='Tk7Lp2${NOPE:-Qw8Er5Ty}Zx2Vb4'",
  'APP_SECRET="pre${UNSET_PIECE:-Df6Gh9Jk}post"',
  'CONN=postgres://app:${DB_PASSWORD}@db/x',
  TOKEN_LINE,
  '',
].join('\n');
const KEY_FILE = [
  'mallory_admin:$6$Zq9Vb2Lm$Kd4Rt8Wn3Zp6Hs1Jc5Fg0Ya2Ue:19000:0:99999:7:::',
  '-----BEGIN OPENSSH PRIVATE KEY-----',
  'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW',
  '',
].join('\n');
/** Pieces of the hostile values that no output may show, whatever reads them. */
const PIECES = [
  TOKEN_LINE,
  'Mn4Bv7Cx',
  'Zl0Kj9q',
  'Tk7Lp2',
  'Qw8Er5Ty',
  'Zx2Vb4',
  'Df6Gh9Jk',
  'mallory_admin',
  'Zq9Vb2Lm',
  'Kd4Rt8Wn3Zp6Hs1Jc5Fg0Ya2Ue',
  'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ',
];
const TYPED = 'Wv3Nb8Qx1Lk6Zr4Tp9Hs';
const COMPOSE = [
  'services:',
  '  app:',
  '    image: app:${TAG:-latest}',
  '    env_file: [secrets.txt]',
  '    environment:',
  '      CONN: ${CONN}',
  '      DB: ${DB_PASSWORD}',
  '      TOKEN: ${API_TOKEN}',
  '      SECRET: ${APP_SECRET}',
  '      KEY: ${ENCRYPTION_KEY}',
  '      URI: ${MONGODB_URI}',
  '',
].join('\n');
const BROKEN = 'services:\n  app:\n    image: x\n    environment:\n      X: ${NOT_SET_ANYWHERE:?cannot start without ${CONN} and ${DB_PASSWORD}}\n';

/** Every form a secret value takes in output. */
function formsOf(value: string): string[] {
  const forms = [value];
  try {
    forms.push(encodeURIComponent(value));
  } catch {
    // A lone surrogate has no percent-encoded form.
  }
  return forms;
}

/** Secret values in an env file, as Compose reads them and as written; empty when it is not one. */
function secretsIn(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  const lines = parseEnv(text, { file: path }).document.lines.filter((line): line is EnvEntry => line.kind === 'entry');
  return lines
    .filter((entry) => isSecretName(entry.key) || ['MONGODB_URI', 'REDIS_URL', 'CONN'].includes(entry.key))
    .flatMap((entry) => [entry.value ?? '', entry.rawValue.replace(/^['"]|['"]$/g, '')])
    .filter((value) => value.length >= 6)
    .flatMap(formsOf);
}

function walk(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).map((name) => join(dir, name)).filter((path) => statSync(path).isFile());
}

describe('leak sweep: every command, every format, hostile inputs, all outputs and files', () => {
  it('no secret value or piece of one reaches stdout, stderr or a file lucid-env writes (other than env files and backups)', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'lucid-env-sweep-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'compose.yaml'), COMPOSE);
    writeFileSync(join(dir, 'broken.yaml'), BROKEN);
    writeFileSync(join(dir, 'secrets.txt'), KEY_FILE, { mode: 0o600 });
    const generated = await runInProcess(['generate', '-t', 'foundation', '-e', '.env', '-q'], dir);
    assert.equal(generated.code, 0, generated.stderr);
    writeFileSync(join(dir, '.env'), `${readFileSync(join(dir, '.env'), 'utf8')}${HOSTILE_ENV}`, { mode: 0o600 });
    mkdirSync(join(dir, 'deploy'));
    copyFileSync(join(dir, '.env'), join(dir, 'deploy', 'a.env'));
    // Sealing refuses a line without "=" (it would stay readable): the sealed runs use a copy without it.
    writeFileSync(join(dir, 'clean.env'), readFileSync(join(dir, '.env'), 'utf8').replace(`${TOKEN_LINE}\n`, ''), { mode: 0o600 });
    const envFiles = ['.env', 'deploy/a.env', 'secrets.txt', 'clean.env'].map((file) => join(dir, file));

    const keysDir = join(dir, 'keys');
    const env = { LUCID_ENV_KEYS_DIR: keysDir };
    const seen = new Set<string>([...PIECES, TYPED]);
    const learn = () => {
      for (const file of envFiles) for (const secret of secretsIn(file)) seen.add(secret);
      // Private keys of sealed files are secrets too (public keys and fingerprints are not).
      for (const path of existsSync(keysDir) ? walk(keysDir) : []) {
        for (const match of readFileSync(path, 'utf8').matchAll(/lucid-sk\S*/g)) seen.add(match[0]);
      }
    };
    const runs: { label: string; result: RunResult }[] = [];
    const run = async (args: string[], options: { input?: string; codes?: number[]; spawned?: boolean } = {}) => {
      learn();
      const result = options.spawned === true ? await spawned(args, dir, options.input) : await runInProcess(args, dir, { input: options.input ?? '', env });
      const label = `${options.spawned === true ? '(cli) ' : ''}lucid-env ${args.join(' ')}`;
      assert.ok((options.codes ?? [0, 1]).includes(result.code), `${label} exited ${result.code}\n${result.stderr}`);
      assert.doesNotMatch(result.stderr, /internal error|\n {4}at /, label);
      runs.push({ label, result });
      learn();
    };

    const all = ['text', 'json', 'github', 'sarif'];
    const two = ['text', 'json'];
    for (const format of all) {
      await run(['scan', '-e', '.env', '-e', 'secrets.txt', '--format', format]);
      await run(['check', '-e', '.env', '--format', format]);
      await run(['check', '-e', '.env', '-t', 'foundation', '--format', format]);
      await run(['check', '-f', 'broken.yaml', '-e', '.env', '--format', format]);
      await run(['rotate', '-t', 'foundation', '-e', '.env', '--check', '--format', format]);
    }
    for (const format of [...all, 'markdown']) await run(['audit', '-e', '.env', '-t', 'foundation', '--format', format]);
    for (const format of two) {
      await run(['render', '-e', '.env', '--format', format]);
      await run(['render', '-f', 'broken.yaml', '-e', '.env', '--format', format]);
      await run(['render', '-e', '.env', '-t', 'foundation', '--process-env', '--format', format]);
      await run(['generate', '-t', 'foundation', '-e', '.env', '--dry-run', '--format', format]);
      await run(['generate', '-t', 'foundation', '-e', '.env', '--format', format]);
      await run(['set', 'DB_PASSWORD', '-e', '.env', '--format', format], { input: `${TYPED}\n` });
      await run(['set', 'API_TOKEN', '-e', '.env', '--format', format], { input: '', codes: [2] });
      await run(['set', `API_TOKEN=${TYPED}`, '--format', format], { codes: [2] });
      await run(['set', 'MONGODB_PASSWORD', '-t', 'foundation', '-e', '.env', '--format', format], { input: 'short' });
      await run(['set', 'JWT_SECRET_KEY', '--generate', '-t', 'foundation', '-e', '.env', '--format', format]);
      await run(['rotate', '-t', 'foundation', '-e', '.env', 'ENCRYPTION_KEY', 'TOR_PASSWORD', '--format', format]);
      await run(['rotate', '-t', 'foundation', '-e', '.env', '--group', 'encryption', '--dry-run', '--format', format]);
      await run(['rotate', '-t', 'foundation', '-e', '.env', 'JWT_SECRET_KEY', '--propagate', 'deploy/*.env', '--format', format], { codes: [2] });
      await run(['rotate', '-t', 'foundation', '-e', '.env', 'JWT_SECRET_KEY', '--propagate', 'deploy/*.env', '--force', '--format', format]);
      await run(['init', '-t', 'foundation', '--yes', '-e', '.env', '--format', format]);
      await run(['init', '-t', 'foundation', '--yes', '--force', '-e', '.env', '--format', format]);
      await run(['tor-hash', '-e', '.env', '--key', 'TOR_PASSWORD', '--format', format]);
      await run(['tor-hash', '--format', format], { input: TYPED });
      await run(['template', 'show', 'foundation', '--format', format]);
    }
    // Sealed files: keys, seal, read through every reader, rekey, unseal, export, run.
    await run(['keys', 'new', 'alice']);
    for (const format of two) {
      await run(['seal', '-e', '.env', '--format', format], { codes: [2] });
      await run(['seal', '-e', 'clean.env', '--format', format]);
      await run(['scan', '-e', 'clean.env.sealed', '--format', format]);
      await run(['render', '-e', 'clean.env.sealed', '--format', format]);
      await run(['set', 'DB_PASSWORD', '-e', 'clean.env.sealed', '--format', format], { input: TYPED });
      await run(['rekey', 'clean.env.sealed', '--new-data-key', '--format', format]);
      await run(['unseal', 'clean.env.sealed', '-o', 'unsealed.env', '--force', '--format', format]);
      await run(['keys', 'list', '--format', format]);
      await run([
        'export',
        '-f',
        'compose.yaml',
        '--to',
        'compose-secrets',
        '-e',
        '.env',
        '-t',
        'foundation',
        '--dir',
        'exported',
        '--dry-run',
        '--format',
        format,
      ]);
      await run(['export', '-f', 'compose.yaml', '--to', 'kubernetes', '-e', 'clean.env.sealed', '-t', 'foundation', '-o', 'secret.yaml', '--format', format]);
    }
    for (const format of all) await run(['check', '-e', 'clean.env.sealed', '-t', 'foundation', '--format', format]);
    await run(['run', '-e', 'clean.env.sealed', '--', process.execPath, '-e', '0']);
    // The real CLI path: commander, the bundle, the descriptors.
    await run(['check', '-e', '.env', '--format', 'github'], { spawned: true });
    await run(['render', '-e', '.env'], { spawned: true });
    await run(['set', 'DB_PASSWORD', '-e', '.env'], { spawned: true, input: TYPED });
    await run(['set', `--value=${TYPED}`, 'X'], { spawned: true, codes: [2] });

    const secrets = [...seen].filter((value) => value.length >= 6);
    assert.ok(secrets.length >= 60, `only ${secrets.length} secret forms were collected`);
    t.diagnostic(`${runs.length} runs, ${secrets.length} secret forms searched for`);
    for (const { label, result } of runs) {
      for (const secret of secrets) {
        assert.ok(!result.stdout.includes(secret), `${label}: stdout shows ${JSON.stringify(secret)}`);
        assert.ok(!result.stderr.includes(secret), `${label}: stderr shows ${JSON.stringify(secret)}`);
      }
    }
    // Files: env files and backups hold secrets by design (0600, backups in a 0700 folder); nothing else may.
    // So do `unseal` and `export` outputs and private keys, which exist to hold them.
    const byDesign = new Set([...envFiles, ...['compose.yaml', 'broken.yaml', 'unsealed.env', 'secret.yaml'].map((file) => join(dir, file))]);
    for (const path of walk(dir)) {
      const shown = relative(dir, path);
      assert.doesNotMatch(shown, /\.tmp$|\.journal$|\.lock$/, `${shown} was left behind`);
      if (shown.includes('.lucid-env')) assert.equal(statSync(path).mode & 0o777, 0o600, `${shown} is not 0600`);
      if (byDesign.has(path) || shown.includes('.lucid-env/backups/') || shown.startsWith('keys/') || shown.startsWith('exported/')) continue;
      const text = readFileSync(path, 'utf8');
      for (const secret of secrets) assert.ok(!text.includes(secret), `${shown} holds ${JSON.stringify(secret)}`);
    }
  });
});

async function spawned(args: string[], cwd: string, input?: string): Promise<RunResult> {
  const result = await runCli(args, { cwd, ...(input === undefined ? {} : { input }) });
  return { code: result.code ?? -1, stdout: result.stdout, stderr: result.stderr };
}
