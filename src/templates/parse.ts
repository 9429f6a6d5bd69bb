/** Pure: template YAML text → a validated Template, or findings with the template's file:line. */

import type { Node, YAMLMap } from 'yaml';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { appendAll } from '../append-all.js';
import { estimateNestingDepth, MAX_YAML_DEPTH } from '../compose/nesting.js';
import type { Finding } from '../findings.js';
import { makeFinding } from '../findings.js';
import { parseDerivedTemplate, templateDependencies } from '../secrets/derive.js';
import { parseGeneratorSpec } from '../secrets/generate.js';
import type { DeriveSpec, RotationPolicy, Template, TemplateVariable, ValueType } from './types.js';

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
  lineCounter: LineCounter;
  findings: Finding[];
}

function lineOf(reader: Reader, node: unknown): number {
  const range = (node as Node | null)?.range;
  return range ? reader.lineCounter.linePos(range[0]).line : 1;
}

function problem(reader: Reader, node: unknown, message: string): void {
  reader.findings.push(makeFinding('template-invalid', { file: reader.file, line: lineOf(reader, node), column: 1 }, message));
}

/** The key node of `key` in a map: a block value starts on the line after its key, so problems point at the key. */
function keyOf(node: unknown, key: string): unknown {
  return isMap(node) ? (node.items.find((pair) => isScalar(pair.key) && pair.key.value === key)?.key ?? node) : node;
}

function readDerive(reader: Reader, name: string, raw: unknown, node: unknown): DeriveSpec | undefined {
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

function readRotation(reader: Reader, name: string, raw: unknown, node: unknown): RotationPolicy | undefined {
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

function readVariable(reader: Reader, name: string, node: YAMLMap | null, raw: Record<string, unknown>): TemplateVariable | undefined {
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

function checkDependencies(reader: Reader, variables: TemplateVariable[], nodeOf: (name: string) => unknown): void {
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
  const lineCounter = new LineCounter();
  const reader: Reader = { file, lineCounter, findings: [] };
  if (estimateNestingDepth(text) > MAX_YAML_DEPTH) {
    problem(reader, null, `the template nests more than ${MAX_YAML_DEPTH} levels deep`);
    return { template: undefined, findings: reader.findings };
  }
  // yaml's own duplicate check compares every key with every other (quadratic in a catalog of a
  // thousand variables); findDuplicateKeys below does the same in one pass.
  const document = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  for (const error of document.errors)
    reader.findings.push(
      makeFinding(
        'template-invalid',
        { file, line: lineCounter.linePos(error.pos[0]).line, column: lineCounter.linePos(error.pos[0]).col },
        `invalid template YAML: ${error.message.split('\n')[0]}`,
      ),
    );
  const root = document.contents;
  if (reader.findings.length > 0 || !isMap(root)) {
    if (reader.findings.length === 0) problem(reader, root, 'a template must be a mapping with name, variables, …');
    return { template: undefined, findings: reader.findings };
  }
  findDuplicateKeys(reader, root);
  const data = document.toJS({ maxAliasCount: 100 }) as Record<string, unknown>;
  for (const key of Object.keys(data)) if (!TOP_KEYS.has(key)) problem(reader, root.get(key, true), `unknown top-level key "${key}"`);
  const variablesNode = root.get('variables', true);
  if (!isMap(variablesNode)) problem(reader, variablesNode ?? root, 'variables must be a mapping of NAME: {…}');
  const variables: TemplateVariable[] = [];
  for (const pair of isMap(variablesNode) ? variablesNode.items : []) {
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    const name = String(pair.key.value);
    const value = (data['variables'] as Record<string, unknown>)[name];
    const raw = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
    const variable = readVariable(reader, name, isMap(pair.value) ? pair.value : null, raw);
    if (variable !== undefined) variables.push(variable);
  }
  checkDependencies(reader, variables, (name) => (isMap(variablesNode) ? keyOf(variablesNode.get(name, true), 'derive') : root));
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

/** Reports a key written twice in any mapping of the template, in one pass over the tree. */
function findDuplicateKeys(reader: Reader, root: Node): void {
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const node = pending.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (seen.has(key)) problem(reader, pair.key, `duplicate key "${String(key)}"`);
        seen.add(key);
        pending.push(pair.value);
      }
    } else if (isSeq(node)) {
      appendAll(pending, node.items);
    }
  }
}
