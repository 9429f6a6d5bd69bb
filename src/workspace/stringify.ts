/** Pure: a workspace file's text from its stacks, with a comment per inferred decision. */

/** One stack as `workspace init` writes it; paths relative to the workspace folder. */
export interface StackText {
  name: string;
  compose: string[];
  envFiles: string[];
  template?: string;
  notes: string[];
}

const PLAIN = /^[A-Za-z0-9_./][A-Za-z0-9_./-]*$/;

function formatScalar(text: string): string {
  return PLAIN.test(text) ? text : JSON.stringify(text);
}

function formatList(items: readonly string[]): string {
  return `[${items.map(formatScalar).join(', ')}]`;
}

/** The text of `lucid-env.yml`. */
export function stringifyWorkspace(stacks: readonly StackText[]): string {
  const lines = [
    '# lucid-env workspace: the stacks of this repository, found by `lucid-env workspace init`.',
    '# Review it. envFiles are the env files Compose reads for ${...} (its --env-file files, in order,',
    '# later files win); init and generate write to the last one. Comments say why each was chosen.',
    'version: 1',
    stacks.length === 0 ? 'stacks: {}' : 'stacks:',
  ];
  for (const stack of stacks) {
    lines.push(`  ${formatScalar(stack.name)}:`);
    for (const note of stack.notes) lines.push(`    # ${note.replace(/\n/g, ' ')}`);
    lines.push(`    compose: ${formatList(stack.compose)}`);
    lines.push(`    envFiles: ${formatList(stack.envFiles)}`);
    if (stack.template !== undefined) lines.push(`    template: ${formatScalar(stack.template)}`);
  }
  return `${lines.join('\n')}\n`;
}
