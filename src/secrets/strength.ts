/**
 * Strength of a secret that has no generator to compare with (`check` without a template).
 * Deterministic heuristics, no dictionary: the rules run in order and the first that fails names
 * the reason. A reason is a phrase after the key ("DB_PASSWORD is shorter than 16 characters") and
 * never quotes the value.
 */

/** Shortest acceptable secret, in characters (code points). */
export const MIN_SECRET_LENGTH = 16;
/** Fewest distinct characters an acceptable secret uses. */
export const MIN_DISTINCT_CHARACTERS = 8;
/** Least estimated entropy, in bits, of an acceptable secret. */
export const MIN_ESTIMATED_BITS = 64;
const MIN_PATTERN_RUN = 6;
const MIN_BITS_PER_CHARACTER = 3;
const SHANNON_RULE_BELOW_LENGTH = 32;

// Sizes of the character classes an attacker would brute-force. Non-ASCII characters count as
// one generous class of 128: we cannot tell a script's size, and undercounting would nag users.
const CHARACTER_CLASSES: readonly { test: RegExp; size: number }[] = [
  { test: /[a-z]/, size: 26 },
  { test: /[A-Z]/, size: 26 },
  { test: /[0-9]/, size: 10 },
  { test: /[\x20-\x2F\x3A-\x40\x5B-\x60\x7B-\x7E]/, size: 33 },
  { test: /[^\x20-\x7E]/u, size: 128 },
];

/**
 * Length of the longest stretch where each character's code point is the previous one's plus a
 * constant step of -1, 0 or +1: runs (`aaaaaa`) and sequences (`abcdef`, `123456`, `987654`).
 */
export function longestPatternRun(characters: readonly string[]): number {
  let longest = Math.min(characters.length, 1);
  let length = 1;
  let step: number | undefined;
  for (let index = 1; index < characters.length; index += 1) {
    const difference = codePoint(characters[index]) - codePoint(characters[index - 1]);
    if (Math.abs(difference) > 1) {
      length = 1;
      step = undefined;
    } else if (difference === step) {
      length += 1;
    } else {
      // The pair itself starts a new stretch with this step.
      length = 2;
      step = difference;
    }
    longest = Math.max(longest, length);
  }
  return longest;
}

function codePoint(character: string | undefined): number {
  return character?.codePointAt(0) ?? 0;
}

/** Shannon entropy of the value's own character frequencies, in bits per character. */
export function shannonBitsPerCharacter(characters: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const character of characters) counts.set(character, (counts.get(character) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const probability = count / characters.length;
    bits -= probability * Math.log2(probability);
  }
  return bits;
}

/** length × log2(total size of the character classes the value uses). */
export function estimatedEntropyBits(characters: readonly string[]): number {
  const charsetSize = CHARACTER_CLASSES.filter(({ test }) => characters.some((character) => test.test(character))).reduce((sum, { size }) => sum + size, 0);
  return charsetSize === 0 ? 0 : characters.length * Math.log2(charsetSize);
}

/** Why `value` looks too weak to be a secret, or undefined when it passes every rule. */
export function assessSecretStrength(value: string): string | undefined {
  const characters = Array.from(value);
  // Short values fall to brute force whatever they contain.
  if (characters.length < MIN_SECRET_LENGTH) return `is shorter than ${MIN_SECRET_LENGTH} characters`;
  // Few distinct characters means a repeated word or pattern (`changemechangeme`, `abababab…`).
  if (new Set(characters).size < MIN_DISTINCT_CHARACTERS) {
    return `has little variety (fewer than ${MIN_DISTINCT_CHARACTERS} distinct characters)`;
  }
  // A run or sequence that fills a quarter of the value (and at least 6 characters) is guessed first
  // by any cracker, whatever other classes surround it: `Password1234567!` fails here. Random secrets
  // practically never do (about 1 in 28 million for 16 random alnum characters, far less if longer).
  if (longestPatternRun(characters) >= Math.max(MIN_PATTERN_RUN, Math.ceil(characters.length / 4))) {
    return 'contains a predictable run or sequence (like aaaaaa or 123456)';
  }
  // A skewed mix of characters (one character most of the time) in a shortish value; long values
  // are left to the next rule, since their length makes up for it.
  if (characters.length < SHANNON_RULE_BELOW_LENGTH && shannonBitsPerCharacter(characters) < MIN_BITS_PER_CHARACTER) {
    return `has little variety (under ${MIN_BITS_PER_CHARACTER} bits of entropy per character)`;
  }
  // The brute-force space of the classes used: 16 digits (53 bits) fail, 16 lowercase (75) pass.
  const bits = estimatedEntropyBits(characters);
  if (bits < MIN_ESTIMATED_BITS) return `has an estimated entropy of ${Math.floor(bits)} bits, under ${MIN_ESTIMATED_BITS}`;
  return undefined;
}
