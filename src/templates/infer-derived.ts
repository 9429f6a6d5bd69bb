/**
 * Pure: values visibly built from others, such as `MONGODB_URI=mongodb://lucid:<MONGODB_PASSWORD>@…`
 * in an env file that also holds MONGODB_PASSWORD. The result is a derive template (`{NAME|url}`
 * inside URLs) that `generate` and `rotate` recompute. Secrets are found by value (at least 8
 * characters, raw or percent-encoded); other parts stay literal, so nothing is guessed from a word.
 */
import { DERIVE_FILTERS } from '../secrets/derive.js';

/** One derived value: its template and the variables it is built from. */
export interface DerivedGuess {
  template: string;
  from: string[];
}

const MIN_EMBEDDED = 8;

function escapeBraces(text: string): string {
  return text.replace(/[{}]/g, (brace) => brace + brace);
}

/**
 * How `value` is built from the secrets of the same env file, or undefined when it embeds none.
 * `secrets` maps names to their values in that file (derived candidates excluded by the caller).
 */
export function guessDerived(name: string, value: string, secrets: ReadonlyMap<string, string>): DerivedGuess | undefined {
  const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(value);
  const encode = DERIVE_FILTERS['url'] as (text: string) => string;
  let template = '';
  const from: string[] = [];
  let rest = value;
  for (;;) {
    let best: { index: number; length: number; name: string; filter: string } | undefined;
    for (const [other, secret] of secrets) {
      if (other === name || secret.length < MIN_EMBEDDED) continue;
      const forms =
        isUrl && encode(secret) !== secret
          ? [
              { text: encode(secret), filter: '|url' },
              { text: secret, filter: '' },
            ]
          : [{ text: secret, filter: isUrl ? '|url' : '' }];
      for (const form of forms) {
        const index = rest.indexOf(form.text);
        if (index >= 0 && (best === undefined || index < best.index)) best = { index, length: form.text.length, name: other, filter: form.filter };
      }
    }
    if (best === undefined) break;
    template += `${escapeBraces(rest.slice(0, best.index))}{${best.name}${best.filter}}`;
    if (!from.includes(best.name)) from.push(best.name);
    rest = rest.slice(best.index + best.length);
  }
  if (from.length === 0) return undefined;
  return { template: template + escapeBraces(rest), from };
}
