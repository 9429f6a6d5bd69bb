/**
 * The writer rule (SPEC section 3): `KEY=<value>` in the first form that Compose v2, npm dotenv
 * and python-dotenv all read back as exactly the value, or a refusal that names the rule.
 */

/** How a value is written: `bare` is unquoted text of a quote-free alphabet. */
export type ValueForm = 'bare' | 'single' | 'double' | 'unquoted';

/** Whether python-dotenv must read the value back too (off with `--no-python-compat`). */
export interface FormatOptions {
  pythonCompat: boolean;
}

/** A written value or the reason none can be written. */
export type FormattedValue = { ok: true; text: string; form: ValueForm } | { ok: false; reason: string };

/** A written assignment or the reason none can be written. */
export type FormattedAssignment = { ok: true; line: string; form: ValueForm } | { ok: false; reason: string };

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
// python-dotenv expands these in every quoting style and has no escape for them.
const PYTHON_EXPRESSION = /\$\{[^}:]*(:-[^}]*)?\}/;
// Generated secrets use alphabets that no reader changes, so they need no quotes.
const BARE = /^[A-Za-z0-9_./:@+=,-]+$/;
// compose-go interpolates `$` before these; npm keeps the escapes `$$` and `\$` literally.
const INTERPOLATED_DOLLAR = /\$[${_A-Za-z]/;
const EDGE_SPACE = /^[\s\x85\u2028\u2029]|[\s\x85\u2028\u2029]$/;

/** Single quotes, verbatim: every reader keeps the text, given these limits. */
function fitsSingle(value: string, pythonCompat: boolean): boolean {
  if (value.includes("'") || value.includes('\r')) return false;
  // python-dotenv turns `\\` into `\`; compose-go reads `\'` at the end as an escaped quote.
  if (pythonCompat) return !value.includes('\\\\') && !value.endsWith('\\');
  const trailing = /\\*$/.exec(value)?.[0].length ?? 0;
  return trailing % 2 === 0;
}

/** Double quotes, verbatim but for CR written `\r`: no escape or interpolation may apply. */
function fitsDouble(value: string, pythonCompat: boolean): boolean {
  if (value.includes('"') || INTERPOLATED_DOLLAR.test(value)) return false;
  const escapes = pythonCompat ? /\\([abfnrtv$"\\'0\r]|$)/ : /\\([abfnrtv$"\\0\r]|$)/;
  return !escapes.test(value);
}

/** Unquoted: one line that no reader trims, cuts at a comment, unquotes or interpolates. */
function fitsUnquoted(value: string): boolean {
  if (/[#\n\r\u2028\u2029]/.test(value) || EDGE_SPACE.test(value)) return false;
  if (value.startsWith("'") || value.startsWith('"')) return false;
  if (value.length >= 2 && value.startsWith('`') && value.endsWith('`')) return false;
  return !INTERPOLATED_DOLLAR.test(value);
}

/** Every form that reads back exactly, in order of preference. */
export function listValueForms(value: string, options: FormatOptions): { form: ValueForm; text: string }[] {
  if (options.pythonCompat && PYTHON_EXPRESSION.test(value)) return [];
  const forms: { form: ValueForm; text: string }[] = [];
  if (value !== '' && BARE.test(value)) forms.push({ form: 'bare', text: value });
  if (fitsSingle(value, options.pythonCompat)) forms.push({ form: 'single', text: `'${value}'` });
  if (fitsDouble(value, options.pythonCompat)) forms.push({ form: 'double', text: `"${value.replaceAll('\r', '\\r')}"` });
  if (fitsUnquoted(value)) forms.push({ form: 'unquoted', text: value });
  return forms;
}

/** The simplest text that every reader reads back as `value`, or the rule that refuses it. */
export function formatValue(value: string, options: FormatOptions): FormattedValue {
  if (options.pythonCompat && PYTHON_EXPRESSION.test(value)) {
    return {
      ok: false,
      reason:
        'rule 0: the value contains a ${...} expression, which python-dotenv always expands; ' +
        'use --no-python-compat to write it for Compose and npm dotenv only',
    };
  }
  const first = listValueForms(value, options)[0];
  if (first === undefined) {
    return {
      ok: false,
      reason:
        "rule 4: no form reads back the same in every reader (single quotes exclude ', CR and a trailing backslash; " +
        'double quotes exclude ", $ before $ { _ or a letter, and escape-like backslashes; ' +
        'unquoted excludes #, line breaks, edge blanks, a leading quote and that $)',
    };
  }
  return { ok: true, ...first };
}

/** `KEY=<value>` as the writer rule writes it; refuses a key outside `[A-Za-z_][A-Za-z0-9_]*`. */
export function formatAssignment(key: string, value: string, options: FormatOptions): FormattedAssignment {
  if (!KEY.test(key)) return { ok: false, reason: 'the key must match [A-Za-z_][A-Za-z0-9_]*' };
  const formatted = formatValue(value, options);
  if (!formatted.ok) return formatted;
  return { ok: true, line: `${key}=${formatted.text}`, form: formatted.form };
}
