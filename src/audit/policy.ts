/** Pure: the `audit:` mapping of lucid-env.yml → an AuditPolicy with defaults, and `audit/policy` findings at its lines. */

import type { Node, YAMLMap } from 'yaml';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { appendAll } from '../append-all.js';
import type { Finding, Severity } from '../findings.js';
import { makeFinding } from '../findings.js';
import type { AuditPolicy, RequiredLabel, RuleSetting, Waiver } from './types.js';

/** Bases that count as distroless without configuration (`scratch` has no shell either). */
export const DEFAULT_DISTROLESS_BASES = ['gcr.io/distroless/*', 'cgr.dev/chainguard/*', 'scratch'];
/** Capabilities allowed in cap_add by default: binding ports below 1024 is the one most services need. */
export const DEFAULT_CAP_ADD = ['NET_BIND_SERVICE'];
/** The label that marks a service as distroless, and the one label required by default. */
export const DEFAULT_DISTROLESS_LABEL: RequiredLabel = { key: 'lucid.type', value: 'distroless' };

const KEYS = ['distrolessBases', 'allowImages', 'capAdd', 'requiredLabels', 'distrolessLabel', 'requireDigest', 'rules', 'waivers'];
const SEVERITIES = new Set(['error', 'warning', 'info', 'off']);

/** The policy when the workspace file sets none. */
export function defaultAuditPolicy(): AuditPolicy {
  return {
    distrolessBases: [...DEFAULT_DISTROLESS_BASES],
    allowImages: [],
    capAdd: [...DEFAULT_CAP_ADD],
    requiredLabels: [DEFAULT_DISTROLESS_LABEL],
    distrolessLabel: DEFAULT_DISTROLESS_LABEL,
    requireDigest: false,
    rules: new Map(),
    waivers: [],
  };
}

/** `key=value` or `key` → a label requirement. */
export function parseLabelRequirement(text: string): RequiredLabel {
  const equals = text.indexOf('=');
  return equals === -1 ? { key: text, value: undefined } : { key: text.slice(0, equals), value: text.slice(equals + 1) };
}

interface Reader {
  file: string;
  lineCounter: LineCounter;
  findings: Finding[];
}

function problem(reader: Reader, node: unknown, message: string, hint?: string): void {
  const offset = (node as Node | undefined)?.range?.[0];
  const { line, col } = offset === undefined ? { line: 1, col: 1 } : reader.lineCounter.linePos(offset);
  reader.findings.push(makeFinding('audit/policy', { file: reader.file, line, column: col }, message, hint === undefined ? {} : { hint }));
}

function readStrings(reader: Reader, node: unknown, what: string): string[] | undefined {
  if (isScalar(node) && typeof node.value === 'string') return [node.value];
  if (!isSeq(node) || !node.items.every((item) => isScalar(item) && typeof item.value === 'string' && item.value !== '')) {
    problem(reader, node, `audit.${what} must be a list of strings`);
    return undefined;
  }
  return node.items.map((item) => String((item as { value: string }).value));
}

/** Reads the `audit:` policy of a workspace file's text; `knownRules` are the audit codes a policy may name. */
export function parseAuditPolicy(text: string, file: string, knownRules: readonly string[]): { policy: AuditPolicy; findings: Finding[] } {
  const reader: Reader = { file, lineCounter: new LineCounter(), findings: [] };
  const policy = defaultAuditPolicy();
  const document = parseDocument(text, { lineCounter: reader.lineCounter, prettyErrors: false });
  const root = document.contents;
  const audit = isMap(root) ? root.get('audit', true) : undefined;
  if (!isMap(audit)) return { policy, findings: [] };
  for (const pair of audit.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!KEYS.includes(key)) problem(reader, pair.key, `unknown key audit.${key}`, `expected one of ${KEYS.join(', ')}`);
  }
  const list = (key: string): string[] | undefined => {
    const node = audit.get(key, true);
    return node === undefined ? undefined : readStrings(reader, node, key);
  };
  appendAll(policy.distrolessBases, list('distrolessBases') ?? []);
  policy.allowImages = list('allowImages') ?? [];
  policy.capAdd = (list('capAdd') ?? DEFAULT_CAP_ADD).map((capability) => capability.toUpperCase().replace(/^CAP_/, ''));
  const labels = list('requiredLabels');
  if (labels !== undefined) policy.requiredLabels = labels.map(parseLabelRequirement);
  const marker = audit.get('distrolessLabel', true);
  if (marker !== undefined) {
    if (isScalar(marker) && (marker.value === null || marker.value === '')) policy.distrolessLabel = undefined;
    else if (isScalar(marker) && typeof marker.value === 'string') policy.distrolessLabel = parseLabelRequirement(marker.value);
    else problem(reader, marker, 'audit.distrolessLabel must be a label (key=value), or empty for none');
  }
  const digest = audit.get('requireDigest', true);
  if (digest !== undefined) {
    if (isScalar(digest) && typeof digest.value === 'boolean') policy.requireDigest = digest.value;
    else problem(reader, digest, 'audit.requireDigest must be true or false');
  }
  policy.rules = readRules(reader, audit.get('rules', true), knownRules);
  policy.waivers = readWaivers(reader, audit.get('waivers', true), knownRules);
  return { policy, findings: reader.findings };
}

function checkRule(reader: Reader, node: unknown, rule: string, knownRules: readonly string[]): boolean {
  if (knownRules.includes(rule)) return true;
  problem(reader, node, `unknown audit rule "${rule}"`, `rules: ${knownRules.join(', ')}`);
  return false;
}

function readRules(reader: Reader, node: unknown, knownRules: readonly string[]): Map<string, RuleSetting> {
  const rules = new Map<string, RuleSetting>();
  if (node === undefined) return rules;
  if (!isMap(node)) {
    problem(reader, node, 'audit.rules must map rule ids to a severity, off, or { severity, services, exclude }');
    return rules;
  }
  for (const pair of node.items) {
    const rule = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!checkRule(reader, pair.key, rule, knownRules)) continue;
    const setting = readRuleSetting(reader, rule, pair.value);
    if (setting !== undefined) rules.set(rule, setting);
  }
  return rules;
}

function readSeverity(reader: Reader, rule: string, node: unknown): Severity | 'off' | undefined {
  // YAML reads a bare `off` as the string "off" (YAML 1.2), and `false` as a boolean: both switch the rule off.
  const value = isScalar(node) ? (node.value === false ? 'off' : node.value) : undefined;
  if (typeof value === 'string' && SEVERITIES.has(value)) return value as Severity | 'off';
  problem(reader, node, `audit.rules.${rule}: severity must be error, warning, info or off`);
  return undefined;
}

function readRuleSetting(reader: Reader, rule: string, node: unknown): RuleSetting | undefined {
  if (!isMap(node)) {
    const severity = readSeverity(reader, rule, node);
    return severity === undefined ? undefined : { severity, services: undefined, exclude: [] };
  }
  const map = node as YAMLMap;
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!['severity', 'services', 'exclude'].includes(key))
      problem(reader, pair.key, `audit.rules.${rule}: unknown key "${key}" (expected severity, services, exclude)`);
  }
  const severityNode = map.get('severity', true);
  const servicesNode = map.get('services', true);
  const excludeNode = map.get('exclude', true);
  return {
    severity: severityNode === undefined ? undefined : readSeverity(reader, rule, severityNode),
    services: servicesNode === undefined ? undefined : readStrings(reader, servicesNode, `rules.${rule}.services`),
    exclude: excludeNode === undefined ? [] : (readStrings(reader, excludeNode, `rules.${rule}.exclude`) ?? []),
  };
}

function readWaivers(reader: Reader, node: unknown, knownRules: readonly string[]): Waiver[] {
  if (node === undefined) return [];
  if (!isSeq(node)) {
    problem(reader, node, 'audit.waivers must be a list of { rule, service, reason }');
    return [];
  }
  const waivers: Waiver[] = [];
  for (const item of node.items) {
    if (!isMap(item)) {
      problem(reader, item, 'a waiver must be a mapping { rule, service, reason }');
      continue;
    }
    const text = (key: string): string | undefined => {
      const value = item.get(key, true);
      return isScalar(value) && typeof value.value === 'string' && value.value.trim() !== '' ? value.value.trim() : undefined;
    };
    const rule = text('rule');
    const service = text('service');
    const reason = text('reason');
    for (const pair of item.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!['rule', 'service', 'stack', 'reason'].includes(key))
        problem(reader, pair.key, `a waiver has unknown key "${key}" (expected rule, service, stack, reason)`);
    }
    if (rule === undefined || service === undefined) problem(reader, item, 'a waiver needs a rule and a service (a name or a glob)');
    if (reason === undefined) problem(reader, item, 'a waiver needs a reason: the report shows it', 'add reason: <why this service is exempt>');
    if (rule === undefined || service === undefined || reason === undefined) continue;
    if (!checkRule(reader, item.get('rule', true), rule, knownRules)) continue;
    const offset = (item as Node).range?.[0] ?? 0;
    waivers.push({ rule, service, stack: text('stack'), reason, file: reader.file, line: reader.lineCounter.linePos(offset).line });
  }
  return waivers;
}
