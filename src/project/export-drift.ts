/**
 * IO for `check`: compares what `export` recorded beside each env file with the env file's values
 * now and with the exported copies (secret files, manifest data), all by keyed fingerprint.
 * libsodium loads only when an env file has exports.
 */
import { join } from 'node:path';
import { parse } from 'yaml';
import { findEntry } from '../dotenv/document.js';
import type { Finding } from '../findings.js';
import { readTextIfExists } from '../fs/read.js';
import { createFingerprinter } from '../history/state.js';
import { displayPath } from '../paths.js';
import { runRules } from '../rules/registry.js';
import type { ExportDriftItem } from '../rules/rule.js';
import type { RandomSource, Sodium } from '../secrets/random.js';
import type { EnvFile } from './env-files.js';
import type { ExportRecord } from './export-record.js';
import { readExportRecords } from './export-record.js';

/** `export-drift` findings for the env files read (sealed ones no key opened are skipped). */
export async function findExportDrift(
  files: readonly EnvFile[],
  ctx: { cwd: string; sodium(): Promise<Sodium>; random(): Promise<RandomSource> },
): Promise<Finding[]> {
  const items: ExportDriftItem[] = [];
  for (const file of files) {
    if (file.sealed?.isLocked === true) continue;
    const records = await readExportRecords(file.path);
    if (records.length === 0) continue;
    const fingerprintOf = await createFingerprinter(file.path, { sodium: await ctx.sodium(), random: await ctx.random() }, { create: false });
    for (const record of records) {
      const exported = await readExportedValues(file.path, record);
      for (const secret of record.secrets) {
        const entry = findEntry(file.document, secret.key);
        const current = file.values.get(secret.key);
        const copy = exported.get(secret.key);
        items.push({
          envFile: file.path,
          key: secret.key,
          line: entry?.line ?? 0,
          column: entry?.column ?? 0,
          to: record.to,
          artifact: displayPath(join(file.path, '..', record.artifact), ctx.cwd),
          recorded: secret.fingerprint,
          current: current === undefined ? undefined : fingerprintOf(current),
          exported: copy === undefined ? undefined : fingerprintOf(copy),
        });
      }
    }
  }
  return items.length === 0 ? [] : runRules('exports', { items });
}

/** The values as exported now: secret files, or the manifest's base64 data. */
async function readExportedValues(envFile: string, record: ExportRecord): Promise<Map<string, string>> {
  const values = new Map<string, string>();
  const directory = join(envFile, '..');
  if (record.to === 'kubernetes') {
    const manifest = await readTextIfExists(join(directory, record.artifact), { what: 'manifest' });
    const data = manifest === undefined ? undefined : (parseQuietly(manifest.text) as { data?: Record<string, unknown> } | undefined)?.data;
    for (const [key, value] of Object.entries(data ?? {})) if (typeof value === 'string') values.set(key, Buffer.from(value, 'base64').toString('utf8'));
    return values;
  }
  for (const secret of record.secrets) {
    if (secret.file === undefined) continue;
    const read = await readTextIfExists(join(directory, secret.file), { what: 'secret file' });
    if (read !== undefined) values.set(secret.key, read.text);
  }
  return values;
}

function parseQuietly(text: string): unknown {
  try {
    return parse(text);
  } catch {
    return undefined;
  }
}
