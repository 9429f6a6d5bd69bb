/**
 * The header of a sealed env file: dotenv comment lines at the top, so the file stays an env file
 * that keeps the plain file's layout below them.
 *
 *   #lucid-env:sealed v1 id=<file identity> version=<n> entries=<n> digest=<keyed hash of the plain bytes>
 *   #lucid-env:recipient <name> lucid-pk1-<public key> <data key sealed to it>
 *   #lucid-env:mac <keyed MAC of every byte of the file except this line>
 */
import { decodeBase64Url, encodeBase64Url, formatPublicKey, parsePublicKey } from './sealed-keys.js';

/** How every sealed file starts (after an optional byte-order mark). */
export const SEALED_MARK = '#lucid-env:sealed ';
/** The sealed format this version writes and reads. */
export const SEALED_FORMAT = 1;

const RECIPIENT_MARK = '#lucid-env:recipient ';
const MAC_MARK = '#lucid-env:mac ';
const NAME = /^[A-Za-z0-9._@+-]{1,64}$/;

/** True when the text is a sealed env file (cheap: only its first bytes are looked at). */
export function isSealedText(text: string): boolean {
  return text.startsWith(SEALED_MARK, text.charCodeAt(0) === 0xfeff ? 1 : 0);
}

/** True for a name a recipient may have (it is written in the header and in key file names). */
export function isRecipientName(name: string): boolean {
  return NAME.test(name) && name !== '.' && name !== '..';
}

/** One recipient: a name for people, its public key, and the data key sealed to it. */
export interface SealedRecipient {
  name: string;
  publicKey: Uint8Array;
  /** crypto_box_seal(data key, public key). */
  box: Uint8Array;
}

/** What the header says. */
export interface SealedHeader {
  format: number;
  /** 16 random bytes drawn when the file was first sealed; kept across re-seals and rekeys. */
  fileId: Uint8Array;
  /** Grows with every write: `--min-version` refuses older files (rollback). */
  version: number;
  /** How many sealed values the body holds. */
  entries: number;
  /** Keyed hash of the plain file's exact bytes. */
  digest: Uint8Array;
  recipients: SealedRecipient[];
  mac: Uint8Array;
}

/** A sealed file taken apart. */
export interface SealedParts {
  header: SealedHeader;
  /** The file starts with a byte-order mark (the plain file did). */
  bom: boolean;
  /** Every byte except the MAC line: what the MAC covers. */
  macInput: string;
  /** The body: the plain file's layout with sealed values. */
  body: string;
  /** Lines before the body (the header). */
  headerLines: number;
}

/** Why a text is not a sealed file this version can read, at a 1-based line. */
export interface HeaderProblem {
  kind: 'not-sealed' | 'future-format' | 'malformed' | 'truncated';
  line: number;
  message: string;
}

/** Splits a sealed file into header and body; never throws. */
export function parseSealedText(text: string): { ok: true; parts: SealedParts } | { ok: false; problem: HeaderProblem } {
  const bom = text.charCodeAt(0) === 0xfeff;
  if (!isSealedText(text)) return fail('not-sealed', 1, 'this is not a sealed env file (it does not start with "#lucid-env:sealed")');
  let offset = bom ? 1 : 0;
  let line = 0;
  const readLine = (): string | undefined => {
    const end = text.indexOf('\n', offset);
    if (end === -1) return undefined;
    const content = text.slice(offset, end).replace(/\r$/, '');
    offset = end + 1;
    line++;
    return content;
  };
  const first = readLine();
  if (first === undefined) return fail('truncated', 1, 'the file ends inside its first header line (truncated?)');
  const parsed = parseFirstLine(first);
  if (typeof parsed === 'string') return fail(parsed.startsWith('future') ? 'future-format' : 'malformed', 1, parsed.replace(/^future: /, ''));
  const recipients: SealedRecipient[] = [];
  for (;;) {
    const start = offset;
    const content = readLine();
    if (content === undefined) return fail('truncated', line + 1, 'the file ends before its "#lucid-env:mac" header line (truncated?)');
    if (content.startsWith(RECIPIENT_MARK)) {
      const recipient = parseRecipient(content.slice(RECIPIENT_MARK.length));
      if (recipient === undefined) return fail('malformed', line, 'this recipient line is not "#lucid-env:recipient NAME lucid-pk1-… SEALED-KEY"');
      recipients.push(recipient);
      continue;
    }
    if (!content.startsWith(MAC_MARK)) return fail('malformed', line, 'the header has no "#lucid-env:mac" line after its recipients');
    const mac = decodeBase64Url(content.slice(MAC_MARK.length));
    if (mac?.length !== 32) return fail('malformed', line, 'the MAC line does not hold a 32-byte MAC (truncated or edited?)');
    if (recipients.length === 0) return fail('malformed', line, 'the header lists no recipient');
    const header: SealedHeader = { ...parsed, recipients, mac };
    return { ok: true, parts: { header, bom, macInput: text.slice(0, start) + text.slice(offset), body: text.slice(offset), headerLines: line } };
  }
}

/** The header lines before the MAC line, and the MAC line; each ends with `eol`. */
export function formatSealedHeader(header: Omit<SealedHeader, 'mac'>, eol: string): { lines: string; macLine(mac: Uint8Array): string } {
  const first =
    `${SEALED_MARK}v${header.format} id=${encodeBase64Url(header.fileId)} version=${header.version} ` +
    `entries=${header.entries} digest=${encodeBase64Url(header.digest)}${eol}`;
  const recipients = header.recipients.map(
    (recipient) => `${RECIPIENT_MARK}${recipient.name} ${formatPublicKey(recipient.publicKey)} ${encodeBase64Url(recipient.box)}${eol}`,
  );
  return { lines: first + recipients.join(''), macLine: (mac) => `${MAC_MARK}${encodeBase64Url(mac)}${eol}` };
}

type FirstLine = Omit<SealedHeader, 'recipients' | 'mac'>;

function parseFirstLine(line: string): FirstLine | string {
  const words = line.slice(SEALED_MARK.length).split(' ');
  const format = /^v([0-9]{1,6})$/.exec(words[0] ?? '');
  if (format === null) return 'the first header line does not name a format version ("#lucid-env:sealed v1 …")';
  const version = Number(format[1]);
  if (version > SEALED_FORMAT) {
    return `future: this file was sealed in format v${version}; this lucid-env reads format v${SEALED_FORMAT} only (upgrade lucid-env to read it)`;
  }
  if (version !== SEALED_FORMAT) return `unknown sealed format v${version}`;
  const fields = new Map(words.slice(1).map((word) => [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)]));
  const fileId = decodeBase64Url(fields.get('id') ?? '');
  const digest = decodeBase64Url(fields.get('digest') ?? '');
  const counter = parseCount(fields.get('version'));
  const entries = parseCount(fields.get('entries'));
  if (fileId?.length !== 16 || digest?.length !== 32 || counter === undefined || counter < 1 || entries === undefined) {
    return 'the first header line lacks a valid id, version, entries or digest field (edited or truncated?)';
  }
  return { format: version, fileId, version: counter, entries, digest };
}

function parseRecipient(text: string): SealedRecipient | undefined {
  const [name = '', key = '', box = '', ...rest] = text.split(' ');
  const publicKey = parsePublicKey(key);
  const sealed = decodeBase64Url(box);
  if (rest.length > 0 || !isRecipientName(name) || publicKey === undefined || sealed?.length !== 80) return undefined;
  return { name, publicKey, box: sealed };
}

function parseCount(text: string | undefined): number | undefined {
  if (text === undefined || !/^(0|[1-9][0-9]{0,14})$/.test(text)) return undefined;
  return Number(text);
}

function fail(kind: HeaderProblem['kind'], line: number, message: string): { ok: false; problem: HeaderProblem } {
  return { ok: false, problem: { kind, line, message } };
}
