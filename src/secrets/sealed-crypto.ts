/**
 * The cryptography of sealed env files, on libsodium: a random 32-byte data key per file, sealed
 * to each recipient (crypto_box_seal); subkeys derived from it (crypto_kdf) for values
 * (XChaCha20-Poly1305 with the key name, its occurrence and the file identity as associated
 * data), for the MAC over the whole file and for the digest of the plain bytes (keyed BLAKE2b).
 */
import type { RandomSource, Sodium } from './random.js';
import { decodeBase64Url, encodeBase64Url } from './sealed-keys.js';

/** How a sealed value starts: `sealed.v1.<data key tag>.<nonce and ciphertext, base64url>`. */
export const VALUE_TOKEN_PREFIX = 'sealed.v1.';

const KDF_CONTEXT = 'lucidenv';
const KEY_BYTES = 32;
const NONCE_BYTES = 24;
const TAG_BYTES = 6;
// Values are padded to a multiple of this many bytes, so a sealed value shows its length only roughly.
const PAD_BLOCK = 16;
const encoder = new TextEncoder();

/** The subkeys of one data key. */
export interface DataKeys {
  dataKey: Uint8Array;
  valueKey: Uint8Array;
  macKey: Uint8Array;
  digestKey: Uint8Array;
  /** Written in clear in each value: tells "made with another data key" from "edited". */
  tag: string;
}

/** Where a value sits: its key name and which definition of that name it is (0 for the first). */
export interface ValueSlot {
  key: string;
  occurrence: number;
}

/** Derives the subkeys of a data key. */
export function deriveDataKeys(sodium: Sodium, dataKey: Uint8Array): DataKeys {
  const subkey = (id: number, bytes = KEY_BYTES) => sodium.crypto_kdf_derive_from_key(bytes, id, KDF_CONTEXT, dataKey);
  return { dataKey, valueKey: subkey(1), macKey: subkey(2), digestKey: subkey(3), tag: encodeBase64Url(subkey(4, 16).subarray(0, TAG_BYTES)) };
}

/** A new random data key (libsodium randomness). */
export function drawDataKey(random: RandomSource): Uint8Array {
  return random.bytes(KEY_BYTES);
}

/** Seals the data key to one recipient's public key. */
export function sealDataKey(sodium: Sodium, dataKey: Uint8Array, publicKey: Uint8Array): Uint8Array {
  return sodium.crypto_box_seal(dataKey, publicKey);
}

/** Opens the data key with a recipient's key pair; undefined when the box does not open. */
export function openDataKey(sodium: Sodium, box: Uint8Array, publicKey: Uint8Array, privateKey: Uint8Array): Uint8Array | undefined {
  try {
    const key = sodium.crypto_box_seal_open(box, publicKey, privateKey);
    return key.length === KEY_BYTES ? key : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Random nonces for one seal. libsodium's randomness crosses into JavaScript for every 4 bytes,
 * which made a thousand nonces a third of a seal's time; so a 32-byte seed drawn from it drives
 * libsodium's deterministic generator (ChaCha20) for a batch of nonces, and each batch has its own seed.
 */
export function createNonceSource(sodium: Sodium, random: RandomSource): () => Uint8Array {
  const BATCH = 256;
  let batch: Uint8Array = new Uint8Array(0);
  let next = 0;
  return () => {
    if (next >= batch.length) {
      batch = sodium.randombytes_buf_deterministic(NONCE_BYTES * BATCH, random.bytes(32));
      next = 0;
    }
    next += NONCE_BYTES;
    return batch.subarray(next - NONCE_BYTES, next);
  };
}

/** Encrypts one value as written in the file (quotes included) into a token. */
export function sealValue(sodium: Sodium, nextNonce: () => Uint8Array, keys: DataKeys, fileId: Uint8Array, slot: ValueSlot, rawValue: string): string {
  const nonce = nextNonce();
  const padded = sodium.pad(encoder.encode(rawValue), PAD_BLOCK);
  const cipher = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(padded, associatedData(fileId, slot), null, nonce, keys.valueKey);
  const payload = new Uint8Array(nonce.length + cipher.length);
  payload.set(nonce);
  payload.set(cipher, nonce.length);
  return `${VALUE_TOKEN_PREFIX}${keys.tag}.${encodeBase64Url(payload)}`;
}

/** A token taken apart; undefined when the text is not one. */
export function parseValueToken(text: string): { tag: string; payload: Uint8Array } | undefined {
  if (!text.startsWith(VALUE_TOKEN_PREFIX)) return undefined;
  const [tag = '', body = '', ...rest] = text.slice(VALUE_TOKEN_PREFIX.length).split('.');
  const payload = decodeBase64Url(body);
  if (rest.length > 0 || tag.length !== 8 || payload === undefined || payload.length < NONCE_BYTES + 16 + PAD_BLOCK) return undefined;
  return { tag, payload };
}

/** Decrypts a token for one slot; undefined when it does not authenticate there. */
export function openValue(sodium: Sodium, keys: DataKeys, fileId: Uint8Array, slot: ValueSlot, payload: Uint8Array): string | undefined {
  try {
    const nonce = payload.subarray(0, NONCE_BYTES);
    const padded = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, payload.subarray(NONCE_BYTES), associatedData(fileId, slot), nonce, keys.valueKey);
    return Buffer.from(sodium.unpad(padded, PAD_BLOCK)).toString('utf8');
  } catch {
    return undefined;
  }
}

/** The keyed MAC of a sealed file (every byte except its MAC line). */
export function computeMac(sodium: Sodium, keys: DataKeys, macInput: string): Uint8Array {
  return sodium.crypto_generichash(32, encoder.encode(macInput), keys.macKey);
}

/** The keyed digest of the plain file's exact bytes: unseal proves it gives back what was sealed. */
export function computeDigest(sodium: Sodium, keys: DataKeys, plain: string): Uint8Array {
  return sodium.crypto_generichash(32, encoder.encode(plain), keys.digestKey);
}

/** Compares two MACs or digests in constant time. */
export function isSameBytes(sodium: Sodium, a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && sodium.memcmp(a, b);
}

function associatedData(fileId: Uint8Array, slot: ValueSlot): Uint8Array {
  const label = encoder.encode(`lucid-env sealed value v1\0${slot.key}\0${slot.occurrence}\0`);
  const data = new Uint8Array(label.length + fileId.length);
  data.set(label);
  data.set(fileId, label.length);
  return data;
}
