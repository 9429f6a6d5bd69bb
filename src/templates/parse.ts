/** Pure: template YAML text → a validated Template, or findings with the template's file:line. */

import { estimateNestingDepth, MAX_YAML_DEPTH } from '../compose/nesting.js';
import { indexPositions } from '../dotenv/positions.js';
import type { Finding } from '../findings.js';
import { makeFinding } from '../findings.js';
import { parseDerivedTemplate, templateDependencies } from '../secrets/derive.js';
import { parseGeneratorSpec } from '../secrets/generate.js';
import type { DeriveSpec, RotationPolicy, Template, TemplateVariable, ValueType } from './types.js';
import type { YamlNode } from './yaml-tree.js';
import { findValue, listEntries, readYamlTree } from './yaml-tree.js';

const VALUE_TYPES: readonly ValueType[] = ['string', 'int', 'port', 'bool', 'url', 'hostname', 'hex', 'base64', 'choices'];
const VARIABLE_KEYS = new Set([
  'description',
  'secret',
  'supplied',
  'required',
  'type',
  'choices',
  'default',
  'prompt',
  'generate',
  'derive',
  'rotation',
  'fileEnv',
]);
const TOP_KEYS = new Set(['name', 'description', 'envFile', 'compose', 'variables']);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Days in a `maxAge` like `90d`, `12w`, `6m`, `1y` (or a bare number of days). */
export function parseMaxAge(text: string): number | undefined {
  const match = /^(\d+)\s*([dwmy]?)$/.exec(text.trim());
  if (match === null) return undefined;
  const unit = { '': 1, d: 1, w: 7, m: 30, y: 365 }[match[2] as '' | 'd' | 'w' | 'm' | 'y'];
  return Number(match[1]) * unit;
}

interface Reader {
  file: string;
  positionAt: (offset: number) => { line: number; column: number };
  findings: Finding[];
}

function lineOf(reader: Reader, node: YamlNode | undefined): number {
  return node === undefined ? 1 : reader.positionAt(node.start).line;
}

function problem(reader: Reader, node: YamlNode | undefined, message: string): void {
  reader.findings.push(makeFinding('template-invalid', { file: reader.file, line: lineOf(reader, node), column: 1 }, message));
}

/** The key node of `key` in a map: a block value starts on the line after its key, so problems point at the key. */
function keyOf(node: YamlNode | undefined, key: string): YamlNode | undefined {
  return listEntries(node).find((entry) => entry.key.value === key)?.key ?? node;
}

function readDerive(reader: Reader, name: string, raw: unknown, node: YamlNode | undefined): DeriveSpec | undefined {
  if (typeof raw !== 'object' || raw === null) return void problem(reader, node, `${name}: derive must be a mapping`);
  const record = raw as Record<string, unknown>;
  if (record['kind'] === 'tor-hash') {
    if (typeof record['from'] !== 'string') return void problem(reader, node, `${name}: derive tor-hash needs "from: VARIABLE"`);
    return { kind: 'tor-hash', from: record['from'] };
  }
  if ((record['kind'] === undefined || record['kind'] === 'template') && typeof record['template'] === 'string') {
    const parsed = parseDerivedTemplate(record['template']);
    if ('error' in parsed) return void problem(reader, node, `${name}: derive template: ${parsed.error}`);
    return { kind: 'template', template: record['template'] };
  }
  return void problem(reader, node, `${name}: derive needs { kind: tor-hash, from: NAME } or { template: "..." }`);
}

function readRotation(reader: Reader, name: string, raw: unknown, node: YamlNode | undefined): RotationPolicy | undefined {
  if (typeof raw !== 'object' || raw === null) return void problem(reader, node, `${name}: rotation must be a mapping`);
  const record = raw as Record<string, unknown>;
  const policy: RotationPolicy = { keepPrevious: record['keepPrevious'] === true };
  if (record['maxAge'] !== undefined) {
    const days = parseMaxAge(String(record['maxAge']));
    if (days === undefined || days === 0) problem(reader, node, `${name}: rotation.maxAge must look like 90d, 12w, 6m or 1y`);
    else policy.maxAgeDays = days;
  }
  if (typeof record['note'] === 'string') policy.note = record['note'];
  if (typeof record['group'] === 'string') policy.group = record['group'];
  return policy;
}

function readVariable(reader: Reader, name: string, node: YamlNode | undefined, raw: Record<string, unknown>): TemplateVariable | undefined {
  if (!NAME.test(name)) return void problem(reader, node, `variable name "${name}" must match [A-Za-z_][A-Za-z0-9_]*`);
  for (const key of Object.keys(raw)) if (!VARIABLE_KEYS.has(key)) problem(reader, keyOf(node, key), `${name}: unknown key "${key}"`);
  const variable: TemplateVariable = {
    name,
    secret: raw['secret'] === true,
    supplied: raw['supplied'] === true,
    required: raw['required'] === true,
    line: lineOf(reader, node),
  };
  if (typeof raw['description'] === 'string') variable.description = raw['description'];
  if (typeof raw['prompt'] === 'string') variable.prompt = raw['prompt'];
  if (raw['default'] !== undefined && raw['default'] !== null) variable.default = String(raw['default']);
  if (raw['type'] !== undefined) {
    if (VALUE_TYPES.includes(raw['type'] as ValueType)) variable.type = raw['type'] as ValueType;
    else problem(reader, keyOf(node, 'type'), `${name}: unknown type "${String(raw['type'])}" (expected ${VALUE_TYPES.join(', ')})`);
  }
  if (Array.isArray(raw['choices'])) variable.choices = raw['choices'].map(String);
  if (variable.type === 'choices' && variable.choices === undefined) problem(reader, node, `${name}: type choices needs a "choices" list`);
  if (raw['generate'] !== undefined) {
    const parsed = parseGeneratorSpec(raw['generate']);
    if ('problems' in parsed) for (const text of parsed.problems) problem(reader, keyOf(node, 'generate'), `${name}: generate: ${text}`);
    else variable.generate = parsed.spec;
  }
  if (raw['derive'] !== undefined) {
    const derive = readDerive(reader, name, raw['derive'], keyOf(node, 'derive'));
    if (derive !== undefined) variable.derive = derive;
  }
  if (variable.generate !== undefined && variable.derive !== undefined) problem(reader, node, `${name}: a variable is either generated or derived, not both`);
  if (variable.supplied && (variable.generate !== undefined || variable.derive !== undefined)) {
    problem(reader, node, `${name}: a supplied credential is issued elsewhere; it cannot also be generated or derived`);
  }
  if (raw['fileEnv'] !== undefined) {
    const names = Array.isArray(raw['fileEnv']) ? raw['fileEnv'] : [raw['fileEnv']];
    if (names.every((item) => typeof item === 'string' && NAME.test(item))) variable.fileEnv = names as string[];
    else problem(reader, keyOf(node, 'fileEnv'), `${name}: fileEnv must list container variable names (whose image also reads NAME_FILE)`);
  }
  if (raw['rotation'] !== undefined) {
    const rotation = readRotation(reader, name, raw['rotation'], keyOf(node, 'rotation'));
    if (rotation !== undefined) variable.rotation = rotation;
  }
  return variable;
}

function checkDependencies(reader: Reader, variables: TemplateVariable[], nodeOf: (name: string) => YamlNode | undefined): void {
  const names = new Set(variables.map((variable) => variable.name));
  for (const variable of variables) {
    const from =
      variable.derive?.kind === 'tor-hash'
        ? [variable.derive.from]
        : variable.derive?.kind === 'template'
          ? templateDependencies(variable.derive.template)
          : [];
    for (const dependency of from) {
      if (!names.has(dependency)) problem(reader, nodeOf(variable.name), `${variable.name}: derived from unknown variable ${dependency}`);
      else if (variables.find((item) => item.name === dependency)?.derive !== undefined)
        problem(reader, nodeOf(variable.name), `${variable.name}: derived from ${dependency}, which is itself derived (one level only)`);
    }
  }
}

/** Parses and validates a template; the template is undefined when any finding is an error. */
export function parseTemplateText(text: string, file: string): { template: Template | undefined; findings: Finding[] } {
  const reader: Reader = { file, positionAt: indexPositions(text), findings: [] };
  if (estimateNestingDepth(text) > MAX_YAML_DEPTH) {
    problem(reader, undefined, `the template nests more than ${MAX_YAML_DEPTH} levels deep`);
    return { template: undefined, findings: reader.findings };
  }
  // Places down to a variable's keys (root, variables, a variable, its keys): deeper ones are never reported.
  const parsed = readYamlTree(text, 4);
  if ('error' in parsed) {
    const { offset, reason } = parsed.error;
    const message = reason === 'duplicated mapping key' ? `duplicate key "${describeKeyAt(text, offset)}"` : `invalid template YAML: ${reason}`;
    reader.findings.push(makeFinding('template-invalid', { file, ...reader.positionAt(offset) }, message));
    return { template: undefined, findings: reader.findings };
  }
  const { root } = parsed;
  if (root?.kind !== 'mapping' || !isRecord(parsed.data)) {
    problem(reader, root, 'a template must be a mapping with name, variables, …');
    return { template: undefined, findings: reader.findings };
  }
  const data = parsed.data;
  for (const { key } of listEntries(root)) if (!TOP_KEYS.has(String(key.value))) problem(reader, key, `unknown top-level key "${String(key.value)}"`);
  const variablesNode = findValue(root, 'variables');
  if (variablesNode?.kind !== 'mapping') problem(reader, variablesNode ?? root, 'variables must be a mapping of NAME: {…}');
  const values = isRecord(data['variables']) ? data['variables'] : {};
  const variables: TemplateVariable[] = [];
  for (const { key, value } of listEntries(variablesNode)) {
    const name = String(key.value);
    const raw = isRecord(values[name]) ? values[name] : {};
    // An alias or an empty value has no mapping of its own: problems then point at the variable's name.
    const variable = readVariable(reader, name, value.kind === 'mapping' ? value : key, raw);
    if (variable !== undefined) variables.push(variable);
  }
  checkDependencies(reader, variables, (name) => keyOf(findValue(variablesNode, name), 'derive'));
  const template: Template = {
    name: typeof data['name'] === 'string' ? data['name'] : file,
    description: typeof data['description'] === 'string' ? data['description'] : '',
    compose: Array.isArray(data['compose']) ? data['compose'].map(String) : [],
    file,
    variables,
  };
  if (typeof data['envFile'] === 'string') template.envFile = data['envFile'];
  const hasErrors = reader.findings.some((finding) => finding.severity === 'error');
  return { template: hasErrors ? undefined : template, findings: reader.findings };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The key written at `offset` (js-yaml points a duplicate key error at the second one). */
function describeKeyAt(text: string, offset: number): string {
  const match = /^[^:\n]{1,80}/.exec(text.slice(offset));
  return (match?.[0] ?? '').trim().replace(/^["']|["']$/g, '');
}
