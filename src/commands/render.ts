/** `lucid-env render`: the compose files with variables substituted as Compose would, secrets masked. */

import { relative } from 'node:path';
import { isNode, isScalar, visit } from 'yaml';
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
}

/** What a masked secret looks like in rendered output. */
export { MASK } from '../secrets/mask.js';
/** What a value of a sealed file that no key opened looks like in rendered output. */
export const SEALED_MASK = '<sealed>';

/** Renders every compose file; with any error finding, prints nothing and lists every problem. */
export async function render(options: RenderOptions, ctx: Context): Promise<Report> {
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
    const substituted = new Set<unknown>();
    for (const site of scanned.sites) {
      appendAll(allFindings, evaluateInterpolation(site, compose.lineCounter, { lookup, mask, containerFilesDefining: () => [], unsetSeverity: 'warning' }));
      const result = substitute(site.template, lookup);
      // Compose's own `config` output escapes `$` again, so the result stays a valid compose file.
      if (result.value !== null) site.node.value = mask(result.value).replaceAll('$', '$$$$');
      substituted.add(site.node);
    }
    fillPassthrough(compose, scanned.references, lookup, mask);
    // A document with YAML errors cannot be printed; its findings already stop the output.
    if (compose.document.errors.length > 0) continue;
    maskLiterals(compose, substituted, mask);
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
function fillPassthrough(compose: ComposeDocument, references: readonly ComposeReference[], lookup: Lookup, mask: SecretMask): void {
  for (const reference of references) {
    if (reference.operator !== 'passthrough') continue;
    const value = lookup(reference.name);
    if (value === undefined) continue;
    const escaped = mask(value).replaceAll('$', '$$$$');
    const isListItem = typeof reference.path[reference.path.length - 1] === 'number';
    compose.document.setIn(reference.path, isListItem ? `${reference.name}=${escaped}` : escaped);
  }
}

/** A secret written into the compose file itself (a key, a plain value, a comment) is masked too. */
function maskLiterals(compose: ComposeDocument, substituted: ReadonlySet<unknown>, mask: SecretMask): void {
  const { document } = compose;
  const maskComments = (node: { commentBefore?: string | null; comment?: string | null }) => {
    if (typeof node.commentBefore === 'string') node.commentBefore = mask(node.commentBefore);
    if (typeof node.comment === 'string') node.comment = mask(node.comment);
  };
  maskComments(document);
  visit(document, (_key, node) => {
    if (isNode(node)) maskComments(node);
    if (isScalar(node) && typeof node.value === 'string' && !substituted.has(node)) {
      const masked = mask(node.value);
      if (masked !== node.value) node.value = masked;
    }
  });
}
