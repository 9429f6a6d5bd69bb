/**
 * Pure: finds secret-looking values in a text file: known token formats anywhere, and high-entropy
 * values assigned to secret-like names (`NAME=…`, `NAME: …`, `"name": "…"`). Values stay in memory
 * only; callers turn them into fingerprints.
 */
import { isSecretLikeName } from './secret-names.js';
import { looksLikeSecretValue } from './secret-value.js';

/** One secret-looking value. */
export interface SecretHit {
  line: number;
  column: number;
  what: string;
  value: string;
}

/** Token formats that are secrets whatever their name (providers document these prefixes). */
const TOKEN_FORMATS: readonly { what: string; pattern: RegExp }[] = [
  { what: 'an AWS access key id', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  { what: 'a GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{60,})\b/g },
  { what: 'a Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g },
  { what: 'a Stripe live key', pattern: /\b[rs]k_live_[A-Za-z0-9]{20,}\b/g },
  { what: 'a Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  { what: 'an npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g },
];

// NAME = value, NAME: value, "name": "value", export NAME=value; the value is one token, quoted or not.
const ASSIGNMENT = /(?:^|[\s{,;(])["']?([A-Za-z_][A-Za-z0-9_.-]*)["']?\s*[:=]\s*(["'`]?)([^\s"'`,;]+)\2/g;

const PRIVATE_KEY = /-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----/;
const KEY_BODY_LINE = /^\s*[A-Za-z0-9+/=]{40,}\s*$/;

/**
 * A private key block with key material: at least three lines of base64 after the header (an
 * example that shows the header and `...` holds no key), or the same inline with `\n` escapes.
 */
function findPrivateKey(lines: readonly string[], index: number): SecretHit | undefined {
  const line = lines[index] ?? '';
  const match = PRIVATE_KEY.exec(line);
  if (match === null) return undefined;
  const inline = line
    .slice(match.index + match[0].length)
    .split('\\n')
    .slice(1, 4);
  const following = lines.slice(index + 1, index + 4);
  const hasBody = (candidates: readonly string[]) => candidates.length === 3 && candidates.every((candidate) => KEY_BODY_LINE.test(candidate));
  if (!hasBody(inline) && !hasBody(following)) return undefined;
  const body = (hasBody(following) ? following : inline).join('');
  return { line: index + 1, column: match.index + 1, what: 'a private key', value: body };
}

// Cheap tests that let most lines skip the full patterns.
const MAY_HOLD_TOKEN = /AKIA|ASIA|gh[pousr]_|github_pat_|xox[abposr]-|k_live_|AIza|npm_|PRIVATE KEY/;
const MAY_NAME_SECRET = /pass|secret|token|key/i;

/** Finds secret-looking values in one file's text. */
export function scanTextForSecrets(text: string): SecretHit[] {
  const hits: SecretHit[] = [];
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (line.length > 4096) return;
    if (!MAY_HOLD_TOKEN.test(line) && !MAY_NAME_SECRET.test(line)) return;
    const key = findPrivateKey(lines, index);
    if (key !== undefined) hits.push(key);
    for (const format of MAY_HOLD_TOKEN.test(line) ? TOKEN_FORMATS : []) {
      format.pattern.lastIndex = 0;
      for (const match of line.matchAll(format.pattern)) hits.push({ line: index + 1, column: (match.index ?? 0) + 1, what: format.what, value: match[0] });
    }
    for (const match of line.matchAll(ASSIGNMENT)) {
      const name = match[1] ?? '';
      const value = match[3] ?? '';
      if (!isSecretLikeName(name.replace(/[.-]/g, '_')) || !looksLikeSecretValue(value)) continue;
      const column = (match.index ?? 0) + match[0].lastIndexOf(value) + 1;
      if (hits.some((hit) => hit.line === index + 1 && hit.column <= column && column < hit.column + hit.value.length)) continue;
      hits.push({ line: index + 1, column, what: `a high-entropy value of ${name}`, value });
    }
  });
  return hits;
}
