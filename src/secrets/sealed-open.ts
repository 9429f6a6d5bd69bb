/**
 * Opening a sealed env file: header, structure, the data key (with a recipient's private key),
 * the MAC over every byte, every value, and the digest of the rebuilt plain file. Nothing is
 * returned as plain unless all of them hold; otherwise each problem names the key and the kind of
 * change.
 */
import { appendAll } from '../append-all.js';
import type { EnvLine } from '../dotenv/document.js';
import type { Sodium } from './random.js';
import type { OpenedSealed } from './seal-env.js';
import type { SealedBody, SealedProblem } from './sealed-body.js';
import { checkSealedStructure, decryptValues, readSealedBody, readSealedValues, rebuildPlain, slotId, tampered } from './sealed-body.js';
import type { DataKeys } from './sealed-crypto.js';
import { computeDigest, computeMac, deriveDataKeys, isSameBytes, openDataKey } from './sealed-crypto.js';
import { diagnoseMac, diagnoseValues } from './sealed-diagnosis.js';
import type { SealedParts } from './sealed-header.js';
import { parseSealedText } from './sealed-header.js';
import { publicKeyOf } from './sealed-keys.js';

export type { SealedProblem };
export { slotId };

/** What opening a sealed file gave. */
export interface OpenSealedResult {
  /** The header and body, when the header could be read. */
  parts?: SealedParts;
  /** Every element of the sealed file as the env reader sees it (positions for findings). */
  lines?: EnvLine[];
  /** Set when no given private key belongs to a recipient. */
  isLocked: boolean;
  problems: SealedProblem[];
  /** Set only when there is no problem. */
  opened?: OpenedSealed;
}

/** Options of {@link openSealedEnv}. */
export interface OpenSealedOptions {
  /** Refuse a file whose version counter is lower (rollback). */
  minVersion?: number | undefined;
}

/** What can be told of a sealed file without a key: its header, its lines, and structural problems. */
export function inspectSealedEnv(text: string, options: OpenSealedOptions = {}): OpenSealedResult {
  const split = parseSealedText(text);
  if (!split.ok) return { isLocked: true, problems: [{ code: 'sealed-unreadable', line: split.problem.line, column: 1, message: split.problem.message }] };
  const { parts } = split;
  const body = readSealedBody(text, '');
  const problems = checkSealedStructure(body, parts);
  const { minVersion } = options;
  if (minVersion !== undefined && parts.header.version < minVersion) {
    problems.push(tampered(1, 1, `this is version ${parts.header.version} of the sealed file, older than --min-version ${minVersion}: a rollback?`));
  }
  return { parts, lines: body.lines, isLocked: true, problems };
}

/** Opens a sealed file with any of the given private keys. */
export function openSealedEnv(sodium: Sodium, text: string, privateKeys: readonly Uint8Array[], options: OpenSealedOptions = {}): OpenSealedResult {
  const inspected = inspectSealedEnv(text, options);
  const { parts, lines, problems } = inspected;
  if (parts === undefined || lines === undefined) return inspected;
  const base = { parts, lines };
  const match = findRecipientKey(sodium, parts, privateKeys);
  if (match === undefined) return inspected;
  const dataKey = openDataKey(sodium, match.box, match.publicKey, match.privateKey);
  if (dataKey === undefined) {
    const line = 2 + parts.header.recipients.findIndex((recipient) => recipient.box === match.box);
    problems.push(tampered(line, 1, `the data key sealed to recipient ${match.name} does not open: the header was edited`));
    return { ...base, isLocked: false, problems };
  }
  const body = { lines, values: readSealedValues(lines) };
  const keys = deriveDataKeys(sodium, dataKey);
  const decrypted = decryptValues(sodium, body, keys, parts.header.fileId);
  appendAll(problems, diagnoseValues(sodium, body, keys, parts.header.fileId, decrypted.failed));
  if (!isSameBytes(sodium, computeMac(sodium, keys, parts.macInput), parts.header.mac) && problems.length === 0) {
    problems.push(diagnoseMac(sodium, keys, parts));
  }
  if (problems.length > 0) return { ...base, isLocked: false, problems };
  const plain = rebuildPlain(body, parts, decrypted.opened);
  if (!isSameBytes(sodium, computeDigest(sodium, keys, plain), parts.header.digest)) {
    return { ...base, isLocked: false, problems: [tampered(1, 1, 'the rebuilt file differs from the one that was sealed')] };
  }
  return { ...base, isLocked: false, problems, opened: toOpened(parts, body, dataKey, decrypted.opened, plain) };
}

/** Opens with a known data key (sealing checks its own output with it); throws on any problem. */
export function openSealedWithDataKey(sodium: Sodium, text: string, keys: DataKeys): { plain: string } {
  const split = parseSealedText(text);
  if (!split.ok) throw new Error(`sealed text unreadable: ${split.problem.message}`);
  const body = readSealedBody(text, '');
  const decrypted = decryptValues(sodium, body, keys, split.parts.header.fileId);
  const problems = checkSealedStructure(body, split.parts);
  if (problems.length > 0 || decrypted.failed.length > 0) throw new Error('sealed text does not open with its own data key');
  if (!isSameBytes(sodium, computeMac(sodium, keys, split.parts.macInput), split.parts.header.mac)) throw new Error('sealed text fails its own MAC');
  return { plain: rebuildPlain(body, split.parts, decrypted.opened) };
}

function findRecipientKey(sodium: Sodium, parts: SealedParts, privateKeys: readonly Uint8Array[]) {
  for (const privateKey of privateKeys) {
    const publicKey = publicKeyOf(sodium, privateKey);
    const recipient = parts.header.recipients.find((item) => sodium.memcmp(item.publicKey, publicKey));
    if (recipient !== undefined) return { ...recipient, privateKey };
  }
  return undefined;
}

function toOpened(parts: SealedParts, body: SealedBody, dataKey: Uint8Array, opened: ReadonlyMap<string, string>, plain: string): OpenedSealed {
  const slots = new Map<string, { rawValue: string; token: string }>();
  for (const value of body.values) {
    const id = slotId(value.slot);
    slots.set(id, { rawValue: opened.get(id) ?? '', token: value.entry.value ?? '' });
  }
  const { fileId, version, recipients } = parts.header;
  return { fileId, version, dataKey, recipients, slots, plain };
}
