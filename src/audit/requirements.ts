/** Pure: the requirements table of the markdown report (the seed report's "Compliance Verification"), each row fed by rule codes. */
import type { Finding, FindingCode } from '../findings.js';
import { findingCodes } from '../rules/registry.js';

/** One requirement: the codes whose findings break it, and the word for a broken one. */
interface Requirement {
  title: string;
  codes: readonly FindingCode[];
  failure: 'VIOLATION' | 'MISSING';
}

/** The requirements, in the report's order. */
export const REQUIREMENTS: readonly Requirement[] = [
  { title: 'Distroless base images', codes: ['audit/image-source', 'audit/distroless-base'], failure: 'VIOLATION' },
  { title: 'Multi-stage builds', codes: ['audit/image-source', 'audit/build-missing', 'audit/multi-stage'], failure: 'MISSING' },
  { title: 'Non-root user', codes: ['audit/non-root'], failure: 'VIOLATION' },
  { title: 'Security labels', codes: ['audit/security-label'], failure: 'MISSING' },
  { title: 'Read-only root filesystem', codes: ['audit/read-only'], failure: 'MISSING' },
  { title: 'Capabilities dropped (cap_drop ALL, cap_add allow-list)', codes: ['audit/cap-drop', 'audit/cap-add'], failure: 'VIOLATION' },
  { title: 'No new privileges', codes: ['audit/no-new-privileges'], failure: 'MISSING' },
  { title: 'No privileged mode, no host namespaces', codes: ['audit/privileged', 'audit/host-namespace'], failure: 'VIOLATION' },
  { title: 'No shell use in distroless services', codes: ['audit/shell-healthcheck', 'audit/shell-command'], failure: 'VIOLATION' },
  { title: 'Images pinned by digest', codes: ['audit/image-digest'], failure: 'VIOLATION' },
  { title: 'No secrets in compose files or Dockerfiles', codes: ['audit/literal-secret', 'audit/weak-default'], failure: 'VIOLATION' },
  { title: 'No secrets committed to git', codes: ['audit/tracked-secret', 'audit/env-file-tracked'], failure: 'VIOLATION' },
  { title: 'Env files private, no placeholders', codes: ['audit/env-permissions', 'audit/env-placeholder'], failure: 'VIOLATION' },
  { title: 'Environment variables defined', codes: ['missing', 'env-file-scope'], failure: 'MISSING' },
];

/** One row of the table. */
export interface RequirementRow {
  requirement: string;
  status: 'PASS' | 'VIOLATION' | 'MISSING' | 'WARNING' | 'WAIVED' | 'NOT CHECKED';
  evidence: string;
}

function subjectOf(finding: Finding): string {
  return finding.service ?? finding.variable ?? finding.file;
}

/** Judges each requirement from the findings; `notChecked` names requirements that did not run, with why. */
export function judgeRequirements(findings: readonly Finding[], notChecked: ReadonlyMap<string, string>): RequirementRow[] {
  const codes = findingCodes();
  return REQUIREMENTS.map((requirement) => {
    const related = findings.filter((finding) => (requirement.codes as readonly string[]).includes(finding.code));
    const reason = notChecked.get(requirement.title);
    if (related.length === 0)
      return { requirement: requirement.title, status: reason === undefined ? 'PASS' : 'NOT CHECKED', evidence: reason ?? 'no finding' };
    const failing = related.filter((finding) => finding.severity === 'error' || finding.severity === 'warning');
    const status = failing.length === 0 ? 'WAIVED' : failing.some((finding) => finding.severity === 'error') ? requirement.failure : 'WARNING';
    const shown = failing.length === 0 ? related : failing;
    const groups = new Map<string, Set<string>>();
    for (const finding of shown) {
      const title = codes[finding.code].title;
      const subjects = groups.get(title) ?? new Set<string>();
      subjects.add(subjectOf(finding));
      groups.set(title, subjects);
    }
    const evidence = [...groups].map(([title, subjects]) => `${title}: ${[...subjects].join(', ')}`).join('; ');
    return { requirement: requirement.title, status, evidence };
  });
}
