#!/usr/bin/env node
'use strict';
// Starts the lucid-env bundle from a V8 code cache kept per user, so a cold start skips compiling it.
// Node 22+ has module.enableCompileCache(); on Node 20 the launcher compiles the bundle with vm.Script
// and, after the first run (or when V8 rejects the cache), writes the cache for the next one. The cache
// never goes into the install directory (read-only or shared between users), and the package ships
// nothing built for one Node version. Any cache problem costs only the normal compile.
const { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } = require('node:fs');
const { dirname, join, sep } = require('node:path');
const nodeModule = require('node:module');

// Replaced by scripts/bundle.mjs with a hash of the bundle: a new build never reads an old cache.
const BUNDLE_ID = '__LUCID_ENV_BUNDLE_ID__';
const bundle = join(__dirname, 'lucid-env-bundle.cjs');
const cacheDir = findCacheDir();
// Caches of other builds kept (a user may alternate between installs); every build writes new ones.
const KEPT_BUILDS = 2;

if (typeof nodeModule.enableCompileCache === 'function') {
  if (cacheDir !== undefined && makePrivateDir(cacheDir)) nodeModule.enableCompileCache(join(cacheDir, 'compile-cache'));
  require(bundle);
} else {
  if (cacheDir !== undefined) cacheLazyPackages();
  runWithCodeCache();
}

/** `$LUCID_ENV_CACHE_DIR`, else the platform's per-user cache folder; undefined without a home. */
function findCacheDir() {
  const env = process.env;
  if (env.LUCID_ENV_CACHE_DIR) return env.LUCID_ENV_CACHE_DIR;
  const home = env.HOME || env.USERPROFILE;
  if (process.platform === 'win32') return env.LOCALAPPDATA ? join(env.LOCALAPPDATA, 'lucid-env', 'Cache') : undefined;
  if (!home) return undefined;
  if (process.platform === 'darwin') return join(home, 'Library', 'Caches', 'lucid-env');
  return join(env.XDG_CACHE_HOME || join(home, '.cache'), 'lucid-env');
}

function makePrivateDir(dir) {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    return true;
  } catch {
    return false;
  }
}

/**
 * Node 20: compile the bundle as a function body with the cached data of this Node, this bundle and this
 * command. A cache holds the functions its run compiled, so each command keeps its own: a cache written by
 * `--version` would leave `check` compiling most of its code on every run.
 */
function runWithCodeCache() {
  const { Script } = require('node:vm');
  const command = /^[a-z][a-z-]{0,30}$/.test(process.argv[2] ?? '') ? process.argv[2] : 'other';
  const name = `bundle-${BUNDLE_ID}-${process.version}-${process.arch}-${command}.cache`;
  const cachePath = cacheDir === undefined ? undefined : join(cacheDir, name);
  let cachedData;
  try {
    if (cachePath !== undefined) cachedData = readFileSync(cachePath);
  } catch {
    cachedData = undefined;
  }
  // No importModuleDynamically: the bundle has no import() (src/load-lazily.ts requires), and registering one costs.
  const script = new Script(nodeModule.wrap(readFileSync(bundle, 'utf8')), { filename: bundle, cachedData });
  if (cachePath !== undefined && (cachedData === undefined || script.cachedDataRejected)) {
    // Written at exit, so the functions this run compiled lazily are in the cache too.
    process.once('exit', () => writeCache(script, cachePath));
  }
  const module_ = { exports: {} };
  script.runInThisContext()(module_.exports, nodeModule.createRequire(bundle), module_, bundle, __dirname);
}

/** Removes the bundle caches of all but the newest few other builds. */
function pruneCaches() {
  const builds = new Map();
  for (const entry of readdirSync(cacheDir)) {
    const match = /^bundle-([0-9a-f]+)-.*\.cache$/.exec(entry);
    if (match === null || match[1] === BUNDLE_ID) continue;
    const path = join(cacheDir, entry);
    const build = builds.get(match[1]) ?? { time: 0, paths: [] };
    build.time = Math.max(build.time, statSync(path).mtimeMs);
    build.paths.push(path);
    builds.set(match[1], build);
  }
  const oldest = [...builds.values()].sort((a, b) => b.time - a.time).slice(KEPT_BUILDS);
  for (const build of oldest) for (const path of build.paths) unlinkSync(path);
}

// The packages the bundle requires lazily from node_modules (src/load-lazily.ts): libsodium alone is 900 KB of JavaScript.
const LAZY_PACKAGES = ['libsodium', 'libsodium-wrappers'].map((name) => `${sep}node_modules${sep}${name}${sep}`);

/**
 * Node 20: what enableCompileCache() does on Node 22 for those packages. Their CommonJS files compile from the
 * per-user cache, keyed by path, size and modification time (V8 itself rejects a cache of other source).
 */
function cacheLazyPackages() {
  const { Script } = require('node:vm');
  const compile = nodeModule.prototype._compile;
  const folder = join(cacheDir, `packages-${process.version}-${process.arch}`);
  const pending = [];
  nodeModule.prototype._compile = function compileFromCache(content, filename) {
    if (!LAZY_PACKAGES.some((part) => filename.includes(part))) return compile.call(this, content, filename);
    let cachePath;
    let cachedData;
    try {
      const stats = statSync(filename);
      cachePath = join(folder, `${hashOf(filename)}-${stats.size}-${Math.trunc(stats.mtimeMs)}.cache`);
      cachedData = readFileSync(cachePath);
    } catch {
      cachedData = undefined;
    }
    const script = new Script(nodeModule.wrap(content), { filename, cachedData });
    if (cachePath !== undefined && (cachedData === undefined || script.cachedDataRejected)) {
      if (pending.length === 0) process.once('exit', () => writeCaches(pending, folder));
      pending.push({ script, cachePath });
    }
    const requireHere = nodeModule.createRequire(filename);
    return script.runInThisContext().call(this.exports, this.exports, requireHere, this, filename, dirname(filename));
  };
}

/** FNV-1a of a path: a short, file-system-safe cache name (a collision only costs a rejected cache). */
function hashOf(text) {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

function writeCaches(pending, folder) {
  try {
    if (!makePrivateDir(folder)) return;
    for (const { script, cachePath } of pending) {
      const temp = `${cachePath}.${process.pid}.tmp`;
      writeFileSync(temp, script.createCachedData(), { mode: 0o600 });
      renameSync(temp, cachePath);
    }
  } catch {
    // As for the bundle's cache: an optimisation only.
  }
}

function writeCache(script, cachePath) {
  try {
    if (!makePrivateDir(cacheDir)) return;
    const temp = `${cachePath}.${process.pid}.tmp`;
    writeFileSync(temp, script.createCachedData(), { mode: 0o600 });
    renameSync(temp, cachePath);
    pruneCaches();
  } catch {
    // A cache is an optimisation: a full disk or a read-only home must not fail the run.
  }
}
