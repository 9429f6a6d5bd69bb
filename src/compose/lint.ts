/** Pure: findings about how references are written (typos, shell variables, differing defaults). */
import { formatPath } from './references.js';
import type { ComposeReference } from './references.js';
import { makeFinding } from '../findings.js';
import type { Finding } from '../findings.js';
import { isSecretName } from '../variable-names.js';
import { displayPath } from '../paths.js';

/** Fields whose strings a container's shell runs; a `$VAR` there is often meant for that shell. */
const SHELL_FIELDS = new Set(['command', 'entrypoint']);

/** `-` followed by what looks like the rest of a longer name and its own operator. */
const NAME_CONTINUATION_WITH_OPERATOR = /^[A-Za-z0-9_][A-Za-z0-9_.-]*:?[-?+]/;
/** `${MY-VAR_NAME}`: the "default" reads like the rest of one upper-case name. */
const UPPER_NAME_TAIL = /^[A-Z0-9]*_[A-Z0-9_]*[A-Z][A-Z0-9_]*$/;

/** Runs the reference-level lints over one or more files' references. */
export function lintReferences(references: readonly ComposeReference[], cwd: string): Finding[] {
  return [...findSuspiciousReferences(references), ...findComposeTimeExpansions(references), ...findInconsistentDefaults(references, cwd)];
}

function findSuspiciousReferences(references: readonly ComposeReference[]): Finding[] {
  const findings: Finding[] = [];
  for (const reference of references) {
    if (reference.operator !== '-' || reference.argument === null || reference.braced !== true) continue;
    const argument = reference.argument;
    if (!NAME_CONTINUATION_WITH_OPERATOR.test(argument) && !UPPER_NAME_TAIL.test(argument)) continue;
    const intended = /^[A-Za-z0-9_.-]*/.exec(`${reference.name}-${argument}`)?.[0] ?? reference.name;
    findings.push(makeFinding('suspicious-reference', reference, `${reference.text} reads as variable "${reference.name}" with the default "${argument}", not as "${intended}"`, {
      variable: reference.name,
      hint: 'variable names may hold only letters, digits and "_"; rename it (e.g. with "_" instead of "-")',
    }));
  }
  return findings;
}

function isShellField(reference: ComposeReference): boolean {
  const [root, , field, sub] = reference.path;
  if (root !== 'services' || typeof field !== 'string') return false;
  return SHELL_FIELDS.has(field) || (field === 'healthcheck' && sub === 'test');
}

function findComposeTimeExpansions(references: readonly ComposeReference[]): Finding[] {
  const findings: Finding[] = [];
  for (const reference of references) {
    if (reference.braced !== false || reference.isNested || !isShellField(reference)) continue;
    findings.push(makeFinding('compose-time-expansion', reference, `$${reference.name} in ${formatPath(reference.path)} is replaced by Compose before the container starts, not by the container's shell`, {
      variable: reference.name,
      hint: `write $$${reference.name} to let the container's shell expand it, or \${${reference.name}} if Compose should`,
    }));
  }
  return findings;
}

function findInconsistentDefaults(references: readonly ComposeReference[], cwd: string): Finding[] {
  const findings: Finding[] = [];
  const firstDefault = new Map<string, ComposeReference>();
  for (const reference of references) {
    if ((reference.operator !== '-' && reference.operator !== ':-') || reference.argument === null) continue;
    const first = firstDefault.get(reference.name);
    if (first === undefined) {
      firstDefault.set(reference.name, reference);
    } else if (first.argument !== reference.argument) {
      // A default of a secret is still a secret once deployed: name the places, not the values.
      const values = isSecretName(reference.name) ? '' : ` ("${reference.argument}" here, "${first.argument}" there)`;
      findings.push(makeFinding('inconsistent-default', reference, `${reference.name} has a different default here than at ${displayPath(first.file, cwd)}:${first.line}:${first.column}${values}`, {
        variable: reference.name,
        hint: 'use one default everywhere, or set the variable in the env file',
      }));
    }
  }
  return findings;
}
