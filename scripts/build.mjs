// Builds the library (tsc → dist/), the CLI bundle (esbuild → dist/bin/) and the tests (tsc → dist-test/).
// `--if-needed` skips the work when no source is newer than the last build.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync, rmSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { bundleCli } from './bundle.mjs';

const root = new URL('..', import.meta.url).pathname;
const stamp = join(root, 'dist-test', '.build-stamp');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    if (mtime > newest) newest = mtime;
  }
  return newest;
}

// `--bin-out DIR`: only bundle the CLI into DIR (for parallel work that must not touch dist/).
const binOutIndex = process.argv.indexOf('--bin-out');
if (binOutIndex !== -1) {
  await bundleCli(join(process.cwd(), process.argv[binOutIndex + 1]));
  process.exit(0);
}

const inputs = ['src', 'test', 'templates', 'scripts', 'package.json', 'tsconfig.json', 'tsconfig.test.json'];
if (process.argv.includes('--if-needed') && existsSync(stamp)) {
  const built = statSync(stamp).mtimeMs;
  const newest = Math.max(...inputs.map((input) => {
    const path = join(root, input);
    if (!existsSync(path)) return 0;
    return statSync(path).isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
  }));
  if (newest < built) process.exit(0);
}

rmSync(join(root, 'dist'), { recursive: true, force: true });
rmSync(join(root, 'dist-test'), { recursive: true, force: true });
const tsc = join(root, 'node_modules', '.bin', 'tsc');
execFileSync(tsc, ['-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
execFileSync(tsc, ['-p', 'tsconfig.test.json'], { cwd: root, stdio: 'inherit' });

await bundleCli(join(root, 'dist', 'bin'));
writeFileSync(stamp, new Date().toISOString());
