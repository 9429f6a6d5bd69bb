/**
 * Pure: decides what `generate` and `rotate` change in an env file: which secrets need a new value
 * (missing, empty, placeholder, weak or asked to rotate) and which derived values follow from them.
 */

import { matchPlaceholder } from '../rules/placeholder-match.js';
import { renderDerivedTemplate, templateDependencies } from '../secrets/derive.js';
import { generateSecret, validateSecret } from '../secrets/generate.js';
import type { RandomSource } from '../secrets/random.js';
import { generateTorHash, verifyTorHash } from '../secrets/tor-hash.js';
import type { Template, TemplateVariable } from './types.js';

/** Why a value is (re)generated. */
export type PlanReason = 'missing' | 'empty' | 'placeholder' | 'weak' | 'rotated' | 'derived';

/** One value to write. Holds the new value; it never leaves the command that writes it. */
export interface PlannedValue {
  key: string;
  value: string;
  reason: PlanReason;
  /** True when the key is not in the file yet. */
  isNew: boolean;
  variable: TemplateVariable | undefined;
}

/** Why a generated secret's current value must be replaced, or undefined to keep it. */
export function replacementReason(variable: TemplateVariable, current: string | undefined): PlanReason | undefined {
  if (current === undefined) return 'missing';
  if (current === '') return 'empty';
  if (matchPlaceholder(current) !== undefined) return 'placeholder';
  if (variable.generate !== undefined && validateSecret(current, variable.generate) !== undefined) return 'weak';
  return undefined;
}

/** Recomputes derived values from `values`; returns only those that change (with `scope`: only those depending on it). */
export function planDerived(
  template: Template,
  values: Map<string, string>,
  random: RandomSource,
  changed: ReadonlySet<string>,
  scope?: ReadonlySet<string>,
): PlannedValue[] {
  const planned: PlannedValue[] = [];
  for (const variable of template.variables) {
    const derive = variable.derive;
    if (derive === undefined) continue;
    // `generate KEY` / `rotate KEY` touch only what follows from KEY, never a URI built from an unrelated placeholder.
    if (scope !== undefined && !(derive.kind === 'tor-hash' ? [derive.from] : templateDependencies(derive.template)).some((name) => scope.has(name))) continue;
    const current = values.get(variable.name);
    let next: string | undefined;
    if (derive.kind === 'tor-hash') {
      const password = values.get(derive.from);
      if (password === undefined || password === '') continue;
      // A hash that still matches keeps its salt: a second run must change nothing.
      if (current !== undefined && !changed.has(derive.from) && verifyTorHash(password, current)) continue;
      next = generateTorHash(password, random);
    } else {
      // A value the file leaves out is what the stack runs with: the template's default.
      const rendered = renderDerivedTemplate(derive.template, (name) => values.get(name) ?? template.variables.find((item) => item.name === name)?.default);
      if (!('value' in rendered) || rendered.value === current) continue;
      next = rendered.value;
    }
    planned.push({ key: variable.name, value: next, reason: 'derived', isNew: current === undefined, variable });
    values.set(variable.name, next);
  }
  return planned;
}

/** Plans `generate`: every selected generated secret that needs a value, then the derived ones. */
export function planGenerate(template: Template, current: Map<string, string>, random: RandomSource, selected?: ReadonlySet<string>): PlannedValue[] {
  const values = new Map(current);
  const planned: PlannedValue[] = [];
  for (const variable of template.variables) {
    if (variable.generate === undefined || (selected !== undefined && !selected.has(variable.name))) continue;
    const reason = replacementReason(variable, values.get(variable.name));
    if (reason === undefined) continue;
    const value = generateSecret(variable.generate, random);
    planned.push({ key: variable.name, value, reason, isNew: !values.has(variable.name), variable });
    values.set(variable.name, value);
  }
  const changed = new Set(planned.map((item) => item.key));
  return [...planned, ...planDerived(template, values, random, changed, selected)];
}

/** The suffix of the key that keeps a rotated secret's old value. */
export const PREVIOUS_SUFFIX = '_PREVIOUS';

/**
 * Plans a rotation of `keys` in one file: the new values (from `generated` when given, so several
 * files get the same ones), each kept old value as KEY_PREVIOUS where the template asks (always
 * this file's own old value), then every derived value, computed from this file's values.
 */
export function planRotation(
  template: Template,
  current: Map<string, string>,
  keys: readonly string[],
  random: RandomSource,
  generated: ReadonlyMap<string, string> = new Map(),
): PlannedValue[] {
  const values = new Map(current);
  const planned: PlannedValue[] = [];
  for (const key of keys) {
    const variable = template.variables.find((item) => item.name === key);
    if (variable?.generate === undefined) continue;
    const old = values.get(key);
    if (variable.rotation?.keepPrevious === true && old !== undefined && old !== '') {
      const previousKey = `${key}${PREVIOUS_SUFFIX}`;
      planned.push({ key: previousKey, value: old, reason: 'rotated', isNew: !values.has(previousKey), variable: undefined });
      values.set(previousKey, old);
    }
    const value = generated.get(key) ?? generateSecret(variable.generate, random);
    planned.push({ key, value, reason: 'rotated', isNew: old === undefined, variable });
    values.set(key, value);
  }
  return [...planned, ...planDerived(template, values, random, new Set(keys), new Set(keys))];
}
