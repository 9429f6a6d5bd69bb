/** Temp files of writes in progress, removed if the process exits or is interrupted mid-write. */
import { unlinkSync } from 'node:fs';

const inFlight = new Set<string>();
const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Records a temp file so an exit or SIGINT/SIGTERM/SIGHUP removes it (SIGKILL cannot; the rename keeps the original safe). */
export function trackTempFile(path: string): void {
  if (inFlight.size === 0) installListeners();
  inFlight.add(path);
}

/** Forgets a temp file once it has been renamed or removed. */
export function untrackTempFile(path: string): void {
  if (!inFlight.delete(path)) return;
  if (inFlight.size === 0) removeListeners();
}

/** Synchronously removes every tracked temp file (what the exit and signal handlers do). */
export function removeTempFiles(): void {
  for (const path of inFlight) {
    try {
      unlinkSync(path);
    } catch {
      // Already gone, or never created because the signal came before open(): nothing to clean.
    }
  }
  inFlight.clear();
  removeListeners();
}

function onSignal(signal: NodeJS.Signals): void {
  removeTempFiles();
  // Our listener replaced Node's default (die by the signal); if nobody else handles it, restore and re-raise
  // so the run still stops and its exit status still says which signal stopped it.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

// Listeners exist only while a write is in flight, so lucid-env never changes signal handling otherwise.
function installListeners(): void {
  process.on('exit', removeTempFiles);
  for (const signal of SIGNALS) process.on(signal, onSignal);
}

function removeListeners(): void {
  process.removeListener('exit', removeTempFiles);
  for (const signal of SIGNALS) process.removeListener(signal, onSignal);
}
