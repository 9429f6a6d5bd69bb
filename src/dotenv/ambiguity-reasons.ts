/**
 * Why npm dotenv or python-dotenv read an entry differently from Compose, in words. Each reason
 * is a pattern of the written entry and the readers it misleads; none ever quotes the value.
 */
import type { EnvEntry } from './document.js';

/** A reader other than Compose. */
export type OtherReader = 'npm' | 'python';

interface Reason {
  readers: readonly OtherReader[];
  applies: (entry: EnvEntry) => boolean;
  text: string;
}

const isInterpolated = (entry: EnvEntry): boolean => entry.quote !== 'single' && !entry.inherited;
const written = (entry: EnvEntry): string => entry.rawValue;
const separator = (entry: EnvEntry): string => entry.raw.slice(entry.offsets.key + entry.key.length, entry.offsets.value);

const REASONS: readonly Reason[] = [
  {
    readers: ['python'],
    applies: (entry) => entry.raw.startsWith('\ufeff'),
    text: 'python-dotenv keeps the byte-order mark at the start of the file in the first name',
  },
  {
    readers: ['npm'],
    applies: (entry) => !/^[\w.-]+$/.test(entry.key),
    text: 'npm dotenv only accepts names made of letters, digits, "_", "." and "-"',
  },
  {
    readers: ['python'],
    applies: (entry) => separator(entry).includes(':') && !separator(entry).includes('='),
    text: 'python-dotenv does not accept ":" between the name and the value',
  },
  {
    readers: ['npm'],
    applies: (entry) => entry.quote === 'none' && written(entry).includes('#'),
    text: 'npm dotenv cuts an unquoted value at its first "#"; Compose only starts a comment at " #" (a space, then "#")',
  },
  {
    readers: ['python'],
    applies: (entry) => entry.quote === 'none' && /[^\S ]#/.test(written(entry)),
    text: 'python-dotenv also starts a comment at a tab before "#"; Compose only after a space',
  },
  {
    readers: ['npm'],
    applies: (entry) => entry.quote === 'none' && /^`[\s\S]*`$/.test(written(entry)) && written(entry).length >= 2,
    text: 'npm dotenv removes backticks around a value; Compose keeps them',
  },
  {
    readers: ['npm', 'python'],
    applies: (entry) => isInterpolated(entry) && /\$\$|\\\$/.test(written(entry)),
    text: 'Compose reads "$$" (and "\\$" in double quotes) as one "$"; npm dotenv and python-dotenv keep them as written',
  },
  {
    readers: ['npm', 'python'],
    applies: (entry) => isInterpolated(entry) && /(^|[^$])(\$\$)*\$[A-Za-z_]/.test(written(entry)),
    text: 'Compose expands $NAME; npm dotenv and python-dotenv keep it as text (python-dotenv only expands ${NAME})',
  },
  {
    readers: ['npm'],
    applies: (entry) => isInterpolated(entry) && written(entry).includes('${'),
    text: 'Compose expands ${...}; npm dotenv never interpolates and keeps it as text',
  },
  {
    readers: ['python'],
    applies: (entry) => isInterpolated(entry) && entry.references.some((reference) => reference.operator !== '' && reference.operator !== ':-'),
    text: 'python-dotenv only understands ${NAME} and ${NAME:-default}',
  },
  {
    readers: ['python'],
    applies: (entry) => isInterpolated(entry) && entry.references.some((reference) => reference.operator === ':-'),
    text: 'python-dotenv uses the default of ${NAME:-default} only when NAME is unset, not when it is empty',
  },
  {
    readers: ['python'],
    applies: (entry) => entry.quote === 'single' && written(entry).includes('${'),
    text: 'python-dotenv expands ${...} even in single quotes',
  },
  {
    readers: ['npm'],
    applies: (entry) => entry.quote === 'double' && /\\[abfntv"\\$0]/.test(written(entry)),
    text: 'Compose decodes backslash escapes such as \\t, \\\\ and \\" in double quotes; npm dotenv only decodes \\n and \\r',
  },
  {
    readers: ['python'],
    applies: (entry) => entry.quote === 'double' && /\\[0$'\\]/.test(written(entry)),
    text: "Compose and python-dotenv decode different backslash escapes in double quotes (python-dotenv: no \\0 octal or \\$; Compose: no \\')",
  },
  {
    readers: ['python'],
    applies: (entry) => entry.quote === 'single' && written(entry).includes('\\\\'),
    text: 'python-dotenv reads "\\\\" in single quotes as one backslash; Compose and npm dotenv keep both',
  },
  {
    readers: ['npm'],
    applies: (entry) => entry.quote === 'single' && written(entry).includes("\\'"),
    text: 'Compose reads "\\\'" in single quotes as a quote; npm dotenv keeps the backslash',
  },
  {
    readers: ['npm'],
    applies: (entry) => entry.quote !== 'none' && written(entry).includes('\r'),
    text: 'npm dotenv turns a CR inside the value into a line feed; Compose keeps it',
  },
];

/** The reasons that explain the readers that differ; empty when none of the patterns applies. */
export function explainDifference(entry: EnvEntry, differing: ReadonlySet<OtherReader>): string[] {
  return REASONS.filter((reason) => reason.readers.some((reader) => differing.has(reader)) && reason.applies(entry)).map((reason) => reason.text);
}
