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

/** 2^24: uniform draws below it are three independent uniform bytes. */
const THREE_BYTES = 2 ** 24;

/** Creates a RandomSource backed by a ready libsodium module. */
export function createSodiumRandom(sodium: Pick<Sodium, 'randombytes_uniform'>): RandomSource {
  return {
    bytes: (length) => {
      if (!Number.isSafeInteger(length) || length < 0) throw new RangeError('length must be a non-negative integer');
      // libsodium-wrappers' randombytes_buf calls back into JavaScript once per byte (3.3 µs each
      // here); randombytes_uniform(2^24) gives three uniform bytes per call, ten times cheaper.
      const bytes = new Uint8Array(length);
      for (let offset = 0; offset < length; offset += 3) {
        const draw = sodium.randombytes_uniform(THREE_BYTES);
        bytes[offset] = draw & 0xff;
        if (offset + 1 < length) bytes[offset + 1] = (draw >>> 8) & 0xff;
        if (offset + 2 < length) bytes[offset + 2] = draw >>> 16;
      }
      return bytes;
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

/** Loads libsodium and returns its RandomSource (randombytes_uniform). */
export async function loadSodiumRandom(): Promise<RandomSource> {
  return createSodiumRandom(await loadSodium());
}
