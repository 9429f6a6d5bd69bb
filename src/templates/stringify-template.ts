/** Pure: inferred variables as template YAML, with a `# why` comment line per decision. */
import { appendAll } from '../append-all.js';
import type { GeneratorSpec } from '../secrets/generate.js';
import type { InferredVariable } from './infer.js';

/** The header of an inferred template. */
export interface TemplateHeader {
  name: string;
  description: string;
  envFile?: string | undefined;
  compose: string[];
}

const PLAIN = /^[A-Za-z0-9_./][A-Za-z0-9_./-]*$/;

/** A YAML scalar: plain when safe, else double-quoted (JSON strings are valid YAML). */
export function formatYamlScalar(text: string): string {
  return PLAIN.test(text) && !/^(?:true|false|yes|no|on|off|null|~|[-+]?[\d.]+(?:e[-+]?\d+)?)$/i.test(text) ? text : JSON.stringify(text);
}

function formatGenerator(spec: GeneratorSpec): string {
  return spec.kind === 'bytes'
    ? `{ kind: bytes, bytes: ${spec.bytes}, encoding: ${spec.encoding} }`
    : `{ kind: password, length: ${spec.length}, alphabet: ${formatYamlScalar(spec.alphabet)} }`;
}

/** The lines of one variable (indented for `variables:`). */
export function stringifyVariable(variable: InferredVariable): string[] {
  const lines = [`  ${variable.name}:`];
  for (const note of variable.notes) lines.push(`    # ${note.replace(/[\r\n]+/g, ' ')}`);
  if (variable.secret) lines.push('    secret: true');
  if (variable.supplied) lines.push('    supplied: true');
  if (variable.required) lines.push('    required: true');
  if (variable.type !== undefined) lines.push(`    type: ${variable.type}`);
  if (variable.default !== undefined) lines.push(`    default: ${JSON.stringify(variable.default)}`);
  if (variable.generate !== undefined) lines.push(`    generate: ${formatGenerator(variable.generate)}`);
  if (variable.derive !== undefined) lines.push(`    derive: { template: ${JSON.stringify(variable.derive)} }`);
  if (lines.length === 1 + variable.notes.length) lines.push('    type: string');
  return lines;
}

/** The whole template file. */
export function stringifyTemplate(header: TemplateHeader, variables: readonly InferredVariable[]): string {
  const lines = [
    `# ${header.description}`,
    '# Written by `lucid-env template infer`. Every decision has a comment saying why: review them,',
    '# edit freely (`template infer --merge` keeps your edits), then name this file as the template.',
    `name: ${formatYamlScalar(header.name)}`,
    `description: ${JSON.stringify(header.description)}`,
  ];
  if (header.envFile !== undefined) lines.push(`envFile: ${formatYamlScalar(header.envFile)}`);
  lines.push(`compose: [${header.compose.map(formatYamlScalar).join(', ')}]`);
  lines.push(variables.length === 0 ? 'variables: {}' : 'variables:');
  for (const variable of variables) appendAll(lines, stringifyVariable(variable));
  return `${lines.join('\n')}\n`;
}
