/** IO shared by commands: reading env files and building Compose's interpolation env. */

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { appendAll } from '../append-all.js';
import type { EnvDocument } from '../dotenv/document.js';
import { envValues } from '../dotenv/document.js';
import { hasEqualsSign } from '../dotenv/entry-label.js';
import { parseEnv } from '../dotenv/parse.js';
import type { Finding } from '../findings.js';
import { makeFinding } from '../findings.js';
import { readText } from '../fs/read.js';
import type { ReferenceRecord } from '../report.js';
import type { RandomSource, Sodium } from '../secrets/random.js';
import { isSealedText } from '../secrets/sealed-header.js';
import type { SealedAccess } from './sealed-env.js';

export type { SealedAccess };

import { isSecretName } from '../variable-names.js';

/** Env files larger than this are refused. */
export const MAX_ENV_BYTES = 8 * 1024 * 1024;

/** One env file as read. */
export interface EnvFile {
  path: string;
  document: EnvDocument;
  values: Map<string, string>;
  mode: number;
  /** Set for a sealed file: whether no key opened it (then `values` are its names with sealed tokens), and its version. */
  sealed?: { isLocked: boolean; version: number };
}

/** How commands give env-file reading what sealed files need (their keys, libsodium, the rollback floor). */
export function sealedAccessOf(
  ctx: { env: NodeJS.ProcessEnv; cwd: string; sodium(): Promise<Sodium>; random(): Promise<RandomSource> },
  options: { keyFile?: string | undefined; minVersion?: number | undefined } = {},
): SealedAccess {
  return { env: ctx.env, cwd: ctx.cwd, sodium: ctx.sodium, random: ctx.random, keyFile: options.keyFile, minVersion: options.minVersion };
}

/** The interpolation env (SPEC section 1) and the files it came from. */
export interface InterpolationEnv {
  values: Map<string, string>;
  files: EnvFile[];
  findings: Finding[];
}

/**
 * Reads one env file; problems inside it are findings, an unreadable file throws. A sealed file is
 * opened in memory with the keys `access` finds (without access, or without a key: its names only).
 */
export async function readEnvFile(
  path: string,
  lookup: (name: string) => string | undefined,
  access?: SealedAccess,
): Promise<{ file: EnvFile | undefined; findings: Finding[] }> {
  const read = await readText(path, { maxBytes: MAX_ENV_BYTES, what: 'env file' });
  if (read.isBinary || !read.isValidUtf8) {
    const what = read.isBinary ? 'a binary file (it contains NUL bytes)' : 'not valid UTF-8';
    return { file: undefined, findings: [makeFinding('env-syntax', { file: path, line: 1, column: 1 }, `the env file is ${what}`)] };
  }
  if (isSealedText(read.text)) return (await import('./sealed-env.js')).readSealedEnvFile(path, read.text, read.mode, lookup, access);
  const parsed = parseEnv(read.text, { file: path, lookup });
  return { file: { path, document: parsed.document, values: envValues(parsed.document), mode: read.mode }, findings: parsed.findings };
}

/**
 * Builds the interpolation env as Compose does: the `--env-file` files in order (default: the
 * project's `.env` when it exists), later files winning; the process environment only when asked,
 * and then it wins over the files.
 */
export async function loadInterpolationEnv(
  options: { envFile?: string[] | undefined; processEnv?: boolean | undefined },
  projectDirectory: string,
  cwd: string,
  processEnvironment: NodeJS.ProcessEnv,
  access?: SealedAccess,
): Promise<InterpolationEnv> {
  const paths =
    options.envFile !== undefined && options.envFile.length > 0
      ? options.envFile.map((file) => resolve(cwd, file))
      : [join(projectDirectory, '.env')].filter((file) => existsSync(file));
  const values = new Map<string, string>();
  const usesProcess = options.processEnv === true;
  const lookup = (name: string): string | undefined => (usesProcess ? processEnvironment[name] : undefined) ?? values.get(name);
  const env: InterpolationEnv = { values, files: [], findings: [] };
  for (const path of paths) {
    const { file, findings } = await readEnvFile(path, lookup, access);
    appendAll(env.findings, findings);
    if (file === undefined) continue;
    env.files.push(file);
    for (const [key, value] of file.values) values.set(key, value);
  }
  if (usesProcess) {
    for (const [key, value] of Object.entries(processEnvironment)) if (value !== undefined) values.set(key, value);
  }
  return env;
}

/**
 * References inside env file values (Compose interpolates those too), for `scan -e`. A secret's
 * value (and a line without "=", which may be anything) is never taken apart: a `$` inside a
 * password would otherwise list a piece of it as a variable name, and a `${X:-...}` its default.
 */
export async function scanEnvFileReferences(
  paths: readonly string[],
  processEnvironment: NodeJS.ProcessEnv,
  access?: SealedAccess,
): Promise<{ references: ReferenceRecord[]; findings: Finding[] }> {
  const references: ReferenceRecord[] = [];
  const findings: Finding[] = [];
  for (const path of paths) {
    const { file, findings: fileFindings } = await readEnvFile(path, (name) => processEnvironment[name], access);
    appendAll(findings, fileFindings);
    if (file === undefined) continue;
    for (const line of file.document.lines) {
      if (line.kind !== 'entry' || !hasEqualsSign(line) || isSecretName(line.key)) continue;
      for (const reference of line.references) {
        const isMessage = reference.operator === '?' || reference.operator === ':?';
        const hasArgument = reference.operator !== '';
        references.push({
          name: reference.name,
          file: path,
          line: reference.line,
          column: reference.column,
          path: line.key,
          source: 'env-file',
          operator: reference.operator,
          default: hasArgument && !isMessage ? reference.argument : null,
          message: isMessage ? reference.argument : null,
          text: reference.text,
        });
      }
    }
  }
  return { references, findings };
}
