/**
 * Pure: finds secret-looking values in a text file: known token formats anywhere, and high-entropy
 * values assigned to secret-like names (`NAME=…`, `NAME: …`, `"name": "…"`). Values stay in memory
 * only; callers turn them into fingerprints.
 */
import { BURNT_VALUES } from '../rules/placeholder-data.js';
import { matchPlaceholder } from '../rules/placeholder-match.js';
import { isSecretLikeName } from './secret-names.js';

/** One secret-looking value. */
export interface SecretHit {
  line: number;
  column: number;
  what: string;
  value: string;
}

/** Token formats that are secrets whatever their name (providers document these prefixes). */
const TOKEN_FORMATS: readonly { what: string; pattern: RegExp }[] = [
  { what: 'a private key', pattern: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----/g },
  { what: 'an AWS access key id', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  { what: 'a GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{60,})\b/g },
  { what: 'a Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g },
  { what: 'a Stripe live key', pattern: /\b[rs]k_live_[A-Za-z0-9]{20,}\b/g },
  { what: 'a Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  { what: 'an npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g },
];

// NAME = value, NAME: value, "name": "value", export NAME=value; the value is one token, quoted or not.
const ASSIGNMENT = /(?:^|[\s{,;(])["']?([A-Za-z_][A-Za-z0-9_.-]*)["']?\s*[:=]\s*(["'`]?)([^\s"'`,;]+)\2/g;

/** Bits of Shannon entropy per character. */
export function shannonEntropy(value: string): number {
  const counts = new Map<string, number>();
  for (const character of value) counts.set(character, (counts.get(character) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const share = count / value.length;
    entropy -= share * Math.log2(share);
  }
  return entropy;
}

/** True for a value that looks random enough to be a real secret (not words, a path, an identifier or an expression). */
export function looksLikeSecretValue(value: string): boolean {
  if (value.length < 16 || value.length > 512) return false;
  // Expressions, references, paths and URLs are code or configuration, not secrets.
  if (/[$(){}<>[\]\\]|^\.{0,2}\/|:\/\//.test(value)) return false;
  // Dotted identifiers (settings.JWT_SECRET) and words joined by _ or - (change_me_in_production).
  if (/^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+$/.test(value) || /^[A-Za-z]+(?:[_-][A-Za-z]+)*$/.test(value)) return false;
  const classes = [/[0-9]/, /[a-z]/, /[A-Z]/].filter((pattern) => pattern.test(value)).length;
  if (classes < 2) return false;
  // A burnt value is still a leak; a placeholder is not a secret at all.
  if (matchPlaceholder(value) !== undefined && !BURNT_VALUES.some((burnt) => burnt.value === value)) return false;
  return shannonEntropy(value) >= 3.5;
}

/** Finds secret-looking values in one file's text. */
export function scanTextForSecrets(text: string): SecretHit[] {
  const hits: SecretHit[] = [];
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (line.length > 4096) return;
    for (const format of TOKEN_FORMATS) {
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
