/** `ambiguous-value`: env-file values that Compose, npm dotenv and python-dotenv read differently. */
import { findAmbiguousValues } from '../dotenv/ambiguity.js';
import type { StageRule } from './rule.js';

const CODES = {
  'ambiguous-value': {
    title: 'Value that Compose, dotenv and python-dotenv read differently',
    severity: 'warning',
    when: 'a value that Compose, npm dotenv and python-dotenv read differently; the message says what each reader gets',
  },
} as const;

/** Every env file read, each entry compared across the three readers. */
export const ambiguousValueRule: StageRule<'project', typeof CODES> = {
  codes: CODES,
  stage: 'project',
  run(input) {
    return input.envFiles.flatMap((file) => findAmbiguousValues(file.document, file.path));
  },
};
