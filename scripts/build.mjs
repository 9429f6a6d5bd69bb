// Builds the library (tsc → dist/), the CLI bundle (esbuild → dist/bin/) and the tests (tsc → dist-test/).
// Always from scratch: TypeScript 7 compiles everything in about a second, and a clean build cannot run
// a deleted test or keep the output of a renamed source.
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { bundleCli } from './bundle.mjs';

const root = new URL('..', import.meta.url).pathname;

// `--bin-out DIR`: only bundle the CLI into DIR (for parallel work that must not touch dist/).
const binOutIndex = process.argv.indexOf('--bin-out');
if (binOutIndex !== -1) {
  await bundleCli(join(process.cwd(), process.argv[binOutIndex + 1]));
} else {
  const withTests = !process.argv.includes('--no-tests');
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  if (withTests) rmSync(join(root, 'dist-test'), { recursive: true, force: true });
  const tsc = join(root, 'node_modules', '.bin', 'tsc');
  // The library, the tests and the bundle do not depend on each other: built side by side.
  const compile = (project) =>
    promisify(execFile)(tsc, ['-p', project], { cwd: root }).catch((error) => {
      process.stderr.write(`${error.stdout ?? ''}${error.stderr ?? ''}`);
      throw new Error(`tsc -p ${project} failed`);
    });
  await Promise.all([compile('tsconfig.json'), withTests ? compile('tsconfig.test.json') : undefined, bundleCli(join(root, 'dist', 'bin'))]);
}
