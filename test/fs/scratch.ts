/** Scratch directories, tmpfs mounts and an unprivileged child process for the file-I/O tests. */

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { LucidError } from '../../src/errors.js';

/** A fresh temp directory removed after the test. */
export function makeScratchDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'lucid-env-fs-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Mounts a tmpfs on `dir`; skips the test (and returns false) when not root or mounting fails. */
export function mountTmpfs(t: TestContext, dir: string, options: string): boolean {
  if (process.getuid?.() !== 0) {
    t.skip('needs root to mount a tmpfs');
    return false;
  }
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'pipe' });
    return true;
  } catch (error) {
    t.skip(`mount -t tmpfs failed: ${String(error).split('\n')[0]}`);
    return false;
  }
}

/** Remounts a mounted directory read-only. */
export function remountReadOnly(dir: string): void {
  execFileSync('mount', ['-o', 'remount,ro', dir], { stdio: 'pipe' });
}

/** Unmounts, lazily if something still holds it, so cleanup never leaves a mount behind. */
export function unmount(dir: string): void {
  try {
    execFileSync('umount', [dir], { stdio: 'pipe' });
  } catch {
    execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
  }
}

/** The compiled module under src/fs for a child process (tests run from the compiled tree). */
export function moduleUrl(name: string): string {
  return new URL(`../../src/fs/${name}.js`, import.meta.url).href;
}

/** Runs an ES module snippet in a child Node process, optionally as another user; returns its exit and output. */
export function runNode(source: string, options: { uid?: number; gid?: number } = {}) {
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', source], {
    encoding: 'utf8',
    timeout: 20_000,
    ...options,
  });
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

/** An assert.rejects/throws validator: a LucidError with this code (and this message, if given). */
export function isLucid(code: string, message?: string) {
  return (error: unknown) => {
    assert.ok(error instanceof LucidError, `expected a LucidError, got ${String(error)}`);
    assert.equal(error.code, code);
    if (message !== undefined) assert.equal(error.message, message);
    return true;
  };
}
