/**
 * Progress of long work on stderr (files scanned, stacks checked): one line, rewritten in place with `\r`
 * (no escape codes), shown only when the work has taken a second, and only where a person reads text:
 * a terminal, `--format text`, no `-q`. Pipes and machine formats never see it.
 */

/** A task's progress line. */
export interface Progress {
  /** The current state, e.g. `scanning compose files: 120 of 400`. */
  update(text: string): void;
  /** Clears the line (the report follows). */
  done(): void;
}

/** Progress that shows nothing. */
export const NO_PROGRESS: Progress = { update: () => undefined, done: () => undefined };

/** Work shorter than this shows no progress at all. */
export const PROGRESS_DELAY_MS = 1000;
/** At most one redraw per this many milliseconds. */
const REDRAW_MS = 100;

/** A progress line written through `write`, timed by `now` (milliseconds). */
export function createProgress(write: (text: string) => void, now: () => number): Progress {
  const started = now();
  let drawnAt = -Infinity;
  let width = 0;
  return {
    update(text) {
      const time = now();
      if (time - started < PROGRESS_DELAY_MS || time - drawnAt < REDRAW_MS) return;
      drawnAt = time;
      // Padding covers whatever a longer earlier line left on screen.
      write(`\r${text.padEnd(width)}`);
      width = Math.max(width, text.length);
    },
    done() {
      if (width > 0) write(`\r${' '.repeat(width)}\r`);
      width = 0;
    },
  };
}
