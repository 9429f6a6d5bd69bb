// `npm test` after the build: every compiled test file (or the files and folders given) with node:test,
// two files at a time at least. `node --test` runs one at a time on a 2-core machine (cores - 1), while
// many of our files spend their time waiting on child processes, tmux or a lock.
// Usage: node scripts/test.mjs [dist-test/test/<dir or file>...]

import { readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { run } from 'node:test';
import { spec, tap } from 'node:test/reporters';

const root = new URL('..', import.meta.url).pathname;
const targets = process.argv.slice(2);

/** Every `*.test.js` under `path` (or `path` itself), sorted. */
function testFiles(path) {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true })
    .filter((name) => name.endsWith('.test.js'))
    .map((name) => join(path, name))
    .sort();
}

const files = (targets.length === 0 ? [join(root, 'dist-test', 'test')] : targets.map((target) => resolve(target))).flatMap(testFiles);
let failed = false;
const stream = run({ files, concurrency: Math.max(2, availableParallelism()) });
stream.on('test:fail', () => {
  failed = true;
});
stream.compose(process.stdout.isTTY ? new spec() : tap).pipe(process.stdout);
stream.on('end', () => {
  process.exitCode = failed ? 1 : 0;
});
