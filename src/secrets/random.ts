/**
 * Randomness for generated secrets, from libsodium only (SPEC section 7).
 * libsodium is imported lazily so commands that never generate or seal never load its WASM.
 */
import type sodiumModule from 'libsodium-wrappers';
import { loadLazily } from '../load-lazily.js';

/** The ready libsodium module (the default export of libsodium-wrappers). */
export type Sodium = typeof sodiumModule;

/** Where generators take their randomness; tests inject a deterministic one. */
export interface RandomSource {
  /** `length` uniformly random bytes. */
  bytes(length: number): Uint8Array;
  /** A uniformly random integer in [0, upperBound), without modulo bias. */
  uniform(upperBound: number): number;
}

let pendingSodium: Promise<Sodium> | undefined;

/** Loads libsodium once and resolves when its WASM is ready. */
export function loadSodium(): Promise<Sodium> {
  pendingSodium ??= importSodium().catch((error: unknown) => {
    // A failed load must not poison the cache: the next caller retries.
    pendingSodium = undefined;
    throw error;
  });
  return pendingSodium;
}

async function importSodium(): Promise<Sodium> {
  const sodium = loadLazily('libsodium-wrappers') as unknown as Sodium;
  await sodium.ready;
  return sodium;
}

/** Creates a RandomSource backed by a ready libsodium module. */
export function createSodiumRandom(sodium: Pick<Sodium, 'randombytes_buf' | 'randombytes_uniform'>): RandomSource {
  return {
    bytes: (length) => {
      if (!Number.isSafeInteger(length) || length < 0) throw new RangeError('length must be a non-negative integer');
      return sodium.randombytes_buf(length);
    },
    uniform: (upperBound) => {
      // randombytes_uniform takes a uint32 and returns 0 for a bound of 0; refuse both edges.
      if (!Number.isInteger(upperBound) || upperBound < 1 || upperBound > 0xffffffff) {
        throw new RangeError('upperBound must be an integer from 1 to 2^32 - 1');
      }
      return sodium.randombytes_uniform(upperBound);
    },
  };
}

/** Loads libsodium and returns its RandomSource (randombytes_buf, randombytes_uniform). */
export async function loadSodiumRandom(): Promise<RandomSource> {
  return createSodiumRandom(await loadSodium());
}

