/**
 * X25519 key pairs of sealed env files (libsodium crypto_box): text forms that say what they are
 * (`lucid-sk1-…` is secret, `lucid-pk1-…` is public), and short fingerprints for people to compare.
 */
import type { Sodium } from './random.js';

/** Prefix of a private key's text form. */
export const PRIVATE_KEY_PREFIX = 'lucid-sk1-';
/** Prefix of a public key's text form. */
export const PUBLIC_KEY_PREFIX = 'lucid-pk1-';

const KEY_BYTES = 32;
const BASE64_KEY = /^[A-Za-z0-9_-]{43}$/;

/** A key pair; `privateKey` never leaves memory except into a 0600 key file. */
export interface KeyPair {
  publicKey: Uint8Array;
  privateKey: Uint8Array;
}

/** Draws a new key pair (crypto_box_keypair: libsodium's own randomness). */
export function createKeyPair(sodium: Sodium): KeyPair {
  const pair = sodium.crypto_box_keypair();
  return { publicKey: pair.publicKey, privateKey: pair.privateKey };
}

/** The public key that belongs to a private key. */
export function publicKeyOf(sodium: Sodium, privateKey: Uint8Array): Uint8Array {
  return sodium.crypto_scalarmult_base(privateKey);
}

/** `lucid-sk1-<base64url>`. */
export function formatPrivateKey(privateKey: Uint8Array): string {
  return `${PRIVATE_KEY_PREFIX}${encodeBase64Url(privateKey)}`;
}

/** `lucid-pk1-<base64url>`. */
export function formatPublicKey(publicKey: Uint8Array): string {
  return `${PUBLIC_KEY_PREFIX}${encodeBase64Url(publicKey)}`;
}

/** Reads a private key's text form; undefined when it is not one. */
export function parsePrivateKey(text: string): Uint8Array | undefined {
  return parseKey(text.trim(), PRIVATE_KEY_PREFIX);
}

/** Reads a public key's text form; undefined when it is not one. */
export function parsePublicKey(text: string): Uint8Array | undefined {
  return parseKey(text.trim(), PUBLIC_KEY_PREFIX);
}

/** Every private key in a text (a key file, or LUCID_ENV_PRIVATE_KEY holding one or more keys). */
export function findPrivateKeys(text: string): Uint8Array[] {
  const keys: Uint8Array[] = [];
  for (const word of text.split(/[\s,]+/)) {
    const key = parsePrivateKey(word);
    if (key !== undefined) keys.push(key);
  }
  return keys;
}

/** A short fingerprint of a public key, grouped for reading aloud: `3f2a-91c0-5b7e-d244`. */
export function publicKeyFingerprint(sodium: Sodium, publicKey: Uint8Array): string {
  const hex = Buffer.from(sodium.crypto_generichash(8, publicKey, null)).toString('hex');
  return hex.match(/.{4}/g)?.join('-') ?? hex;
}

/** Base64url without padding (RFC 4648 section 5). */
export function encodeBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

/** Decodes base64url without padding; undefined when the text is not exactly that. */
export function decodeBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const bytes = Uint8Array.from(Buffer.from(text, 'base64url'));
  // Non-canonical trailing bits would let two texts decode alike: only the canonical form counts.
  return encodeBase64Url(bytes) === text ? bytes : undefined;
}

function parseKey(text: string, prefix: string): Uint8Array | undefined {
  if (!text.startsWith(prefix)) return undefined;
  const body = text.slice(prefix.length);
  if (!BASE64_KEY.test(body)) return undefined;
  const key = decodeBase64Url(body);
  return key?.length === KEY_BYTES ? key : undefined;
}
