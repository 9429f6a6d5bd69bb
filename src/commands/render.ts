/** `lucid-env render`: the compose files with variables substituted as Compose would, secrets masked. */

import { relative } from 'node:path';
import { isMap, isScalar, visit } from 'yaml';
import { appendAll } from '../append-all.js';
import type { ComposeDocument } from '../compose/document.js';
import { editComposeText } from '../compose/edit-text.js';
import { loadComposeFiles, resolveComposeProject } from '../compose/load.js';
import type { ComposeReference } from '../compose/references.js';
import { scanComposeDocument } from '../compose/references.js';
import type { Lookup } from '../compose/substitution.js';
import { substitute } from '../compose/substitution.js';
import type { Context } from '../context.js';
import type { Finding } from '../findings.js';
import { loadInterpolationEnv, sealedAccessOf } from '../project/env-files.js';
import { applyStackOption } from '../project/stacks.js';
import type { Report } from '../report.js';
import { evaluateInterpolation } from '../rules/interpolation.js';
import { maskSecretsAmong } from '../rules/secret-values.js';
import type { SecretMask } from '../secrets/mask.js';
import { VALUE_TOKEN_PREFIX } from '../secrets/sealed-crypto.js';
import { loadTemplateOption } from '../templates/load.js';

/** Options of `render`. */
export interface RenderOptions {
  file?: string[];
  projectDirectory?: string;
  envFile?: string[];
  processEnv?: boolean;
  showSecrets?: boolean;
  template?: string;
  /** One stack of the workspace file, in place of -f, --project-directory and -e. */
  stack?: string;
}

/** What a masked secret looks like in rendered output. */
export { MASK } from '../secrets/mask.js';
/** What a value of a sealed file that no key opened looks like in rendered output. */
export const SEALED_MASK = '<sealed>';

/** Renders every compose file; with any error finding, prints nothing and lists every problem. */
export async function render(given: RenderOptions, ctx: Context): Promise<Report> {
  const options = await applyStackOption(given, ctx.cwd);
  const template = await loadTemplateOption(options.template, ctx.cwd);
  const project = resolveComposeProject({ files: options.file, projectDirectory: options.projectDirectory }, ctx.cwd, ctx.env);
  const { documents, findings } = await loadComposeFiles(project.files);
  const env = await loadInterpolationEnv(options, project.projectDirectory, ctx.cwd, ctx.env, sealedAccessOf(ctx));
  const allFindings: Finding[] = [...findings, ...template.findings, ...env.findings.filter((finding) => finding.severity === 'error')];
  // Masking follows values: a secret interpolated into another variable, a message or a comment is still the
  // secret. A template's `secret: true` adds names the naming rule misses (MONGODB_URI holds a password).
  const mask: SecretMask = options.showSecrets === true ? (text) => text : maskSecretsAmong(env.values, template.template);
  // Values of a sealed file no key opened are unknown: shown as such, never as their sealed tokens.
  const unknown = new Set(env.files.filter((file) => file.sealed?.isLocked === true).flatMap((file) => [...file.values.keys()]));
  const lookup: Lookup = (name) => {
    const value = env.values.get(name);
    return unknown.has(name) && value?.startsWith(VALUE_TOKEN_PREFIX) === true ? SEALED_MASK : value;
  };
  const rendered: string[] = [];
  for (const compose of documents) {
    const scanned = scanComposeDocument(compose);
    appendAll(allFindings, scanned.findings);
    const scalars = new Map<number, string>();
    for (const site of scanned.sites) {
      appendAll(allFindings, evaluateInterpolation(site, compose.lineCounter, { lookup, mask, containerFilesDefining: () => [], unsetSeverity: 'warning' }));
      const result = substitute(site.template, lookup);
      // Compose's own `config` output escapes `$` again, so the result stays a valid compose file.
      if (result.value !== null && site.node.range) scalars.set(site.node.range[0], escapeDollars(mask(result.value)));
    }
    const emptyValues = new Map<number, string>();
    fillPassthrough(compose, scanned.references, lookup, mask, { scalars, emptyValues });
    // A document with YAML errors cannot be printed; its findings already stop the output.
    if (compose.document.errors.length > 0) continue;
    maskLiterals(compose, scalars, mask);
    // Edits go into the text as written (no normalisation): only substituted or masked scalars and comments change.
    const text = editComposeText(compose.text, { scalars, emptyValues, comment: mask });
    rendered.push(`# ${relative(ctx.cwd, compose.file) || compose.file}\n${text}`);
  }
  const hasErrors = allFindings.some((finding) => finding.severity === 'error');
  return {
    command: 'render',
    files: project.files,
    findings: allFindings,
    isDocument: true,
    ...(hasErrors ? {} : { output: rendered.join('---\n') }),
  };
}

/** `- NAME` / `NAME:` entries get their value from the interpolation env, as `docker compose config` shows them. */
function fillPassthrough(
  compose: ComposeDocument,
  references: readonly ComposeReference[],
  lookup: Lookup,
  mask: SecretMask,
  edits: { scalars: Map<number, string>; emptyValues: Map<number, string> },
): void {
  for (const reference of references) {
    if (reference.operator !== 'passthrough') continue;
    const value = lookup(reference.name);
    if (value === undefined) continue;
    const escaped = escapeDollars(mask(value));
    const last = reference.path[reference.path.length - 1];
    if (typeof last === 'number') {
      const item = compose.document.getIn(reference.path, true);
      if (isScalar(item) && item.range) edits.scalars.set(item.range[0], `${reference.name}=${escaped}`);
      continue;
    }
    const map = compose.document.getIn(reference.path.slice(0, -1), true);
    const pair = isMap(map) ? map.items.find((item) => isScalar(item.key) && item.key.value === last) : undefined;
    if (!isScalar(pair?.key) || !pair.key.range) continue;
    // `NAME: ~` has a scalar to replace; `NAME:` has none, and gets one after its colon.
    const written = isScalar(pair.value) && pair.value.range && pair.value.range[1] > pair.value.range[0] ? pair.value.range[0] : undefined;
    if (written !== undefined) edits.scalars.set(written, escaped);
    else edits.emptyValues.set(pair.key.range[0], escaped);
  }
}

/** A secret written into the compose file itself (a key or a plain value) is masked too; comments are masked as they are written. */
function maskLiterals(compose: ComposeDocument, scalars: Map<number, string>, mask: SecretMask): void {
  visit(compose.document, (_key, node) => {
    if (!isScalar(node) || typeof node.value !== 'string' || !node.range || scalars.has(node.range[0])) return;
    const masked = mask(node.value);
    if (masked !== node.value) scalars.set(node.range[0], masked);
  });
}

/** `$` as Compose's own `config` writes it, so the output is still a compose file. */
function escapeDollars(value: string): string {
  return value.replaceAll('$', '$$$$');
}
