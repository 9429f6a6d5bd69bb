/** Pure: a template's variables by name, built once per template (rules look names up per env entry). */
import type { Template, TemplateVariable } from './types.js';

const INDEXES = new WeakMap<Template, Map<string, TemplateVariable>>();

/** The template's variable of this name, if any, in constant time. */
export function findVariable(template: Template | undefined, name: string): TemplateVariable | undefined {
  if (template === undefined) return undefined;
  let index = INDEXES.get(template);
  if (index === undefined) {
    index = new Map(template.variables.map((variable) => [variable.name, variable]));
    INDEXES.set(template, index);
  }
  return index.get(name);
}
