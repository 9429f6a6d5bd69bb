/**
 * The one data file of known placeholders and publicly burnt values (SPEC section 5). Grow it;
 * a value that was ever printed in public docs or examples is burnt forever.
 */

/** A secret equal to one of these (normalized) is a placeholder. */
export const PLACEHOLDER_WORDS: readonly string[] = [
  'password',
  'passwd',
  'secret',
  'default',
  'example',
  'test',
  'admin',
  'root',
  'lucid',
  'pass',
  'changeit',
  'letmein',
  'qwerty',
  'none',
  'null',
  'undefined',
  'empty',
  'foo',
  'bar',
  'foobar',
  'value',
  'key',
  'token',
  'mysecret',
  'supersecret',
  'password123',
  'admin123',
  '123456',
  '12345678',
];

/** A secret containing one of these (normalized) is a placeholder. */
export const PLACEHOLDER_FRAGMENTS: readonly string[] = [
  'changeme',
  'change me',
  'change this',
  'change in production',
  'changeinproduction',
  'placeholder',
  'dummy',
  'todo',
  'replace me',
  'replaceme',
  'fixme',
  'insert',
  'sample',
  'not secure',
  'insecure',
];

/** Patterns over the normalized value: `<...>`, `xxx...`, `your ... here`, `""`, `${...}` left unexpanded. */
export const PLACEHOLDER_PATTERNS: readonly RegExp[] = [/^<.*>$/, /^x{3,}$/, /^\*{3,}$/, /^\.{3,}$/, /your .* here/, /^""$/, /^''$/, /^enter .*/];

/** Values printed in public documents, compared exactly (case matters for keys). */
export const BURNT_VALUES: readonly { value: string; source: string }[] = [
  { value: '7MfHG63tfH1r9zICfelw6l8Eyymt3vAXnYdnq/Dnle8=', source: 'the distroless compliance report' },
  { value: 'Zr8vQ2mX7pLk4Tn9Wb3Yc6Hd1Fg5Js0a', source: 'the public Lucid foundation example' },
];
