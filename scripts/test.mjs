// `npm test` after the build: every compiled test file (or the files and folders given) with node:test.
// The whole suite runs in a few processes, each importing a share of the test files: a process per file
// (what `node --test` does) costs a Node start and a load of the code under test a hundred times over,
// more than most files' own tests. The shares all run at once (many tests spend their time waiting on
// child processes, tmux or a lock). Files given on the command line run one process each, as
// `node --test` would. A test must end every process it starts: one left running keeps its share open.
// Usage: node scripts/test.mjs [dist-test/test/<dir or file>...]

import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { run } from 'node:test';
import { spec, tap } from 'node:test/reporters';
import { pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url).pathname;
const targets = process.argv.slice(2);
const SHARES = 4;

/** Every `*.test.js` under `path` (or `path` itself), sorted. */
function testFiles(path) {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true })
    .filter((name) => name.endsWith('.test.js'))
    .map((name) => join(path, name))
    .sort();
}

/** Files that import the test files, dealt out in turn (neighbouring files tend to cost alike). */
function writeShares(files) {
  const folder = join(root, 'dist-test', 'shares');
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  return Array.from({ length: SHARES }, (_, share) => {
    const mine = files.filter((_, index) => index % SHARES === share);
    const path = join(folder, `share-${share + 1}-of-${SHARES}.test.js`);
    writeFileSync(path, mine.map((file) => `import ${JSON.stringify(pathToFileURL(file).href)}; // ${relative(root, file)}\n`).join(''));
    return path;
  });
}

const files = targets.length === 0 ? writeShares(testFiles(join(root, 'dist-test', 'test'))) : targets.map((target) => resolve(target)).flatMap(testFiles);
let failed = false;
// A share that never ends (a process a test left running) fails after five minutes instead of hanging CI.
const stream = run({ files, concurrency: targets.length === 0 ? SHARES : Math.max(2, availableParallelism()), timeout: 5 * 60_000 });
stream.on('test:fail', () => {
  failed = true;
});
stream.compose(process.stdout.isTTY ? new spec() : tap).pipe(process.stdout);
stream.on('end', () => {
  process.exitCode = failed ? 1 : 0;
});
