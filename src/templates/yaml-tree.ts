/**
 * Pure: template YAML → plain data plus where every node starts, through js-yaml. A template of a
 * thousand variables parses about ten times faster than with the yaml package, which compose files
 * keep (render needs its comments and formatting). The SPEC section 9 properties hold: js-yaml
 * refuses duplicate keys, applies merge keys (`<<`), stores `__proto__` as a plain key, and never
 * copies an aliased node (an alias bomb builds nothing).
 */
import type { State, Type } from 'js-yaml';
import * as jsYaml from 'js-yaml';

/** One YAML node: where it starts, what it holds, and its child nodes (a mapping's keys and values alternate). */
export interface YamlNode {
  start: number;
  kind: 'mapping' | 'sequence' | 'scalar' | null;
  value: unknown;
  children: YamlNode[];
}

/** A YAML error: where, and js-yaml's reason. */
export interface YamlError {
  offset: number;
  reason: string;
}

let schema: jsYaml.Schema | undefined;

/** YAML 1.2's core schema (as the yaml package reads compose files: no timestamps, no `yes`/`no`) plus merge keys. */
function templateSchema(): jsYaml.Schema {
  // @types/js-yaml leaves out `types`, the built-in tags js-yaml 4 exports.
  schema ??= jsYaml.CORE_SCHEMA.extend({ implicit: [(jsYaml as unknown as { types: { merge: Type } }).types.merge] });
  return schema;
}

/**
 * Parses one YAML document; the root node is undefined for an empty document. Nodes deeper than
 * `maxDepth` (the root is 1) are not kept: a template needs places down to a variable's keys only.
 */
export function readYamlTree(text: string, maxDepth = Number.POSITIVE_INFINITY): { data: unknown; root: YamlNode | undefined } | { error: YamlError } {
  const starts: number[] = [];
  const levels: YamlNode[][] = [[]];
  let depth = 0;
  const listener = (event: 'open' | 'close', state: State) => {
    if (event === 'open') {
      depth++;
      if (depth > maxDepth) return;
      starts.push(state.position);
      levels.push([]);
      return;
    }
    depth--;
    if (depth >= maxDepth) return;
    const children = levels.pop() ?? [];
    levels.at(-1)?.push({ start: starts.pop() ?? 0, kind: (state.kind as YamlNode['kind'] | undefined) ?? null, value: state.result, children });
  };
  try {
    const data = jsYaml.load(text, { schema: templateSchema(), listener });
    return { data, root: levels[0]?.[0] };
  } catch (error) {
    const { mark, reason, message } = error as { mark?: { position: number }; reason?: string; message?: string };
    // A stack overflow from absurd nesting has no mark; it is still a YAML problem, not a crash.
    return { error: { offset: mark?.position ?? 0, reason: reason ?? message ?? String(error) } };
  }
}

/** The key and value nodes of a mapping node, in order (none for anything else). */
export function listEntries(node: YamlNode | undefined): { key: YamlNode; value: YamlNode }[] {
  if (node?.kind !== 'mapping') return [];
  const entries: { key: YamlNode; value: YamlNode }[] = [];
  for (let index = 0; index + 1 < node.children.length; index += 2) {
    entries.push({ key: node.children[index] as YamlNode, value: node.children[index + 1] as YamlNode });
  }
  return entries;
}

/** The value node of `key` in a mapping node. */
export function findValue(node: YamlNode | undefined, key: string): YamlNode | undefined {
  return listEntries(node).find((entry) => entry.key.value === key)?.value;
}
