/**
 * `lucid-env unseal FILE.sealed`: checks the header, the MAC and every value before writing
 * anything, then writes the plain file (0600, atomically), byte for byte what was sealed. Any
 * tampering: findings naming the key and the kind of change (exit 1), and nothing written.
 */
import { resolve } from 'node:path';
import type { Context } from '../context.js';
import { envValues, parseEnv } from '../dotenv/parse.js';
import { LucidError } from '../errors.js';
import { makeFinding } from '../findings.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { readText, readTextIfExists } from '../fs/read.js';
import { displayPath } from '../paths.js';
import { MAX_ENV_BYTES, sealedAccessOf } from '../project/env-files.js';
import { SEALED_SUFFIX } from '../project/env-writer.js';
import { withMutation } from '../project/mutation.js';
import { openSealedFile, requireOpenedResult } from '../project/sealed-env.js';
import type { Report } from '../report.js';
import { isSealedText } from '../secrets/sealed-header.js';

/** Options of `unseal`. */
export interface UnsealOptions {
  output?: string;
  keyFile?: string;
  minVersion?: number;
  /** Overwrite a plain file that differs from the sealed one. */
  force?: boolean;
  followSymlinks?: boolean;
}

/** Unseals FILE.sealed into FILE (or -o). */
export async function unseal(file: string, options: UnsealOptions, ctx: Context): Promise<Report> {
  const source = resolve(ctx.cwd, file);
  if (options.output === undefined && !source.endsWith(SEALED_SUFFIX)) {
    throw new LucidError('USAGE', `${file} does not end in ${SEALED_SUFFIX}; name the plain file with -o <path>`);
  }
  const target = resolve(ctx.cwd, options.output ?? source.slice(0, -SEALED_SUFFIX.length));
  // Like every command that writes: locked, and an interrupted change to these files finished first.
  return withMutation([source, target], ctx, () => unsealLocked(source, target, options, ctx));
}

async function unsealLocked(source: string, target: string, options: UnsealOptions, ctx: Context): Promise<Report> {
  const read = await readText(source, { maxBytes: MAX_ENV_BYTES * 2, what: 'sealed env file' });
  if (!isSealedText(read.text)) {
    const finding = makeFinding(
      'sealed-unreadable',
      { file: source, line: 1, column: 1 },
      'this is not a sealed env file (it does not start with "#lucid-env:sealed")',
    );
    return { command: 'unseal', files: [source], findings: [finding], changes: [] };
  }
  const access = sealedAccessOf(ctx, { keyFile: options.keyFile, minVersion: options.minVersion });
  const opened = await openSealedFile(source, read.text, access);
  if (opened.result.problems.length > 0) return { command: 'unseal', files: [source], findings: opened.findings, changes: [] };
  const { plain, version } = requireOpenedResult(source, opened, ctx.cwd);
  const existing = await readTextIfExists(target, { maxBytes: MAX_ENV_BYTES, what: 'env file' });
  const isSame = existing !== undefined && Buffer.from(existing.bytes).equals(Buffer.from(plain, 'utf8'));
  if (existing !== undefined && !isSame && options.force !== true) {
    throw new LucidError('OUTPUT_EXISTS', `${displayPath(target, ctx.cwd)} exists and differs from the sealed file; nothing was written`, {
      hint: 'seal your changes first, or pass --force to overwrite them (or -o to write elsewhere)',
    });
  }
  if (!isSame || (existing.mode & 0o077) !== 0) await writeFileAtomic(target, plain, { mode: 0o600, followSymlinks: options.followSymlinks === true });
  const keys = [...envValues(parseEnv(plain, { file: target }).document).keys()];
  return {
    command: 'unseal',
    files: [source, target],
    findings: opened.findings,
    changes: keys.map((key) => ({ file: target, key, action: isSame ? 'unchanged' : 'unsealed' })),
    notes: [`${isSame ? 'already up to date' : 'wrote'} ${displayPath(target, ctx.cwd)} (version ${version} of the sealed file)`],
  };
}
