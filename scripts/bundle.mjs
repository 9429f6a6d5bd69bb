// The CLI bundle: one CommonJS file (dist/bin/lucid-env-bundle.cjs) plus a tiny launcher
// (dist/bin/lucid-env.cjs) that compiles it with a V8 code cache, so a cold `check` pays neither
// for module resolution nor for compiling the code it runs. libsodium, inquirer and dockerfile-ast
// (a quarter of the bundle, used by audit only) stay external and are loaded only by the commands that need them.

import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;

// Packages require these at load time but use them only on paths `check` never takes
// (commander's executable subcommands, dotenv's decryption): load them on first use instead.
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(build) {
    build.onResolve({ filter: /^(node:)?(child_process|crypto|tty|os)$/ }, (args) =>
      args.importer.includes('node_modules') ? { path: args.path.replace(/^node:/, ''), namespace: 'lazy-builtin' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
      contents: `let real; const load = () => (real ??= require('node:${args.path}'));
module.exports = new Proxy({}, {
  get: (_, key) => load()[key],
  has: (_, key) => key in load(),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, key) => Object.getOwnPropertyDescriptor(load(), key),
});`,
      loader: 'js',
    }));
  },
};

/** Bundles the CLI into `outdir` and writes its code cache by running it once on the example. */
export async function bundleCli(outdir) {
  await build({
    entryPoints: [join(root, 'src', 'cli.ts')],
    outfile: join(outdir, 'lucid-env-bundle.cjs'),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minify: process.env.LUCID_ENV_NO_MINIFY !== '1',
    legalComments: 'linked',
    external: ['libsodium-wrappers', '@inquirer/*', 'dockerfile-ast'],
    define: { 'import.meta.url': '__lucidModuleUrl' },
    banner: { js: "var __lucidModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
    plugins: [lazyBuiltins],
    logLevel: 'warning',
  });
  // The launcher compiles the bundle as a function body, where a hashbang line is a syntax error.
  const bundlePath = join(outdir, 'lucid-env-bundle.cjs');
  writeFileSync(bundlePath, readFileSync(bundlePath, 'utf8').replace(/^#!.*\n/, ''));
  // The package is ESM; this folder is CommonJS, so the launcher keeps the `lucid-env.js` name.
  writeFileSync(join(outdir, 'package.json'), '{ "type": "commonjs" }\n');
  copyFileSync(join(root, 'scripts', 'launcher.cjs'), join(outdir, 'lucid-env.js'));
  chmodSync(join(outdir, 'lucid-env.js'), 0o755);
  writeCodeCache(outdir);
}

function writeCodeCache(outdir) {
  const work = mkdtempSync(join(tmpdir(), 'lucid-env-cache-'));
  try {
    cpSync(join(root, 'examples', 'foundation'), work, { recursive: true });
    const args = ['check', '-f', 'configs/docker/docker-compose.foundation.yml', '-e', 'configs/environment/.env.foundation', '-t', 'foundation'];
    spawnSync(process.execPath, [join(outdir, 'lucid-env.js'), ...args], {
      cwd: work,
      stdio: 'ignore',
      env: { ...process.env, LUCID_ENV_WRITE_CODE_CACHE: '1' },
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === new URL(import.meta.url).pathname) await bundleCli(join(process.cwd(), process.argv[2] ?? 'dist/bin'));
