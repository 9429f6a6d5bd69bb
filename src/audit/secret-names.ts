/** Pure: which names hold secrets for audit's hygiene rules: the SPEC's naming rule, less names that hold settings about secrets. */
import { isSecretName } from '../variable-names.js';
import { looksLikeSecretValue } from './secret-value.js';

// `JWT_SECRET_EXPIRY`, `TOKEN_TTL`, `DB_PASSWORD_FILE`, `SECRET_KEY_PATH`: settings about a secret, not the secret.
const SETTING_WORDS = [
  'FILE',
  'PATH',
  'DIR',
  'DIRECTORY',
  'URL',
  'HOST',
  'PORT',
  'USER',
  'USERNAME',
  'NAME',
  'ID',
  'EXPIRY',
  'EXPIRES?',
  'EXPIRATION',
  'TTL',
  'TIMEOUT',
  'LENGTH',
  'LEN',
  'SIZE',
  'BYTES',
  'BITS',
  'ALGORITHM',
  'ALG',
  'TYPE',
  'ENABLED',
  'REQUIRED',
  'MIN',
  'MAX',
  'HEADER',
  'PREFIX',
  'FORMAT',
  'COUNT',
  'DAYS',
  'HOURS',
  'MINUTES',
  'SECONDS',
  'LIFETIME',
  'AGE',
  'ROTATION',
  'INTERVAL',
  'POLICY',
  'PROVIDER',
  'SOURCE',
  'ENV',
  'VAR',
  'MODE',
  'VERSION',
  'ISSUER',
  'AUDIENCE',
  'SCOPE',
  'SCOPES',
  'REF',
  'RESET',
];
const SETTING_SUFFIX = new RegExp(`[_.-](?:${SETTING_WORDS.join('|')})$`, 'i');

/** True when a variable name looks like it holds a secret value. */
export function isSecretLikeName(name: string): boolean {
  return isSecretName(name) && !SETTING_SUFFIX.test(name);
}

// Names that say "secret" outright; a bare `_KEY` suffix (SERVICE_KEY, CACHE_KEY) often names an identifier.
const SECRET_WORD = /PASSWORD|PASSWD|SECRET|TOKEN|PRIVATE_KEY|API_KEY|ENCRYPTION_KEY|PASSPHRASE/i;

/** True when a name and its literal value make a secret: a secret word in the name, or a `_KEY` name with a random-looking value. */
export function isSecretEntry(name: string, value: string): boolean {
  return isSecretLikeName(name) && (SECRET_WORD.test(name) || looksLikeSecretValue(value));
}
