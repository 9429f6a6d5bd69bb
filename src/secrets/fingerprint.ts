/**
 * Fingerprints: a short keyed BLAKE2b hash (libsodium crypto_generichash) that shows whether two
 * values are equal without showing either. Always keyed: an unkeyed hash of a short secret can be
 * brute-forced offline, so there is deliberately no unkeyed variant.
 */
/** The one libsodium function a fingerprint needs; pass the module from loadSodium(). */
export interface GenericHash {
  crypto_generichash(hashLength: number, message: string, key: Uint8Array): Uint8Array;
}

/** Hex characters in a fingerprint: 48 bits, enough to tell values apart at a glance. */
export const FINGERPRINT_LENGTH = 12;
// crypto_generichash_KEYBYTES_MIN and _MAX; libsodium throws outside this range.
const MIN_KEY_BYTES = 16;
const MAX_KEY_BYTES = 64;
const HASH_BYTES = 16;

/** A 12-hex-character keyed fingerprint of `value`; the same key and value always give the same one. */
export function fingerprint(value: string, key: Uint8Array, sodium: GenericHash): string {
  if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
    throw new RangeError(`a fingerprint key has ${MIN_KEY_BYTES} to ${MAX_KEY_BYTES} bytes`);
  }
  const digest = sodium.crypto_generichash(HASH_BYTES, value, key);
  return Buffer.from(digest).toString('hex').slice(0, FINGERPRINT_LENGTH);
}
