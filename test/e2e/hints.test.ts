/** Hints are commands the user can copy: they carry the -e and -t the user gave, quoted for the shell. */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { EXAMPLE_ARGS, exampleCopy, parseJson, runLucid } from './support.js';

const ENV = 'configs/environment/.env.foundation';
type Findings = { findings: { code: string; variable?: string; hint?: string }[] };

describe('hints carry the files the user named', () => {
  it('check: placeholder and weak-secret hints name -t and -e as given', async () => {
    const directory = exampleCopy();
    const json = parseJson<Findings>(await runLucid(['check', ...EXAMPLE_ARGS.compose, '-e', ENV, '-t', 'foundation', '--format', 'json'], { cwd: directory }));
    const placeholder = json.findings.find((finding) => finding.code === 'placeholder');
    assert.equal(
      placeholder?.hint,
      `replace it: lucid-env generate -t foundation -e ${ENV} ${placeholder?.variable}, or lucid-env set ${placeholder?.variable} -e ${ENV}`,
    );
    for (const finding of json.findings.filter((item) => item.hint?.startsWith('lucid-env generate'))) {
      assert.match(finding.hint ?? '', new RegExp(`^lucid-env generate -t foundation -e ${ENV.replaceAll('.', '\\.')}`), finding.code);
    }
  });

  it('a path with a space is quoted, and a template given as a path is named by that path', async () => {
    const directory = exampleCopy();
    mkdirSync(join(directory, 'my env'));
    renameSync(join(directory, ENV), join(directory, 'my env', '.env'));
    cpSync(join(process.cwd(), 'templates', 'foundation.yml'), join(directory, 'stack.yml'));
    const json = parseJson<Findings>(
      await runLucid(['check', ...EXAMPLE_ARGS.compose, '-e', 'my env/.env', '-t', 'stack.yml', '--format', 'json'], { cwd: directory }),
    );
    const placeholder = json.findings.find((finding) => finding.code === 'placeholder');
    assert.match(placeholder?.hint ?? '', /^replace it: lucid-env generate -t stack\.yml -e 'my env\/\.env' \w+, or lucid-env set \w+ -e 'my env\/\.env'$/);
  });

  it('set and rotate --check name the env file they worked on', async () => {
    const directory = exampleCopy();
    const set = await runLucid(['set', 'MONGODB_PASSWORD', '-t', 'foundation', '-e', ENV, '--format', 'json'], { cwd: directory, input: 'short' });
    assert.equal(set.code, 0, set.stderr);
    assert.equal(
      parseJson<Findings>(set).findings.find((finding) => finding.code === 'weak-secret')?.hint,
      `lucid-env set MONGODB_PASSWORD --generate -t foundation -e ${ENV}`,
    );
    const ages = parseJson<Findings>(await runLucid(['rotate', '--check', '-t', 'foundation', '-e', ENV, '--format', 'json'], { cwd: directory }));
    const unknown = ages.findings.find((finding) => finding.code === 'rotation-age' && finding.hint !== undefined);
    assert.equal(unknown?.hint, `rotate it once so lucid-env knows its age: lucid-env rotate -t foundation -e ${ENV} ${unknown?.variable}`);
  });
});
