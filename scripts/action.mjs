// The GitHub Action's step (action.yml): runs the lucid-env built from the action's own repository with
// the `command` and `args` inputs, in the workflow's working directory. The inputs arrive as environment
// variables, never pasted into a shell script, so a quote in them cannot run anything. The step's exit
// code is lucid-env's (1 fails the job on error findings) and is also the `exit-code` output.
import { spawnSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Splits a command line as a shell would, without expanding anything: whitespace separates words,
 * single quotes keep everything, double quotes keep everything but `\"` and `\\`, a backslash outside
 * quotes escapes the next character. Throws on an unterminated quote.
 */
export function splitArguments(text) {
  const words = [];
  let word = '';
  let inWord = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (/\s/.test(char)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else if (char === "'") {
      const end = text.indexOf("'", index + 1);
      if (end === -1) throw new Error('unterminated single quote in the arguments');
      word += text.slice(index + 1, end);
      inWord = true;
      index = end;
    } else if (char === '"') {
      let end = index + 1;
      for (; end < text.length && text[end] !== '"'; end++) {
        if (text[end] === '\\' && (text[end + 1] === '"' || text[end + 1] === '\\')) end++;
        word += text[end];
      }
      if (end >= text.length) throw new Error('unterminated double quote in the arguments');
      inWord = true;
      index = end;
    } else if (char === '\\' && index + 1 < text.length) {
      word += text[++index];
      inWord = true;
    } else {
      word += char;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** Runs the action's step; returns lucid-env's exit code. */
export function runAction(env = process.env) {
  let argv;
  try {
    argv = [...splitArguments(env.LUCID_ENV_COMMAND ?? 'check'), ...splitArguments(env.LUCID_ENV_ARGS ?? '')];
  } catch (error) {
    process.stderr.write(`error [USAGE] ${error.message}\n  hint: quote with '...' or "...", and close every quote\n`);
    return 2;
  }
  const actionPath = env.GITHUB_ACTION_PATH ?? join(new URL('.', import.meta.url).pathname, '..');
  const result = spawnSync(process.execPath, [join(actionPath, 'dist', 'bin', 'lucid-env.js'), ...argv], { stdio: 'inherit', env });
  const code = result.status ?? 2;
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `exit-code=${code}\n`);
  return code;
}

if (process.argv[1] === new URL(import.meta.url).pathname) process.exitCode = runAction();
