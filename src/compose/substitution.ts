/**
 * Pure: substitutes a parsed string exactly as Compose v2 does (only the taken branch is evaluated),
 * and lists the references of a parsed string. Iterative, so any nesting depth works.
 */
import type { ParsedReference, ParsedTemplate, TemplatePart } from './interpolation.js';

/** Looks a name up in the interpolation env: undefined when unset. */
export type Lookup = (name: string) => string | undefined;

/** A `${NAME:?message}` or `${NAME?message}` that failed. */
export interface RequiredError {
  reference: ParsedReference;
  /** The message after substitution, as Compose prints it. */
  message: string;
  /** True when the variable is set but empty (only `:?` fails then). */
  isEmpty: boolean;
}

/** What substituting a parsed string produced. */
export interface Substitution {
  /** The result; null when Compose would refuse the string (invalid syntax or a required error). */
  value: string | null;
  errors: RequiredError[];
  /** References looked up without default that were unset (Compose's "not set" warnings). */
  unset: ParsedReference[];
  /** References evaluated on the taken branches, in order. */
  used: ParsedReference[];
}

interface SubstituteFrame {
  parts: readonly TemplatePart[];
  index: number;
  output: string;
  /** Set when this frame computes the message of a failing required reference. */
  failing: { reference: ParsedReference; isEmpty: boolean } | undefined;
}

/** Substitutes a parsed string exactly as Compose v2: only the taken branch is evaluated. */
export function substitute(template: ParsedTemplate, lookup: Lookup): Substitution {
  const result: Substitution = { value: null, errors: [], unset: [], used: [] };
  const stack: SubstituteFrame[] = [{ parts: template.parts, index: 0, output: '', failing: undefined }];
  let value = '';
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as SubstituteFrame;
    const part = frame.parts[frame.index++];
    if (part === undefined) {
      stack.pop();
      const parent = stack[stack.length - 1];
      if (frame.failing !== undefined) result.errors.push({ ...frame.failing, message: frame.output });
      else if (parent === undefined) value = frame.output;
      else parent.output += frame.output;
      continue;
    }
    if (part.kind === 'literal') {
      frame.output += part.text;
      continue;
    }
    const outcome = evaluateReference(part.reference, lookup, result);
    if (outcome.kind === 'value') frame.output += outcome.value;
    else stack.push({ parts: part.reference.argumentParts, index: 0, output: '', failing: outcome.failing });
  }
  if (template.invalid.length === 0 && result.errors.length === 0) result.value = value;
  return result;
}

type ReferenceOutcome = { kind: 'value'; value: string } | { kind: 'branch'; failing: { reference: ParsedReference; isEmpty: boolean } | undefined };

function evaluateReference(reference: ParsedReference, lookup: Lookup, result: Substitution): ReferenceOutcome {
  result.used.push(reference);
  const value = lookup(reference.name);
  const isSet = value !== undefined;
  const hasValue = isSet && value !== '';
  const plain = (text: string): ReferenceOutcome => ({ kind: 'value', value: text });
  const branch: ReferenceOutcome = { kind: 'branch', failing: undefined };
  switch (reference.operator) {
    case '':
      if (!isSet) result.unset.push(reference);
      return plain(value ?? '');
    case ':-':
      return hasValue ? plain(value) : branch;
    case '-':
      return isSet ? plain(value) : branch;
    case ':+':
      return hasValue ? branch : plain('');
    case '+':
      return isSet ? branch : plain('');
    case ':?':
    case '?': {
      const fails = reference.operator === ':?' ? !hasValue : !isSet;
      return fails ? { kind: 'branch', failing: { reference, isEmpty: isSet } } : plain(value ?? '');
    }
  }
}

/** Every reference in a parsed string, nested ones included, in order of their `$`. */
export function listReferences(parts: readonly TemplatePart[], options: { includeMessages?: boolean } = {}): ParsedReference[] {
  const found: ParsedReference[] = [];
  const pending: TemplatePart[] = [...parts].reverse();
  while (pending.length > 0) {
    const part = pending.pop() as TemplatePart;
    if (part.kind !== 'reference') continue;
    const reference = part.reference;
    found.push(reference);
    const isMessage = reference.operator === '?' || reference.operator === ':?';
    if (isMessage && options.includeMessages === false) continue;
    for (let index = reference.argumentParts.length - 1; index >= 0; index--) pending.push(reference.argumentParts[index] as TemplatePart);
  }
  return found;
}

/** The argument as written and listed by Compose (see ParsedReference.writtenArgument). */
export function listedArgument(reference: ParsedReference): string | null {
  return reference.writtenArgument ?? reference.argument;
}
