/**
 * Generator specs (the `generate:` entry of a template variable): check, describe, generate and
 * judge existing values through the SECRET_KINDS registry (SPEC section 7).
 */
import { appendAll } from '../append-all.js';
import { LucidError } from '../errors.js';
import type { BytesOptions, PasswordOptions, SecretKind } from './kinds.js';
import { isSecretKindName, SECRET_KINDS } from './kinds.js';
import type { RandomSource } from './random.js';

/** What to generate: a kind and its options. */
export type GeneratorSpec = ({ kind: 'bytes' } & BytesOptions) | ({ kind: 'password' } & PasswordOptions);

/** A generated secret has at least this much entropy (SPEC section 7). */
export const MIN_ENTROPY_BITS = 128;

function formatKind(kind: unknown): string {
  return typeof kind === 'string' ? `"${kind}"` : `of type ${kind === null ? 'null' : typeof kind}`;
}

function unknownKindError(kind: unknown): LucidError {
  return new LucidError('UNKNOWN_SECRET_KIND', `unknown secret kind ${formatKind(kind)}`, {
    hint: `use one of: ${Object.keys(SECRET_KINDS).join(', ')}`,
  });
}

function kindOf(spec: GeneratorSpec): SecretKind<GeneratorSpec> {
  if (!isSecretKindName(spec.kind)) throw unknownKindError(spec.kind);
  // spec.kind picked the entry, so the entry only ever reads its own options.
  return SECRET_KINDS[spec.kind] as SecretKind<GeneratorSpec>;
}

function asRecord(spec: GeneratorSpec): Readonly<Record<string, unknown>> {
  return spec as unknown as Readonly<Record<string, unknown>>;
}

/** Entropy of a secret from this spec, in bits (assumes valid options). */
export function generatorEntropyBits(spec: GeneratorSpec): number {
  return kindOf(spec).entropyBits(spec);
}

/** Problems with a spec: invalid options, or less than MIN_ENTROPY_BITS; empty when fine. */
export function checkGeneratorSpec(spec: GeneratorSpec): string[] {
  const kind = kindOf(spec);
  const problems = kind.checkOptions(asRecord(spec));
  if (problems.length > 0) return problems;
  const bits = kind.entropyBits(spec);
  if (bits < MIN_ENTROPY_BITS) {
    return [`${kind.describe(spec)} gives ${Math.floor(bits)} bits of entropy, under the minimum of ${MIN_ENTROPY_BITS}`];
  }
  return [];
}

/** Generates one secret; throws UNKNOWN_SECRET_KIND, or TEMPLATE_INVALID for a weak or invalid spec. */
export function generateSecret(spec: GeneratorSpec, random: RandomSource): string {
  const kind = kindOf(spec);
  const problems = checkGeneratorSpec(spec);
  if (problems.length > 0) {
    throw new LucidError('TEMPLATE_INVALID', `cannot generate a ${spec.kind} secret: ${problems.join('; ')}`, {
      hint: `generated secrets need valid options and at least ${MIN_ENTROPY_BITS} bits of entropy (e.g. 16 bytes, or 22 urlsafe characters)`,
    });
  }
  return kind.generate(spec, random);
}

/** A short human description, e.g. "32 random bytes, base64" or "32 characters, alnum". */
export function describeGenerator(spec: GeneratorSpec): string {
  return kindOf(spec).describe(spec);
}

/** Why an existing value is weaker than the spec asks, or undefined; never quotes the value. */
export function validateSecret(value: string, spec: GeneratorSpec): string | undefined {
  return kindOf(spec).validate(value, spec);
}

/**
 * Reads a `generate:` mapping from a template: fills the kind's defaults and returns the spec, or
 * every problem (unknown kind or option, invalid option, too little entropy). Never throws.
 */
export function parseGeneratorSpec(raw: unknown): { spec: GeneratorSpec } | { problems: string[] } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { problems: ['generate must be a mapping'] };
  const record = raw as Readonly<Record<string, unknown>>;
  const kindName = record['kind'];
  if (!isSecretKindName(kindName)) {
    return { problems: [`unknown secret kind ${formatKind(kindName)} (expected ${Object.keys(SECRET_KINDS).join(', ')})`] };
  }
  const kind: SecretKind<object> = SECRET_KINDS[kindName];
  const problems = Object.keys(record)
    .filter((key) => key !== 'kind' && !kind.optionNames.includes(key))
    .map((key) => `unknown option "${key}" for kind ${kindName}`);
  // Copy only known own keys so `__proto__` or inherited names in the YAML cannot leak in.
  const options: Record<string, unknown> = { ...kind.defaults };
  for (const name of kind.optionNames) if (Object.hasOwn(record, name)) options[name] = record[name];
  const spec = { ...options, kind: kindName } as GeneratorSpec;
  appendAll(problems, checkGeneratorSpec(spec));
  return problems.length > 0 ? { problems } : { spec };
}
