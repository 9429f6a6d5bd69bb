/** Pure: how a path is shown to the user (SPEC 6): relative to the cwd inside it, absolute outside it. */
import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * A path for reports: relative to `cwd` with `/` separators when the file is inside `cwd` (`.` for
 * `cwd` itself), else absolute: `/mnt/data/.env`, not `../../../mnt/data/.env`. Empty stays empty.
 */
export function formatReportPath(file: string, cwd: string): string {
  if (file === '') return '';
  // Resolving against `cwd` (not process.cwd()) keeps a relative input relative to the report's cwd.
  const absolute = resolve(cwd, file);
  const shown = relative(cwd, absolute);
  if (shown === '') return '.';
  const isOutside = shown === '..' || shown.startsWith(`..${sep}`) || isAbsolute(shown);
  return (isOutside ? absolute : shown).split(sep).join('/');
}

/** A path for messages: as given when relative, else as {@link formatReportPath} shows it. */
export function displayPath(path: string, cwd: string): string {
  if (!isAbsolute(path)) return path.split(sep).join('/');
  return formatReportPath(path, cwd);
}

/** `-e FILE` for a hint, so the command it suggests acts on the file the finding is about. */
export function formatEnvFileFlag(path: string, cwd: string): string {
  return `-e ${formatShellWord(displayPath(path, cwd))}`;
}

/** `-t TEMPLATE` for a hint: the -t the user gave (a name or a path), else the template's name. */
export function formatTemplateFlag(template: { name: string; given?: string | undefined }): string {
  return `-t ${formatShellWord(template.given ?? template.name)}`;
}

/** A path as one shell word for a hint the user may copy: single-quoted when it holds anything unusual. */
export function formatShellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}
