/**
 * What `check` may not say about sealed files: a sealed file holds no plaintext, so its mode is
 * no risk; and the values of a sealed file no key opened were not read, so findings about them
 * (judged on sealed tokens) are dropped. The `sealed-unreadable` notice says so instead.
 */
import type { Finding } from '../findings.js';
import { VALUE_TOKEN_PREFIX } from '../secrets/sealed-crypto.js';
import type { EnvFile } from './env-files.js';

const VALUE_CODES: ReadonlySet<string> = new Set(['placeholder', 'weak-secret', 'invalid-value', 'ambiguous-value', 'inconsistent-secret']);
// Codes that compare a value with values of other files (derived values, copies): dropped wherever the name is sealed.
const CROSS_FILE_CODES: ReadonlySet<string> = new Set(['invalid-value', 'inconsistent-secret']);

/** Drops the findings that judged sealed tokens or the mode of a sealed file. */
export function dropSealedFalsePositives(findings: readonly Finding[], files: readonly EnvFile[]): Finding[] {
  const sealed = new Set(files.filter((file) => file.sealed !== undefined).map((file) => file.path));
  if (sealed.size === 0) return [...findings];
  const locked = files.filter((file) => file.sealed?.isLocked === true);
  const lockedPaths = new Set(locked.map((file) => file.path));
  const lockedNames = new Set(locked.flatMap((file) => [...file.values.keys()]));
  return findings.filter((finding) => {
    if (finding.code === 'insecure-permissions' && sealed.has(finding.file)) return false;
    // A path or value built from a sealed token (an env_file path from a sealed variable) was never real.
    if (locked.length > 0 && finding.message.includes(VALUE_TOKEN_PREFIX)) return false;
    if (!VALUE_CODES.has(finding.code)) return true;
    if (lockedPaths.has(finding.file)) return false;
    return !(CROSS_FILE_CODES.has(finding.code) && finding.variable !== undefined && lockedNames.has(finding.variable));
  });
}
