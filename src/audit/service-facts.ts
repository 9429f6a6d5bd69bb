/** Pure: what audit rules ask about a service: its runtime base, whether it is distroless, its user. */

import type { ImageReference } from './image-reference.js';
import { matchesImageGlob, parseImageReference } from './image-reference.js';
import { finalStageChain } from './stages.js';
import type { AuditPolicy, AuditService, DockerStage, Located, RequiredLabel } from './types.js';

/** The outside image a service runs on: the final Dockerfile stage's base, or the compose image without build. */
export interface RuntimeBase {
  image: ImageReference;
  /** Where the base is named: the Dockerfile's FROM, or compose's `image:`. */
  file: string;
  line: number;
  column: number;
  source: 'dockerfile' | 'image';
}

/** The runtime base; undefined when a build's Dockerfile is unknown or its base cannot be resolved. */
export function findRuntimeBase(service: AuditService): RuntimeBase | undefined {
  if (service.build !== undefined) {
    const root = service.dockerfile === undefined ? undefined : finalStageChain(service.dockerfile).at(-1);
    if (root === undefined || root.resolvedBase === undefined || service.dockerfile === undefined) return undefined;
    return { image: parseImageReference(root.resolvedBase), file: service.dockerfile.file, line: root.line, column: root.column, source: 'dockerfile' };
  }
  if (service.image === undefined) return undefined;
  return { image: parseImageReference(service.image.value), file: service.image.file, line: service.image.line, column: service.image.column, source: 'image' };
}

/** True when the image matches one of the policy's distroless bases. */
export function isDistrolessImage(image: ImageReference, policy: AuditPolicy): boolean {
  return policy.distrolessBases.some((glob) => matchesImageGlob(image, glob));
}

/** True when the service carries the label (with the value, when one is required). */
export function hasLabel(service: AuditService, label: RequiredLabel): boolean {
  const value = service.labels.get(label.key);
  return value !== undefined && (label.value === undefined || value === label.value);
}

/** `key=value` or `key`. */
export function formatLabel(label: RequiredLabel): string {
  return label.value === undefined ? label.key : `${label.key}=${label.value}`;
}

/** Why the service counts as distroless (its base, or its marker label), or undefined when it does not. */
export function explainDistroless(service: AuditService, policy: AuditPolicy): string | undefined {
  const base = findRuntimeBase(service);
  if (base !== undefined && isDistrolessImage(base.image, policy)) return `its base ${base.image.name} is distroless`;
  if (policy.distrolessLabel !== undefined && hasLabel(service, policy.distrolessLabel)) return `it is labelled ${formatLabel(policy.distrolessLabel)}`;
  return undefined;
}

/** True for a service that only overrides another file's service (no image, no build): judged where it is defined. */
export function isPartialService(service: AuditService): boolean {
  return !service.keys.has('image') && !service.keys.has('build');
}

/** True for a user that is root: `root`, `0`, `0:0`, `root:root`. */
export function isRootUser(user: string): boolean {
  const name = user.trim().split(':')[0]?.trim() ?? '';
  return name === '' || name === 'root' || name === '0';
}

/** The last USER of the final stage (inherited through `FROM <stage>`), and where it is written. */
export function findDockerfileUser(service: AuditService): { value: string; line: number; column: number } | undefined {
  if (service.dockerfile === undefined) return undefined;
  for (const stage of finalStageChain(service.dockerfile)) {
    const user = lastUser(stage);
    if (user !== undefined) return user;
  }
  return undefined;
}

function lastUser(stage: DockerStage): { value: string; line: number; column: number } | undefined {
  const users = stage.instructions.filter((instruction) => instruction.keyword === 'USER');
  const last = users.at(-1);
  return last === undefined ? undefined : { value: last.text.trim(), line: last.line, column: last.column };
}

/** True when the image runs as a non-root user by default (distroless `:nonroot` tags, Chainguard's non-dev images). */
export function isNonRootByDefault(image: ImageReference): boolean {
  if (image.name.startsWith('gcr.io/distroless/')) return image.tag !== undefined && /(^|-)nonroot$/.test(image.tag);
  if (image.name.startsWith('cgr.dev/chainguard/')) return !(image.tag ?? '').endsWith('-dev');
  return false;
}

/** A top-level compose key's value as a string, when it is one. */
export function stringValue(located: Located | undefined): string | undefined {
  const value = located?.value;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** A compose value that may be a list or a single string, as strings. */
export function stringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item) => typeof item === 'string' || typeof item === 'number').map(String);
  return typeof value === 'string' ? [value] : [];
}

/** True for YAML's and Compose's spellings of true (`true`, `"true"`, `"1"`, `"yes"`). */
export function isTrue(value: unknown): boolean {
  return value === true || (typeof value === 'string' && /^(true|1|yes|on)$/i.test(value.trim()));
}

/** True when a distroless-family image still has a shell (`:debug` distroless tags, Chainguard `-dev` images). */
export function hasDebugShell(image: ImageReference): boolean {
  const tag = image.tag ?? '';
  return /(^|-)debug(-|$)/.test(tag) || tag.endsWith('-dev');
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'busybox']);

/** True when a command's first word is a shell (`sh`, `/bin/bash`, …). */
export function isShellCommand(argv: readonly string[]): boolean {
  const first = argv[0]?.trim() ?? '';
  return SHELLS.has(first.slice(first.lastIndexOf('/') + 1));
}

/** Why a distroless service has no shell, or undefined when it may have one (not distroless, or a debug image). */
export function explainNoShell(service: AuditService, policy: AuditPolicy): string | undefined {
  // A SHELL instruction means the image brings a shell of its own (copied in from a build stage).
  const chain = service.dockerfile === undefined ? [] : finalStageChain(service.dockerfile);
  if (chain.some((stage) => stage.instructions.some((instruction) => instruction.keyword === 'SHELL'))) return undefined;
  const base = findRuntimeBase(service);
  // A known base decides; the marker label speaks only for an image whose base cannot be seen.
  if (base !== undefined) return isDistrolessImage(base.image, policy) && !hasDebugShell(base.image) ? `its base ${base.image.name} is distroless` : undefined;
  return explainDistroless(service, policy);
}
