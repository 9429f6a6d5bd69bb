/**
 * Pure: a template's variables inferred from how compose files use them and what env files hold.
 * Per variable it decides secret or not, owned (generated) or supplied (asked for), the generator,
 * the type, the default, required, and derived values; each decision keeps a note saying why, so a
 * person can review it. Notes name files, lines and formats, never a secret's value.
 */
import type { GeneratorSpec } from '../secrets/generate.js';
import { isSecretName, SECRET_NAME_PATTERN } from '../variable-names.js';
import { guessDerived } from './infer-derived.js';
import { inferGenerator, inferType } from './infer-formats.js';
import type { ValueType } from './types.js';

/** One reference as inference needs it. */
export interface InferenceReference {
  name: string;
  operator: string;
  /** Default, message or replacement; null for none. */
  argument: string | null;
  /** `file:line`, relative, for notes. */
  where: string;
  /** YAML path, e.g. `services.api.ports[0]`. */
  path: string;
  /** Where the reference sits inside a URL's user or password part (`services.worker.environment.REDIS_URL`). */
  inUrl?: string;
}

/** One env file: its display path and values. */
export interface InferenceEnvFile {
  path: string;
  values: ReadonlyMap<string, string>;
}

/** One inferred variable, with a note per decision. */
export interface InferredVariable {
  name: string;
  secret: boolean;
  supplied: boolean;
  required: boolean;
  type?: ValueType;
  default?: string;
  generate?: GeneratorSpec;
  derive?: string;
  notes: string[];
}

// Credentials someone else issues: API keys, access keys, client secrets, key-pair private keys, bot tokens.
const SUPPLIED_NAME = /API_?KEY|ACCESS_KEY|CLIENT_SECRET|PRIVATE_KEY|(?:^|_)TOKEN$|(?:^|_)DSN$|WEBHOOK|LICEN[CS]E/i;
const OWNED_NAME = /PASSWORD|PASSWD|PASSPHRASE|SECRET_KEY|ENCRYPTION|SIGNING|SESSION|JWT|COOKIE|SALT/i;
const ISSUED_MESSAGE = /\b(?:get|obtain|issued|request|sign up|register)\b|https?:\/\/|\.(?:io|com|org|net)\b/i;

interface Evidence {
  references: InferenceReference[];
  values: { file: string; value: string }[];
}

function collect(references: readonly InferenceReference[], envFiles: readonly InferenceEnvFile[]): Map<string, Evidence> {
  const byName = new Map<string, Evidence>();
  const evidence = (name: string): Evidence => {
    let found = byName.get(name);
    if (found === undefined) {
      found = { references: [], values: [] };
      byName.set(name, found);
    }
    return found;
  };
  for (const reference of references) evidence(reference.name).references.push(reference);
  for (const file of envFiles) for (const [key, value] of file.values) if (value !== '') evidence(key).values.push({ file: file.path, value });
  return byName;
}

function describeSecret(name: string): string {
  const word = SECRET_NAME_PATTERN.exec(name)?.[0].replace(/^_/, '') ?? name;
  return `secret: the name contains ${word}`;
}

function decideSupplied(name: string, messages: readonly string[]): string | undefined {
  const issuedMessage = messages.find((message) => ISSUED_MESSAGE.test(message));
  if (issuedMessage !== undefined) return 'supplied: its :? message says it comes from elsewhere; lucid-env asks for it and never invents one';
  if (SUPPLIED_NAME.test(name) && !OWNED_NAME.test(name))
    return 'supplied: a credential issued by someone else (API key, access key, token); asked for, never invented';
  return undefined;
}

function listServices(references: readonly InferenceReference[]): string {
  const services = [...new Set(references.map((reference) => /^services\.([^.[]+)/.exec(reference.path)?.[1]).filter((name) => name !== undefined))];
  if (services.length === 0) return '';
  return services.length > 4 ? `${services.slice(0, 4).join(', ')} and ${services.length - 4} more` : services.join(', ');
}

function inferOne(name: string, evidence: Evidence, derived: { template: string; from: string[] } | undefined, secretValues: boolean): InferredVariable {
  const notes: string[] = [];
  const uses = evidence.references;
  const services = listServices(uses);
  if (uses.length > 0)
    notes.push(`used ${uses.length} time${uses.length === 1 ? '' : 's'}${services === '' ? '' : ` by ${services}`}, first at ${uses[0]?.where}`);
  else notes.push(`defined in ${[...new Set(evidence.values.map((item) => item.file))].join(', ')}; no compose file references it`);
  const inUrl = uses.find((reference) => reference.inUrl !== undefined)?.inUrl;
  const variable: InferredVariable = { name, secret: false, supplied: false, required: false, notes };
  if (isSecretName(name)) {
    variable.secret = true;
    notes.push(describeSecret(name));
  } else if (inUrl !== undefined) {
    variable.secret = true;
    notes.push(`secret: it is the password of a URL (${inUrl})`);
  } else if (derived !== undefined && secretValues) {
    variable.secret = true;
    notes.push(`secret: it holds ${derived.from.join(', ')}`);
  }
  const values = evidence.values.map((item) => item.value);
  if (derived !== undefined) {
    variable.derive = derived.template;
    notes.push(`derive: its value in ${evidence.values[0]?.file} is built from ${derived.from.join(', ')}; generate recomputes it`);
    return variable;
  }
  const defaults = [
    ...new Set(
      uses
        .filter((use) => (use.operator === ':-' || use.operator === '-') && use.argument !== null && !use.argument.includes('$'))
        .map((use) => use.argument as string),
    ),
  ];
  const messages = uses.filter((use) => use.operator === '?' || use.operator === ':?').map((use) => use.argument ?? '');
  const requiredUse = uses.find((use) => use.operator === '?' || use.operator === ':?');
  const plainUse = uses.find((use) => use.operator === '' || use.operator === 'passthrough');
  if (requiredUse !== undefined) {
    variable.required = true;
    notes.push(`required: used with ${requiredUse.operator} at ${requiredUse.where}`);
  } else if (defaults.length === 0 && plainUse !== undefined) {
    variable.required = true;
    notes.push(`required: no default anywhere (plain use at ${plainUse.where})`);
  }
  if (variable.secret) {
    const supplied = decideSupplied(name, messages);
    if (supplied !== undefined) {
      variable.supplied = true;
      notes.push(supplied);
    } else {
      const generator = inferGenerator(name, values, inUrl);
      variable.generate = generator.value;
      notes.push(`generate: ${generator.reason}`);
    }
    if (defaults.length > 0) notes.push('no default: a default of a secret would be a shared, public value');
    return variable;
  }
  const port = uses.find((use) => /\.ports\[\d+\]$/.test(use.path));
  const type = inferType(name, [...defaults, ...values], port?.where);
  if (type !== undefined) {
    variable.type = type.value;
    notes.push(`type ${type.value}: ${type.reason}`);
  }
  if (defaults.length === 1) {
    variable.default = defaults[0] as string;
    notes.push(`default: the compose default${uses.length > 1 ? ', the same everywhere' : ''}`);
  } else if (defaults.length > 1) {
    const listed = defaults.map((value) => `"${value}" at ${uses.find((use) => use.argument === value)?.where}`).join(', ');
    notes.push(`no default: compose defaults differ (${listed}); pick one`);
  }
  return variable;
}

/** Infers every variable the references and env files name, in order of first appearance. */
export function inferVariables(references: readonly InferenceReference[], envFiles: readonly InferenceEnvFile[]): InferredVariable[] {
  const evidence = collect(references, envFiles);
  const derived = new Map<string, { template: string; from: string[] }>();
  for (const file of envFiles) {
    const secrets = new Map([...file.values].filter(([key, value]) => isSecretName(key) && !/^[a-z][a-z0-9+.-]*:\/\//i.test(value)));
    for (const [key, value] of file.values) {
      if (derived.has(key) || secrets.has(key) || value === '') continue;
      const guess = guessDerived(key, value, secrets);
      if (guess !== undefined) derived.set(key, guess);
    }
  }
  return [...evidence].map(([name, found]) => inferOne(name, found, derived.get(name), derived.get(name)?.from.some(isSecretName) ?? false));
}
