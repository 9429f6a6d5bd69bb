/**
 * SECRET_KINDS: the generator kinds a template may name (SPEC section 7). Pure: randomness comes
 * in as a RandomSource, and no message ever includes a secret value.
 */
import type { RandomSource } from './random.js';

/** How a `bytes` secret is written: standard base64 with padding, base64url without, or hex. */
export type BytesEncoding = 'base64' | 'base64url' | 'hex';

/** Options of the `bytes` kind. */
export interface BytesOptions {
  bytes: number;
  encoding: BytesEncoding;
}

/** Options of the `password` kind; `alphabet` is a named alphabet or an explicit string. */
export interface PasswordOptions {
  length: number;
  alphabet: string;
}

/** One generator kind: how to check its options, rate, generate and judge a value. */
export interface SecretKind<Options> {
  description: string;
  defaults: Options;
  /** Option names this kind reads (besides `kind`). */
  optionNames: readonly string[];
  /** Problems with options read from a template (lower-case sentences); empty when fine. */
  checkOptions(options: Readonly<Record<string, unknown>>): string[];
  entropyBits(options: Options): number;
  generate(options: Options, random: RandomSource): string;
  /** Why an existing value is weaker than these options ask, or undefined; never quotes the value. */
  validate(value: string, options: Options): string | undefined;
  describe(options: Options): string;
}

/** Named password alphabets. */
export const ALPHABETS: Readonly<Record<string, string>> = {
  alnum: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  hex: '0123456789abcdef',
  urlsafe: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
};

const ENCODINGS: readonly BytesEncoding[] = ['base64', 'base64url', 'hex'];
// One env value is one line; a cap turns a typo like `bytes: 32000` into a finding, not a megabyte.
const MAX_BYTES = 1024;
const MAX_LENGTH = 1024;
// Control, separator and lone-surrogate characters would break env files or UTF-8 output.
const UNSAFE_CHARACTER = /[\p{Cc}\p{Zl}\p{Zp}\p{Cs}]/u;
const ENCODED_CHARACTER: Record<BytesEncoding, RegExp> = {
  base64: /^[A-Za-z0-9+/]*$/,
  base64url: /^[A-Za-z0-9_-]*$/,
  hex: /^[0-9A-Fa-f]*$/,
};
const ENCODING_FORMS: Record<BytesEncoding, string> = {
  base64: 'base64 with padding',
  base64url: 'base64url without padding',
  hex: 'hex',
};

// A template of a thousand secrets names the same few alphabets a thousand times.
const resolvedAlphabets = new Map<string, readonly string[]>();

/** The characters of an alphabet option: a named alphabet, or the code points of the string. */
export function resolveAlphabet(alphabet: string): readonly string[] {
  let characters = resolvedAlphabets.get(alphabet);
  if (characters === undefined) {
    characters = Object.freeze(Array.from(Object.hasOwn(ALPHABETS, alphabet) ? (ALPHABETS[alphabet] as string) : alphabet));
    // Bounded: explicit alphabets come from templates, and a run reads one template.
    if (resolvedAlphabets.size < 64) resolvedAlphabets.set(alphabet, characters);
  }
  return characters;
}

function checkCount(value: unknown, name: string, max: number): string[] {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    return [`${name} must be a whole number from 1 to ${max}`];
  }
  return [];
}

function checkAlphabet(value: unknown): string[] {
  if (typeof value !== 'string') return [`alphabet must be ${Object.keys(ALPHABETS).join(', ')} or a string of characters`];
  if (Object.hasOwn(ALPHABETS, value)) return [];
  const characters = Array.from(value);
  const problems: string[] = [];
  if (characters.length < 2) problems.push('alphabet must have at least 2 characters');
  if (new Set(characters).size !== characters.length) {
    // A repeated character would be drawn more often, so the real entropy is below the estimate.
    problems.push('alphabet must not repeat a character');
  }
  if (characters.some((character) => UNSAFE_CHARACTER.test(character))) {
    problems.push('alphabet must not contain control or line-separator characters');
  }
  return problems;
}

function encodedLength(bytes: number, encoding: BytesEncoding): number {
  if (encoding === 'hex') return bytes * 2;
  if (encoding === 'base64') return Math.ceil(bytes / 3) * 4;
  return Math.ceil((bytes * 4) / 3);
}

function validateBytes(value: string, { bytes, encoding }: BytesOptions): string | undefined {
  const expected = encodedLength(bytes, encoding);
  const padding = encoding === 'base64' ? (3 - (bytes % 3)) % 3 : 0;
  const body = value.slice(0, value.length - padding);
  const isShaped = value.length === expected && ENCODED_CHARACTER[encoding].test(body) && value.slice(body.length) === '='.repeat(padding);
  if (isShaped) return undefined;
  return `is not ${bytes} bytes in ${ENCODING_FORMS[encoding]} (expected ${expected} characters)`;
}

function validatePassword(value: string, { length, alphabet }: PasswordOptions): string | undefined {
  const characters = Array.from(value);
  if (characters.length < length) return `is shorter than ${length} characters`;
  const allowed = new Set(resolveAlphabet(alphabet));
  if (characters.some((character) => !allowed.has(character))) {
    const name = Object.hasOwn(ALPHABETS, alphabet) ? `the ${alphabet}` : 'the given';
    return `has characters outside ${name} alphabet`;
  }
  return undefined;
}

const BYTES_KIND: SecretKind<BytesOptions> = {
  description: 'random bytes, encoded',
  defaults: { bytes: 32, encoding: 'base64' },
  optionNames: ['bytes', 'encoding'],
  checkOptions: (options) => [
    ...checkCount(options['bytes'], 'bytes', MAX_BYTES),
    ...(ENCODINGS.includes(options['encoding'] as BytesEncoding) ? [] : [`encoding must be ${ENCODINGS.join(', ')}`]),
  ],
  entropyBits: ({ bytes }) => bytes * 8,
  // Buffer only encodes here; the bytes themselves come from the RandomSource.
  generate: ({ bytes, encoding }, random) => Buffer.from(random.bytes(bytes)).toString(encoding),
  validate: validateBytes,
  describe: ({ bytes, encoding }) => `${bytes} random bytes, ${encoding}`,
};

/** randombytes_uniform takes an upper bound below 2^32. */
const MAX_UNIFORM_BOUND = 2 ** 32 - 1;

/** How many characters of an alphabet of `size` one uniform draw can carry: the largest k with size^k below 2^32. */
export function charactersPerDraw(size: number): number {
  let count = 1;
  while (size ** (count + 1) <= MAX_UNIFORM_BOUND) count += 1;
  return count;
}

const PASSWORD_KIND: SecretKind<PasswordOptions> = {
  description: 'characters drawn uniformly from an alphabet',
  defaults: { length: 32, alphabet: 'alnum' },
  optionNames: ['length', 'alphabet'],
  checkOptions: (options) => [...checkCount(options['length'], 'length', MAX_LENGTH), ...checkAlphabet(options['alphabet'])],
  entropyBits: ({ length, alphabet }) => length * Math.log2(resolveAlphabet(alphabet).length),
  generate: ({ length, alphabet }, random) => {
    const characters = resolveAlphabet(alphabet);
    const size = characters.length;
    const perDraw = charactersPerDraw(size);
    let password = '';
    // One uniform(size^k) draw gives k independent, equally likely base-size digits: as unbiased as
    // k draws of uniform(size), with k times fewer calls into libsodium (each costs a callback).
    for (let remaining = length; remaining > 0; remaining -= perDraw) {
      const count = Math.min(perDraw, remaining);
      let draw = random.uniform(size ** count);
      for (let digit = 0; digit < count; digit += 1) {
        password += characters[draw % size];
        draw = Math.floor(draw / size);
      }
    }
    return password;
  },
  validate: validatePassword,
  describe: ({ length, alphabet }) =>
    Object.hasOwn(ALPHABETS, alphabet) ? `${length} characters, ${alphabet}` : `${length} characters, custom alphabet of ${resolveAlphabet(alphabet).length}`,
};

/** Every generator kind by name; a new kind is one entry here. */
export const SECRET_KINDS = {
  bytes: BYTES_KIND,
  password: PASSWORD_KIND,
} as const;

/** The name of a generator kind. */
export type SecretKindName = keyof typeof SECRET_KINDS;

/** Whether `name` is a generator kind (own keys only, so `__proto__` or `toString` never match). */
export function isSecretKindName(name: unknown): name is SecretKindName {
  return typeof name === 'string' && Object.hasOwn(SECRET_KINDS, name);
}
