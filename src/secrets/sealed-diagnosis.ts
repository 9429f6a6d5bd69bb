/**
 * Names what was done to a sealed file that fails: values swapped, moved or copied between keys,
 * copied from another sealed file, edited; or, when every value holds, which part of the file
 * changed (line endings, header, layout).
 */
import type { Sodium } from './random.js';
import type { SealedBody, SealedProblem, SealedValue } from './sealed-body.js';
import { tampered } from './sealed-body.js';
import type { DataKeys } from './sealed-crypto.js';
import { computeMac, isSameBytes, openValue } from './sealed-crypto.js';
import type { SealedParts } from './sealed-header.js';

// Trying every other slot is quadratic; past this many values a failure is reported without a culprit.
const MAX_SLOTS_TRIED = 2000;

/** One problem per value that does not authenticate in its own slot. */
export function diagnoseValues(sodium: Sodium, body: SealedBody, keys: DataKeys, fileId: Uint8Array, failed: readonly SealedValue[]): SealedProblem[] {
  const ownerOf = new Map<SealedValue, SealedValue | undefined>();
  for (const value of failed) {
    if (value.token === undefined) continue; // already reported without a key
    if (value.token.tag !== keys.tag) continue;
    const { payload } = value.token;
    const slots = body.values.length <= MAX_SLOTS_TRIED ? body.values : [];
    ownerOf.set(
      value,
      slots.find((other) => other !== value && openValue(sodium, keys, fileId, other.slot, payload) !== undefined),
    );
  }
  const problems: SealedProblem[] = [];
  const reported = new Set<SealedValue>();
  for (const value of failed) {
    if (value.token === undefined || reported.has(value)) continue;
    const { key } = value.slot;
    const at = (message: string) => tampered(value.entry.valueLine, value.entry.valueColumn, message, key);
    if (value.token.tag !== keys.tag) {
      problems.push(at(`the sealed value of ${key} was made with another data key: copied from another sealed file, or from an older version of this one`));
      continue;
    }
    const owner = ownerOf.get(value);
    if (owner === undefined) {
      problems.push(at(`the sealed value of ${key} fails authentication: edited (a changed byte), or moved from a key this file no longer has`));
    } else if (ownerOf.get(owner) === value) {
      reported.add(owner);
      problems.push(at(`the values of ${describe(value)} and ${describe(owner)} were swapped`));
    } else {
      problems.push(at(`the value under ${describe(value)} is the sealed value of ${describe(owner)}: moved or copied from there`));
    }
  }
  return problems;
}

/** Every value holds but the MAC does not: say which part of the file changed. */
export function diagnoseMac(sodium: Sodium, keys: DataKeys, parts: SealedParts): SealedProblem {
  const matches = (text: string) => isSameBytes(sodium, computeMac(sodium, keys, text), parts.header.mac);
  if (matches(parts.macInput.replaceAll('\r\n', '\n')) || matches(parts.macInput.replace(/\r?\n/g, '\r\n'))) {
    return tampered(1, 1, 'the line endings of the sealed file were changed (git autocrlf?); add "*.sealed -text" to .gitattributes and check it out again');
  }
  return tampered(
    1,
    1,
    'the sealed file was edited outside lucid-env: its header, comments, blank lines or the order of its lines changed (every value is intact)',
  );
}

function describe(value: SealedValue): string {
  return value.slot.occurrence === 0 ? value.slot.key : `${value.slot.key} (definition ${value.slot.occurrence + 1})`;
}
