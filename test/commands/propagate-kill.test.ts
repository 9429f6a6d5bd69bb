/**
 * `rotate --propagate` across four env files in four folders, killed (SIGKILL or SIGTERM) at
 * random moments: whatever state each kill left, after the next run of a mutating command every
 * file is rotated or none is, and each file's _PREVIOUS holds that file's own old value. The
 * files start with different values (--force), so a _PREVIOUS taken from the wrong file shows.
 * Start-up is most of a run and nothing happens during it, so kill moments are drawn after an
 * event seen on disk: half after the run's lock appears, half after its journal appears, up to a
 * bit past the end of a timed run. The test asserts the invariant for whatever each kill hit and
 * never depends on how fast the machine is.
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { envValues, parseEnv } from '../../src/dotenv/parse.js';
import { journalPath } from '../../src/history/journal-path.js';
import { CLI_PATH } from '../helpers/cli.js';
import { runInProcess } from '../helpers/context.js';

const FILES = ['.env', 'deploy/a/.env', 'deploy/b/.env', 'deploy/c/.env'];
const ROTATE = ['rotate', '-t', 'foundation', '-e', '.env', 'ENCRYPTION_KEY', '--propagate', 'deploy/*/.env', '--force', '-q'];
// Every combination of signal (KILL, TERM) and moment (after the lock, after the journal), three times over;
// LUCID_ENV_KILL_ROUNDS=48 (a multiple of 4) for a longer run by hand.
const ROUNDS = Number(process.env.LUCID_ENV_KILL_ROUNDS ?? 12);
const PARALLEL = 4;

/** A 32-byte base64 key that differs per file and round, never one a rotation could produce by chance. */
function keyOf(round: number, file: number): string {
  return Buffer.alloc(32, round * 8 + file + 1).toString('base64');
}

function setUpRound(root: string, round: number): string {
  const dir = join(root, `round-${round}`);
  FILES.forEach((file, index) => {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), `# file ${index}\nENCRYPTION_KEY=${keyOf(round, index)}\nOTHER_${index}=kept\n`, { mode: 0o600 });
  });
  return dir;
}

function valuesOf(path: string): Map<string, string> {
  return envValues(parseEnv(readFileSync(path, 'utf8'), { file: path }).document);
}

interface Started {
  child: ChildProcess;
  ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolve with the time the run's lock (journal) appeared, or when it ended without one. */
  locked: Promise<number>;
  journaled: Promise<number>;
}

/** Starts the CLI; `ended` resolves when it ends, however it ends. */
function start(dir: string): Started {
  const child = spawn(process.execPath, [CLI_PATH, ...ROTATE], { cwd: dir, stdio: 'ignore', env: { ...process.env, NO_COLOR: '1', CI: 'true' } });
  let isRunning = true;
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.on('exit', (code, signal) => {
      isRunning = false;
      done({ code, signal });
    }),
  );
  const appears = (path: string) =>
    new Promise<number>((seen) => {
      const poll = () => (existsSync(path) || !isRunning ? seen(Date.now()) : setTimeout(poll, 1));
      poll();
    });
  return { child, ended, locked: appears(join(dir, '.lucid-env', '.env.lock')), journaled: appears(journalPath(join(dir, '.env'))) };
}

/** All rotated (one new value everywhere, each _PREVIOUS its own old value) or none (every file as it was). */
function assertAllOrNothing(dir: string, round: number): 'rotated' | 'untouched' {
  const values = FILES.map((file) => valuesOf(join(dir, file)));
  const untouched = values.every((value, index) => value.get('ENCRYPTION_KEY') === keyOf(round, index) && !value.has('ENCRYPTION_KEY_PREVIOUS'));
  if (untouched) return 'untouched';
  const fresh = values[0]?.get('ENCRYPTION_KEY');
  values.forEach((value, index) => {
    assert.equal(value.get('ENCRYPTION_KEY'), fresh, `round ${round}: ${FILES[index]} has another ENCRYPTION_KEY than .env`);
    assert.equal(value.get('ENCRYPTION_KEY_PREVIOUS'), keyOf(round, index), `round ${round}: ${FILES[index]} has a wrong ENCRYPTION_KEY_PREVIOUS`);
    assert.equal(value.get(`OTHER_${index}`), 'kept');
  });
  assert.notEqual(fresh, keyOf(round, 0));
  return 'rotated';
}

describe('rotate --propagate survives SIGKILL and SIGTERM at any moment', () => {
  it(`${ROUNDS} runs killed at random moments: after the next run, all files rotated or none, each _PREVIOUS its own`, async (t) => {
    const root = mkdtempSync(join(tmpdir(), 'lucid-env-kill-'));
    t.after(() => rmSync(root, { recursive: true, force: true }));
    // One run to time what follows the lock and the journal.
    const timed = start(setUpRound(root, ROUNDS));
    const [lockedAt, journaledAt] = [await timed.locked, await timed.journaled];
    assert.equal((await timed.ended).code, 0);
    const afterLockMs = Date.now() - lockedAt;
    const afterJournalMs = Math.max(5, Date.now() - journaledAt);
    assert.equal(assertAllOrNothing(join(root, `round-${ROUNDS}`), ROUNDS), 'rotated');

    const outcomes: string[] = [];
    for (let batch = 0; batch < ROUNDS; batch += PARALLEL) {
      const rounds = Array.from({ length: Math.min(PARALLEL, ROUNDS - batch) }, (_, offset) => batch + offset);
      const runs = rounds.map((round) => {
        const dir = setUpRound(root, round);
        const run = start(dir);
        const signal: NodeJS.Signals = round % 2 === 0 ? 'SIGKILL' : 'SIGTERM';
        const [event, windowMs] = round % 4 < 2 ? [run.locked, afterLockMs] : [run.journaled, afterJournalMs];
        void event.then(() => setTimeout(() => run.child.kill(signal), Math.random() * windowMs * 1.2));
        return { round, dir, run };
      });
      for (const { round, dir, run } of runs) {
        const ended = await run.ended;
        // The next run of any mutating command finishes or drops what the killed one left.
        const recovery = await runInProcess(['set', 'OTHER_0', '-e', '.env'], dir, { input: 'kept' });
        assert.equal(recovery.code, 0, recovery.stderr);
        const outcome = assertAllOrNothing(dir, round);
        outcomes.push(`${ended.signal ?? `exit ${ended.code}`}:${outcome}${recovery.stderr.includes('interrupted') ? ':recovered' : ''}`);
        for (const file of FILES) assert.equal(existsSync(journalPath(join(dir, file))), false, `round ${round}: a journal is left beside ${file}`);
        // Temp copies of env files and journals hold the new key: the recovery sweeps every one. (A key or
        // backup being written in another folder when the kill came is swept when that folder is written next.)
        // (A backup's temp file, `..env.<time>.bak.<pid>-…tmp` under backups/, is one of those swept later.)
        const leftovers = (readdirSync(dir, { recursive: true }) as string[]).filter(
          (name) => /(^|\/)\.\.env\.(journal\.)?\d+-/.test(name) && !name.includes('.lucid-env/backups/'),
        );
        assert.deepEqual(leftovers, [], `round ${round}: temp files (they may hold the new key) were left`);
      }
    }
    const counts = new Map<string, number>();
    for (const outcome of outcomes) counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
    t.diagnostic(`${afterLockMs} ms from lock, ${afterJournalMs} ms from journal to exit; ${JSON.stringify(Object.fromEntries(counts))}`);
  });
});
