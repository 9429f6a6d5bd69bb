/** `lucid-env tor-hash`: Tor's HashedControlPassword for a password read from stdin or an env file. */
import { resolve } from 'node:path';
import type { Context } from '../context.js';
import { LucidError } from '../errors.js';
import { readEnvFile, sealedAccessOf } from '../project/env-files.js';
import { singleEnvFileOption } from '../project/env-writer.js';
import { stripTrailingNewline } from '../project/stdin.js';
import type { Report } from '../report.js';
import { generateTorHash } from '../secrets/tor-hash.js';
import { formatNameArgument } from '../variable-names.js';

/** Options of `tor-hash`. */
export interface TorHashOptions {
  envFile?: string[];
  key?: string;
}

async function readPassword(options: TorHashOptions, ctx: Context): Promise<string> {
  const envFile = singleEnvFileOption(options, 'tor-hash', 'reads');
  if (envFile !== undefined) {
    const key = options.key ?? 'TOR_PASSWORD';
    const { file, findings } = await readEnvFile(resolve(ctx.cwd, envFile), () => undefined, sealedAccessOf(ctx));
    const sealedProblem = findings.find((finding) => finding.code === 'sealed-tampered' || finding.code === 'sealed-unreadable');
    if (sealedProblem !== undefined && (file === undefined || file.sealed?.isLocked === true)) {
      throw new LucidError('SEALED_INVALID', `cannot read ${formatNameArgument(key)} from ${envFile}: ${sealedProblem.message}`);
    }
    const value = file?.values.get(key);
    if (value === undefined || value === '') throw new LucidError('KEY_NOT_FOUND', `${formatNameArgument(key)} is not set in ${envFile}`);
    return value;
  }
  if (ctx.isInteractive)
    throw new LucidError('USAGE', 'tor-hash reads the password from standard input', {
      hint: 'printf %s "$PASSWORD" | lucid-env tor-hash, or -e FILE --key TOR_PASSWORD',
    });
  const password = stripTrailingNewline(await ctx.readStdin());
  if (password === '') throw new LucidError('USAGE', 'no password on standard input');
  return password;
}

/** Prints `16:…` exactly as `tor --hash-password` does (a fresh random salt each time). */
export async function torHash(options: TorHashOptions, ctx: Context): Promise<Report> {
  const password = await readPassword(options, ctx);
  const random = await ctx.random();
  return { command: 'tor-hash', files: [], findings: [], isDocument: true, output: `${generateTorHash(password, random)}\n` };
}
