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

/** randombytes_SEEDBYTES: the key of libsodium's ChaCha20-based randombytes_buf_deterministic. */
const SEED_BYTES = 32;
/** Bytes expanded from each fresh seed: a thousand secrets take a few blocks. */
const BLOCK_BYTES = 16 * 1024;
const TWO_TO_32 = 2 ** 32;

/**
 * Creates a RandomSource backed by a ready libsodium module. libsodium-wrappers' randombytes_buf and
 * randombytes_uniform call back into JavaScript for every few bytes (about 0.6 ms per call here), so
 * randomness is drawn in blocks: a fresh 32-byte seed from randombytes_buf, expanded inside the WASM
 * by randombytes_buf_deterministic (ChaCha20), and handed out with libsodium's own unbiased
 * rejection sampling for `uniform`. Bytes handed out are wiped from the block.
 */
export function createSodiumRandom(sodium: Pick<Sodium, 'randombytes_buf' | 'randombytes_buf_deterministic'>): RandomSource {
  let block: Uint8Array = new Uint8Array(0);
  let offset = 0;
  const refill = () => {
    const seed = sodium.randombytes_buf(SEED_BYTES);
    block = sodium.randombytes_buf_deterministic(BLOCK_BYTES, seed);
    seed.fill(0);
    offset = 0;
  };
  const fill = (target: Uint8Array) => {
    for (let written = 0; written < target.length; ) {
      if (offset === block.length) refill();
      const count = Math.min(target.length - written, block.length - offset);
      target.set(block.subarray(offset, offset + count), written);
      block.fill(0, offset, offset + count);
      offset += count;
      written += count;
    }
    return target;
  };
  return {
    bytes: (length) => {
      if (!Number.isSafeInteger(length) || length < 0) throw new RangeError('length must be a non-negative integer');
      return fill(new Uint8Array(length));
    },
    uniform: (upperBound) => {
      // randombytes_uniform's contract: a uint32 bound; it returns 0 for a bound of 0, so refuse both edges.
      if (!Number.isInteger(upperBound) || upperBound < 1 || upperBound > 0xffffffff) {
        throw new RangeError('upperBound must be an integer from 1 to 2^32 - 1');
      }
      // randombytes_uniform's algorithm: reject the 2^32 mod bound lowest words, so every residue is equally likely.
      const min = TWO_TO_32 % upperBound;
      for (;;) {
        // Words are read whole from the block; the few bytes `bytes` may leave at its end are dropped for a fresh block.
        if (block.length - offset < 4) refill();
        const value =
          ((block[offset] as number) | ((block[offset + 1] as number) << 8) | ((block[offset + 2] as number) << 16) | ((block[offset + 3] as number) << 24)) >>>
          0;
        block.fill(0, offset, offset + 4);
        offset += 4;
        if (value >= min) return value % upperBound;
      }
    },
  };
}

/** Loads libsodium and returns its RandomSource (blocks expanded from randombytes_buf seeds). */
export async function loadSodiumRandom(): Promise<RandomSource> {
  return createSodiumRandom(await loadSodium());
}
