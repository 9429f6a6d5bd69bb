/**
 * The launcher's code cache (scripts/launcher.cjs): per user, written on the first run, never into the
 * install directory, and never able to break a run.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { describe, it } from 'node:test';
import { CLI_PATH } from '../helpers/cli.js';

const HAS_COMPILE_CACHE = Number(process.versions.node.split('.')[0]) >= 22;

function scratch(t: TestContext): string {
  const directory = mkdtempSync(join(tmpdir(), 'lucid-env-cache-'));
  t.after(() => rmSync(directory, { recursive: true, force: true }));
  return directory;
}

/** Runs `lucid-env --version` (or `args`) with the given environment; returns exit code and output. */
function run(env: NodeJS.ProcessEnv, args = ['template', 'list']): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI_PATH, ...args], { env: { PATH: process.env['PATH'], NO_COLOR: '1', ...env }, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every file under a folder, relative, with its modification time. */
function listFiles(directory: string): Map<string, number> {
  const files = new Map<string, number>();
  for (const entry of readdirSync(directory, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files.set(join(entry.parentPath, entry.name).slice(directory.length + 1), statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return files;
}

describe('the code cache of the launcher', () => {
  it('ships nothing built for one Node version: dist/bin holds the launcher, the bundle and its package.json', () => {
    assert.deepEqual(readdirSync(join(CLI_PATH, '..')).sort(), ['lucid-env-bundle.cjs', 'lucid-env.js', 'package.json']);
  });

  it('is written on the first run into $XDG_CACHE_HOME/lucid-env (folder 0700, files 0600), then only read', (t) => {
    const home = scratch(t);
    const before = listFiles(join(CLI_PATH, '..'));
    const first = run({ HOME: home, XDG_CACHE_HOME: join(home, 'cache') });
    assert.equal(first.status, 0, first.stderr);
    const cacheDir = join(home, 'cache', 'lucid-env');
    assert.equal(statSync(cacheDir).mode & 0o777, 0o700);
    const written = listFiles(cacheDir);
    assert.ok(written.size > 0, 'no cache written');
    if (!HAS_COMPILE_CACHE) {
      const version = process.version.replaceAll('.', '\\.');
      assert.ok([...written.keys()].some((name) => new RegExp(`^bundle-[0-9a-f]{16}-${version}-${process.arch}-template\\.cache$`).test(name)));
      for (const name of written.keys()) assert.equal(statSync(join(cacheDir, name)).mode & 0o777, 0o600, name);
    }
    const second = run({ HOME: home, XDG_CACHE_HOME: join(home, 'cache') });
    assert.equal(second.stdout, first.stdout);
    assert.deepEqual(listFiles(cacheDir), written, 'an accepted cache is not written again');
    assert.deepEqual(listFiles(join(CLI_PATH, '..')), before, 'the install directory is never written');
  });

  it('keeps one cache per command on Node 20, so each holds the code its command runs', { skip: HAS_COMPILE_CACHE }, (t) => {
    const cacheDir = scratch(t);
    run({ LUCID_ENV_CACHE_DIR: cacheDir }, ['template', 'list']);
    run({ LUCID_ENV_CACHE_DIR: cacheDir }, ['--version']);
    assert.deepEqual([...listFiles(cacheDir).keys()].map((name) => name.replace(/^bundle-.*-(\w+)\.cache$/, '$1')).sort(), ['other', 'template']);
  });

  it('never breaks a run: an unwritable cache folder or a corrupt cache file only costs the normal compile', (t) => {
    const directory = scratch(t);
    const expected = run({ LUCID_ENV_CACHE_DIR: join(directory, 'fresh') });
    const blocked = join(directory, 'a-file');
    writeFileSync(blocked, '');
    assert.deepEqual(run({ LUCID_ENV_CACHE_DIR: join(blocked, 'cache') }), expected);
    if (HAS_COMPILE_CACHE) return;
    const cacheDir = join(directory, 'fresh');
    for (const name of readdirSync(cacheDir)) if (name.endsWith('.cache')) writeFileSync(join(cacheDir, name), 'not a V8 code cache');
    assert.deepEqual(run({ LUCID_ENV_CACHE_DIR: cacheDir }), expected);
    const rewritten = readdirSync(cacheDir).filter((name) => name.endsWith('.cache'));
    assert.ok(
      rewritten.every((name) => statSync(join(cacheDir, name)).size > 1000),
      'a rejected cache is written again',
    );
  });
});
