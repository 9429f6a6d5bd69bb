/** `lucid-env render`: the compose files with variables substituted as Compose would, secrets masked. */

import { relative } from 'node:path';
import { isMap, isScalar } from 'yaml';
import type { ComposeDocument } from '../compose/document.js';
import { editComposeText } from '../compose/edit-text.js';
import { loadComposeFiles, resolveComposeProject } from '../compose/load.js';
import type { ComposeReference } from '../compose/references.js';
import { scanComposeDocument } from '../compose/references.js';
import type { Lookup } from '../compose/substitution.js';
import { substitute } from '../compose/substitution.js';
import type { Context } from '../context.js';
import type { Finding } from '../findings.js';
import { loadInterpolationEnv } from '../project/env-files.js';
import type { Report } from '../report.js';
import { evaluateInterpolation } from '../rules/interpolation.js';
import { loadTemplateOption } from '../templates/load.js';
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

/** Renders every compose file; with any error finding, prints nothing and lists every problem. */
export async function render(options: RenderOptions, ctx: Context): Promise<Report> {
  const template = await loadTemplateOption(options.template, ctx.cwd);
  const project = resolveComposeProject({ files: options.file, projectDirectory: options.projectDirectory }, ctx.cwd, ctx.env);
  const { documents, findings } = await loadComposeFiles(project.files);
  const env = await loadInterpolationEnv(options, project.projectDirectory, ctx.cwd, ctx.env);
  const allFindings: Finding[] = [...findings, ...template.findings, ...env.findings.filter((finding) => finding.severity === 'error')];
  // A template's `secret: true` masks names the naming rule misses (MONGODB_URI holds a password).
  const isSecret = (name: string): boolean =>
    isSecretName(name) || template.template?.variables.some((variable) => variable.name === name && variable.secret) === true;
  const lookup: Lookup = (name) => {
    const value = env.values.get(name);
    // A mask keeps emptiness, so `:-`, `:?` and `:+` take the same branch as with the real value.
    return value === undefined || value === '' || options.showSecrets === true || !isSecret(name) ? value : MASK;
  };
  const rendered: string[] = [];
  for (const compose of documents) {
    const scanned = scanComposeDocument(compose);
    allFindings.push(...scanned.findings);
    const scalars = new Map<number, string>();
    for (const site of scanned.sites) {
      allFindings.push(...evaluateInterpolation(site, compose.lineCounter, { lookup, containerFilesDefining: () => [], unsetSeverity: 'warning' }));
      const result = substitute(site.template, lookup);
      // Compose's own `config` output escapes `$` again, so the result stays a valid compose file.
      if (result.value !== null && site.node.range) scalars.set(site.node.range[0], escapeDollars(result.value));
    }
    const emptyValues = new Map<number, string>();
    fillPassthrough(compose, scanned.references, lookup, { scalars, emptyValues });
    // Edits go into the text as written (no normalisation): only the substituted scalars change.
    rendered.push(`# ${relative(ctx.cwd, compose.file) || compose.file}\n${editComposeText(compose.text, { scalars, emptyValues })}`);
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
  edits: { scalars: Map<number, string>; emptyValues: Map<number, string> },
): void {
  for (const reference of references) {
    if (reference.operator !== 'passthrough') continue;
    const value = lookup(reference.name);
    if (value === undefined) continue;
    const last = reference.path[reference.path.length - 1];
    if (typeof last === 'number') {
      const item = compose.document.getIn(reference.path, true);
      if (isScalar(item) && item.range) edits.scalars.set(item.range[0], `${reference.name}=${escapeDollars(value)}`);
      continue;
    }
    const map = compose.document.getIn(reference.path.slice(0, -1), true);
    const pair = isMap(map) ? map.items.find((item) => isScalar(item.key) && item.key.value === last) : undefined;
    if (!isScalar(pair?.key) || !pair.key.range) continue;
    // `NAME: ~` has a scalar to replace; `NAME:` has none, and gets one after its colon.
    const written = isScalar(pair.value) && pair.value.range && pair.value.range[1] > pair.value.range[0] ? pair.value.range[0] : undefined;
    if (written !== undefined) edits.scalars.set(written, escapeDollars(value));
    else edits.emptyValues.set(pair.key.range[0], escapeDollars(value));
  }
}

/** `$` as Compose's own `config` writes it, so the output is still a compose file. */
function escapeDollars(value: string): string {
  return value.replaceAll('$', '$$$$');
}
