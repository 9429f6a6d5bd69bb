// `npm run docs`: writes the findings table of README.md from the rule registry (src/rules/findings-table.ts),
// between its markers. test/rules/findings-table.test.ts fails while the README and the registry disagree.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--no-tests'], { stdio: 'inherit' });
const { FINDINGS_TABLE_MARKERS: markers, formatFindingsTable } = await import(join(root, 'dist', 'rules', 'findings-table.js'));
const readmePath = join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const start = readme.indexOf(markers.start);
const end = readme.indexOf(markers.end);
if (start === -1 || end < start) throw new Error(`README.md lacks the markers ${markers.start} … ${markers.end}`);
const updated = `${readme.slice(0, start + markers.start.length)}\n${formatFindingsTable()}\n${readme.slice(end)}`;
if (updated !== readme) writeFileSync(readmePath, updated);
process.stdout.write(updated === readme ? 'README.md findings table is up to date\n' : 'README.md findings table rewritten\n');
