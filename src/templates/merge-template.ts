/**
 * Pure: `template infer --merge`. Adds the inferred variables an existing template lacks, as text
 * inserted at the end of its `variables:` mapping, so every existing line (hand edits, comments,
 * order, quoting) stays byte-identical. Variables no longer found are kept and listed.
 */
import { isMap, isScalar, parseDocument } from 'yaml';
import { appendAll } from '../append-all.js';
import { LucidError } from '../errors.js';
import type { InferredVariable } from './infer.js';
import { stringifyVariable } from './stringify-template.js';

/** The merged text, the names added, and the names the template has that inference no longer found. */
export function mergeTemplateText(
  text: string,
  variables: readonly InferredVariable[],
  file: string,
): { text: string; added: string[]; unreferenced: string[] } {
  const document = parseDocument(text, { uniqueKeys: false });
  if (document.errors.length > 0 || !isMap(document.contents)) {
    throw new LucidError('TEMPLATE_INVALID', `${file} is not a template mapping; cannot merge into it`, { hint: 'fix it, or pass --force to replace it' });
  }
  const node = document.contents.get('variables', true);
  const existing = new Set<string>();
  if (isMap(node)) for (const pair of node.items) if (isScalar(pair.key)) existing.add(String(pair.key.value));
  const inferred = new Set(variables.map((variable) => variable.name));
  const fresh = variables.filter((variable) => !existing.has(variable.name));
  const unreferenced = [...existing].filter((name) => !inferred.has(name));
  if (fresh.length === 0) return { text, added: [], unreferenced };
  const lines: string[] = [];
  for (const variable of fresh) appendAll(lines, stringifyVariable(variable));
  const block = `${lines.join('\n')}\n`;
  const withNewline = text.endsWith('\n') || text === '' ? text : `${text}\n`;
  if (node === undefined || node === null) return { text: `${withNewline}variables:\n${block}`, added: fresh.map((item) => item.name), unreferenced };
  if (!isMap(node) || node.flow === true) {
    if (isMap(node) && node.items.length === 0 && node.range !== undefined && node.range !== null) {
      const [start, end] = node.range;
      const rest = withNewline.slice(end).replace(/^[^\n]*\n/, '');
      return { text: `${withNewline.slice(0, start).trimEnd()}\n${block}${rest}`, added: fresh.map((item) => item.name), unreferenced };
    }
    throw new LucidError('TEMPLATE_INVALID', `${file}: variables is not a block mapping; --merge cannot add to it`, {
      hint: 'write variables as a block mapping',
    });
  }
  // After the last variable's last line: the next line that is not indented (or the end).
  const end = node.range?.[1] ?? withNewline.length;
  const lineEnd = withNewline.indexOf('\n', end - 1);
  const at = lineEnd < 0 ? withNewline.length : lineEnd + 1;
  return { text: `${withNewline.slice(0, at)}${block}${withNewline.slice(at)}`, added: fresh.map((item) => item.name), unreferenced };
}
