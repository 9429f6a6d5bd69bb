/** `lucid-env tor-hash`: Tor's HashedControlPassword for a password read from stdin or an env file. */
import { resolve } from 'node:path';
import type { Context } from '../context.js';
import { LucidError } from '../errors.js';
import type { Report } from '../report.js';
import { loadSodiumRandom } from '../secrets/random.js';
import { generateTorHash } from '../secrets/tor-hash.js';
import { readEnvFile } from './env-files.js';

/** Options of `tor-hash`. */
export interface TorHashOptions {
  envFile?: string[];
  key?: string;
}

/** Strips the one line break a shell pipe or heredoc adds. */
export function stripTrailingNewline(text: string): string {
  return text.endsWith('\r\n') ? text.slice(0, -2) : text.endsWith('\n') ? text.slice(0, -1) : text;
}

async function readPassword(options: TorHashOptions, ctx: Context): Promise<string> {
  const envFile = options.envFile?.[0];
  if (envFile !== undefined) {
    const key = options.key ?? 'TOR_PASSWORD';
    const { file } = await readEnvFile(resolve(ctx.cwd, envFile), () => undefined);
    const value = file?.values.get(key);
    if (value === undefined || value === '') throw new LucidError('KEY_NOT_FOUND', `${key} is not set in ${envFile}`);
    return value;
  }
  if (ctx.isInteractive) throw new LucidError('USAGE', 'tor-hash reads the password from standard input', { hint: 'printf %s "$PASSWORD" | lucid-env tor-hash, or -e FILE --key TOR_PASSWORD' });
  const password = stripTrailingNewline(await ctx.readStdin());
  if (password === '') throw new LucidError('USAGE', 'no password on standard input');
  return password;
}

/** Prints `16:…` exactly as `tor --hash-password` does (a fresh random salt each time). */
export async function torHash(options: TorHashOptions, ctx: Context): Promise<Report> {
  const password = await readPassword(options, ctx);
  const random = await loadSodiumRandom();
  return { command: 'tor-hash', files: [], findings: [], output: `${generateTorHash(password, random)}\n` };
}
