/**
 * Writing to stdout and stderr with write(2) directly. Touching `process.stdout` builds a stream
 * (for a pipe, a whole net.Socket), which costs a measurable share of a cold start; a CLI that
 * prints one report needs none of it.
 */
import { writeSync } from 'node:fs';

const closed = new Set<number>();
const pause = new Int32Array(new SharedArrayBuffer(4));

/** Writes all of `text` to a file descriptor; a reader that went away (EPIPE) ends the output quietly. */
export function writeToDescriptor(descriptor: number, text: string): void {
  if (closed.has(descriptor) || text === '') return;
  // Large output (a scan of a 10 MB file prints tens of MB) is encoded a slice at a time.
  let start = 0;
  while (start < text.length && !closed.has(descriptor)) {
    let end = Math.min(start + CHUNK_CHARACTERS, text.length);
    // Never split a surrogate pair between two slices: each would encode as U+FFFD.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    writeBytes(descriptor, Buffer.from(text.slice(start, end), 'utf8'));
    start = end;
  }
}

const CHUNK_CHARACTERS = 1 << 20;

function writeBytes(descriptor: number, bytes: Buffer): void {
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(descriptor, bytes, offset, bytes.length - offset);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        // A non-blocking pipe is full: wait for the reader instead of dropping output.
        Atomics.wait(pause, 0, 0, 2);
        continue;
      }
      if (code === 'EPIPE') {
        closed.add(descriptor);
        return;
      }
      throw error;
    }
  }
}
