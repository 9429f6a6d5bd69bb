/**
 * Pure: what a safe `generate` or `init` does with each secret. A missing, empty or placeholder
 * value is filled; a present value that merely falls short of the template (weaker, or another
 * format) is a working credential a database may still hold, so it is kept and reported unless
 * `replaceWeak`; a supplied credential is never invented; a value that lives in another env file
 * of the stack is left to that file.
 */
import { generateSecret } from '../secrets/generate.js';
import type { RandomSource } from '../secrets/random.js';
import type { PlannedValue, PlanReason } from './plan.js';
import { planDerived, replacementReason } from './plan.js';
import type { Template } from './types.js';

/** A value generate leaves alone but reports. */
export interface KeptValue {
  key: string;
  reason: PlanReason;
  /** The env file it lives in when that is not the file being written. */
  elsewhere?: string;
}

/** What safe generation plans. */
export interface SafePlan {
  planned: PlannedValue[];
  /** Weak values kept (working credentials), and problems in other files of the stack. */
  kept: KeptValue[];
  /** Supplied credentials that have no value: asked for (init) or listed (exit 1). */
  toSupply: string[];
}

/** Options of safe planning. */
export interface SafePlanOptions {
  selected?: ReadonlySet<string> | undefined;
  replaceWeak?: boolean | undefined;
  /** The file a key is defined in when that is another env file of the stack (it is not written). */
  elsewhere?: ((key: string) => string | undefined) | undefined;
}

/** Plans generation over `current` (the values of every env file of the stack, the target's winning). */
export function planSafeGenerate(template: Template, current: Map<string, string>, random: RandomSource, options: SafePlanOptions = {}): SafePlan {
  const values = new Map(current);
  const plan: SafePlan = { planned: [], kept: [], toSupply: [] };
  for (const variable of template.variables) {
    if (options.selected !== undefined && !options.selected.has(variable.name)) continue;
    const value = values.get(variable.name);
    if (variable.supplied) {
      if (value === undefined || value === '') plan.toSupply.push(variable.name);
      continue;
    }
    if (variable.generate === undefined) continue;
    const reason = replacementReason(variable, value);
    if (reason === undefined) continue;
    const elsewhere = value === undefined ? undefined : options.elsewhere?.(variable.name);
    if (elsewhere !== undefined) {
      plan.kept.push({ key: variable.name, reason, elsewhere });
      continue;
    }
    if (reason === 'weak' && options.replaceWeak !== true) {
      plan.kept.push({ key: variable.name, reason });
      continue;
    }
    const generated = generateSecret(variable.generate, random);
    plan.planned.push({ key: variable.name, value: generated, reason, isNew: !current.has(variable.name), variable });
    values.set(variable.name, generated);
  }
  const changed = new Set(plan.planned.map((item) => item.key));
  for (const item of planDerived(template, values, random, changed, options.selected)) {
    // A derived value of another file is that file's business, like its sources.
    if (current.has(item.key) && options.elsewhere?.(item.key) !== undefined) continue;
    plan.planned.push(item);
  }
  return plan;
}
