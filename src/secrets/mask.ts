/**
 * Masking that follows values, not names: a secret interpolated into a non-secret variable
 * (`CONN=postgres://u:${DB_PASSWORD}@db/x`), a required message or a comment is still the
 * secret. Every occurrence of a secret's value, and of its percent-encoded forms, is masked.
 * Pure.
 */
import { DERIVE_FILTERS } from './derive.js';

/** What a masked secret looks like. */
export const MASK = '********';

/** Replaces every occurrence of a secret's value (or an encoded form of it) with {@link MASK}. */
export type SecretMask = (text: string) => string;

const encodeUrl = DERIVE_FILTERS['url'] as (value: string) => string;

/** The forms a value takes in output: as is, percent-encoded as a URI component, and as `{NAME|url}` writes it. */
function formsOf(value: string): string[] {
  const forms = [value];
  for (const encode of [encodeURIComponent, encodeUrl]) {
    try {
      forms.push(encode(value));
    } catch {
      // A lone surrogate cannot be percent-encoded, so that form cannot occur either.
    }
  }
  return forms;
}

/** Builds the mask of a set of secret values (empty values mask nothing). */
export function createSecretMask(values: Iterable<string>): SecretMask {
  const forms = new Set<string>();
  for (const value of values) if (value !== '') for (const form of formsOf(value)) forms.add(form);
  if (forms.size === 0) return (text) => text;
  // Longest first, so a secret that contains another is masked whole.
  const alternatives = [...forms].sort((a, b) => b.length - a.length).map((form) => form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(alternatives.join('|'), 'g');
  return (text) => text.replace(pattern, MASK);
}
