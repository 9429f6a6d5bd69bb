/** `lucid-env render`: the compose files with variables substituted as Compose would, secrets masked. */

import { relative } from 'node:path';
import { appendAll } from '../append-all.js';
import type { ComposeDocument } from '../compose/document.js';
import { loadComposeFiles, resolveComposeProject } from '../compose/load.js';
import type { ComposeReference } from '../compose/references.js';
import { scanComposeDocument } from '../compose/references.js';
import type { Lookup } from '../compose/substitution.js';
import { substitute } from '../compose/substitution.js';
import type { Context } from '../context.js';
import type { Finding } from '../findings.js';
import { loadInterpolationEnv, sealedAccessOf } from '../project/env-files.js';
import type { Report } from '../report.js';
import { evaluateInterpolation } from '../rules/interpolation.js';
import { VALUE_TOKEN_PREFIX } from '../secrets/sealed-crypto.js';
import { loadTemplateOption } from '../templates/load.js';
import { findVariable } from '../templates/variable-index.js';
import { isSecretName } from '../variable-names.js';

/** Options of `render`. */
export interface RenderOptions {
  file?: string[];
  projectDirectory?: string;
  envFile?: string[];
  processEnv?: boolean;
  showSecrets?: boolean;
  template?: string;
}

/** What a masked secret looks like in rendered output. */
export const MASK = '********';
/** What a value of a sealed file that no key opened looks like in rendered output. */
export const SEALED_MASK = '<sealed>';

/** Renders every compose file; with any error finding, prints nothing and lists every problem. */
export async function render(options: RenderOptions, ctx: Context): Promise<Report> {
  const template = await loadTemplateOption(options.template, ctx.cwd);
  const project = resolveComposeProject({ files: options.file, projectDirectory: options.projectDirectory }, ctx.cwd, ctx.env);
  const { documents, findings } = await loadComposeFiles(project.files);
  const env = await loadInterpolationEnv(options, project.projectDirectory, ctx.cwd, ctx.env, sealedAccessOf(ctx));
  const allFindings: Finding[] = [...findings, ...template.findings, ...env.findings.filter((finding) => finding.severity === 'error')];
  // A template's `secret: true` masks names the naming rule misses (MONGODB_URI holds a password).
  const isSecret = (name: string): boolean => isSecretName(name) || findVariable(template.template, name)?.secret === true;
  // Values of a sealed file no key opened are unknown: shown as such, never as their sealed tokens.
  const unknown = new Set(env.files.filter((file) => file.sealed?.isLocked === true).flatMap((file) => [...file.values.keys()]));
  const lookup: Lookup = (name) => {
    const value = env.values.get(name);
    if (unknown.has(name) && value?.startsWith(VALUE_TOKEN_PREFIX) === true) return SEALED_MASK;
    // A mask keeps emptiness, so `:-`, `:?` and `:+` take the same branch as with the real value.
    return value === undefined || value === '' || options.showSecrets === true || !isSecret(name) ? value : MASK;
  };
  const rendered: string[] = [];
  for (const compose of documents) {
    const scanned = scanComposeDocument(compose);
    appendAll(allFindings, scanned.findings);
    for (const site of scanned.sites) {
      appendAll(allFindings, evaluateInterpolation(site, compose.lineCounter, { lookup, containerFilesDefining: () => [], unsetSeverity: 'warning' }));
      const result = substitute(site.template, lookup);
      // Compose's own `config` output escapes `$` again, so the result stays a valid compose file.
      if (result.value !== null) site.node.value = result.value.replaceAll('$', '$$$$');
    }
    fillPassthrough(compose, scanned.references, lookup);
    rendered.push(`# ${relative(ctx.cwd, compose.file) || compose.file}\n${compose.document.toString({ lineWidth: 0 })}`);
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
function fillPassthrough(compose: ComposeDocument, references: readonly ComposeReference[], lookup: Lookup): void {
  for (const reference of references) {
    if (reference.operator !== 'passthrough') continue;
    const value = lookup(reference.name);
    if (value === undefined) continue;
    const escaped = value.replaceAll('$', '$$$$');
    const isListItem = typeof reference.path[reference.path.length - 1] === 'number';
    compose.document.setIn(reference.path, isListItem ? `${reference.name}=${escaped}` : escaped);
  }
}
