/** Pure: questions about parsed Dockerfile stages (kept apart from the parser, so rules do not load dockerfile-ast). */
import type { DockerfileFacts, DockerStage } from './types.js';

/** The JSON (exec) form of CMD, ENTRYPOINT, RUN or HEALTHCHECK's command; undefined for the shell form. */
export function parseExecForm(text: string): string[] | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('[')) return undefined;
  try {
    const value: unknown = JSON.parse(trimmed);
    return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The stage chain of the final stage, from the final stage back to the one on an outside image. */
export function finalStageChain(facts: DockerfileFacts): DockerStage[] {
  const chain: DockerStage[] = [];
  let index: number | undefined = facts.final;
  while (index !== undefined && index >= 0 && chain.length <= facts.stages.length) {
    const stage: DockerStage | undefined = facts.stages[index];
    if (stage === undefined) break;
    chain.push(stage);
    index = stage.parent;
  }
  return chain;
}
