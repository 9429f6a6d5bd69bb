/**
 * IO: sealed env files for every command. Reading commands get the plain values in memory when a
 * private key opens the file, else the names only (with a notice that values were not checked);
 * problems are `sealed-tampered` / `sealed-unreadable` findings at lines of the sealed file.
 */
import { appendAll } from '../append-all.js';
import type { Lookup } from '../compose/substitution.js';
import { envValues } from '../dotenv/document.js';
import { parseEnv } from '../dotenv/parse.js';
import { LucidError } from '../errors.js';
import type { Finding } from '../findings.js';
import { makeFinding } from '../findings.js';
import { displayPath } from '../paths.js';
import type { RandomSource, Sodium } from '../secrets/random.js';
import type { OpenedSealed } from '../secrets/seal-env.js';
import { sealEnv } from '../secrets/seal-env.js';
import { mapPlainFinding, overlaySealedPositions } from '../secrets/sealed-document.js';
import type { OpenSealedResult, SealedProblem } from '../secrets/sealed-open.js';
import { inspectSealedEnv, openSealedEnv } from '../secrets/sealed-open.js';
import type { EnvFile } from './env-files.js';
import type { PrivateKey } from './key-store.js';
import { loadPrivateKeys } from './key-store.js';

/** What opening sealed env files needs: where keys are, libsodium, and the rollback floor. */
export interface SealedAccess {
  env: NodeJS.ProcessEnv;
  cwd: string;
  sodium(): Promise<Sodium>;
  /** Randomness for re-sealing an edited file (libsodium). */
  random(): Promise<RandomSource>;
  /** `--key-file`. */
  keyFile?: string | undefined;
  /** `--min-version`: older sealed files are refused. */
  minVersion?: number | undefined;
}

/** A sealed file opened (or not) with the keys at hand. */
export interface OpenedSealedFile {
  result: OpenSealedResult;
  keys: PrivateKey[];
  /** Problems of the file and of key files, as findings. */
  findings: Finding[];
}

/** Opens a sealed file with every private key available. */
export async function openSealedFile(path: string, text: string, access: SealedAccess): Promise<OpenedSealedFile> {
  const sodium = await access.sodium();
  const { keys, findings } = await loadPrivateKeys(sodium, access);
  const result = openSealedEnv(
    sodium,
    text,
    keys.map((key) => key.privateKey),
    { minVersion: access.minVersion },
  );
  return { result, keys, findings: [...findings, ...result.problems.map((problem) => toFinding(path, problem))] };
}

/** A sealed problem as a finding of the sealed file. */
export function toFinding(path: string, problem: SealedProblem): Finding {
  return makeFinding(problem.code, { file: path, line: problem.line, column: problem.column }, problem.message, {
    ...(problem.variable === undefined ? {} : { variable: problem.variable }),
    ...(problem.code === 'sealed-tampered' ? { hint: 'restore the file from git, or seal it again from the plain file' } : {}),
  });
}

/** Reads a sealed env file for the reading commands: opened in memory with a key, else its names only. */
export async function readSealedEnvFile(
  path: string,
  text: string,
  mode: number,
  lookup: Lookup,
  access: SealedAccess | undefined,
): Promise<{ file: EnvFile | undefined; findings: Finding[] }> {
  const opened = access === undefined ? undefined : await openSealedFile(path, text, access);
  const result = opened?.result ?? inspectSealedEnv(text);
  const findings = opened?.findings ?? result.problems.map((problem) => toFinding(path, problem));
  const { parts, lines } = result;
  if (parts === undefined || lines === undefined || findings.some((finding) => finding.severity === 'error')) return { file: undefined, findings };
  const sealed = { isLocked: result.opened === undefined, version: parts.header.version };
  if (result.opened === undefined) {
    const document = { ...parseEnv(text, { file: path }).document, lines };
    const names = parts.header.recipients.map((recipient) => recipient.name).join(', ');
    findings.push(
      makeFinding('sealed-unreadable', { file: path }, `values were not checked: no private key at hand opens this sealed file (recipients: ${names})`, {
        severity: 'info',
        hint: 'set LUCID_ENV_PRIVATE_KEY, or add your key with `lucid-env rekey` from a recipient',
      }),
    );
    return { file: { path, document, values: envValues(document), mode, sealed }, findings };
  }
  const plain = parseEnv(result.opened.plain, { file: path, lookup });
  const document = overlaySealedPositions(plain.document, lines, parts.headerLines);
  appendAll(
    findings,
    plain.findings.map((finding) => mapPlainFinding(finding, plain.document, lines, parts.headerLines)),
  );
  return { file: { path, document, values: envValues(document), mode, sealed }, findings };
}

/** An env file being edited that is sealed: its sealed bytes (for backups) and how to seal the edit again. */
export interface SealedEdit {
  original: string;
  /** Seals the edited plain text with the file's recipients, data key and unchanged tokens. */
  seal(plain: string): Promise<string>;
}

/** Opens a sealed env file for editing; throws when it cannot be opened or fails verification. */
export async function openSealedForEdit(path: string, text: string, access: SealedAccess): Promise<{ plain: string; edit: SealedEdit }> {
  const opened = await requireOpened(path, text, access);
  const random = await access.random();
  const sodium = await access.sodium();
  return {
    plain: opened.plain,
    edit: {
      original: text,
      seal: async (plain) => sealEnv(sodium, random, parseEnv(plain, { file: path }).document, { recipients: opened.recipients, previous: opened }).text,
    },
  };
}

/** Opens a sealed file or throws: SEALED_INVALID (a problem), PRIVATE_KEY_MISSING or NOT_A_RECIPIENT. */
export async function requireOpened(path: string, text: string, access: SealedAccess): Promise<OpenedSealed> {
  return requireOpenedResult(path, await openSealedFile(path, text, access), access.cwd);
}

/** The opened state of a sealed file, or the error that says why there is none. */
export function requireOpenedResult(path: string, { result, keys }: OpenedSealedFile, cwd: string): OpenedSealed {
  const shown = displayPath(path, cwd);
  const [problem] = result.problems;
  if (problem !== undefined) {
    throw new LucidError('SEALED_INVALID', `${shown}:${problem.line}: ${problem.message}`, { hint: `lucid-env check -e ${shown} lists every problem` });
  }
  if (result.opened !== undefined) return result.opened;
  const recipients = (result.parts?.header.recipients ?? []).map((recipient) => recipient.name).join(', ');
  if (keys.length === 0) {
    throw new LucidError('PRIVATE_KEY_MISSING', `no private key to open ${shown} (recipients: ${recipients})`, {
      hint: 'set LUCID_ENV_PRIVATE_KEY or LUCID_ENV_PRIVATE_KEY_FILE, pass --key-file, or create a key with `lucid-env keys new`',
    });
  }
  const yours = keys.map((key) => key.name ?? key.source).join(', ');
  throw new LucidError('NOT_A_RECIPIENT', `none of your keys (${yours}) opens ${shown} (recipients: ${recipients})`, {
    hint: 'ask a recipient to run `lucid-env rekey --add YOUR_NAME` on it',
  });
}
