/** Turns an env document back into text. */
import type { EnvDocument } from './document.js';

/** The file's text: the raw texts joined, so an unedited document gives its input back byte for byte. */
export function stringifyEnv(document: EnvDocument): string {
  let text = '';
  for (const line of document.lines) text += line.raw;
  return text;
}
