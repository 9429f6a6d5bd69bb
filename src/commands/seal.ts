/**
 * `lucid-env seal -e FILE`: writes FILE.sealed, the same env file with every value sealed to the
 * recipients. Sealing again keeps the data key, recipients and the tokens of unchanged values, so
 * the diff shows the header and the keys that changed; a new file gets a fresh data key.
 */
import { resolve } from 'node:path';
import type { Context } from '../context.js';
import { envValues } from '../dotenv/document.js';
import { hasEqualsSign, labelEntry } from '../dotenv/entry-label.js';
import { parseEnv } from '../dotenv/parse.js';
import { LucidError } from '../errors.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { readText, readTextIfExists } from '../fs/read.js';
import { displayPath } from '../paths.js';
import { MAX_ENV_BYTES, sealedAccessOf } from '../project/env-files.js';
import { SEALED_SUFFIX, singleEnvFileOption } from '../project/env-writer.js';
import type { PrivateKey } from '../project/key-store.js';
import { fallbackKeyName, findRecipients, loadPrivateKeys } from '../project/key-store.js';
import { withMutation } from '../project/mutation.js';
import { openSealedFile } from '../project/sealed-env.js';
import type { Change, Report } from '../report.js';
import type { Sodium } from '../secrets/random.js';
import type { OpenedSealed, Recipient } from '../secrets/seal-env.js';
import { sealEnv } from '../secrets/seal-env.js';
import type { SealedHeader } from '../secrets/sealed-header.js';
import { isSealedText } from '../secrets/sealed-header.js';

/** Options of `seal`. */
export interface SealOptions {
  envFile?: string[];
  output?: string;
  recipient?: string[];
  keyFile?: string;
  /** Replace a sealed file that fails verification. */
  force?: boolean;
  followSymlinks?: boolean;
}

/** Seals the env file into FILE.sealed (or -o). */
export async function seal(options: SealOptions, ctx: Context): Promise<Report> {
  const source = resolve(ctx.cwd, singleEnvFileOption(options, 'seal', 'reads') ?? '.env');
  const target = resolve(ctx.cwd, options.output ?? `${source}${SEALED_SUFFIX}`);
  // Like every command that writes: locked, and an interrupted change to these files finished first.
  return withMutation([source, target], ctx, () => sealLocked(source, target, options, ctx));
}

async function sealLocked(source: string, target: string, options: SealOptions, ctx: Context): Promise<Report> {
  const read = await readText(source, { maxBytes: MAX_ENV_BYTES, what: 'env file' });
  if (read.isBinary || !read.isValidUtf8) throw new LucidError('ENV_INVALID', `${options.envFile?.[0] ?? '.env'} is not a text env file`);
  if (isSealedText(read.text)) throw new LucidError('USAGE', `${options.envFile?.[0] ?? '.env'} is already sealed`, { hint: 'seal the plain file' });
  const parsed = parseEnv(read.text, { file: source });
  const rejected = parsed.findings.filter((finding) => finding.code === 'env-syntax' && finding.severity === 'error');
  if (rejected.length > 0) return { command: 'seal', files: [source], findings: rejected, changes: [] };
  // A line without "=" is no NAME=value whose value could be sealed: its text would be copied into the
  // sealed file (made to be committed), and it may be a pasted token. Named by position and length only.
  const unnamed = parsed.document.lines.find((line) => line.kind === 'entry' && !hasEqualsSign(line));
  if (unnamed !== undefined && unnamed.kind === 'entry') {
    throw new LucidError('USAGE', `cannot seal ${displayPath(source, ctx.cwd)}: ${labelEntry(unnamed)} is not NAME=value, so its text would stay readable`, {
      hint: 'write it as NAME=value, or remove the line; nothing was written',
    });
  }

  const sodium = await ctx.sodium();
  const access = sealedAccessOf(ctx, { keyFile: options.keyFile });
  const existing = await readTextIfExists(target, { maxBytes: MAX_ENV_BYTES * 2, what: 'sealed env file' });
  let previous: OpenedSealed | undefined;
  let header: SealedHeader | undefined;
  let recipients: Recipient[] = [];
  let ownKeys: PrivateKey[] = [];
  const notes: string[] = [];
  if (existing !== undefined) {
    if (!isSealedText(existing.text))
      throw new LucidError('OUTPUT_EXISTS', `${displayPath(target, ctx.cwd)} exists and is not a sealed env file; refusing to overwrite it`);
    const opened = await openSealedFile(target, existing.text, access);
    ownKeys = opened.keys;
    if (opened.result.problems.length > 0 && options.force !== true) {
      const hint = 'pass --force to replace it with a new sealed file (a fresh data key)';
      return { command: 'seal', files: [target], findings: opened.findings.map((finding) => ({ ...finding, hint })), changes: [] };
    }
    previous = opened.result.opened;
    header = opened.result.parts?.header;
    recipients = (opened.result.parts?.header.recipients ?? []).map(({ name, publicKey }) => ({ name, publicKey }));
    if (previous === undefined && opened.result.problems.length === 0) {
      notes.push(`notice: none of your keys opens ${displayPath(target, ctx.cwd)}; sealed anew to its recipients with a fresh data key`);
    }
  } else {
    ownKeys = (await loadPrivateKeys(sodium, access)).keys;
    // You can always open what you seal: your own keys, then the --recipient names.
    recipients = addRecipients(
      sodium,
      [],
      ownKeys.map((key) => ({ name: key.name ?? fallbackKeyName(sodium, key.publicKey), publicKey: key.publicKey })),
    );
  }
  recipients = addRecipients(sodium, recipients, await findRecipients(sodium, ctx.env, options.recipient ?? []));
  if (recipients.length === 0) {
    throw new LucidError('PRIVATE_KEY_MISSING', 'no recipient to seal to: you have no key, and no --recipient was given', {
      hint: 'create your key with `lucid-env keys new`',
    });
  }
  if (!recipients.some((recipient) => ownKeys.some((key) => sodium.memcmp(key.publicKey, recipient.publicKey)))) {
    notes.push('notice: none of your keys is a recipient: you will not be able to unseal this file yourself');
  }
  // A file no key opens is sealed anew, but keeps its identity and a higher version (for --min-version).
  const version = previous === undefined && header !== undefined ? header.version + 1 : undefined;
  const sealed = sealEnv(sodium, await ctx.random(), parsed.document, { recipients, previous, version, fileId: header?.fileId });
  const isUnchanged =
    previous !== undefined && sealed.changedKeys.length === 0 && previous.plain === read.text && previous.recipients.length === recipients.length;
  if (!isUnchanged) await writeFileAtomic(target, sealed.text, { followSymlinks: options.followSymlinks === true });
  const changes: Change[] = [...envValues(parsed.document).keys()].map((key) => ({
    file: target,
    key,
    action: sealed.changedKeys.includes(key) && !isUnchanged ? 'sealed' : 'unchanged',
  }));
  const names = recipients.map((recipient) => recipient.name).join(', ');
  notes.push(isUnchanged ? `${displayPath(target, ctx.cwd)} is up to date` : `sealed to ${names}; version ${sealed.opened.version}`);
  return { command: 'seal', files: [source, target], findings: [], changes, notes };
}

/** Adds recipients not already present (by public key). */
function addRecipients(sodium: Sodium, current: readonly Recipient[], added: readonly Recipient[]): Recipient[] {
  const result = [...current];
  for (const recipient of added) if (!result.some((item) => sodium.memcmp(item.publicKey, recipient.publicKey))) result.push(recipient);
  return result;
}
