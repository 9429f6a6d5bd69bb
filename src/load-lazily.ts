/**
 * Loads a heavy dependency at the moment a command needs it. `require`, not `import()`: the CLI
 * bundle runs compiled from a V8 code cache, where Node 20 cannot serve a dynamic import().
 * Each package ships a CommonJS build with the same exports.
 */
import { createRequire } from 'node:module';

const requireFromHere = createRequire(import.meta.url);

/** The heavy packages, loaded only by the commands that use them. */
export interface LazyModules {
  'libsodium-wrappers': typeof import('libsodium-wrappers');
  '@inquirer/prompts': typeof import('@inquirer/prompts');
  picocolors: typeof import('picocolors');
  tinyglobby: typeof import('tinyglobby');
}

/** Loads one of the heavy packages now. */
export function loadLazily<Name extends keyof LazyModules>(name: Name): LazyModules[Name] {
  return requireFromHere(name) as LazyModules[Name];
}
