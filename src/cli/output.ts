/**
 * The one path from a command's Report to the streams and the exit code. stdout carries only the
 * requested format (or the command's data); summaries of changes, notes and the findings that ride
 * along with a document go to stderr.
 */
import type { Context } from '../context.js';
import { EXIT_CODE } from '../errors.js';
import { summarize } from '../findings.js';
import type { Report } from '../report.js';
import { isFailing } from '../reporters/prepare.js';

/** The output formats. */
export type FormatName = 'text' | 'json' | 'github' | 'sarif' | 'markdown';

/** Output flags every command shares. */
export interface OutputOptions {
  format?: FormatName;
  color?: boolean;
  quiet?: boolean;
  strict?: boolean;
  debug?: boolean;
}

/** Writes a report as asked and returns the exit code its findings call for. */
export async function emit(report: Report, options: OutputOptions, ctx: Context): Promise<number> {
  const { REPORTERS } = await import('../reporters/index.js');
  const format = options.format ?? 'text';
  const strict = options.strict === true;
  const failed = isFailing(summarize(report.findings), strict);
  const reporterOptions = { cwd: ctx.cwd, color: ctx.color, strict };
  const quiet = options.quiet === true || ctx.quiet === true;
  if (format !== 'text') {
    ctx.stdout.write(REPORTERS[format](report, { ...reporterOptions, color: false }));
  } else if (report.changes !== undefined) {
    // A mutating command's summary is a log; its data (--show-secrets values) is the only stdout.
    if (!quiet) ctx.stderr.write(REPORTERS.text({ ...report, output: undefined }, reporterOptions));
    if (report.output !== undefined) ctx.stdout.write(report.output);
  } else if (report.isDocument === true) {
    // render's YAML and tor-hash's line are documents of their own: findings never go into them.
    if (report.output !== undefined) ctx.stdout.write(report.output);
    if (report.findings.length > 0) ctx.stderr.write(REPORTERS.text({ ...report, output: undefined }, reporterOptions));
  } else if (!(quiet && !failed)) {
    ctx.stdout.write(REPORTERS.text(report, reporterOptions));
  }
  if (!quiet && format === 'text') for (const note of report.notes ?? []) ctx.stderr.write(`${note}\n`);
  if (report.exitCode !== undefined) return report.exitCode;
  return failed ? EXIT_CODE.findings : EXIT_CODE.ok;
}
