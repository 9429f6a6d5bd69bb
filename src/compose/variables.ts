/** Pure: per-variable status and defaults from a list of references (SPEC section 4, scan). */
import type { ReferenceRecord, VariableStatus, VariableSummary } from '../report.js';

function statusOf(operators: ReadonlySet<string>): VariableStatus {
  if (operators.has('?') || operators.has(':?')) return 'required';
  if (operators.has('') || operators.has('passthrough')) return 'plain';
  if (operators.has('-') || operators.has(':-')) return 'defaulted';
  return 'optional';
}

/** Summarizes references per variable name, sorted by name. */
export function summarizeVariables(references: readonly ReferenceRecord[]): VariableSummary[] {
  const byName = new Map<string, { operators: Set<string>; defaults: string[]; count: number }>();
  for (const reference of references) {
    let entry = byName.get(reference.name);
    if (entry === undefined) {
      entry = { operators: new Set(), defaults: [], count: 0 };
      byName.set(reference.name, entry);
    }
    entry.operators.add(reference.operator);
    entry.count++;
    const isDefault = reference.operator === '-' || reference.operator === ':-';
    if (isDefault && reference.default !== null && !entry.defaults.includes(reference.default)) entry.defaults.push(reference.default);
  }
  return [...byName.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, entry]) => ({ name, status: statusOf(entry.operators), defaults: entry.defaults, references: entry.count }));
}
