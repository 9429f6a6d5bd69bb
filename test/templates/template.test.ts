/** Templates (SPEC section 7): the foundation template, invalid templates at file:line, `template list|show`, `tor-hash`. */

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { verifyTorHash } from '../../src/secrets/tor-hash.js';
import { loadTemplate } from '../../src/templates/load.js';
import { parseTemplateText } from '../../src/templates/parse.js';
import { COMPOSE_REL, cli, ENV_REL, exampleCopy, generatedCopy, readValues, scratchDir } from '../commands/support.js';

/** The template-invalid findings of a template text, as `line: message`. */
function problems(text: string): string[] {
  const { template, findings } = parseTemplateText(text, 'bad.yml');
  assert.equal(template, undefined, 'an invalid template must not load');
  for (const finding of findings) {
    assert.equal(finding.code, 'template-invalid');
    assert.equal(finding.severity, 'error');
    assert.equal(finding.file, 'bad.yml');
  }
  return findings.map((finding) => `${finding.line}: ${finding.message}`);
}

const GOOD = '    generate: { kind: password, length: 32, alphabet: alnum }\n';

describe('the foundation template', () => {
  it('loads with no findings', async () => {
    const { template, findings } = await loadTemplate('foundation', process.cwd());
    assert.deepEqual(findings, []);
    assert.equal(template?.name, 'foundation');
    assert.equal(template?.envFile, 'configs/environment/.env.foundation');
    assert.deepEqual(template?.compose, ['configs/docker/docker-compose.foundation.yml']);
    assert.deepEqual(
      template?.variables.filter((variable) => variable.generate !== undefined).map((variable) => variable.name),
      ['ENCRYPTION_KEY', 'TOR_PASSWORD', 'MONGODB_PASSWORD', 'REDIS_PASSWORD', 'ELASTICSEARCH_PASSWORD', 'JWT_SECRET_KEY'],
    );
  });

  it('covers every variable the example compose file references', async (t) => {
    const { dir } = exampleCopy(t);
    const scan = await cli(['scan', '-f', COMPOSE_REL, '--format', 'json'], { cwd: dir });
    const referenced = (JSON.parse(scan.stdout) as { variables: { name: string }[] }).variables.map((variable) => variable.name);
    assert.equal(referenced.length, 19, `the scan found ${referenced.join(', ')}`);
    const { template } = await loadTemplate('foundation', process.cwd());
    const defined = new Set(template?.variables.map((variable) => variable.name));
    assert.deepEqual(
      referenced.filter((name) => !defined.has(name)),
      [],
    );
  });
});

describe('invalid templates give template-invalid findings at the right line', () => {
  it('an unknown key of a variable', () => {
    assert.deepEqual(problems(`name: t\nvariables:\n  A:\n    secret: true\n${GOOD}    colour: red\n`), ['6: A: unknown key "colour"']);
    assert.deepEqual(problems('name: t\nflavour: x\nvariables: {}\n'), ['2: unknown top-level key "flavour"']);
  });

  it('an unknown generator kind', () => {
    assert.deepEqual(problems('name: t\nvariables:\n  A:\n    secret: true\n    generate: { kind: magic, length: 32 }\n'), [
      '5: A: generate: unknown secret kind "magic" (expected bytes, password)',
    ]);
  });

  it('a generator under 128 bits (password length 8), reported at its generate: key', () => {
    assert.deepEqual(problems('name: t\nvariables:\n  A:\n    secret: true\n    generate:\n      kind: password\n      length: 8\n      alphabet: alnum\n'), [
      '5: A: generate: 8 characters, alnum gives 47 bits of entropy, under the minimum of 128',
    ]);
    assert.deepEqual(problems('name: t\nvariables:\n  K:\n    generate: { kind: bytes, bytes: 15, encoding: hex }\n'), [
      '4: K: generate: 15 random bytes, hex gives 120 bits of entropy, under the minimum of 128',
    ]);
  });

  it('a value derived from an unknown variable', () => {
    const text =
      `name: t\nvariables:\n  A:\n${GOOD}  B:\n    description: hash\n    derive: { kind: tor-hash, from: NOPE }\n` +
      '  C:\n    derive: { template: "x://{A|url}@{MISSING}" }\n';
    assert.deepEqual(problems(text), ['7: B: derived from unknown variable NOPE', '9: C: derived from unknown variable MISSING']);
  });

  it('a bad maxAge', () => {
    assert.deepEqual(problems(`name: t\nvariables:\n  A:\n${GOOD}    rotation:\n      keepPrevious: true\n      maxAge: 90x\n`), [
      '5: A: rotation.maxAge must look like 90d, 12w, 6m or 1y',
    ]);
    assert.deepEqual(problems(`name: t\nvariables:\n  A:\n${GOOD}    rotation: { maxAge: 0d }\n`), ['5: A: rotation.maxAge must look like 90d, 12w, 6m or 1y']);
  });

  it('bad YAML', () => {
    assert.deepEqual(problems('name: t\nvariables:\n  A: { secret: true }\n  A: { secret: false }\n'), ['4: duplicate key "A"']);
    const [nested] = problems('name: t\nvariables:\n  A: secret: true\n');
    assert.match(nested ?? '', /^3: invalid template YAML: /);
  });

  it('the CLI refuses an invalid template with exit 2 naming its file:line', async (t) => {
    const dir = scratchDir(t);
    writeFileSync(join(dir, 'bad.yml'), 'name: t\nvariables:\n  A:\n    secret: true\n    generate: { kind: password, length: 8, alphabet: alnum }\n');
    const run = await cli(['template', 'show', 'bad.yml'], { cwd: dir }, 2);
    assert.equal(
      run.stderr,
      `error [TEMPLATE_INVALID] template bad.yml is invalid (${join(dir, 'bad.yml')}:5: A: generate: 8 characters, alnum gives 47 bits of entropy, ` +
        'under the minimum of 128)\n  hint: lucid-env check -t bad.yml lists every problem\n',
    );
    await cli(['generate', '-t', 'bad.yml', '-e', '.env'], { cwd: dir }, 2);
  });
});

describe('template list and show', () => {
  it('list names the built-in templates with their descriptions', async (t) => {
    const run = await cli(['template', 'list'], { cwd: scratchDir(t) });
    assert.equal(run.stdout, 'foundation       Lucid foundation services (MongoDB, Redis, Elasticsearch, auth service, Tor proxy)\n');
  });

  it('show foundation prints files, every variable, generators and rotation policy', async (t) => {
    const run = await cli(['template', 'show', 'foundation'], { cwd: scratchDir(t) });
    const lines = run.stdout.split('\n');
    assert.deepEqual(lines.slice(0, 4), [
      'foundation: Lucid foundation services (MongoDB, Redis, Elasticsearch, auth service, Tor proxy)',
      '  env file: configs/environment/.env.foundation',
      '  compose:  configs/docker/docker-compose.foundation.yml',
      '',
    ]);
    assert.ok(
      lines.includes('  ENCRYPTION_KEY                generated: 32 random bytes, hex [secret, required]; rotate every 90 days, keeps _PREVIOUS'),
      run.stdout,
    );
    assert.ok(lines.includes('  TOR_HASHED_CONTROL_PASSWORD   derived: Tor hash of TOR_PASSWORD'), run.stdout);
    assert.ok(lines.includes('  MONGODB_PORT                  port, default 27017'), run.stdout);
    assert.ok(lines.includes('  LOG_LEVEL                     choices, one of DEBUG|INFO|WARNING|ERROR, default INFO'), run.stdout);
    const { template } = await loadTemplate('foundation', process.cwd());
    for (const variable of template?.variables ?? [])
      assert.ok(
        lines.some((line) => line.startsWith(`  ${variable.name} `)),
        variable.name,
      );
    const missing = await cli(['template', 'show', 'nope'], { cwd: scratchDir(t) }, 2);
    assert.equal(
      missing.stderr,
      'error [TEMPLATE_NOT_FOUND] no template named "nope"\n  hint: built-in templates: foundation; or pass a path to a YAML file\n',
    );
  });
});

describe('tor-hash', () => {
  it('hashes a password from stdin as tor --hash-password does, with a fresh salt each time', async (t) => {
    const dir = scratchDir(t);
    const first = await cli(['tor-hash'], { cwd: dir, input: '12345678' });
    const second = await cli(['tor-hash'], { cwd: dir, input: '12345678\n' });
    for (const run of [first, second]) {
      assert.match(run.stdout, /^16:[0-9A-F]{58}\n$/);
      assert.ok(verifyTorHash('12345678', run.stdout.trim()), run.stdout);
      assert.ok(!verifyTorHash('12345679', run.stdout.trim()));
      assert.equal(run.stderr, '');
    }
    assert.notEqual(first.stdout.slice(3, 19), second.stdout.slice(3, 19), 'two runs used the same salt');
    // The count byte Tor uses (0x60) follows the 8-byte salt.
    assert.equal(first.stdout.slice(19, 21), '60');
    const empty = await cli(['tor-hash'], { cwd: dir, input: '' }, 2);
    assert.equal(empty.stderr, 'error [USAGE] no password on standard input\n');
  });

  it('-e file --key TOR_PASSWORD reads the password from an env file', async (t) => {
    const { dir, env } = await generatedCopy(t);
    const values = readValues(env);
    const run = await cli(['tor-hash', '-e', ENV_REL, '--key', 'TOR_PASSWORD'], { cwd: dir });
    assert.match(run.stdout, /^16:[0-9A-F]{58}\n$/);
    assert.ok(verifyTorHash(values.get('TOR_PASSWORD') ?? '', run.stdout.trim()));
    const byDefault = await cli(['tor-hash', '-e', ENV_REL], { cwd: dir });
    assert.ok(verifyTorHash(values.get('TOR_PASSWORD') ?? '', byDefault.stdout.trim()));
    const other = await cli(['tor-hash', '-e', ENV_REL, '--key', 'REDIS_PASSWORD'], { cwd: dir });
    assert.ok(verifyTorHash(values.get('REDIS_PASSWORD') ?? '', other.stdout.trim()));
    const missing = await cli(['tor-hash', '-e', ENV_REL, '--key', 'NOPE'], { cwd: dir }, 2);
    assert.equal(missing.stderr, `error [KEY_NOT_FOUND] NOPE is not set in ${ENV_REL}\n`);
  });
});
