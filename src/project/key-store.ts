/**
 * IO: the keys of sealed env files. Private keys live in 0600 files in a 0700 user directory
 * (`$LUCID_ENV_KEYS_DIR`, else `$XDG_CONFIG_HOME/lucid-env/keys`, else `~/.config/lucid-env/keys`),
 * never in the repository and never on argv; in CI they come from `LUCID_ENV_PRIVATE_KEY` (the
 * key itself) or `LUCID_ENV_PRIVATE_KEY_FILE` / `--key-file` (a path). Teammates' public keys are
 * recorded beside them as `NAME.pub`.
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LucidError } from '../errors.js';
import type { Finding } from '../findings.js';
import { makeFinding } from '../findings.js';
import { readText } from '../fs/read.js';
import type { Sodium } from '../secrets/random.js';
import type { Recipient } from '../secrets/seal-env.js';
import { isRecipientName } from '../secrets/sealed-header.js';
import { findPrivateKeys, parsePublicKey, publicKeyFingerprint, publicKeyOf } from '../secrets/sealed-keys.js';

/** Where private keys come from besides the keys directory. */
export interface KeySources {
  env: NodeJS.ProcessEnv;
  /** `--key-file <path>`, resolved against `cwd`. */
  keyFile?: string | undefined;
  cwd: string;
}

/** A private key found, with where it came from (for messages; never the key). */
export interface PrivateKey {
  privateKey: Uint8Array;
  publicKey: Uint8Array;
  /** The key's name in the keys directory, when it is there. */
  name?: string;
  source: string;
}

/** A key of the keys directory: a name, its public key, and whether its private key is there too. */
export interface KnownKey {
  name: string;
  publicKey: Uint8Array;
  hasPrivateKey: boolean;
}

const MAX_KEY_FILE_BYTES = 16 * 1024;

/** The keys directory, or undefined when the environment names no home for it. */
export function keysDirectory(env: NodeJS.ProcessEnv): string | undefined {
  if (nonEmpty(env['LUCID_ENV_KEYS_DIR'])) return resolve(env['LUCID_ENV_KEYS_DIR'] as string);
  if (nonEmpty(env['XDG_CONFIG_HOME'])) return join(env['XDG_CONFIG_HOME'] as string, 'lucid-env', 'keys');
  if (nonEmpty(env['HOME'])) return join(env['HOME'] as string, '.config', 'lucid-env', 'keys');
  return undefined;
}

/** The keys directory, or a USAGE error saying how to name one. */
export function requireKeysDirectory(env: NodeJS.ProcessEnv): string {
  const directory = keysDirectory(env);
  if (directory === undefined) throw new LucidError('USAGE', 'no keys directory: HOME, XDG_CONFIG_HOME and LUCID_ENV_KEYS_DIR are all unset');
  return directory;
}

/** Every private key available: --key-file, LUCID_ENV_PRIVATE_KEY, LUCID_ENV_PRIVATE_KEY_FILE, then the keys directory. */
export async function loadPrivateKeys(sodium: Sodium, sources: KeySources): Promise<{ keys: PrivateKey[]; findings: Finding[] }> {
  const keys: PrivateKey[] = [];
  const findings: Finding[] = [];
  const add = (found: Uint8Array[], source: string, name?: string) => {
    for (const privateKey of found) keys.push({ privateKey, publicKey: publicKeyOf(sodium, privateKey), source, ...(name === undefined ? {} : { name }) });
  };
  const files = [sources.keyFile, sources.env['LUCID_ENV_PRIVATE_KEY_FILE']].filter(nonEmpty).map((file) => resolve(sources.cwd, file));
  for (const file of files) {
    const found = await readKeyFile(file, findings);
    if (found.length === 0) throw new LucidError('PRIVATE_KEY_MISSING', `${file} holds no lucid-env private key (a line "lucid-sk1-…")`);
    add(found, file);
  }
  const fromEnv = sources.env['LUCID_ENV_PRIVATE_KEY'];
  if (nonEmpty(fromEnv)) {
    const found = findPrivateKeys(fromEnv);
    if (found.length === 0) throw new LucidError('PRIVATE_KEY_MISSING', 'LUCID_ENV_PRIVATE_KEY holds no lucid-env private key ("lucid-sk1-…")');
    add(found, 'LUCID_ENV_PRIVATE_KEY');
  }
  const directory = keysDirectory(sources.env);
  if (directory !== undefined) {
    for (const name of listNames(directory, '.key')) add(await readKeyFile(join(directory, `${name}.key`), findings), join(directory, `${name}.key`), name);
  }
  // A key without a directory name takes the name its public key has there, so headers show people's names.
  const known = directory === undefined ? [] : await listKnownKeys(sodium, sources.env);
  for (const key of keys) key.name ??= known.find((item) => sodium.memcmp(item.publicKey, key.publicKey))?.name;
  return { keys, findings };
}

/** Every key recorded in the keys directory, by name. */
export async function listKnownKeys(sodium: Sodium, env: NodeJS.ProcessEnv): Promise<KnownKey[]> {
  const directory = keysDirectory(env);
  if (directory === undefined) return [];
  const known = new Map<string, KnownKey>();
  for (const name of listNames(directory, '.pub')) {
    const read = await readText(join(directory, `${name}.pub`), { maxBytes: MAX_KEY_FILE_BYTES, what: 'public key file' });
    const publicKey = read.text
      .split(/\s+/)
      .map(parsePublicKey)
      .find((key) => key !== undefined);
    if (publicKey !== undefined) known.set(name, { name, publicKey, hasPrivateKey: false });
  }
  for (const name of listNames(directory, '.key')) {
    const [privateKey] = await readKeyFile(join(directory, `${name}.key`), []);
    if (privateKey === undefined) continue;
    known.set(name, { name, publicKey: known.get(name)?.publicKey ?? publicKeyOf(sodium, privateKey), hasPrivateKey: true });
  }
  return [...known.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The recipients named on the command line, from the keys directory. */
export async function findRecipients(sodium: Sodium, env: NodeJS.ProcessEnv, names: readonly string[]): Promise<Recipient[]> {
  const known = await listKnownKeys(sodium, env);
  return names.map((name) => {
    const key = known.find((item) => item.name === name);
    if (key === undefined) {
      throw new LucidError('RECIPIENT_NOT_FOUND', `no public key named ${name} in ${keysDirectory(env) ?? 'the keys directory'}`, {
        hint: known.length === 0 ? 'record it with `lucid-env keys add NAME lucid-pk1-…`' : `known: ${known.map((item) => item.name).join(', ')}`,
      });
    }
    return { name, publicKey: key.publicKey };
  });
}

/** A short, safe name for a key that has none (an environment key): `key-<fingerprint>`. */
export function fallbackKeyName(sodium: Sodium, publicKey: Uint8Array): string {
  return `key-${publicKeyFingerprint(sodium, publicKey).replaceAll('-', '').slice(0, 8)}`;
}

async function readKeyFile(path: string, findings: Finding[]): Promise<Uint8Array[]> {
  const read = await readText(path, { maxBytes: MAX_KEY_FILE_BYTES, what: 'private key file' });
  if ((read.mode & 0o077) !== 0) {
    findings.push(makeFinding('insecure-permissions', { file: path }, 'this private key file is readable by group or others', { hint: `chmod 600 ${path}` }));
  }
  return findPrivateKeys(read.text);
}

/** Names of `NAME<suffix>` files in the directory (none when it does not exist). */
function listNames(directory: string, suffix: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(directory);
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.endsWith(suffix))
    .map((entry) => entry.slice(0, -suffix.length))
    .filter(isRecipientName)
    .sort();
}

function nonEmpty(value: string | undefined): value is string {
  return value !== undefined && value !== '';
}
