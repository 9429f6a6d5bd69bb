import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { makeScratchDir, moduleUrl, runNode } from './scratch.js';

describe('temp files of interrupted writes', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`are removed on ${signal}, and the process still dies by the signal`, (t) => {
      const temp = join(makeScratchDir(t), '.env.abc.tmp');
      writeFileSync(temp, 'partial');
      const result = runNode(`
        import { trackTempFile } from ${JSON.stringify(moduleUrl('temp-files'))};
        trackTempFile(${JSON.stringify(temp)});
        process.kill(process.pid, ${JSON.stringify(signal)});
        setTimeout(() => process.stdout.write('survived'), 5000);`);
      assert.equal(result.signal, signal);
      assert.equal(result.stdout, '');
      assert.deepEqual(readdirSync(join(temp, '..')), []);
    });
  }

  it('are removed on a normal exit', (t) => {
    const temp = join(makeScratchDir(t), '.env.abc.tmp');
    writeFileSync(temp, 'partial');
    const result = runNode(`
      import { trackTempFile } from ${JSON.stringify(moduleUrl('temp-files'))};
      trackTempFile(${JSON.stringify(temp)});
      process.exitCode = 3;`);
    assert.equal(result.status, 3);
    assert.deepEqual(readdirSync(join(temp, '..')), []);
  });

  it('leave signal handling alone once no write is in flight', () => {
    const result = runNode(`
      import { trackTempFile, untrackTempFile } from ${JSON.stringify(moduleUrl('temp-files'))};
      const count = () => ['SIGINT', 'SIGTERM', 'SIGHUP', 'exit'].map((event) => process.listenerCount(event));
      const before = count();
      trackTempFile('/nonexistent/x.tmp');
      const during = count();
      untrackTempFile('/nonexistent/x.tmp');
      process.stdout.write(JSON.stringify({ before, during, after: count() }));`);
    const { before, during, after } = JSON.parse(result.stdout) as Record<string, number[]>;
    assert.deepEqual(
      during,
      before?.map((count) => count + 1),
    );
    assert.deepEqual(after, before);
  });

  it('a SIGINT during writeFileAtomic leaves the file whole (old or new) and no temp file', (t) => {
    const dir = makeScratchDir(t);
    const file = join(dir, '.env');
    const original = `A=${'o'.repeat(1000)}\n`;
    writeFileSync(file, original);
    const result = runNode(`
      import { writeFileAtomic } from ${JSON.stringify(moduleUrl('atomic-write'))};
      writeFileAtomic(${JSON.stringify(file)}, 'A=' + 'n'.repeat(64 * 1024 * 1024) + '\\n');
      setImmediate(() => process.kill(process.pid, 'SIGINT'));
      setTimeout(() => {}, 10000);`);
    assert.equal(result.signal, 'SIGINT');
    const after = readFileSync(file, 'utf8');
    assert.ok(after === original || after === `A=${'n'.repeat(64 * 1024 * 1024)}\n`, 'partial content');
    assert.deepEqual(readdirSync(dir), ['.env']);
  });
});
