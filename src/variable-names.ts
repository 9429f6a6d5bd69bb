/**
 * Which variable names hold secrets when no template says so (SPEC section 1, narrowed by issue 9):
 * the name matches the secret pattern, and nothing after its last secret word describes the secret
 * instead of holding it. `JWT_ACCESS_TOKEN_EXPIRE_MINUTES`, `PASSWORD_MIN_LENGTH`,
 * `REDIS_PASSWORD_FILE` and `TOKEN_URL` are settings about a secret, not secrets.
 */

/** Names that hold secrets without a template, before the descriptive-suffix exception. */
export const SECRET_NAME_PATTERN = /PASSWORD|PASSWD|SECRET|TOKEN|PRIVATE_KEY|API_KEY|ENCRYPTION_KEY|_KEY$|PASSPHRASE/i;

const SECRET_WORDS = /PASSWORD|PASSWD|SECRET|TOKEN|PRIVATE_KEY|API_KEY|ENCRYPTION_KEY|_KEY$|PASSPHRASE/gi;

/** Words that, after the secret word, make the name a setting: a duration, a size, a place, a switch, a label. */
const DESCRIPTIVE_WORDS = new Set(
  [
    'EXPIRE EXPIRES EXPIRY EXPIRATION EXP TTL LIFETIME AGE TIMEOUT INTERVAL',
    'MS SEC SECS SECOND SECONDS MIN MINS MINUTE MINUTES HOUR HOURS HRS DAY DAYS WEEK WEEKS',
    'LENGTH LEN SIZE BYTES BITS COUNT MAX LIMIT ROUNDS',
    'PORT HOST HOSTNAME URL URI ENDPOINT PATH FILE DIR DIRECTORY LOCATION',
    'ENABLED ENABLE DISABLED DISABLE REQUIRED HEADER NAME TYPE ALGORITHM ALGO ALG ISSUER AUDIENCE',
    'VERSION PREFIX FORMAT POLICY MODE STRATEGY FIELD PARAM SCOPE SCOPES ROTATION',
  ]
    .join(' ')
    .split(' '),
);

/** True when a name looks like a secret: a secret word, and no descriptive word after the last one. */
export function isSecretName(name: string): boolean {
  let end = -1;
  for (const match of name.matchAll(SECRET_WORDS)) end = match.index + match[0].length;
  if (end < 0) return false;
  const after = name.slice(end).toUpperCase().split('_');
  return !after.some((word) => DESCRIPTIVE_WORDS.has(word));
}

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** True for a name Compose can reference (letters, digits and _, not starting with a digit). */
export function isVariableName(text: string): boolean {
  return VARIABLE_NAME.test(text);
}

/** A command-line argument as messages show it: a name as is; anything else may be a value typed by mistake, so it is not repeated. */
export function formatNameArgument(text: string): string {
  return isVariableName(text) ? text : 'an argument that is not a variable name (not repeated here)';
}
