/**
 * `lucid-env keys new|add|list`: key pairs of sealed env files. A new private key goes to a 0600
 * file in the 0700 keys directory and nowhere else; the public key is printed (stdout) and
 * recorded there, as are teammates' public keys (`keys add`).
 */

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { maxOf } from '../append-all.js';
import type { Context } from '../context.js';
import { LucidError } from '../errors.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { ensurePrivateDir } from '../fs/private-dir.js';
import { listKnownKeys, loadPrivateKeys, requireKeysDirectory } from '../project/key-store.js';
import { stripTrailingNewline } from '../project/stdin.js';
import type { Report } from '../report.js';
import { isRecipientName } from '../secrets/sealed-header.js';
import { createKeyPair, formatPrivateKey, formatPublicKey, parsePublicKey, publicKeyFingerprint } from '../secrets/sealed-keys.js';

/** Options of `keys add`. */
export interface KeysAddOptions {
  force?: boolean;
}

function checkName(name: string): void {
  if (!isRecipientName(name)) {
    throw new LucidError('USAGE', `"${name}" is not a key name: 1 to 64 letters, digits and . _ @ + -`);
  }
}

/** The name `keys new` uses when none is given: the login name. */
function defaultName(env: NodeJS.ProcessEnv): string {
  const login = env['USER'] ?? env['LOGNAME'] ?? '';
  return isRecipientName(login) ? login : 'me';
}

/** Creates a key pair named `name`; prints its public key. */
export async function keysNew(name: string | undefined, ctx: Context): Promise<Report> {
  const keyName = name ?? defaultName(ctx.env);
  checkName(keyName);
  const directory = requireKeysDirectory(ctx.env);
  const privatePath = join(directory, `${keyName}.key`);
  const publicPath = join(directory, `${keyName}.pub`);
  if (existsSync(privatePath) || existsSync(publicPath)) {
    throw new LucidError('OUTPUT_EXISTS', `a key named ${keyName} already exists in ${directory}`, {
      hint: 'choose another name (lucid-env keys new NAME); lucid-env never overwrites a private key',
    });
  }
  await ensurePrivateDir(directory);
  const sodium = await ctx.sodium();
  const pair = createKeyPair(sodium);
  const publicKey = formatPublicKey(pair.publicKey);
  const privateText = [
    `# lucid-env private key "${keyName}" (X25519). Keep it secret: never commit it, never paste it anywhere but a CI secret.`,
    `# public key: ${publicKey}`,
    formatPrivateKey(pair.privateKey),
    '',
  ].join('\n');
  await writeFileAtomic(privatePath, privateText, { mode: 0o600 });
  await writeFileAtomic(publicPath, `${publicKey}\n`, { mode: 0o644 });
  const fingerprint = publicKeyFingerprint(sodium, pair.publicKey);
  return {
    command: 'keys',
    files: [privatePath, publicPath],
    findings: [],
    isDocument: true,
    output: `${publicKey}\n`,
    notes: [
      `created key ${keyName} (fingerprint ${fingerprint}): private key in ${privatePath} (mode 0600; never commit it)`,
      `teammates record your public key with: lucid-env keys add ${keyName} ${publicKey}`,
    ],
  };
}

/** Records a teammate's public key under `name` (from argv, where a public key may be, or stdin). */
export async function keysAdd(name: string, publicKeyText: string | undefined, options: KeysAddOptions, ctx: Context): Promise<Report> {
  checkName(name);
  const text = publicKeyText ?? stripTrailingNewline(await ctx.readStdin());
  const publicKey = parsePublicKey(text);
  if (publicKey === undefined) throw new LucidError('USAGE', 'that is not a lucid-env public key (lucid-pk1- followed by 43 base64url characters)');
  const directory = requireKeysDirectory(ctx.env);
  const sodium = await ctx.sodium();
  const existing = (await listKnownKeys(sodium, ctx.env)).find((key) => key.name === name);
  if (existing?.hasPrivateKey === true) throw new LucidError('OUTPUT_EXISTS', `${name} is one of your own keys; pick another name for this one`);
  const isSame = existing !== undefined && sodium.memcmp(existing.publicKey, publicKey);
  if (existing !== undefined && !isSame && options.force !== true) {
    throw new LucidError('OUTPUT_EXISTS', `a different public key is already recorded as ${name}`, { hint: 'pass --force to replace it' });
  }
  await ensurePrivateDir(directory);
  const path = join(directory, `${name}.pub`);
  if (!isSame) await writeFileAtomic(path, `${formatPublicKey(publicKey)}\n`, { mode: 0o644 });
  const fingerprint = publicKeyFingerprint(sodium, publicKey);
  return {
    command: 'keys',
    files: [path],
    findings: [],
    isDocument: true,
    notes: [`${isSame ? 'already recorded' : 'recorded'}: ${name} (fingerprint ${fingerprint}); seal to it with --recipient ${name}`],
  };
}

/** Lists the keys: recorded recipients by name and fingerprint, and which private keys are at hand. */
export async function keysList(ctx: Context): Promise<Report> {
  const sodium = await ctx.sodium();
  const known = await listKnownKeys(sodium, ctx.env);
  const { keys, findings } = await loadPrivateKeys(sodium, { env: ctx.env, cwd: ctx.cwd });
  const rows = known.map((key) => [key.name, publicKeyFingerprint(sodium, key.publicKey), key.hasPrivateKey ? 'private key here' : 'public key only']);
  for (const key of keys) {
    if (key.name !== undefined && known.some((item) => item.name === key.name)) continue;
    rows.push([key.name ?? '(unnamed)', publicKeyFingerprint(sodium, key.publicKey), `private key from ${key.source}`]);
  }
  const width = Math.max(4, maxOf(rows.map((row) => (row[0] ?? '').length)));
  const lines = rows.map(([name = '', fingerprint = '', where = '']) => `${name.padEnd(width)}  ${fingerprint}  ${where}`);
  const directory = requireKeysDirectory(ctx.env);
  const output = rows.length === 0 ? '' : `${lines.join('\n')}\n`;
  const notes = rows.length === 0 ? [`no keys in ${directory}; create one with: lucid-env keys new`] : [];
  return { command: 'keys', files: [], findings, isDocument: true, output, notes };
}
