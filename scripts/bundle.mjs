// The CLI bundle: one CommonJS file (dist/bin/lucid-env-bundle.cjs) plus a tiny launcher
// (dist/bin/lucid-env.js) that runs it from a per-user V8 code cache, so a cold `check` pays neither
// for module resolution nor for compiling the code it runs. libsodium, inquirer, tinyglobby and
// dockerfile-ast (a quarter of the bundle, used by audit only) stay external and are loaded only by the
// commands that need them.

import { createHash } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
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

// yaml's ES module build (the same code as its CommonJS one, which esbuild cannot tree-shake): the
// bundle then holds only the parts of yaml the CLI uses, hoisted into one scope.
const yamlModules = {
  name: 'yaml-esm',
  setup(build) {
    build.onResolve({ filter: /^yaml$/ }, () => ({ path: join(root, 'node_modules', 'yaml', 'browser', 'index.js') }));
  },
};

/** Bundles the CLI and its launcher into `outdir`. */
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
    external: ['libsodium-wrappers', '@inquirer/*', 'tinyglobby', 'dockerfile-ast'],
    define: { 'import.meta.url': '__lucidModuleUrl' },
    banner: { js: "var __lucidModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
    plugins: [lazyBuiltins, yamlModules],
    logLevel: 'warning',
  });
  // The launcher compiles the bundle as a function body, where a hashbang line is a syntax error.
  const bundlePath = join(outdir, 'lucid-env-bundle.cjs');
  writeFileSync(bundlePath, readFileSync(bundlePath, 'utf8').replace(/^#!.*\n/, ''));
  // The package is ESM; this folder is CommonJS, so the launcher keeps the `lucid-env.js` name.
  writeFileSync(join(outdir, 'package.json'), '{ "type": "commonjs" }\n');
  // The launcher keys the per-user code cache by this bundle's hash (see scripts/launcher.cjs).
  const bundleId = createHash('sha256').update(readFileSync(bundlePath)).digest('hex').slice(0, 16);
  const launcher = readFileSync(join(root, 'scripts', 'launcher.cjs'), 'utf8').replace('__LUCID_ENV_BUNDLE_ID__', bundleId);
  writeFileSync(join(outdir, 'lucid-env.js'), launcher, { mode: 0o755 });
  chmodSync(join(outdir, 'lucid-env.js'), 0o755);
}

if (process.argv[1] === new URL(import.meta.url).pathname) await bundleCli(join(process.cwd(), process.argv[2] ?? 'dist/bin'));
