/**
 * Tor's HashedControlPassword: `16:` + hex(salt, count byte, SHA-1 digest), the OpenPGP
 * iterated+salted S2K of RFC 2440 section 3.6.1.3 as Tor implements it (secret_to_key_rfc2440 in
 * src/lib/crypt_ops/crypto_s2k.c). SHA-1 here is Tor's format, not our choice of hash.
 */
import { createRequire } from 'node:module';
import type { RandomSource } from './random.js';

// node:crypto on first use: `check -t` verifies Tor hashes, a plain `check` never does.
let crypto: typeof import('node:crypto') | undefined;
const loadCrypto = (): typeof import('node:crypto') => (crypto ??= createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto'));

/** Bytes of salt in a Tor hashed password. */
export const TOR_SALT_BYTES = 8;
// Tor always writes 0x60, which codes (16 + 0) << (6 + 6) = 65,536 hashed bytes.
const TOR_COUNT_BYTE = 0x60;
const HASHED_PASSWORD = /^16:([0-9A-Fa-f]{58})$/;
const CHUNK_BYTES = 65_536;

/** Number of bytes the S2K hashes for a coded count byte (RFC 2440 EXPBIAS = 6). */
export function s2kByteCount(countByte: number): number {
  return (16 + (countByte & 15)) << ((countByte >> 4) + 6);
}

/**
 * SHA-1 over salt + password repeated and cut to exactly `count` bytes. Like Tor, and unlike the
 * RFC's "hash it whole once", an input longer than `count` is cut too, so Tor accepts our hashes.
 */
function s2kDigest(salt: Uint8Array, password: Uint8Array, count: number): Buffer {
  const input = Buffer.concat([salt, password]);
  // One buffer of whole repetitions, fed repeatedly: few update() calls, and any cut lands right.
  const repetitions = Math.max(1, Math.floor(CHUNK_BYTES / input.length));
  const chunk = Buffer.alloc(input.length * repetitions);
  for (let offset = 0; offset < chunk.length; offset += input.length) input.copy(chunk, offset);
  const hash = loadCrypto().createHash('sha1');
  let remaining = count;
  while (remaining > 0) {
    const size = Math.min(remaining, chunk.length);
    hash.update(chunk.subarray(0, size));
    remaining -= size;
  }
  chunk.fill(0);
  input.fill(0);
  return hash.digest();
}

function hashWithCountByte(password: string, salt: Uint8Array, countByte: number): string {
  const digest = s2kDigest(salt, Buffer.from(password, 'utf8'), s2kByteCount(countByte));
  return `16:${Buffer.concat([salt, Uint8Array.of(countByte), digest])
    .toString('hex')
    .toUpperCase()}`;
}

/** Tor's HashedControlPassword for `password` with an 8-byte salt (what `tor --hash-password` prints). */
export function torHashPassword(password: string, salt: Uint8Array): string {
  if (salt.length !== TOR_SALT_BYTES) throw new RangeError(`a tor password salt has ${TOR_SALT_BYTES} bytes`);
  return hashWithCountByte(password, salt, TOR_COUNT_BYTE);
}

/** Whether `hashed` (16: + 58 hex digits) is Tor's hash of `password`; compares in constant time. */
export function verifyTorHash(password: string, hashed: string): boolean {
  const match = HASHED_PASSWORD.exec(hashed);
  if (!match) return false;
  const stored = Buffer.from(match[1] as string, 'hex');
  // Tor reads the count byte from the stored hash, so a hash made with another count still verifies.
  const countByte = stored[TOR_SALT_BYTES] as number;
  const recomputed = Buffer.from(hashWithCountByte(password, stored.subarray(0, TOR_SALT_BYTES), countByte).slice(3), 'hex');
  return loadCrypto().timingSafeEqual(stored, recomputed);
}

/** Tor's hash of `password` with a fresh 8-byte salt from the RandomSource. */
export function generateTorHash(password: string, random: RandomSource): string {
  return torHashPassword(password, random.bytes(TOR_SALT_BYTES));
}
