/** Pure: decides whether a secret value is a placeholder or a publicly known value. */
import { BURNT_VALUES, PLACEHOLDER_FRAGMENTS, PLACEHOLDER_PATTERNS, PLACEHOLDER_WORDS } from './placeholder-data.js';

/** Lower-case, with `-`, `_`, `.` and runs of spaces treated alike (as one space). */
export function normalizePlaceholder(value: string): string {
  return value
    .toLowerCase()
    .replace(/[-_.\s]+/g, ' ')
    .trim();
}

/** Keys shorter than this are not compared by their bytes (short texts decode to colliding bytes). */
const MIN_KEY_BYTES = 16;

/**
 * The byte strings (as hex) a value can encode: hex, base64 (padded or not) or base64url. The same
 * 32 bytes written in another encoding are the same burnt key.
 */
export function decodeKeyBytes(value: string): string[] {
  const decoded = new Set<string>();
  if (/^(?:[0-9a-fA-F]{2})+$/.test(value)) decoded.add(value.toLowerCase());
  const unpadded = value.replace(/={1,2}$/, '');
  const isPaddingRight = unpadded === value ? value.length % 4 !== 1 : value.length % 4 === 0;
  if (isPaddingRight && /^[A-Za-z0-9+/]+$/.test(unpadded)) decoded.add(Buffer.from(unpadded, 'base64').toString('hex'));
  if (isPaddingRight && /^[A-Za-z0-9_-]+$/.test(unpadded)) decoded.add(Buffer.from(unpadded, 'base64url').toString('hex'));
  return [...decoded].filter((hex) => hex.length >= MIN_KEY_BYTES * 2);
}

const BURNT_BYTES = new Map(BURNT_VALUES.flatMap((entry) => decodeKeyBytes(entry.value).map((hex) => [hex, entry] as const)));

function findBurnt(value: string): (typeof BURNT_VALUES)[number] | undefined {
  const exact = BURNT_VALUES.find((entry) => entry.value === value);
  if (exact !== undefined) return exact;
  for (const hex of decodeKeyBytes(value)) {
    const entry = BURNT_BYTES.get(hex);
    if (entry !== undefined) return entry;
  }
  return undefined;
}

const WORDS = new Set(PLACEHOLDER_WORDS.map(normalizePlaceholder));
const FRAGMENTS = PLACEHOLDER_FRAGMENTS.map(normalizePlaceholder);

/** Why a value is a placeholder (never quoting it), or undefined. */
export function matchPlaceholder(value: string): string | undefined {
  const burnt = findBurnt(value);
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
