/** Pure: whether a value looks like a real secret (long, varied, high entropy; not words, a path or an expression). */
import { BURNT_VALUES } from '../rules/placeholder-data.js';
import { matchPlaceholder } from '../rules/placeholder-match.js';

/** Shorter values are too often examples (`secret_abc123xyz`); generated secrets are 20 characters and more. */
export const MIN_SECRET_LENGTH = 20;

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

/**
 * Dotted identifiers (`settings.JWT_SECRET`), words and numbers joined by `_`/`-`/`.`
 * (`dev-jwt-secret-2024`, `change_me_in_production`) and CamelCase words with digits
 * (`SecurePassword123!`): written by a person, low in real entropy, usually examples.
 */
function isHumanMade(value: string): boolean {
  if (/^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+$/.test(value)) return true;
  if (/^(?:[A-Za-z]+|[0-9]+)(?:[_.-](?:[A-Za-z]+|[0-9]+))+$/.test(value) || /^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/.test(value)) return true;
  // Keyboard and alphabet runs (`0123456789abcdef`) are test data.
  if (/0123456789|123456789|abcdefgh|qwertyui/i.test(value)) return true;
  return /^[0-9]{0,4}(?:[A-Z]?[a-z]{2,}){2,}[0-9]{0,12}[^A-Za-z0-9]{0,3}$/.test(value);
}

/** True for a value that looks random enough to be a real secret (not words, a path, an identifier or an expression). */
export function looksLikeSecretValue(value: string): boolean {
  if (value.length < MIN_SECRET_LENGTH || value.length > 512) return false;
  // Expressions, references, paths and URLs are code or configuration, not secrets.
  if (/[$(){}<>[\]\\]|^\.{0,2}\//.test(value)) return false;
  // Elided examples (`eyJhbGci...`), `group:artifact:version`, `scheme:payload` (sops, Tor hashes) are not values to leak.
  if (value.includes('...') || value.includes(':')) return false;
  if (isHumanMade(value)) return false;
  const classes = [/[0-9]/, /[a-z]/, /[A-Z]/].filter((pattern) => pattern.test(value)).length;
  if (classes < 2) return false;
  // A burnt value is still a leak; a placeholder is not a secret at all.
  if (matchPlaceholder(value) !== undefined && !BURNT_VALUES.some((burnt) => burnt.value === value)) return false;
  return shannonEntropy(value) >= 3.5;
}
