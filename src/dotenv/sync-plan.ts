/**
 * Pure: what `sync` changes. Each target env file that defines a synced secret gets the source's
 * value; values visibly built from a changed secret (a URI holding a password) are rebuilt with
 * the same percent-encoding; a file that does not define a key is never given it.
 */
import { renderDerivedTemplate } from '../secrets/derive.js';
import { guessDerived } from '../templates/infer-derived.js';

/** One env file as sync reads it. */
export interface SyncFile {
  path: string;
  values: ReadonlyMap<string, string>;
}

/** One value sync sets, and why. */
export interface SyncAssignment {
  key: string;
  value: string;
  /** `secret`: copied from the source; `derived`: rebuilt from the copied secrets. */
  kind: 'secret' | 'derived';
}

/** The assignments of every target that drifts. */
export interface SyncPlan {
  files: { path: string; assignments: SyncAssignment[] }[];
}

/** Plans making every `keys` secret of `targets` equal to `source`, derived values included. */
export function planSync(source: SyncFile, targets: readonly SyncFile[], keys: ReadonlySet<string>, isSecret: (key: string) => boolean): SyncPlan {
  const plan: SyncPlan = { files: [] };
  for (const target of targets) {
    if (target.path === source.path) continue;
    const assignments: SyncAssignment[] = [];
    const next = new Map(target.values);
    for (const key of keys) {
      const want = source.values.get(key);
      const have = target.values.get(key);
      if (want === undefined || want === '' || have === undefined || have === want) continue;
      assignments.push({ key, value: want, kind: 'secret' });
      next.set(key, want);
    }
    const changed = new Set(assignments.map((item) => item.key));
    const secrets = new Map([...target.values].filter(([key, value]) => isSecret(key) && !/^[a-z][a-z0-9+.-]*:\/\//i.test(value)));
    for (const [key, value] of target.values) {
      if (keys.has(key) || secrets.has(key) || value === '') continue;
      const guess = guessDerived(key, value, secrets);
      if (guess === undefined || !guess.from.some((name) => changed.has(name))) continue;
      const rendered = renderDerivedTemplate(guess.template, (name) => next.get(name));
      if ('value' in rendered && rendered.value !== value) assignments.push({ key, value: rendered.value, kind: 'derived' });
    }
    if (assignments.length > 0) plan.files.push({ path: target.path, assignments });
  }
  return plan;
}

/** Keys whose non-empty values differ between files, with the files holding each distinct value. */
export function findDisagreements(files: readonly SyncFile[], keys: ReadonlySet<string>): Map<string, string[]> {
  const disagreements = new Map<string, string[]>();
  for (const key of keys) {
    const seen = new Map<string, string>();
    for (const file of files) {
      const value = file.values.get(key);
      if (value !== undefined && value !== '' && !seen.has(value)) seen.set(value, file.path);
    }
    if (seen.size > 1) disagreements.set(key, [...seen.values()]);
  }
  return disagreements;
}
