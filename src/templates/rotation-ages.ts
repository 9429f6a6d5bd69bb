/** How old each rotatable secret is, from the history (never from the values). */
import type { HistoryEntry } from '../history/entry.js';
import type { Template } from '../templates/types.js';

/** One secret's age against its policy. */
export interface SecretAge {
  key: string;
  /** Whole days since lucid-env last set it; undefined when the history does not know. */
  ageDays: number | undefined;
  maxAgeDays: number | undefined;
  status: 'ok' | 'due' | 'unknown' | 'no-policy';
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Ages of every generated secret of the template, from history entries of the env file. A secret's
 * age is known only when its current value is one the history recorded (same fingerprint): a file
 * restored from an old copy, or edited by hand, has secrets of unknown age, not 0 days old.
 */
export function rotationAges(
  template: Template,
  history: readonly HistoryEntry[],
  now: Date,
  currentFingerprint: (key: string) => string | undefined,
): SecretAge[] {
  return template.variables
    .filter((variable) => variable.generate !== undefined)
    .map((variable) => {
      const current = currentFingerprint(variable.name);
      const last = history
        .filter((entry) => entry.key === variable.name && !entry.action.endsWith('derived') && current !== undefined && entry.fingerprint === current)
        .at(-1);
      const ageDays = last === undefined ? undefined : Math.floor((now.getTime() - Date.parse(last.time)) / DAY_MS);
      const maxAgeDays = variable.rotation?.maxAgeDays;
      const status = maxAgeDays === undefined ? 'no-policy' : ageDays === undefined ? 'unknown' : ageDays > maxAgeDays ? 'due' : 'ok';
      return { key: variable.name, ageDays, maxAgeDays, status };
    });
}

/** Keys whose age is past their policy. */
export function selectDue(ages: readonly SecretAge[]): string[] {
  return ages.filter((age) => age.status === 'due').map((age) => age.key);
}
