import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { LucidError } from '../../src/errors.js';
import { findWorkspaceFile, loadWorkspace, selectStacks } from '../../src/workspace/load.js';
import { parseWorkspaceText } from '../../src/workspace/parse.js';

const parse = (text: string) => parseWorkspaceText(text, '/repo/lucid-env.yml', '/repo');
const problems = (text: string) => parse(text).findings.map((finding) => `${finding.line} ${finding.message}`);

describe('workspace file', () => {
  it('reads stacks with paths resolved from its directory, templates by name or path', () => {
    const { workspace, findings } = parse(
      [
        'version: 1',
        'stacks:',
        '  foundation:',
        '    compose: [configs/docker/docker-compose.foundation.yml]',
        '    envFiles: [configs/environment/.env.foundation]',
        '    projectDirectory: configs/docker',
        '    template: foundation',
        '  api:',
        '    compose: /abs/api.yml',
        '    template: templates/api.yml',
        'audit: { requireDigest: true }',
        '',
      ].join('\n'),
    );
    assert.deepEqual(findings, []);
    assert.deepEqual(workspace, {
      file: '/repo/lucid-env.yml',
      root: '/repo',
      version: 1,
      stacks: [
        {
          name: 'foundation',
          compose: ['/repo/configs/docker/docker-compose.foundation.yml'],
          envFiles: ['/repo/configs/environment/.env.foundation'],
          projectDirectory: '/repo/configs/docker',
          template: 'foundation',
          line: 3,
        },
        { name: 'api', compose: ['/abs/api.yml'], envFiles: [], template: '/repo/templates/api.yml', line: 8 },
      ],
      audit: { requireDigest: true },
      auditLine: 11,
    });
  });

  it('reports every problem at its line, and no workspace', () => {
    const text = ['version: 2', 'stacks:', '  "bad name": {}', '  ok:', '    envFiles: [a.env]', '    colour: red', 'extra: 1', ''].join('\n');
    assert.equal(parse(text).workspace, undefined);
    assert.deepEqual(problems(text), [
      '7 unknown top-level key "extra" (expected version, stacks, audit)',
      '1 version must be 1',
      '3 stack name "bad name" must be letters, digits, ".", "_" or "-"',
      '6 stack ok: unknown key "colour" (expected compose, envFiles, projectDirectory, template)',
      '4 stack ok names no compose file',
    ]);
  });

  it('refuses YAML that is not a mapping, and broken YAML, as findings', () => {
    assert.deepEqual(problems('- a\n- b\n'), ['1 the workspace file must be a mapping with version and stacks']);
    assert.equal(problems('stacks: [\n').length > 0, true);
  });

  it('is found by walking up, and an invalid one stops the command with its line', async (t) => {
    const root = mkdtempSync(join(tmpdir(), 'lucid-env-ws-'));
    t.after(() => rmSync(root, { recursive: true, force: true }));
    mkdirSync(join(root, 'a', 'b'), { recursive: true });
    assert.equal(findWorkspaceFile(join(root, 'a', 'b')), undefined);
    writeFileSync(join(root, 'lucid-env.yml'), 'version: 1\nstacks:\n  one: { compose: [c.yml] }\n');
    assert.equal(findWorkspaceFile(join(root, 'a', 'b')), join(root, 'lucid-env.yml'));
    const workspace = await loadWorkspace(join(root, 'lucid-env.yml'));
    assert.deepEqual(
      selectStacks(workspace, 'one').map((stack) => stack.compose),
      [[join(root, 'c.yml')]],
    );
    assert.throws(
      () => selectStacks(workspace, 'two'),
      (error: unknown) => error instanceof LucidError && error.message.startsWith('no stack named "two"'),
    );
    writeFileSync(join(root, 'lucid-env.yml'), 'version: 1\nstacks: 3\n');
    await assert.rejects(
      loadWorkspace(join(root, 'lucid-env.yml')),
      (error: unknown) =>
        error instanceof LucidError &&
        error.code === 'WORKSPACE_INVALID' &&
        error.message === `${join(root, 'lucid-env.yml')}:2: stacks must be a mapping of NAME: { compose, envFiles, … }`,
    );
  });
});
