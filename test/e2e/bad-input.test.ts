/** Broken, hostile and odd input: always exit 0, 1 or 2 with a clear message; no stack trace, no hang. */
import assert from 'node:assert/strict';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { CliResult } from './support.js';
import { assertNoStackTrace, at, checkJson, placesOf, runLucid, scratch, writeProject } from './support.js';

const SERVICE = 'services:\n  app:\n    image: nginx\n    environment:\n      NAME: ${APP_NAME}\n';

/** Exit 2 with one `error …` line (plus at most one hint or usage line) and nothing on stdout. */
function assertUsageFailure(result: CliResult, firstLine: RegExp): void {
  assertNoStackTrace(result);
  assert.equal(result.code, 2, result.stderr);
  assert.equal(result.stdout, '');
  const lines = result.stderr.trimEnd().split('\n');
  assert.match(lines[0] ?? '', firstLine);
  assert.ok(lines.length <= 2, `more than a message and a hint:\n${result.stderr}`);
}

/** `check --format json` of one compose file in a fresh folder: exact findings, exit 1, quiet stderr. */
async function checkComposeFile(name: string, content: string | Buffer, expected: ReturnType<typeof at>[], message: RegExp): Promise<void> {
  const directory = scratch();
  writeFileSync(join(directory, name), content);
  const { result, report } = await checkJson(['-f', name], directory);
  assertNoStackTrace(result);
  assert.deepEqual(placesOf(report.findings), expected);
  assert.match(report.findings[0]?.message ?? '', message);
  assert.equal(result.code, 1);
  assert.equal(result.stderr, '');
}

describe('broken compose files', () => {
  it('binary (NUL bytes)', () =>
    checkComposeFile(
      'compose.yaml',
      Buffer.from('services:\n  app:\0\n'),
      [at('yaml-syntax', 'error', 'compose.yaml', 1, 1)],
      /^the compose file is a binary file \(it contains NUL bytes\)$/,
    ));

  it('not UTF-8', () =>
    checkComposeFile(
      'compose.yaml',
      Buffer.from([...Buffer.from('services:\n  app:\n    image: '), 0xff, 0xfe, 0x0a]),
      [at('yaml-syntax', 'error', 'compose.yaml', 1, 1)],
      /^the compose file is not valid UTF-8$/,
    ));

  it('empty', () => checkComposeFile('compose.yaml', '', [at('yaml-syntax', 'error', 'compose.yaml', 1, 1)], /^the compose file is empty$/));

  it('a list at the top', () =>
    checkComposeFile('compose.yaml', '- a\n- b\n', [at('yaml-syntax', 'error', 'compose.yaml', 1, 1)], /^the top level of a compose file must be a mapping/));

  it('a scalar at the top', () =>
    checkComposeFile('compose.yaml', 'hello\n', [at('yaml-syntax', 'error', 'compose.yaml', 1, 1)], /^the top level of a compose file must be a mapping/));

  it('10,000 levels of flow nesting', () =>
    checkComposeFile(
      'compose.yaml',
      `services: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`,
      [at('yaml-syntax', 'error', 'compose.yaml', 1, 1)],
      /^the YAML nests about 10001 levels deep; lucid-env reads at most 256$/,
    ));

  it('10,000 levels of block nesting (compact block sequences)', () =>
    checkComposeFile(
      'compose.yaml',
      `services:\n  app:\n    labels:\n      ${'- '.repeat(10_000)}x\n`,
      [at('yaml-syntax', 'error', 'compose.yaml', 1, 1)],
      /^the YAML nests about \d+ levels deep; lucid-env reads at most 256$/,
    ));

  it('5,000 levels of block mapping indentation', () => {
    const lines = ['services:'];
    for (let depth = 1; depth <= 5_000; depth++) lines.push(`${' '.repeat(depth)}k${depth}:`);
    return checkComposeFile(
      'compose.yaml',
      `${lines.join('\n')}\n`,
      [at('yaml-syntax', 'error', 'compose.yaml', 1, 1)],
      /^the YAML nests about 5001 levels deep; lucid-env reads at most 256$/,
    );
  });

  it('an alias bomb (billion laughs)', () => {
    const levels = 'abcdefghi';
    const lines = ['x-a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let index = 1; index < levels.length; index++)
      lines.push(
        `x-${levels[index]}: &${levels[index]} [${Array(9)
          .fill(`*${levels[index - 1]}`)
          .join(',')}]`,
      );
    lines.push('services:', '  app:', '    image: nginx', '    labels: *i');
    return checkComposeFile(
      'compose.yaml',
      `${lines.join('\n')}\n`,
      [at('yaml-syntax', 'error', 'compose.yaml', 1, 1)],
      /too many alias expansions.*billion laughs/,
    );
  });

  it('the alias bomb does not hang scan or render either', async () => {
    const levels = 'abcdefghi';
    const lines = ['x-a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let index = 1; index < levels.length; index++)
      lines.push(
        `x-${levels[index]}: &${levels[index]} [${Array(9)
          .fill(`*${levels[index - 1]}`)
          .join(',')}]`,
      );
    lines.push('services:', '  app:', '    image: ${APP_IMAGE:-nginx}', '    labels: *i');
    const directory = writeProject({ 'compose.yaml': `${lines.join('\n')}\n` });
    for (const command of ['scan', 'render']) {
      const result = await runLucid([command], { cwd: directory, timeoutMs: 20_000 });
      assertNoStackTrace(result);
      assert.ok(result.code === 0 || result.code === 1, `${command}: exit ${String(result.code)}`);
    }
  });

  it('a 50 MB compose file is refused (exit 2, "larger than")', async () => {
    const directory = scratch();
    const descriptor = openSync(join(directory, 'compose.yaml'), 'w');
    writeSync(descriptor, 'services:\n  app:\n    image: nginx\n');
    const line = `# ${'x'.repeat(1021)}\n`.repeat(1024);
    for (let megabyte = 0; megabyte < 50; megabyte++) writeSync(descriptor, line);
    closeSync(descriptor);
    for (const command of ['scan', 'check', 'render']) {
      const result = await runLucid([command], { cwd: directory, timeoutMs: 20_000 });
      assertUsageFailure(result, /^error \[FILE_TOO_LARGE\] cannot read compose file .*compose\.yaml: larger than 32 MiB$/);
    }
  });
});

describe('files that are not there or not files', () => {
  it('a missing -f file exits 2', async () => {
    const result = await runLucid(['check', '-f', 'nope.yaml'], { cwd: scratch() });
    assertUsageFailure(result, /^error \[FILE_UNREADABLE\] cannot read compose file .*nope\.yaml: no such file$/);
  });

  it('a directory given as -f exits 2', async () => {
    const directory = scratch();
    mkdirSync(join(directory, 'compose.yaml'));
    for (const command of ['scan', 'check', 'render']) {
      const result = await runLucid([command, '-f', 'compose.yaml'], { cwd: directory });
      assertUsageFailure(result, /^error \[FILE_UNREADABLE\] cannot read compose file .*compose\.yaml: is a directory$/);
    }
  });
});

describe('broken env files and templates', () => {
  it('a binary env file is an env-syntax finding (exit 1)', async () => {
    const directory = writeProject({ 'compose.yaml': SERVICE });
    writeFileSync(join(directory, 'bin.env'), Buffer.from('APP_NAME=a\0b\n'));
    const { result, report } = await checkJson(['-e', 'bin.env'], directory);
    assertNoStackTrace(result);
    assert.equal(result.code, 1);
    assert.deepEqual(placesOf(report.findings), [at('env-syntax', 'error', 'bin.env', 1, 1), at('missing', 'error', 'compose.yaml', 5, 13)]);
    assert.equal(report.findings[0]?.message, 'the env file is a binary file (it contains NUL bytes)');
  });

  it('an unterminated quote is an env-syntax finding with file:line (exit 1)', async () => {
    const directory = writeProject({ 'compose.yaml': SERVICE, '.env': 'APP_NAME="demo\n' });
    const { result, report } = await checkJson([], directory);
    assertNoStackTrace(result);
    assert.equal(result.code, 1);
    assert.deepEqual(placesOf(report.findings.filter((finding) => finding.code === 'env-syntax')), [at('env-syntax', 'error', '.env', 1, 10)]);
    assert.match(report.findings.find((finding) => finding.code === 'env-syntax')?.message ?? '', /^unterminated double-quoted value/);
  });

  it('a template with broken YAML is a template-invalid finding with file:line (exit 1)', async () => {
    const directory = writeProject({
      'compose.yaml': SERVICE,
      '.env': 'APP_NAME=demo\n',
      'broken.yml': 'name: broken\nvariables:\n  APP_NAME: { type: string\n  APP_PORT: { type: port }\n',
    });
    const { result, report } = await checkJson(['-t', 'broken.yml'], directory);
    assertNoStackTrace(result);
    assert.equal(result.code, 1);
    assert.deepEqual(placesOf(report.findings), [at('template-invalid', 'error', 'broken.yml', 4, 3)]);
    assert.match(report.findings[0]?.message ?? '', /^invalid template YAML: /);
    const text = await runLucid(['check', '-t', 'broken.yml'], { cwd: directory });
    assert.match(text.stdout, /^broken\.yml\n {2}4:3 +error +invalid template YAML: /);
  });
});

describe('command line misuse', () => {
  it('an unknown flag exits 2', async () => {
    const result = await runLucid(['check', '--bogus'], { cwd: scratch() });
    assertUsageFailure(result, /^error: unknown option '--bogus'$/);
  });

  it('an unknown command exits 2', async () => {
    const result = await runLucid(['bogus'], { cwd: scratch() });
    assertUsageFailure(result, /^error: unknown command 'bogus'$/);
  });

  it('--format xml exits 2 naming the choices', async () => {
    for (const command of ['scan', 'check', 'render']) {
      const result = await runLucid([command, '--format', 'xml'], { cwd: writeProject({ 'compose.yaml': SERVICE }) });
      assertUsageFailure(result, /^error: option '--format <format>' argument 'xml' is invalid\. Allowed choices are /);
    }
  });
});

describe('help and version', () => {
  const commands = [
    [],
    ['scan'],
    ['check'],
    ['render'],
    ['generate'],
    ['set'],
    ['init'],
    ['rotate'],
    ['tor-hash'],
    ['template'],
    ['template', 'list'],
    ['template', 'show'],
  ];
  for (const command of commands) {
    it(`lucid-env ${[...command, '--help'].join(' ')} exits 0 with examples`, async () => {
      const result = await runLucid([...command, '--help'], { cwd: scratch() });
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stderr, '');
      assert.match(result.stdout, /^Usage: lucid-env/);
      assert.match(result.stdout, /\nExamples:\n( {2}\S.*\n)*? {2}.*lucid-env \S/);
    });
  }

  it('--version prints the version of package.json', async () => {
    const { version } = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const result = await runLucid([flag], { cwd: scratch() });
      assert.equal(result.code, 0);
      assert.equal(result.stdout, `${version}\n`);
    }
  });
});
