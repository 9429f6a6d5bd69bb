/**
 * The journal: a change to several files is all or nothing. A fault thrown at any step leaves
 * every file as before (and no journal, no history); a run that stops at any step (as if killed)
 * is finished or dropped by recoverInterrupted, which writes each history line exactly once.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { describe, it } from 'node:test';
import { LucidError } from '../../src/errors.js';
import type { FileChange, Transaction } from '../../src/history/journal.js';
import { commitTransaction, planTransaction, recoverInterrupted } from '../../src/history/journal.js';
import { journalPath } from '../../src/history/journal-path.js';
import { readHistory } from '../../src/history/state.js';

const NOW = new Date('2026-03-01T12:00:00.000Z');

/** Three env files (one new) in two folders, and a transaction that changes all of them. */
function setUp(t: TestContext): { dir: string; tx: Transaction; paths: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'lucid-env-journal-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const a = join(dir, 'a.env');
  const b = join(dir, 'sub.env');
  const c = join(dir, 'new.env');
  writeFileSync(a, 'K=old-a\n', { mode: 0o600 });
  writeFileSync(b, 'K=old-b\nOTHER=1\n', { mode: 0o640 });
  const files: FileChange[] = [
    { path: a, before: 'K=old-a\n', beforeMode: 0o600, after: 'K=new\nK_PREVIOUS=old-a\n', mode: 0o600 },
    { path: b, before: 'K=old-b\nOTHER=1\n', beforeMode: 0o640, after: 'K=new\nOTHER=1\nK_PREVIOUS=old-b\n', mode: 0o600 },
    { path: c, before: undefined, beforeMode: undefined, after: 'K=new\n', mode: 0o600 },
  ];
  const history = files.map((file) => ({ envFile: file.path, key: 'K', action: 'rotate:rotated', fingerprint: 'f1f1f1f1f1f1' }));
  return { dir, tx: planTransaction('rotate', files, history, NOW), paths: files.map((file) => file.path) };
}

function contents(paths: readonly string[]): (string | undefined)[] {
  return paths.map((path) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined));
}

async function historyKeys(paths: readonly string[]): Promise<string[]> {
  return (await Promise.all(paths.map(readHistory))).flat().map((entry) => `${entry.file}:${entry.key}:${entry.time}`);
}

const STEPS = ['journal', 'file 1', 'file 2', 'file 3', 'history'];

describe('commitTransaction', () => {
  it('writes every file with its mode, the history once, and removes the journals', async (t) => {
    const { tx, paths } = setUp(t);
    const steps: string[] = [];
    await commitTransaction(tx, { onStep: (step) => void steps.push(step) });
    assert.deepEqual(steps, STEPS);
    assert.deepEqual(
      contents(paths),
      tx.files.map((file) => file.after),
    );
    assert.deepEqual(
      paths.map((path) => statSync(path).mode & 0o777),
      [0o600, 0o600, 0o600],
    );
    assert.deepEqual(await historyKeys(paths), [
      'a.env:K:2026-03-01T12:00:00.000Z',
      'sub.env:K:2026-03-01T12:00:00.000Z',
      'new.env:K:2026-03-01T12:00:00.000Z',
    ]);
    assert.deepEqual(
      paths.filter((path) => existsSync(journalPath(path))),
      [],
    );
  });

  for (const [index, failing] of STEPS.entries()) {
    it(`a fault thrown after step "${failing}" leaves every file as before, no journal and no history`, async (t) => {
      const { tx, paths } = setUp(t);
      const before = contents(paths);
      const modes = paths.slice(0, 2).map((path) => statSync(path).mode & 0o777);
      const fault = new Error(`fault at ${failing}`);
      await assert.rejects(
        commitTransaction(tx, {
          onStep: (step) => {
            if (step === failing) throw fault;
          },
        }),
        (error) => error === fault,
      );
      assert.deepEqual(contents(paths), before, `after step ${index + 1}`);
      assert.deepEqual(
        paths.slice(0, 2).map((path) => statSync(path).mode & 0o777),
        modes,
      );
      assert.deepEqual(
        paths.filter((path) => existsSync(journalPath(path))),
        [],
      );
      // Only a fault after the history step can leave lines behind: they name values no file holds,
      // so an age is never taken from them (rotation ages need a matching fingerprint).
      if (failing !== 'history') assert.deepEqual(await historyKeys(paths), []);
    });
  }
});

describe('recoverInterrupted', () => {
  for (const stopped of STEPS) {
    it(`a run stopped after step "${stopped}" is finished (or dropped) by the next run, history written once`, async (t) => {
      const { tx, paths } = setUp(t);
      const before = contents(paths);
      await stopAt(tx, stopped);
      const recoveries = await recoverInterrupted([paths[1] as string], new Set(paths));
      assert.equal(recoveries.length, 1);
      const done = contents(paths);
      if (stopped === 'journal') {
        assert.equal(recoveries[0]?.outcome, 'rolled-back');
        assert.deepEqual(done, before);
        assert.deepEqual(await historyKeys(paths), []);
      } else {
        assert.equal(recoveries[0]?.outcome, 'completed');
        assert.deepEqual(
          done,
          tx.files.map((file) => file.after),
        );
        assert.equal((await historyKeys(paths)).length, 3, 'one line per file, none twice');
      }
      assert.deepEqual(
        paths.filter((path) => existsSync(journalPath(path))),
        [],
      );
      assert.deepEqual(await recoverInterrupted(paths, new Set(paths)), [], 'nothing left to recover');
    });
  }

  it('refuses to guess when a file was changed since (JOURNAL_CONFLICT), and keeps the journal', async (t) => {
    const { tx, paths } = setUp(t);
    await stopAt(tx, 'file 1');
    writeFileSync(paths[1] as string, 'K=edited by hand\n');
    await assert.rejects(recoverInterrupted([paths[0] as string], new Set(paths)), (error: unknown) => {
      assert.ok(error instanceof LucidError);
      assert.equal(error.code, 'JOURNAL_CONFLICT');
      assert.ok(!error.message.includes('old-') && !error.message.includes('new'), error.message);
      return true;
    });
    assert.ok(existsSync(journalPath(paths[0] as string)));
  });
});

/**
 * Runs a commit that stops for good after `stopped`, as if killed right there: nothing after it
 * happens and nothing is cleaned up. Resolves once it got there.
 */
function stopAt(tx: Transaction, stopped: string): Promise<void> {
  return new Promise<void>((reached, failed) => {
    commitTransaction(tx, {
      onStep: (step) => {
        if (step !== stopped) return undefined;
        reached();
        return new Promise<void>(() => undefined);
      },
    }).then(() => failed(new Error(`the commit never stopped at ${stopped}`)), failed);
  });
}
