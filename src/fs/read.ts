/** Reading user files as text, refusing what cannot be read and flagging binary or non-UTF-8 content. */
// Synchronous calls on purpose: a CLI reads a few small files, and node:fs/promises alone costs a
// measurable share of a cold start (it loads streams and readline).
import { isUtf8 } from 'node:buffer';
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync } from 'node:fs';
import { LucidError } from '../errors.js';
import { errnoCode, formatErrno } from './errno.js';

/** Options of {@link readText}. */
export interface ReadTextOptions {
  /** Refuse files larger than this (default 64 MiB). */
  maxBytes?: number;
  /** What the file is, for messages: 'compose file', 'env file'… (default 'file'). */
  what?: string;
  /** Refuse a symlink instead of reading the file it points to (state files under `.lucid-env/`). */
  noFollow?: boolean;
}

/** A file read as text, with what the caller needs to judge it. */
export interface TextFile {
  /** UTF-8 decoded text; invalid sequences become U+FFFD, and a BOM is kept so writes round-trip. */
  text: string;
  bytes: Uint8Array;
  /** Contains a NUL byte. */
  isBinary: boolean;
  isValidUtf8: boolean;
  /** Starts with the UTF-8 byte order mark (kept in `text` as U+FEFF). */
  hasBom: boolean;
  /** Permission bits (e.g. 0o600) of the file that was read. */
  mode: number;
  /** The path itself is a symlink (the file it points to was read). */
  isSymlink: boolean;
}

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
const CHUNK_BYTES = 1024 * 1024;

/** Reads a regular file as UTF-8; throws FILE_UNREADABLE or FILE_TOO_LARGE, never for binary or bad encoding. */
export async function readText(path: string, options: ReadTextOptions = {}): Promise<TextFile> {
  const { maxBytes = DEFAULT_MAX_BYTES, what = 'file' } = options;
  const unreadable = (reason: string, cause?: unknown, hint?: string) =>
    new LucidError('FILE_UNREADABLE', `cannot read ${what} ${path}: ${reason}`, { cause, hint });
  let isSymlink = false;
  let handle: number;
  try {
    isSymlink = lstatSync(path).isSymbolicLink();
    if (isSymlink && options.noFollow === true) throw Object.assign(new Error('symlink'), { code: 'ELOOP' });
    // O_NONBLOCK so a FIFO or device named by mistake is refused instead of hanging the run.
    handle = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | (options.noFollow === true ? constants.O_NOFOLLOW : 0));
  } catch (error) {
    if (options.noFollow === true && errnoCode(error) === 'ELOOP') {
      throw new LucidError('SYMLINK_REFUSED', `refusing to read ${what} ${path}: it is a symlink`, { cause: error, hint: 'remove the link' });
    }
    const { reason, hint } = formatErrno(error);
    throw unreadable(isSymlink && errnoCode(error) === 'ENOENT' ? 'broken symlink' : reason, error, hint);
  }
  try {
    const stats = fstatSync(handle);
    if (stats.isDirectory()) throw unreadable('is a directory');
    if (!stats.isFile()) throw unreadable('not a regular file');
    if (stats.size > maxBytes) throw tooLarge(path, what, maxBytes);
    let bytes: Uint8Array;
    try {
      bytes = readAtMost(handle, maxBytes + 1);
    } catch (error) {
      const { reason, hint } = formatErrno(error);
      throw unreadable(reason, error, hint);
    }
    // The size can change between fstat and read (or be 0 for /proc-like files): the read itself is bounded.
    if (bytes.length > maxBytes) throw tooLarge(path, what, maxBytes);
    return { ...decodeText(bytes), bytes, mode: stats.mode & 0o7777, isSymlink };
  } finally {
    try {
      closeSync(handle);
    } catch {
      // Closing a file we only read cannot lose data.
    }
  }
}

/** Like {@link readText}, but a missing file gives `undefined` instead of an error. */
export async function readTextIfExists(path: string, options: ReadTextOptions = {}): Promise<TextFile | undefined> {
  try {
    return await readText(path, options);
  } catch (error) {
    if (error instanceof LucidError && errnoCode(error.cause) === 'ENOENT') return undefined;
    throw error;
  }
}

function tooLarge(path: string, what: string, maxBytes: number): LucidError {
  return new LucidError('FILE_TOO_LARGE', `cannot read ${what} ${path}: larger than ${formatSize(maxBytes)}`, {
    hint: `is this the right file? ${what}s are expected to be small`,
  });
}

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

function readAtMost(handle: number, limit: number): Uint8Array {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total < limit) {
    const buffer = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, limit - total));
    const bytesRead = readSync(handle, buffer, 0, buffer.length, null);
    if (bytesRead === 0) break;
    chunks.push(buffer.subarray(0, bytesRead));
    total += bytesRead;
  }
  return new Uint8Array(Buffer.concat(chunks, total));
}

function decodeText(bytes: Uint8Array): Pick<TextFile, 'text' | 'isBinary' | 'isValidUtf8' | 'hasBom'> {
  const isBinary = bytes.includes(0);
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  // buffer.isUtf8 and Buffer#toString, not TextDecoder: the same answers without loading the
  // WHATWG encoding module on every cold start. toString keeps a BOM as U+FEFF, so writes round-trip.
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  return { text, isBinary, isValidUtf8: isUtf8(bytes), hasBom };
}
