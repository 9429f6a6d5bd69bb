/** `drift`: one secret with different values in env files that `sync` keeps the same (sync --check). */
import type { ParserRule } from './rule.js';

const CODES = {
  drift: {
    title: 'Secret differs from its source',
    severity: 'error',
    when: '`sync --check`: a secret (or a value derived from one) differs between env files that should agree',
  },
} as const;

/** Reported by the sync command, which compares the env files it is given. */
export const driftRule: ParserRule<typeof CODES> = {
  codes: CODES,
  stage: 'parser',
  reportedBy: ['commands/sync.ts'],
};
