import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The pure core (STYLE 4.1 and 4.7): text in, data out. IO lives in commands/, fs/, history/,
// compose/load.ts, templates/load.ts, prompt.ts and context.ts.
const PURE = [
  'compose/interpolation.ts', 'compose/substitution.ts', 'compose/references.ts', 'compose/stream-scan.ts', 'compose/document.ts',
  'compose/lint.ts', 'compose/nesting.ts', 'compose/scalar-offsets.ts', 'compose/services.ts', 'compose/variables.ts', 'compose/records.ts',
  'compose/env-file-positions.ts', 'templates/parse.ts', 'templates/plan.ts', 'templates/value-types.ts', 'findings.ts', 'report.ts', 'paths.ts',
  ...['dotenv', 'rules', 'reporters'].flatMap((folder) => readdirSync(join(process.cwd(), 'src', folder)).map((file) => `${folder}/${file}`)),
  ...readdirSync(join(process.cwd(), 'src', 'secrets')).filter((file) => file !== 'random.ts').map((file) => `secrets/${file}`),
];
const FORBIDDEN = /from '(node:fs(\/promises)?|node:child_process|libsodium-wrappers|@inquirer\/[a-z]+|\.\.\/(fs|commands|history)\/[^']+|\.\.\/prompt\.js)'/;

describe('architecture', () => {
  for (const file of PURE) {
    it(`${file} stays pure: no file system, no prompts, no libsodium, no commands`, () => {
      const source = readFileSync(join(process.cwd(), 'src', file), 'utf8');
      const offending = source.split('\n').filter((line) => line.startsWith('import ') && !line.startsWith('import type ') && FORBIDDEN.test(line));
      assert.deepEqual(offending, []);
    });
  }

  it('only src/cli.ts calls process.exit, and nothing in src writes with console', () => {
    const files = (folder: string): string[] =>
      readdirSync(join(process.cwd(), 'src', folder), { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? files(join(folder, entry.name)) : [join(folder, entry.name)]));
    for (const file of files('.')) {
      const source = readFileSync(join(process.cwd(), 'src', file), 'utf8');
      assert.equal(/console\.(log|error|warn|info)\(/.test(source), false, file);
      if (file !== 'cli.ts') assert.equal(/process\.exit\(/.test(source), false, file);
    }
  });
});
