// Lint: no line of source, tests or scripts is longer than 160 characters (Biome's formatter wraps
// code at 160 but leaves long strings and comments alone).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const MAX = 160;
const root = new URL('..', import.meta.url).pathname;
const folders = ['src', 'test', 'scripts'];
const skip = new Set(['fixtures', 'vectors', 'node_modules']);

function* files(directory) {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!skip.has(entry.name)) yield* files(join(directory, entry.name));
    } else if (/\.(ts|mjs|cjs|js)$/.test(entry.name)) yield join(directory, entry.name);
  }
}

const long = [];
for (const folder of folders) {
  for (const file of files(join(root, folder))) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        if (line.length > MAX) long.push(`${relative(root, file)}:${index + 1}: ${line.length} characters`);
      });
  }
}
if (long.length > 0) {
  process.stderr.write(`lines over ${MAX} characters:\n${long.join('\n')}\n`);
  process.exitCode = 1;
}
