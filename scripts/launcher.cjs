#!/usr/bin/env node
'use strict';
// Starts the lucid-env bundle with V8's code cache when one matches this Node build: a cold start
// then skips compiling the bundle. A missing or rejected cache only costs the normal compile.
const { readFileSync, writeFileSync, renameSync } = require('node:fs');
const { join } = require('node:path');
const { Script } = require('node:vm');
const { wrap, createRequire } = require('node:module');

const bundle = join(__dirname, 'lucid-env-bundle.cjs');
const cache = join(__dirname, `lucid-env-bundle.${process.version}-${process.arch}.cache`);
let cachedData;
try {
  cachedData = readFileSync(cache);
} catch {
  cachedData = undefined;
}
const script = new Script(wrap(readFileSync(bundle, 'utf8')), {
  filename: bundle,
  cachedData,
  // The bundle loads libsodium and inquirer with import(); resolve them from here (dist/bin).
  importModuleDynamically: (specifier) => import(specifier),
});
if (process.env.LUCID_ENV_WRITE_CODE_CACHE === '1') {
  // Written after the run, so the functions the run compiled are in the cache too.
  process.once('beforeExit', () => {
    writeFileSync(`${cache}.tmp`, script.createCachedData());
    renameSync(`${cache}.tmp`, cache);
  });
}
const module_ = { exports: {} };
script.runInThisContext()(module_.exports, createRequire(bundle), module_, bundle, __dirname);
