/**
 * Codes of sealed env files, reported where a sealed file is opened (reading env files for every
 * command, and `unseal`, `run`, `rekey`): the file was changed outside lucid-env, or it cannot be
 * read (not sealed, a newer format, cut short, or no key at hand to check its values).
 */
import type { ParserRule } from './rule.js';

const CODES = {
  'sealed-tampered': {
    title: 'Sealed env file changed outside lucid-env',
    severity: 'error',
    when:
      'a sealed env file fails verification: values swapped, moved, copied, edited or replaced by plaintext, ' +
      'lines added or deleted, or a rollback below --min-version',
  },
  'sealed-unreadable': {
    title: 'Sealed env file cannot be read',
    severity: 'error',
    when: 'a sealed env file is malformed, cut short or of a newer format (error); or no private key at hand opens it, so its values were not checked (info)',
  },
} as const;

/** Problems of sealed env files. */
export const sealedRule: ParserRule<typeof CODES> = {
  codes: CODES,
  stage: 'parser',
  reportedBy: ['project/sealed-env.ts'],
};
