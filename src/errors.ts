/** LucidError: the one exception type for "the command cannot go on" (exit 2). */

/** Stable error codes, listed in the README. */
export type ErrorCode =
  | 'USAGE'
  | 'COMPOSE_NOT_FOUND'
  | 'FILE_UNREADABLE'
  | 'FILE_TOO_LARGE'
  | 'ENV_INVALID'
  | 'VALUE_UNWRITABLE'
  | 'WRITE_FAILED'
  | 'SYMLINK_REFUSED'
  | 'KEY_NOT_FOUND'
  | 'TEMPLATE_NOT_FOUND'
  | 'TEMPLATE_INVALID'
  | 'UNKNOWN_SECRET_KIND'
  | 'NOT_INTERACTIVE'
  | 'LOCKED'
  | 'CANCELLED'
  | 'WORKSPACE_INVALID'
  | 'JOURNAL_CONFLICT'
  | 'VALUES_DIFFER'
  | 'PRIVATE_KEY_MISSING'
  | 'NOT_A_RECIPIENT'
  | 'RECIPIENT_NOT_FOUND'
  | 'SEALED_INVALID'
  | 'OUTPUT_EXISTS'
  | 'COMMAND_FAILED';

/** A failure that stops the command; its message names keys and files, never values. */
export class LucidError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'LucidError';
    this.code = code;
    this.hint = options.hint;
  }
}

/** Exit codes (SPEC section 6). */
export const EXIT_CODE = { ok: 0, findings: 1, failure: 2 } as const;
