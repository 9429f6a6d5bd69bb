/**
 * The pure/IO split (STYLE 4.1, 4.7) is enforced by Biome's noRestrictedImports in biome.json.
 * These tests lint probe files laid out like src/ with the project's own configuration, so a change
 * to biome.json that stops catching an import fails here.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';

const MULTI_LINE_FS = "import {\n  readFileSync,\n} from 'node:fs';\n\nexport const probe = readFileSync;\n";
const PROBES: Record<string, string> = {
  'src/rules/multi-line.ts': MULTI_LINE_FS,
  'src/rules/re-export.ts': "export { readdirSync } from 'node:fs';\n",
  'src/dotenv/promises.ts': "import { readFile } from 'node:fs/promises';\n\nexport const probe = readFile;\n",
  'src/compose/lock.ts': "import { acquireLock } from '../fs/lock.js';\n\nexport const probe = acquireLock;\n",
  'src/reporters/sodium.ts': "import sodium from 'libsodium-wrappers';\n\nexport const probe = sodium;\n",
  'src/secrets/context.ts': "import type { Context } from '../context.js';\n\nexport type Probe = Context;\n",
  'src/templates/command.ts': "import { check } from '../commands/check.js';\n\nexport const probe = check;\n",
  'src/commands/sodium.ts': "import sodium from 'libsodium-wrappers';\n\nexport const probe = sodium;\n",
  'src/commands/inquirer.ts': "import { input } from '@inquirer/prompts';\n\nexport const probe = input;\n",
  'src/commands/console.ts': "export function probe(): void {\n  console.log('x');\n}\n",
  // Allowed: IO modules may read files; the loaders of the pure folders are IO.
  'src/commands/fs.ts': MULTI_LINE_FS,
  'src/compose/load.ts': MULTI_LINE_FS,
  'src/templates/load.ts': MULTI_LINE_FS,
  'src/secrets/random.ts': "import sodium from 'libsodium-wrappers';\n\nexport const probe = sodium;\n",
  'src/prompt.ts': "import { input } from '@inquirer/prompts';\n\nexport const probe = input;\n",
};
const ALLOWED = ['src/commands/fs.ts', 'src/compose/load.ts', 'src/templates/load.ts', 'src/secrets/random.ts', 'src/prompt.ts'];

interface Diagnostic {
  category: string;
  location: { path: string };
}

describe('architecture (biome.json)', () => {
  let flagged = new Map<string, string[]>();
  let work = '';
  before(() => {
    work = mkdtempSync(join(tmpdir(), 'lucid-env-lint-'));
    copyFileSync('biome.json', join(work, 'biome.json'));
    for (const [path, text] of Object.entries(PROBES)) {
      mkdirSync(dirname(join(work, path)), { recursive: true });
      writeFileSync(join(work, path), text);
    }
    const biome = join(process.cwd(), 'node_modules', '.bin', 'biome');
    const result = spawnSync(biome, ['lint', '--reporter=json', '--max-diagnostics=none', '.'], { cwd: work, encoding: 'utf8' });
    const diagnostics = (JSON.parse(result.stdout) as { diagnostics: Diagnostic[] }).diagnostics;
    flagged = new Map();
    for (const diagnostic of diagnostics) flagged.set(diagnostic.location.path, [...(flagged.get(diagnostic.location.path) ?? []), diagnostic.category]);
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  for (const path of Object.keys(PROBES).filter((probe) => !ALLOWED.includes(probe))) {
    it(`flags ${path}`, () => {
      const expected = path.endsWith('console.ts') ? 'lint/suspicious/noConsole' : 'lint/style/noRestrictedImports';
      assert.deepEqual(flagged.get(path), [expected]);
    });
  }

  it('lets IO modules and the two lazy loaders import what they need', () => {
    assert.deepEqual(
      ALLOWED.filter((path) => flagged.has(path)),
      [],
    );
  });

  it('only src/cli.ts calls process.exit', () => {
    const files = (folder: string): string[] =>
      readdirSync(join(process.cwd(), 'src', folder), { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? files(join(folder, entry.name)) : [join(folder, entry.name)],
      );
    const exiting = files('.').filter((file) => file !== 'cli.ts' && /process\.exit\(/.test(readFileSync(join(process.cwd(), 'src', file), 'utf8')));
    assert.deepEqual(exiting, []);
  });
});
