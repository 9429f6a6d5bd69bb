/**
 * Pure: Dockerfile text → its stages (multi-stage `FROM … AS`, ARGs expanded in FROM), instructions
 * and literal secrets. Parsing is dockerfile-ast's (line continuations, escape directive, heredocs).
 */
import dockerfileAst from 'dockerfile-ast';
import { expandDockerVariables, hasDockerVariable } from './docker-variables.js';
import { isSecretEntry } from './secret-names.js';
import { parseExecForm } from './stages.js';
import type { DockerfileFacts, DockerInstruction, DockerStage } from './types.js';

type AstInstruction = ReturnType<ReturnType<typeof dockerfileAst.DockerfileParser.parse>['getInstructions']>[number];

/** Parses a Dockerfile; `buildArgs` are compose's `build.args` (they override ARG defaults), `target` picks the final stage. */
export function parseDockerfile(
  text: string,
  file: string,
  options: { buildArgs?: Record<string, string>; target?: string | undefined } = {},
): DockerfileFacts {
  const buildArgs = options.buildArgs ?? {};
  const parsed = dockerfileAst.DockerfileParser.parse(text);
  const lines = text.split('\n');
  const globalArgs = new Map<string, string | undefined>();
  const stages: DockerStage[] = [];
  const facts: DockerfileFacts = { file, stages, final: -1, literalSecrets: [] };
  let stageArgs = new Map<string, string | undefined>();
  for (const instruction of parsed.getInstructions()) {
    const keyword = instruction.getKeyword().toUpperCase();
    const item = toInstruction(instruction, keyword, lines);
    if (keyword === 'FROM') {
      stages.push(readStage(instruction, item, stages, (name) => argValue(name, globalArgs, buildArgs)));
      stageArgs = new Map();
      continue;
    }
    if (keyword === 'ARG' || keyword === 'ENV') readProperties(instruction, keyword, facts);
    if (keyword === 'ARG') {
      for (const [name, value] of readArgs(instruction)) (stages.length === 0 ? globalArgs : stageArgs).set(name, value ?? globalArgs.get(name));
    }
    const stage = stages.at(-1);
    if (stage === undefined) continue;
    if (keyword === 'USER') {
      const resolved = expandDockerVariables(item.text, (name) => argValue(name, stageArgs, buildArgs));
      if (resolved !== undefined) item.text = resolved;
    }
    stage.instructions.push(item);
  }
  const target = options.target === undefined ? -1 : stages.findIndex((stage) => stage.name?.toLowerCase() === options.target?.toLowerCase());
  facts.final = target !== -1 ? target : stages.length - 1;
  return facts;
}

function argValue(name: string, declared: ReadonlyMap<string, string | undefined>, buildArgs: Record<string, string>): string | undefined {
  if (!declared.has(name)) return undefined;
  return Object.hasOwn(buildArgs, name) ? buildArgs[name] : declared.get(name);
}

// Arguments are read only where a rule looks at them; dockerfile-ast's argument parsing of long RUNs costs.
const READ_ARGUMENTS = new Set(['USER', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK', 'SHELL']);

function toInstruction(instruction: AstInstruction, keyword: string, lines: readonly string[]): DockerInstruction {
  const start = instruction.getRange().start;
  const at = { line: start.line + 1, column: start.character + 1 };
  if (READ_ARGUMENTS.has(keyword)) {
    const text = instruction.getArgumentsContent() ?? '';
    return { keyword, text, argv: parseExecForm(text), ...at };
  }
  // RUN and the rest: only whether the exec form starts on the first line matters.
  const first = (lines[start.line] ?? '').slice(start.character + keyword.length).trim();
  return { keyword, text: first, argv: first.startsWith('[') ? (parseExecForm(first) ?? []) : undefined, ...at };
}

function readStage(
  instruction: AstInstruction,
  item: DockerInstruction,
  stages: readonly DockerStage[],
  lookup: (name: string) => string | undefined,
): DockerStage {
  const from = instruction as unknown as { getImage(): string | null; getBuildStage(): string | null };
  const base = from.getImage() ?? '';
  const resolvedBase = hasDockerVariable(base) ? expandDockerVariables(base, lookup) : base;
  const parentIndex = resolvedBase === undefined ? -1 : stages.findIndex((stage) => stage.name?.toLowerCase() === resolvedBase.toLowerCase());
  return {
    name: from.getBuildStage() ?? undefined,
    base,
    resolvedBase,
    parent: parentIndex === -1 ? undefined : parentIndex,
    line: item.line,
    column: item.column,
    instructions: [],
  };
}

function readArgs(instruction: AstInstruction): [string, string | undefined][] {
  const properties = (instruction as unknown as { getProperties(): { getName(): string; getValue(): string | null }[] }).getProperties();
  return properties.map((property) => [property.getName(), property.getValue() ?? undefined]);
}

function readProperties(instruction: AstInstruction, keyword: 'ARG' | 'ENV', facts: DockerfileFacts): void {
  const properties = (
    instruction as unknown as {
      getProperties(): { getName(): string; getValue(): string | null; getNameRange(): { start: { line: number; character: number } } }[];
    }
  ).getProperties();
  for (const property of properties) {
    const value = property.getValue();
    if (value === null || value === '' || hasDockerVariable(value) || !isSecretEntry(property.getName(), value)) continue;
    const start = property.getNameRange().start;
    facts.literalSecrets.push({ name: property.getName(), keyword, value, line: start.line + 1, column: start.character + 1 });
  }
}
