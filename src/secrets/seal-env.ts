/**
 * Sealing an env file: the same layout (comments, blank lines, order, `export`, inline comments),
 * each value replaced by a sealed token, a header on top. Re-sealing with the previous state keeps
 * its data key, identity, recipient lines and the tokens of unchanged values, so a diff of the
 * sealed file shows the header and exactly the keys whose values changed.
 */
import type { EnvDocument, EnvEntry } from '../dotenv/document.js';
import { stringifyEnv } from '../dotenv/stringify.js';
import type { RandomSource, Sodium } from './random.js';
import { slotId } from './sealed-body.js';
import type { DataKeys } from './sealed-crypto.js';
import { computeDigest, computeMac, createNonceSource, deriveDataKeys, drawDataKey, sealDataKey, sealValue } from './sealed-crypto.js';
import type { SealedRecipient } from './sealed-header.js';
import { formatSealedHeader, SEALED_FORMAT } from './sealed-header.js';
import { openSealedWithDataKey } from './sealed-open.js';

/** A recipient to seal to. */
export interface Recipient {
  name: string;
  publicKey: Uint8Array;
}

/** A sealed file opened with a key: what a re-seal may keep. */
export interface OpenedSealed {
  fileId: Uint8Array;
  version: number;
  dataKey: Uint8Array;
  recipients: SealedRecipient[];
  /** Slot id → the value as written (quotes included) and its token. */
  slots: Map<string, { rawValue: string; token: string }>;
  /** The plain file, byte for byte. */
  plain: string;
}

/** Options of {@link sealEnv}. */
export interface SealOptions {
  recipients: readonly Recipient[];
  /** The file as it was, opened: its identity, data key and unchanged tokens are kept. */
  previous?: OpenedSealed | undefined;
  /** Draw a new data key even with a previous state (rekey; a removed recipient). */
  freshDataKey?: boolean;
  /** The version counter to write (default: the previous one plus 1, else 1). */
  version?: number | undefined;
  /** The file identity to keep when there is no previous state (a sealed file no key opened). */
  fileId?: Uint8Array | undefined;
}

/** What sealing produced. */
export interface SealResult {
  text: string;
  opened: OpenedSealed;
  /** Keys whose sealed value is new (changed, added, or every key with a new data key). */
  changedKeys: string[];
}

/** Seals a parsed env file (it must have no line Compose rejects); checks that it opens back exactly. */
export function sealEnv(sodium: Sodium, random: RandomSource, document: EnvDocument, options: SealOptions): SealResult {
  if (document.lines.some((line) => line.kind === 'invalid')) throw new Error('sealEnv: the document has lines Compose rejects');
  if (options.recipients.length === 0) throw new Error('sealEnv: no recipient');
  const previous = options.freshDataKey === true ? undefined : options.previous;
  const dataKey = previous?.dataKey ?? drawDataKey(random);
  const keys = deriveDataKeys(sodium, dataKey);
  const fileId = options.previous?.fileId ?? options.fileId ?? random.bytes(16);
  const plain = stringifyEnv(document);
  const nextNonce = createNonceSource(sodium, random);
  const slots = new Map<string, { rawValue: string; token: string }>();
  const changedKeys = new Set<string>();
  const occurrences = new Map<string, number>();
  let body = '';
  for (const line of document.lines) {
    if (line.kind !== 'entry' || line.inherited) {
      body += line.raw;
      continue;
    }
    const occurrence = occurrences.get(line.key) ?? 0;
    occurrences.set(line.key, occurrence + 1);
    const slot = { key: line.key, occurrence };
    const kept = previous?.slots.get(slotId(slot));
    const token = kept?.rawValue === line.rawValue ? kept.token : sealValue(sodium, nextNonce, keys, fileId, slot, line.rawValue);
    if (token !== kept?.token) changedKeys.add(line.key);
    slots.set(slotId(slot), { rawValue: line.rawValue, token });
    body += replaceValue(line, token);
  }
  if (document.bom) body = body.slice(1);
  const recipients = options.recipients.map((recipient) => ({
    ...recipient,
    box: previous?.recipients.find((known) => sodium.memcmp(known.publicKey, recipient.publicKey))?.box ?? sealDataKey(sodium, dataKey, recipient.publicKey),
  }));
  const version = options.version ?? (options.previous === undefined ? 1 : options.previous.version + 1);
  const header = formatSealedHeader(
    { format: SEALED_FORMAT, fileId, version, entries: slots.size, digest: computeDigest(sodium, keys, plain), recipients },
    document.eol,
  );
  const bom = document.bom ? '\ufeff' : '';
  const text = `${bom}${header.lines}${header.macLine(computeMac(sodium, keys, bom + header.lines + body))}${body}`;
  assertOpensBack(sodium, text, keys, plain);
  return { text, opened: { fileId, version, dataKey, recipients, slots, plain }, changedKeys: [...changedKeys] };
}

/** The entry's text with its value replaced by the token, quoted as the value was (so what follows parses alike). */
function replaceValue(entry: EnvEntry, token: string): string {
  const quote = entry.quote === 'double' ? '"' : entry.quote === 'single' ? "'" : '';
  return `${entry.raw.slice(0, entry.offsets.value)}${quote}${token}${quote}${entry.raw.slice(entry.offsets.valueEnd)}`;
}

function assertOpensBack(sodium: Sodium, text: string, keys: DataKeys, plain: string): void {
  const opened = openSealedWithDataKey(sodium, text, keys);
  if (opened.plain !== plain) throw new Error('sealEnv: the sealed file does not open back to the same bytes');
}
