/**
 * Pure: the `docker compose -f FILE --env-file ENV` command lines of a script, so `workspace init`
 * can pair compose files with the env files people really run them with. Paths holding `$` (set at
 * run time) are left out; backslash-continued lines are joined.
 */

/** One compose command line of a script. */
export interface ComposeCommandLine {
  /** 1-based line where the command starts. */
  line: number;
  composeFiles: string[];
  envFiles: string[];
}

const FLAG_VALUE = /(?:^|\s)(-f|--file|--env-file)(?:=|\s+)("[^"]*"|'[^']*'|[^\s;&|)]+)/g;

function unquote(text: string): string {
  return /^(["']).*\1$/.test(text) ? text.slice(1, -1) : text;
}

/** Finds every line that runs Compose with both `-f` and `--env-file`. */
export function parseComposeCommandLines(text: string): ComposeCommandLine[] {
  const found: ComposeCommandLine[] = [];
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const start = index;
    let command = lines[index] ?? '';
    while (command.endsWith('\\') && index + 1 < lines.length) {
      index++;
      command = `${command.slice(0, -1)} ${lines[index] ?? ''}`;
    }
    if (!/compose/.test(command) || !command.includes('--env-file')) continue;
    const composeFiles: string[] = [];
    const envFiles: string[] = [];
    for (const match of command.matchAll(FLAG_VALUE)) {
      const value = unquote(match[2] ?? '');
      if (value === '' || value.includes('$') || value.startsWith('-')) continue;
      (match[1] === '--env-file' ? envFiles : composeFiles).push(value);
    }
    if (composeFiles.length > 0 && envFiles.length > 0) found.push({ line: start + 1, composeFiles, envFiles });
  }
  return found;
}

/** True for files worth reading for compose command lines: shell scripts, Makefiles, CI workflows. */
export function isScriptFileName(name: string, directory: string): boolean {
  if (/\.(sh|bash|mk)$/.test(name) || name === 'Makefile' || name === 'makefile' || name === 'justfile' || name === 'Justfile') return true;
  return /\.github\/workflows$/.test(directory.split('\\').join('/')) && /\.ya?ml$/.test(name);
}
