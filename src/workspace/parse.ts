/** Pure: `lucid-env.yml` text → a Workspace, or `workspace-invalid` findings at the file's lines. */
import { isAbsolute, join } from 'node:path';
import type { Node } from 'yaml';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { estimateNestingDepth, MAX_YAML_DEPTH } from '../compose/nesting.js';
import type { Finding } from '../findings.js';
import { makeFinding } from '../findings.js';
import type { Workspace, WorkspaceStack } from './types.js';

/** The workspace file's name, found by walking up from the current directory. */
export const WORKSPACE_FILE = 'lucid-env.yml';

const TOP_KEYS = new Set(['version', 'stacks', 'audit']);
const STACK_KEYS = new Set(['compose', 'envFiles', 'projectDirectory', 'template']);
const STACK_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

interface Reader {
  file: string;
  root: string;
  lineCounter: LineCounter;
  findings: Finding[];
}

function lineOf(reader: Reader, node: unknown): number {
  const range = (node as Node | null | undefined)?.range;
  return range ? reader.lineCounter.linePos(range[0]).line : 1;
}

function problem(reader: Reader, node: unknown, message: string): void {
  reader.findings.push(makeFinding('workspace-invalid', { file: reader.file, line: lineOf(reader, node), column: 1 }, message));
}

function absolute(reader: Reader, path: string): string {
  return isAbsolute(path) ? path : join(reader.root, path);
}

function readPaths(reader: Reader, stack: string, key: string, node: unknown): string[] {
  const value = isMap(node) ? node.get(key, true) : undefined;
  if (value === undefined) return [];
  const items = (value as { items?: unknown[] }).items;
  const list = Array.isArray(items) ? items : [value];
  const paths: string[] = [];
  for (const item of list) {
    if (isScalar(item) && typeof item.value === 'string' && item.value !== '') paths.push(absolute(reader, item.value));
    else problem(reader, item, `stack ${stack}: ${key} must be a path or a list of paths`);
  }
  return paths;
}

function readStack(reader: Reader, name: string, keyNode: unknown, node: unknown): WorkspaceStack | undefined {
  if (!STACK_NAME.test(name)) return void problem(reader, keyNode, `stack name "${name}" must be letters, digits, ".", "_" or "-"`);
  if (!isMap(node)) return void problem(reader, keyNode, `stack ${name} must be a mapping with compose, envFiles, projectDirectory, template`);
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!STACK_KEYS.has(key)) problem(reader, pair.key, `stack ${name}: unknown key "${key}" (expected ${[...STACK_KEYS].join(', ')})`);
  }
  const stack: WorkspaceStack = {
    name,
    compose: readPaths(reader, name, 'compose', node),
    envFiles: readPaths(reader, name, 'envFiles', node),
    line: lineOf(reader, keyNode),
  };
  if (stack.compose.length === 0) problem(reader, keyNode, `stack ${name} names no compose file`);
  for (const key of ['projectDirectory', 'template'] as const) {
    const value = node.get(key, true);
    if (value === undefined) continue;
    if (!isScalar(value) || typeof value.value !== 'string' || value.value === '') {
      problem(reader, value, `stack ${name}: ${key} must be a string`);
      continue;
    }
    // A template is a built-in name unless it looks like a path (as `-t` decides).
    const isPath = key === 'projectDirectory' || value.value.includes('/') || /\.ya?ml$/.test(value.value);
    stack[key] = isPath ? absolute(reader, value.value) : value.value;
  }
  return stack;
}

/** Parses a workspace file; the workspace is undefined when any finding is an error. */
export function parseWorkspaceText(text: string, file: string, directory: string): { workspace: Workspace | undefined; findings: Finding[] } {
  const reader: Reader = { file, root: directory, lineCounter: new LineCounter(), findings: [] };
  if (estimateNestingDepth(text) > MAX_YAML_DEPTH) {
    problem(reader, null, `the workspace file nests more than ${MAX_YAML_DEPTH} levels deep`);
    return { workspace: undefined, findings: reader.findings };
  }
  const document = parseDocument(text, { lineCounter: reader.lineCounter, prettyErrors: false, merge: true });
  for (const error of document.errors) {
    const position = reader.lineCounter.linePos(error.pos[0]);
    reader.findings.push(
      makeFinding('workspace-invalid', { file, line: position.line, column: position.col }, `invalid YAML: ${error.message.split('\n')[0] ?? ''}`),
    );
  }
  const root = document.contents;
  if (reader.findings.length > 0 || !isMap(root)) {
    if (reader.findings.length === 0) problem(reader, root, 'the workspace file must be a mapping with version and stacks');
    return { workspace: undefined, findings: reader.findings };
  }
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!TOP_KEYS.has(key)) problem(reader, pair.key, `unknown top-level key "${key}" (expected version, stacks, audit)`);
  }
  const version: unknown = root.get('version', true);
  if (!isScalar(version) || version.value !== 1) problem(reader, version ?? root, 'version must be 1');
  const stacksNode = root.get('stacks', true);
  const stacks: WorkspaceStack[] = [];
  if (!isMap(stacksNode)) problem(reader, stacksNode ?? root, 'stacks must be a mapping of NAME: { compose, envFiles, … }');
  else {
    for (const pair of stacksNode.items) {
      const stack = readStack(reader, isScalar(pair.key) ? String(pair.key.value) : '', pair.key, pair.value);
      if (stack !== undefined) stacks.push(stack);
    }
  }
  const workspace: Workspace = { file, root: reader.root, version: 1, stacks };
  const audit = root.get('audit', true);
  if (audit !== undefined) {
    if (!isMap(audit)) problem(reader, audit, 'audit must be a mapping (rules, allow-lists, waivers)');
    else {
      workspace.audit = audit.toJSON() as Record<string, unknown>;
      workspace.auditLine = lineOf(reader, audit);
    }
  }
  const hasErrors = reader.findings.some((finding) => finding.severity === 'error');
  return { workspace: hasErrors ? undefined : workspace, findings: reader.findings };
}
