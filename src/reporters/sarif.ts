/**
 * The `sarif` format: SARIF 2.1.0, one run, one rule per finding code present.
 * https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 */

import type { Finding, FindingCode, Severity } from '../findings.js';
import { PROJECT_URI, ruleHelpUri } from '../findings.js';
import type { Report, ReporterOptions } from '../report.js';
import { findingCodes } from '../rules/registry.js';
import { messageWithHint, prepareFindings } from './prepare.js';

/** The tool version written to `tool.driver.version`; keep it equal to package.json's version. */
export const TOOL_VERSION = '0.1.0';

/** Where `tool.driver.informationUri` points. */
export const TOOL_URI = PROJECT_URI;

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** Formats a report as a SARIF 2.1.0 log. */
export function formatSarif(report: Report, options: ReporterOptions): string {
  const findings = prepareFindings(report.findings, options.cwd);
  const present = new Set(findings.map((finding) => finding.code));
  // Registry order keeps `rules` (and so every ruleIndex) stable from one run to the next.
  const codes = (Object.keys(findingCodes()) as FindingCode[]).filter((code) => present.has(code));
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: 'lucid-env', informationUri: TOOL_URI, version: TOOL_VERSION, rules: codes.map(toRule) },
        },
        results: findings.map((finding) => toResult(finding, codes.indexOf(finding.code))),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

function toRule(code: FindingCode): Record<string, unknown> {
  return {
    id: `lucid-env/${code}`,
    name: code,
    shortDescription: { text: findingCodes()[code].title },
    helpUri: ruleHelpUri(code),
    defaultConfiguration: { level: LEVEL[findingCodes()[code].severity] },
  };
}

function toResult(finding: Finding, ruleIndex: number): Record<string, unknown> {
  const result: Record<string, unknown> = {
    ruleId: `lucid-env/${finding.code}`,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: { text: messageWithHint(finding) },
  };
  if (finding.stack !== undefined) result['properties'] = { stack: finding.stack };
  if (finding.file !== '') {
    const physicalLocation: Record<string, unknown> = { artifactLocation: { uri: formatUri(finding.file) } };
    if (finding.line > 0) {
      physicalLocation['region'] = { startLine: finding.line, startColumn: Math.max(1, finding.column) };
    }
    result['locations'] = [{ physicalLocation }];
  }
  return result;
}

/**
 * A relative POSIX path as a URI reference: percent-encodes what a URI cannot hold as is (spaces,
 * `%`, `#`, `?`, `:` which would read as a scheme), leaving `/` and `../` alone.
 */
export function formatUri(file: string): string {
  return file.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=@/]/gu, (character) => {
    try {
      return encodeURIComponent(character);
    } catch {
      return '%EF%BF%BD'; // a lone surrogate has no UTF-8 form: U+FFFD, as TextEncoder writes it
    }
  });
}
