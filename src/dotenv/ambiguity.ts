/**
 * `ambiguous-value`: entries that npm dotenv or python-dotenv read differently from Compose v2.
 * npm dotenv's own parser decides what it reads; python-dotenv 0.21 is encoded in python-reader.
 */
import dotenv from 'dotenv';
import type { Finding } from '../findings.js';
import { makeFinding } from '../findings.js';
import type { OtherReader } from './ambiguity-reasons.js';
import { explainDifference } from './ambiguity-reasons.js';
import type { EnvDocument, EnvEntry } from './document.js';
import { findEntry } from './document.js';
import { entryVariable, labelEntry } from './entry-label.js';
import { parseEnv } from './parse.js';
import { readWithPython } from './python-reader.js';

const READER_NAMES: Record<OtherReader, string> = { npm: 'npm dotenv', python: 'python-dotenv' };

/** What npm dotenv 18 reads for `key` in this text. */
function readWithNpm(raw: string, key: string): string | undefined {
  const values = dotenv.parse(Buffer.from(raw, 'utf8'));
  return Object.hasOwn(values, key) ? values[key] : undefined;
}

/**
 * One warning per entry whose value another reader sees differently. Each entry is read on its
 * own by all three, with the values defined before it as the only environment, so a difference
 * is reported once, where it is written, and never depends on the shell.
 */
export function findAmbiguousValues(document: EnvDocument, file: string): Finding[] {
  const findings: Finding[] = [];
  const earlier = new Map<string, string>();
  const lookup = (name: string): string | undefined => earlier.get(name);
  for (const line of document.lines) {
    if (line.kind !== 'entry' || line.key === '') continue;
    const compose = findEntry(parseEnv(line.raw, { file, lookup }).document, line.key)?.value;
    const differing = new Set<OtherReader>();
    if (line.inherited || readWithNpm(line.raw, line.key) !== compose) differing.add('npm');
    if (line.inherited || readWithPython(line.raw, lookup).get(line.key) !== compose) differing.add('python');
    if (differing.size > 0) findings.push(describe(line, differing, file));
    if (compose !== undefined) earlier.set(line.key, compose);
  }
  return findings;
}

function describe(entry: EnvEntry, differing: ReadonlySet<OtherReader>, file: string): Finding {
  const at = { file, line: entry.valueLine, column: entry.valueColumn };
  const hint = 'write the value so that every reader agrees: lucid-env set rewrites it in a safe form';
  const name = labelEntry(entry);
  if (entry.inherited) {
    const message =
      `${name}: Compose reads a line without "=" as a name to take from the environment, npm dotenv ignores it ` +
      'and python-dotenv reads it as a name with no value (None)';
    return makeFinding('ambiguous-value', at, message, { ...entryVariable(entry), hint: 'write NAME=value, or remove the line' });
  }
  const who = [...differing].map((reader) => READER_NAMES[reader]).join(' and ');
  const reasons = explainDifference(entry, differing);
  const why = reasons.length > 0 ? reasons.join('; ') : `${who} ${differing.size > 1 ? 'read' : 'reads'} another value than Compose`;
  return makeFinding('ambiguous-value', at, `${who} ${differing.size > 1 ? 'read' : 'reads'} ${name} differently from Compose: ${why}`, {
    ...entryVariable(entry),
    hint,
  });
}
