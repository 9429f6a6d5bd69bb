/** `lucid-env init`: a scripted Prompter, --yes through the CLI, no-TTY refusal, --force, and a real terminal (issue 4). */

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { init } from '../../src/commands/init.js';
import { LucidError } from '../../src/errors.js';
import type { Prompter } from '../../src/prompt.js';
import { verifyTorHash } from '../../src/secrets/tor-hash.js';
import {
  assertNoValues,
  CLI,
  COMPOSE_REL,
  changedKeys,
  cli,
  DERIVED_KEYS,
  ENV_REL,
  exampleCopy,
  GENERATED_KEYS,
  modeOf,
  onPath,
  readHistoryLines,
  readValues,
  scratchDir,
  testContext,
  tmuxServer,
} from './support.js';

/** The keys whose old value `--force` keeps (keepPrevious in the foundation template). */
const PREVIOUS_KEYS = ['ENCRYPTION_KEY_PREVIOUS', 'JWT_SECRET_KEY_PREVIOUS'];

// Non-secret variables of the foundation template with their defaults, in the order init asks for them.
const QUESTIONS: [string, string][] = [
  ['LUCID_REPO_ROOT', '../..'],
  ['PROJECT_ROOT', '/mnt/myssd/Lucid/Lucid'],
  ['TOR_PROXY_SOCKS_PORT', '9050'],
  ['TOR_PROXY_CONTROL_PORT', '9051'],
  ['TOR_PROXY_HTTP_PORT', '8118'],
  ['TOR_PROXY_HOST', 'tor-proxy'],
  ['MONGODB_USERNAME', 'lucid'],
  ['MONGODB_DATABASE', 'lucid'],
  ['MONGODB_PORT', '27017'],
  ['REDIS_PORT', '6379'],
  ['REDIS_HOST', 'lucid-redis'],
  ['REDIS_MAX_MEMORY', '512mb'],
  ['REDIS_MAX_MEMORY_POLICY', 'allkeys-lru'],
  ['ELASTICSEARCH_HTTP_PORT', '9200'],
  ['ELASTICSEARCH_TRANSPORT_PORT', '9300'],
  ['ES_HEAP', '512m'],
  ['AUTH_SERVICE_PORT', '8089'],
  ['API_GATEWAY_URL', 'http://lucid-api-gateway:8080'],
  ['LOG_LEVEL', 'INFO'],
];
const ALL_KEYS = [...QUESTIONS.map(([key]) => key), ...GENERATED_KEYS, ...DERIVED_KEYS];

interface Asked {
  kind: 'input' | 'select' | 'confirm';
  message: string;
  defaultValue: string | boolean | undefined;
  choices?: readonly string[];
  validate?: (value: string) => string | true;
}

/** A Prompter answering from `answers` (by key) or with the default; records every question. */
function scriptedPrompter(answers: Record<string, string>, confirmAnswer: boolean, onConfirm: () => void = () => undefined): Prompter & { asked: Asked[] } {
  const asked: Asked[] = [];
  const answer = (message: string, fallback: string | undefined) => answers[message.slice(0, message.indexOf(':'))] ?? fallback ?? '';
  return {
    asked,
    input: async (message, defaultValue, validate) => {
      asked.push({ kind: 'input', message, defaultValue, ...(validate ? { validate } : {}) });
      return answer(message, defaultValue);
    },
    select: async (message, choices, defaultValue) => {
      asked.push({ kind: 'select', message, defaultValue, choices });
      return answer(message, defaultValue);
    },
    confirm: async (message, defaultValue) => {
      asked.push({ kind: 'confirm', message, defaultValue });
      onConfirm();
      return confirmAnswer;
    },
    secret: async (message) => Promise.reject(new Error(`init never asks for a secret (asked: ${message})`)),
  };
}

describe('init with a scripted prompter', () => {
  it('asks only for non-secret values, uses the answers, masks the summary, then writes', async (t) => {
    const dir = scratchDir(t);
    let summaryAtConfirm = '';
    const prompter = scriptedPrompter(
      { MONGODB_USERNAME: 'admin@corp', API_GATEWAY_URL: 'https://gw.example:8443', LOG_LEVEL: 'DEBUG' },
      true,
      () => (summaryAtConfirm = ctx.err.join('')),
    );
    const ctx = testContext(dir, { isInteractive: true, prompter });
    const report = await init({ template: 'foundation', envFile: ['.env'] }, ctx);
    const questions = prompter.asked.filter((question) => question.kind !== 'confirm');
    assert.deepEqual(
      questions.map((question) => [question.message.slice(0, question.message.indexOf(':')), question.defaultValue]),
      QUESTIONS,
    );
    assert.equal(
      questions.find((question) => question.message.startsWith('LUCID_REPO_ROOT'))?.message,
      'LUCID_REPO_ROOT: Path of the Lucid repository root, relative to configs/docker/',
    );
    assert.deepEqual(questions.at(-1), {
      kind: 'select',
      message: 'LOG_LEVEL: Log level of the auth service',
      defaultValue: 'INFO',
      choices: ['DEBUG', 'INFO', 'WARNING', 'ERROR'],
    });
    // Answers are checked against the template types while typing.
    const port = questions.find((question) => question.message.startsWith('MONGODB_PORT:'))?.validate;
    assert.equal(port?.('70000'), 'it is not a port number (1-65535)');
    assert.equal(port?.('27018'), true);
    assert.equal(
      questions.find((question) => question.message.startsWith('API_GATEWAY_URL:'))?.validate?.('gateway'),
      'it is not a valid URL (scheme://host…)',
    );

    const env = join(dir, '.env');
    const values = readValues(env);
    assert.deepEqual([...values.keys()].sort(), [...ALL_KEYS].sort());
    assert.equal(values.get('MONGODB_USERNAME'), 'admin@corp');
    assert.equal(values.get('API_GATEWAY_URL'), 'https://gw.example:8443');
    assert.equal(values.get('LOG_LEVEL'), 'DEBUG');
    assert.equal(values.get('MONGODB_URI'), `mongodb://admin%40corp:${values.get('MONGODB_PASSWORD')}@lucid-mongodb:27017/lucid?authSource=admin`);
    assert.ok(verifyTorHash(values.get('TOR_PASSWORD') ?? '', values.get('TOR_HASHED_CONTROL_PASSWORD') ?? ''));
    assert.equal(modeOf(env), 0o600);

    const confirm = prompter.asked.at(-1);
    assert.deepEqual(confirm, { kind: 'confirm', message: `Write 28 value(s) to ${env}?`, defaultValue: true });
    assert.equal(report.changes?.length, 28);
    assert.ok(summaryAtConfirm.startsWith(`Summary for ${env}:\n  LUCID_REPO_ROOT = ../..\n`), summaryAtConfirm);
    assert.match(summaryAtConfirm, /\n {2}MONGODB_USERNAME = admin@corp\n/);
    for (const key of [...GENERATED_KEYS, ...DERIVED_KEYS]) assert.match(summaryAtConfirm, new RegExp(`\\n {2}${key} = \\*{8} \\(generated\\)\\n`));
    assertNoValues(
      ctx.err.join('') + ctx.out.join(''),
      [...GENERATED_KEYS, ...DERIVED_KEYS].map((key) => values.get(key) ?? ''),
    );
    assert.deepEqual(
      readHistoryLines(env).map((line) => line.key),
      [...GENERATED_KEYS, ...DERIVED_KEYS],
    );
  });

  it('a "no" at the confirmation writes nothing and throws CANCELLED', async (t) => {
    const { dir, env } = exampleCopy(t);
    const original = readFileSync(env, 'utf8');
    const prompter = scriptedPrompter({}, false);
    await assert.rejects(init({ template: 'foundation' }, testContext(dir, { isInteractive: true, prompter })), (error: unknown) => {
      assert.ok(error instanceof LucidError);
      assert.equal(error.code, 'CANCELLED');
      assert.equal(error.message, 'nothing was written');
      return true;
    });
    assert.equal(prompter.asked.at(-1)?.kind, 'confirm');
    assert.equal(readFileSync(env, 'utf8'), original);
    assert.equal(modeOf(env), 0o644);
    assert.equal(existsSync(join(dir, 'configs/environment/.lucid-env')), false, 'a cancelled init creates no state folder');
  });

  it('existing values are neither asked nor overwritten without --force', async (t) => {
    const { dir, env } = exampleCopy(t);
    await cli(['generate', '-t', 'foundation', '-q'], { cwd: dir });
    const before = readValues(env);
    const prompter = scriptedPrompter({}, true);
    await init({ template: 'foundation' }, testContext(dir, { isInteractive: true, prompter }));
    const asked = prompter.asked.filter((question) => question.kind !== 'confirm').map((question) => question.message.slice(0, question.message.indexOf(':')));
    assert.deepEqual(asked, [
      'PROJECT_ROOT',
      'TOR_PROXY_SOCKS_PORT',
      'TOR_PROXY_CONTROL_PORT',
      'TOR_PROXY_HTTP_PORT',
      'TOR_PROXY_HOST',
      'MONGODB_PORT',
      'REDIS_PORT',
      'REDIS_HOST',
      'REDIS_MAX_MEMORY',
      'REDIS_MAX_MEMORY_POLICY',
      'ELASTICSEARCH_HTTP_PORT',
      'ELASTICSEARCH_TRANSPORT_PORT',
      'ES_HEAP',
      'AUTH_SERVICE_PORT',
    ]);
    const after = readValues(env);
    assert.deepEqual(changedKeys(before, after), [...asked].sort());
    for (const [key, value] of before) assert.equal(after.get(key), value, key);

    const forced = scriptedPrompter({ MONGODB_USERNAME: 'root2' }, true);
    await init({ template: 'foundation', force: true }, testContext(dir, { isInteractive: true, prompter: forced }));
    assert.equal(forced.asked.filter((question) => question.kind !== 'confirm').length, QUESTIONS.length);
    assert.deepEqual(forced.asked.find((question) => question.message.startsWith('MONGODB_USERNAME:'))?.defaultValue, 'lucid');
    const last = readValues(env);
    assert.deepEqual(changedKeys(after, last), [...GENERATED_KEYS, ...DERIVED_KEYS, ...PREVIOUS_KEYS, 'MONGODB_USERNAME'].sort());
  });
});

describe('init through the CLI', () => {
  it('--yes writes a complete file that passes check -t foundation', async (t) => {
    const { dir, env } = exampleCopy(t);
    rmSync(env);
    const run = await cli(['init', '-t', 'foundation', '--yes'], { cwd: dir });
    const values = readValues(env);
    assert.deepEqual([...values.keys()].sort(), [...ALL_KEYS].sort());
    for (const [key, value] of QUESTIONS) assert.equal(values.get(key), value, key);
    assert.equal(modeOf(env), 0o600);
    assertNoValues(
      run.stdout + run.stderr,
      [...GENERATED_KEYS, ...DERIVED_KEYS].map((key) => values.get(key) ?? ''),
    );
    await cli(['check', '-t', 'foundation', '-f', COMPOSE_REL, '-e', ENV_REL], { cwd: dir }, 0);
  });

  it('without a terminal and without --yes: exit 2 naming each value it would ask for', async (t) => {
    const { dir, env } = exampleCopy(t);
    const original = readFileSync(env, 'utf8');
    const run = await cli(['init', '-t', 'foundation'], { cwd: dir }, 2);
    const missing = [
      'PROJECT_ROOT, TOR_PROXY_SOCKS_PORT, TOR_PROXY_CONTROL_PORT, TOR_PROXY_HTTP_PORT, TOR_PROXY_HOST, MONGODB_PORT, REDIS_PORT, REDIS_HOST,',
      'REDIS_MAX_MEMORY, REDIS_MAX_MEMORY_POLICY, ELASTICSEARCH_HTTP_PORT, ELASTICSEARCH_TRANSPORT_PORT, ES_HEAP, AUTH_SERVICE_PORT',
    ].join(' ');
    assert.equal(
      run.stderr,
      `error [NOT_INTERACTIVE] init needs a terminal to ask for ${missing}\n  hint: pass --yes to take every default (CI), or run it in a terminal\n`,
    );
    assert.equal(readFileSync(env, 'utf8'), original);
    rmSync(env);
    const empty = await cli(['init', '-t', 'foundation'], { cwd: dir }, 2);
    assert.ok(empty.stderr.startsWith(`error [NOT_INTERACTIVE] init needs a terminal to ask for ${QUESTIONS.map(([key]) => key).join(', ')}\n`), empty.stderr);
    assert.deepEqual(readdirSync(join(dir, 'configs/environment')), []);
  });

  it('--yes keeps existing values; --yes --force regenerates the secrets', async (t) => {
    const { dir, env } = exampleCopy(t);
    await cli(['generate', '-t', 'foundation', '-q'], { cwd: dir });
    const generated = readFileSync(env, 'utf8');
    await cli(['init', '-t', 'foundation', '--yes'], { cwd: dir });
    const text = readFileSync(env, 'utf8');
    assert.ok(text.startsWith(generated), 'init --yes changed an existing line');
    const added = readValues(env);
    await cli(['init', '-t', 'foundation', '--yes', '--force'], { cwd: dir });
    assert.deepEqual(changedKeys(added, readValues(env)), [...GENERATED_KEYS, ...DERIVED_KEYS, ...PREVIOUS_KEYS].sort());
    // --force replaces working secrets: like a rotation, the old ones stay in _PREVIOUS and the file is backed up.
    assert.equal(readValues(env).get('ENCRYPTION_KEY_PREVIOUS'), added.get('ENCRYPTION_KEY'));
    assert.equal(readdirSync(join(env, '..', '.lucid-env', 'backups')).length, 1);
  });
});

describe('init in a real terminal (tmux)', () => {
  /** Starts `lucid-env init` in a tmux pane of a copy of the example without its env file. */
  function startInit(t: import('node:test').TestContext) {
    const { dir, env } = exampleCopy(t);
    rmSync(env);
    const tmux = tmuxServer(t);
    const command = `cd '${dir}' && env -u CI NO_COLOR=1 '${process.execPath}' '${CLI}' init -t foundation -e '${env}'; echo "EXIT=$?"; sleep 60`;
    tmux.run(['new-session', '-d', '-s', 'lucid', '-x', '200', '-y', '50', command]);
    return { dir, env, tmux };
  }

  it('Enter at every prompt writes a complete file', { skip: onPath('tmux') ? false : 'tmux is not on PATH' }, async (t) => {
    const { dir, env, tmux } = startInit(t);
    for (const [key] of QUESTIONS) {
      await tmux.waitFor((pane) => new RegExp(`\\b${key}:`).test(pane), `the ${key} prompt`);
      tmux.run(['send-keys', '-t', 'lucid', 'Enter']);
    }
    await tmux.waitFor((pane) => /Write 28 value\(s\) to .*\?/.test(pane), 'the confirmation');
    tmux.run(['send-keys', '-t', 'lucid', 'Enter']);
    const pane = await tmux.waitFor((text) => /EXIT=\d+/.test(text), 'the end of init');
    assert.match(pane, /EXIT=0/);
    const values = readValues(env);
    assert.deepEqual([...values.keys()].sort(), [...ALL_KEYS].sort());
    for (const [key, value] of QUESTIONS) assert.equal(values.get(key), value, key);
    assertNoValues(
      pane,
      [...GENERATED_KEYS, ...DERIVED_KEYS].map((key) => values.get(key) ?? ''),
    );
    await cli(['check', '-t', 'foundation', '-f', COMPOSE_REL, '-e', ENV_REL], { cwd: dir }, 0);
  });

  it('Ctrl-C at the first prompt writes nothing and exits 2 with one line', { skip: onPath('tmux') ? false : 'tmux is not on PATH' }, async (t) => {
    const { dir, tmux } = startInit(t);
    await tmux.waitFor((pane) => /\bLUCID_REPO_ROOT:/.test(pane), 'the first prompt');
    tmux.run(['send-keys', '-t', 'lucid', 'C-c']);
    const pane = await tmux.waitFor((text) => /EXIT=\d+/.test(text), 'the end of init');
    assert.match(pane, /EXIT=2/);
    const after = pane
      .slice(pane.indexOf('LUCID_REPO_ROOT:'), pane.indexOf('EXIT='))
      .split('\n')
      .slice(1)
      .filter((line) => line.trim() !== '');
    assert.deepEqual(after, ['error [CANCELLED] cancelled; nothing was written']);
    assert.deepEqual(readdirSync(join(dir, 'configs/environment')), []);
  });
});
