/**
 * `lucid-env export --to compose-secrets|kubernetes`: carries a stack's secrets to Docker secrets
 * (files and a compose override; `--swarm`: external secrets with content-fingerprinted names and
 * the `docker secret create NAME -` commands that read each file on stdin) or to a Kubernetes
 * Secret. Deterministic: the same input gives the same bytes. Values go to 0600 files (or stdout
 * only with `-o -`), never into messages.
 */
import { mkdir } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { Context } from '../context.js';
import { LucidError } from '../errors.js';
import { formatComposeOverride } from '../export/compose-override.js';
import { formatKubernetesSecret } from '../export/kubernetes.js';
import { composeSecretName, swarmSecretName } from '../export/names.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { ensurePrivateDir } from '../fs/private-dir.js';
import { readTextIfExists } from '../fs/read.js';
import type { Fingerprinter } from '../history/state.js';
import { createFingerprinter } from '../history/state.js';
import { displayPath } from '../paths.js';
import type { ExportInputs, ExportSelection } from '../project/export-inputs.js';
import { readExportInputs } from '../project/export-inputs.js';
import { relativeToEnvFile, writeExportRecord } from '../project/export-record.js';
import { applyStackOption } from '../project/stacks.js';
import type { Report } from '../report.js';

/** Options of `export`. */
export interface ExportOptions extends ExportSelection {
  to: 'compose-secrets' | 'kubernetes';
  /** The override (compose-secrets) or the manifest (kubernetes; `-` for stdout). */
  output?: string;
  /** Where secret files go (default: `secrets/` beside the env file). */
  dir?: string;
  swarm?: boolean;
  withEnvFrom?: boolean;
  dryRun?: boolean;
  followSymlinks?: boolean;
}

/** Exports the stack's secrets. */
export async function exportSecrets(given: ExportOptions, ctx: Context): Promise<Report> {
  const options = await applyStackOption(given, ctx.cwd);
  if (options.swarm === true && options.to !== 'compose-secrets') throw new LucidError('USAGE', '--swarm goes with --to compose-secrets');
  if (options.withEnvFrom === true && options.to !== 'kubernetes') throw new LucidError('USAGE', '--with-env-from goes with --to kubernetes');
  const inputs = await readExportInputs(options, ctx);
  if (inputs.findings.length > 0) return { command: 'export', files: inputs.envFiles, findings: inputs.findings, changes: [] };
  if (inputs.secrets.length === 0) throw new LucidError('KEY_NOT_FOUND', 'no secret to export: the env file defines none (pass --keys to choose)');
  const fingerprintOf = await createFingerprinter(
    inputs.envFile,
    { sodium: await ctx.sodium(), random: await ctx.random() },
    { create: options.dryRun !== true },
  );
  return options.to === 'kubernetes' ? exportKubernetes(inputs, options, fingerprintOf, ctx) : exportComposeSecrets(inputs, options, fingerprintOf, ctx);
}

async function exportComposeSecrets(inputs: ExportInputs, options: ExportOptions, fingerprintOf: Fingerprinter, ctx: Context): Promise<Report> {
  const directory = resolve(ctx.cwd, options.dir ?? join(dirname(inputs.envFile), 'secrets'));
  const overridePath = resolve(ctx.cwd, options.output ?? join(dirname(inputs.composeFiles[0] as string), 'secrets.override.yml'));
  const secrets = inputs.secrets.map(([key, value]) => {
    const name = composeSecretName(key);
    const path = join(directory, name);
    const fingerprint = fingerprintOf(value);
    return { key, value, name, path, fingerprint, externalName: options.swarm === true ? swarmSecretName(inputs.stack, key, fingerprint) : undefined };
  });
  const fileEnv = (secret: string) => inputs.template?.variables.find((variable) => variable.name === secret)?.fileEnv ?? [];
  const header = [
    `# Written by lucid-env export --to compose-secrets${options.swarm === true ? ' --swarm' : ''}; no secret value is in this file.`,
    `# Use: docker compose ${inputs.composeFiles.map((file) => `-f ${relative(ctx.cwd, file) || file}`).join(' ')} -f ${relative(ctx.cwd, overridePath)} up -d`,
    '',
  ].join('\n');
  const override = formatComposeOverride(
    inputs.uses,
    secrets.map(({ key, name, path, externalName }) =>
      externalName === undefined ? { key, name, file: toComposePath(inputs.projectDirectory, path) } : { key, name, externalName },
    ),
    fileEnv,
    header,
  );
  const commands = secrets.map(({ externalName, path }) => `docker secret create ${externalName} - < ${shellQuote(displayPath(path, ctx.cwd))}\n`);
  const report: Report = {
    command: 'export',
    files: [...inputs.composeFiles, ...inputs.envFiles],
    findings: [],
    changes: secrets.map(({ key, path, fingerprint }) => ({ file: path, key, action: 'exported', fingerprint })),
    notes: override.notes.map((note) => `note: ${note}`),
    dryRun: options.dryRun === true,
  };
  if (options.swarm === true) report.output = commands.join('');
  if (options.dryRun === true) {
    report.output = `${override.text}${options.swarm === true ? `\n# Swarm:\n${commands.map((line) => `# ${line}`).join('')}` : ''}`;
    return report;
  }
  await ensurePrivateDir(directory);
  const ignore = join(directory, '.gitignore');
  if ((await readTextIfExists(ignore)) === undefined) await writeFileAtomic(ignore, '# secret values written by lucid-env export\n*\n!.gitignore\n');
  for (const secret of secrets) await writeIfChanged(secret.path, secret.value, options);
  await writeIfChanged(overridePath, override.text, options);
  await writeExportRecord(inputs.envFile, {
    source: basename(inputs.envFile),
    to: 'compose-secrets',
    artifact: relativeToEnvFile(inputs.envFile, overridePath),
    swarm: options.swarm === true,
    secrets: secrets.map(({ key, path, fingerprint }) => ({ key, file: relativeToEnvFile(inputs.envFile, path), fingerprint })),
  });
  report.notes = [
    `wrote ${secrets.length} secret files to ${displayPath(directory, ctx.cwd)} and ${displayPath(overridePath, ctx.cwd)}`,
    ...(report.notes ?? []),
  ];
  return report;
}

async function exportKubernetes(inputs: ExportInputs, options: ExportOptions, fingerprintOf: Fingerprinter, ctx: Context): Promise<Report> {
  if (options.output === undefined) {
    throw new LucidError('USAGE', 'name where the manifest goes: -o FILE (written 0600), or -o - for stdout (it holds the secret values)', {
      hint: 'lucid-env export --to kubernetes -o - | kubectl apply -f -',
    });
  }
  const data = [...inputs.secrets].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const fingerprint = fingerprintOf(data.map(([key, value]) => `${key}\u0000${value}`).join('\u0000'));
  const text = formatKubernetesSecret({ stack: inputs.stack, data, fingerprint, ...(options.withEnvFrom === true ? { snippets: inputs.uses } : {}) });
  const toStdout = options.output === '-';
  const path = toStdout ? undefined : resolve(ctx.cwd, options.output);
  const report: Report = {
    command: 'export',
    files: [...inputs.composeFiles, ...inputs.envFiles],
    findings: [],
    changes: data.map(([key, value]) => ({ file: path ?? '(stdout)', key, action: 'exported', fingerprint: fingerprintOf(value) })),
    dryRun: options.dryRun === true,
  };
  if (toStdout) {
    // stdout is the manifest alone, so `| kubectl apply -f -` gets nothing else.
    return { ...report, changes: undefined, isDocument: true, output: text };
  }
  if (options.dryRun === true || path === undefined) return report;
  // A new folder for the manifest is private; an existing one is left as it is.
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeIfChanged(path, text, options);
  await writeExportRecord(inputs.envFile, {
    source: basename(inputs.envFile),
    to: 'kubernetes',
    artifact: relativeToEnvFile(inputs.envFile, path),
    swarm: false,
    secrets: data.map(([key, value]) => ({ key, fingerprint: fingerprintOf(value) })),
  });
  return report;
}

/** Writes atomically with mode 0600 unless the file already holds exactly this text. */
async function writeIfChanged(path: string, text: string, options: ExportOptions): Promise<void> {
  const existing = await readTextIfExists(path);
  if (existing !== undefined && existing.text === text && (existing.mode & 0o077) === 0) return;
  await writeFileAtomic(path, text, { mode: 0o600, followSymlinks: options.followSymlinks === true });
}

/** A path as a compose file writes it: relative to the project directory, starting with ./ or ../. */
function toComposePath(projectDirectory: string, path: string): string {
  const shown = relative(projectDirectory, path).split('\\').join('/');
  return shown.startsWith('.') ? shown : `./${shown}`;
}

function shellQuote(text: string): string {
  return /^[A-Za-z0-9_./@%+=:,-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}
