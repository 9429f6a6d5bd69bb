/**
 * `lucid-env rekey FILE.sealed`: adds or removes recipients and/or draws a new data key. It opens
 * and verifies the file with a current key first, writes the new file atomically, and reads it
 * back; only after that may an old key be retired. Removing a recipient always draws a new data
 * key: the removed one knew the old one.
 */
import { resolve } from 'node:path';
import type { Context } from '../context.js';
import { envValues, parseEnv } from '../dotenv/parse.js';
import { LucidError } from '../errors.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { readText } from '../fs/read.js';
import { MAX_ENV_BYTES, sealedAccessOf } from '../project/env-files.js';
import { findRecipients } from '../project/key-store.js';
import { beginMutation } from '../project/mutation.js';
import { openSealedFile, requireOpenedResult } from '../project/sealed-env.js';
import type { Report } from '../report.js';
import type { Recipient } from '../secrets/seal-env.js';
import { sealEnv } from '../secrets/seal-env.js';
import { deriveDataKeys } from '../secrets/sealed-crypto.js';
import { openSealedWithDataKey } from '../secrets/sealed-open.js';

/** Options of `rekey`. */
export interface RekeyOptions {
  add?: string[];
  remove?: string[];
  /** Draw a new data key (every value is sealed again). */
  newDataKey?: boolean;
  keyFile?: string;
  followSymlinks?: boolean;
}

/** Changes the recipients or the data key of a sealed file. */
export async function rekey(file: string, options: RekeyOptions, ctx: Context): Promise<Report> {
  const path = resolve(ctx.cwd, file);
  const added = options.add ?? [];
  const removed = options.remove ?? [];
  if (added.length === 0 && removed.length === 0 && options.newDataKey !== true) {
    throw new LucidError('USAGE', 'say what to change: --add NAME, --remove NAME or --new-data-key');
  }
  // Like every command that writes: locked, and an interrupted change to this file finished first.
  const mutation = await beginMutation([path], ctx);
  try {
    const sodium = await ctx.sodium();
    const read = await readText(path, { maxBytes: MAX_ENV_BYTES * 2, what: 'sealed env file' });
    const opened = await openSealedFile(path, read.text, sealedAccessOf(ctx, { keyFile: options.keyFile }));
    if (opened.result.problems.length > 0) return { command: 'rekey', files: [path], findings: opened.findings, changes: [] };
    const previous = requireOpenedResult(path, opened, ctx.cwd);
    for (const name of removed) {
      if (!previous.recipients.some((recipient) => recipient.name === name)) {
        throw new LucidError('RECIPIENT_NOT_FOUND', `${name} is not a recipient of ${file}`, {
          hint: `recipients: ${previous.recipients.map((recipient) => recipient.name).join(', ')}`,
        });
      }
    }
    let recipients: Recipient[] = previous.recipients.filter((recipient) => !removed.includes(recipient.name));
    for (const recipient of await findRecipients(sodium, ctx.env, added)) {
      if (!recipients.some((item) => sodium.memcmp(item.publicKey, recipient.publicKey))) recipients = [...recipients, recipient];
    }
    if (recipients.length === 0) throw new LucidError('USAGE', `removing ${removed.join(', ')} would leave ${file} with no recipient`);
    const freshDataKey = options.newDataKey === true || removed.length > 0;
    const document = parseEnv(previous.plain, { file: path }).document;
    const sealed = sealEnv(sodium, await ctx.random(), document, { recipients, previous, freshDataKey });
    await writeFileAtomic(path, sealed.text, { followSymlinks: options.followSymlinks === true });
    // Read back what is on disk: an old key may be retired only once the new file is known good.
    const written = await readText(path, { maxBytes: MAX_ENV_BYTES * 2, what: 'sealed env file' });
    if (openSealedWithDataKey(sodium, written.text, deriveDataKeys(sodium, sealed.opened.dataKey)).plain !== previous.plain) {
      throw new LucidError('WRITE_FAILED', `${file} does not read back as written; keep every old key and restore it from git`);
    }
    const isYours = recipients.some((recipient) => opened.keys.some((key) => sodium.memcmp(key.publicKey, recipient.publicKey)));
    const notes = [
      `recipients: ${recipients.map((recipient) => recipient.name).join(', ')}; version ${sealed.opened.version}`,
      freshDataKey ? 'new data key: every value was sealed again' : 'same data key: only the recipient lines changed',
      ...(isYours ? [] : ['notice: none of your keys is a recipient any more: you cannot open this file now']),
    ];
    const keys = [...envValues(document).keys()];
    return {
      command: 'rekey',
      files: [path],
      findings: opened.findings,
      changes: keys.map((key) => ({ file: path, key, action: freshDataKey ? 'sealed' : 'unchanged' })),
      notes,
    };
  } finally {
    await mutation.release();
  }
}
