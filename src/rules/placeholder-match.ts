/** Pure: decides whether a secret value is a placeholder or a publicly known value. */
import { BURNT_VALUES, PLACEHOLDER_FRAGMENTS, PLACEHOLDER_PATTERNS, PLACEHOLDER_WORDS } from './placeholder-data.js';

/** Lower-case, with `-`, `_`, `.` and runs of spaces treated alike (as one space). */
export function normalizePlaceholder(value: string): string {
  return value
    .toLowerCase()
    .replace(/[-_.\s]+/g, ' ')
    .trim();
}

const WORDS = new Set(PLACEHOLDER_WORDS.map(normalizePlaceholder));
const FRAGMENTS = PLACEHOLDER_FRAGMENTS.map(normalizePlaceholder);

/** Why a value is a placeholder (never quoting it), or undefined. */
export function matchPlaceholder(value: string): string | undefined {
  const burnt = BURNT_VALUES.find((entry) => entry.value === value);
  if (burnt !== undefined) return `it is a publicly known value (printed in ${burnt.source})`;
  const normalized = normalizePlaceholder(value);
  if (normalized === '' && value !== '') return 'it holds only separators';
  if (WORDS.has(normalized) || WORDS.has(normalized.replace(/ /g, ''))) return 'it is a well-known placeholder word';
  const fragment = FRAGMENTS.find((item) => containsFragment(normalized, item));
  if (fragment !== undefined) return `it contains the placeholder text "${fragment}"`;
  if (PLACEHOLDER_PATTERNS.some((pattern) => pattern.test(normalized) || pattern.test(value))) return 'it has the shape of a placeholder';
  return undefined;
}

/**
 * Long fragments count anywhere (`mychangemepass`); short ones only as whole words, so a random
 * 64-character secret that happens to contain "todo" is not called a placeholder.
 */
function containsFragment(normalized: string, fragment: string): boolean {
  const compact = fragment.replace(/ /g, '');
  if (compact.length >= 8) return normalized.replace(/ /g, '').includes(compact);
  return ` ${normalized} `.includes(` ${fragment} `);
}
