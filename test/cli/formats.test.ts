import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Command } from 'commander';
import { buildProgram } from '../../src/program.js';
import { testContext } from '../helpers/context.js';

/** Every leaf command (template list, template show, …) with its --format choices. */
function formatsOf(program: Command): Map<string, string[]> {
  const formats = new Map<string, string[]>();
  const walk = (command: Command, prefix: string) => {
    for (const sub of command.commands) {
      const name = `${prefix}${sub.name()}`;
      if (sub.commands.length > 0) walk(sub, `${name} `);
      else formats.set(name, sub.options.find((option) => option.long === '--format')?.argChoices ?? []);
    }
  };
  walk(program, '');
  return formats;
}

describe('--format', () => {
  it('is on every command: text and json (not run), github and sarif where findings sit in files (as the README says)', () => {
    const ctx = testContext(process.cwd());
    const program = buildProgram({ createContext: () => ctx, setExitCode: () => undefined }, ctx);
    const expected = (name: string): string[] => {
      if (name === 'run') return ['text'];
      if (name === 'audit') return ['github', 'json', 'markdown', 'sarif', 'text'];
      return ['scan', 'check', 'rotate', 'sync'].includes(name) ? ['github', 'json', 'sarif', 'text'] : ['json', 'text'];
    };
    for (const [name, choices] of formatsOf(program)) assert.deepEqual([...choices].sort(), expected(name), name);
    const readme = readFileSync('README.md', 'utf8').replace(/\s+/g, ' ');
    assert.ok(
      readme.includes(
        "`--format` is on every command: `text` (the default) and `json` everywhere but `run` (whose output is the command's); " +
          '`scan`, `check`, `rotate`, `sync` and `audit` (whose findings sit in your files) also take `github` and `sarif`, and `audit` also ' +
          '`markdown`',
      ),
    );
  });
});
