/** Values read from standard input (never from argv, so they never show in `ps`). */

/** Strips the one line break a shell pipe or heredoc adds. */
export function stripTrailingNewline(text: string): string {
  return text.endsWith('\r\n') ? text.slice(0, -2) : text.endsWith('\n') ? text.slice(0, -1) : text;
}
