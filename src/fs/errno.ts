/** Friendly wording for the errno codes that file I/O can fail with. */

/** One errno's user-facing reason and, when there is an obvious fix, a hint. */
interface ErrnoText {
  reason: string;
  hint?: string;
}

const ERRNO_TEXT: Record<string, ErrnoText> = {
  ENOENT: { reason: 'no such file' },
  EEXIST: { reason: 'already exists' },
  EACCES: { reason: 'permission denied', hint: 'check the permissions of the file and its directory' },
  EPERM: { reason: 'operation not permitted', hint: 'check the permissions of the file and its directory' },
  EISDIR: { reason: 'is a directory' },
  ENOTDIR: { reason: 'a parent path is not a directory' },
  ELOOP: { reason: 'too many levels of symlinks' },
  ENAMETOOLONG: { reason: 'path too long' },
  ENOSPC: { reason: 'disk full', hint: 'free some disk space and run again' },
  EDQUOT: { reason: 'disk quota exceeded', hint: 'free some space or raise the quota and run again' },
  EROFS: { reason: 'read-only file system', hint: 'run it where the file system is writable' },
  EFBIG: { reason: 'file too large for the file system' },
  EIO: { reason: 'input/output error', hint: 'the disk or network file system may be failing' },
  EMFILE: { reason: 'too many open files' },
  ENFILE: { reason: 'too many open files' },
  EBUSY: { reason: 'file is busy' },
  ETXTBSY: { reason: 'file is busy' },
  ENXIO: { reason: 'not a regular file' },
  EAGAIN: { reason: 'resource temporarily unavailable', hint: 'run again' },
};

/** The errno code (`ENOSPC`…) of a Node system error, if it is one. */
export function errnoCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = (error as { code: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** Reason and optional hint for an I/O error; unknown codes are shown as-is so nothing is hidden. */
export function formatErrno(error: unknown): ErrnoText {
  const code = errnoCode(error);
  if (code === undefined) return { reason: error instanceof Error ? error.message : 'unexpected error' };
  return ERRNO_TEXT[code] ?? { reason: code.toLowerCase() };
}
