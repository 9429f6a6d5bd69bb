/** A small report shared by the reporter tests: two cwd files and one outside, every severity. */
import type { Finding } from '../../src/findings.js';
import type { Report, ReporterOptions } from '../../src/report.js';

/** The cwd every test report is relative to. */
export const CWD = '/work/project';

/** Findings in no particular order; sorted, `/work/shared/secrets.env` (outside the cwd, so absolute) comes first. */
export const FINDINGS: Finding[] = [
  {
    code: 'unused',
    severity: 'info',
    message: 'OLD_TOKEN is defined but never referenced',
    file: '/work/project/deploy/prod/.env',
    line: 4,
    column: 1,
    variable: 'OLD_TOKEN',
  },
  {
    code: 'suspicious-reference',
    severity: 'warning',
    message: 'reads as ${gui-...}: 100% sure, not a typo?\nsecond line',
    file: '/work/project/compose.yaml',
    line: 7,
    column: 15,
  },
  {
    code: 'missing',
    severity: 'error',
    message: 'DB_URL is not set',
    file: '/work/project/compose.yaml',
    line: 3,
    column: 12,
    variable: 'DB_URL',
    hint: 'add DB_URL to .env or give it a default',
  },
  {
    code: 'insecure-permissions',
    severity: 'warning',
    message: 'deploy/prod/.env holds secrets and is readable by others',
    file: '/work/project/deploy/prod/.env',
    line: 0,
    column: 0,
    hint: 'chmod 600 deploy/prod/.env',
  },
  {
    code: 'placeholder',
    severity: 'error',
    message: 'JWT_SECRET holds a placeholder',
    file: '/work/shared/secrets.env',
    line: 2,
    column: 1,
    variable: 'JWT_SECRET',
  },
];

/** A `check` report over FINDINGS. */
export function checkReport(overrides: Partial<Report> = {}): Report {
  return {
    command: 'check',
    files: ['/work/project/compose.yaml', '/work/project/deploy/prod/.env', '/work/shared/secrets.env'],
    findings: FINDINGS.map((finding) => ({ ...finding })),
    ...overrides,
  };
}

/** Options without colour, relative to CWD. */
export const PLAIN: ReporterOptions = { cwd: CWD, color: false };

/** A `scan` report: references listed out of order, one finding. */
export function scanReport(): Report {
  return {
    command: 'scan',
    files: ['/work/project/compose.yaml', '/work/project/deploy/prod/.env'],
    references: [
      {
        name: 'DB_URL',
        file: '/work/project/compose.yaml',
        line: 9,
        column: 14,
        path: 'services.worker.environment.DB_URL',
        source: 'compose',
        operator: ':-',
        default: 'postgres://db:5432/app',
        message: null,
        text: '${DB_URL:-postgres://db:5432/app}',
      },
      {
        name: 'API_KEY',
        file: '/work/project/deploy/prod/.env',
        line: 2,
        column: 12,
        path: 'SERVICE_KEY',
        source: 'env-file',
        operator: ':?',
        default: null,
        message: 'set API_KEY',
        text: '${API_KEY:?set API_KEY}',
      },
      {
        name: 'DB_URL',
        file: '/work/project/compose.yaml',
        line: 3,
        column: 12,
        path: 'services.api.environment.DB_URL',
        source: 'compose',
        operator: '',
        default: null,
        message: null,
        text: '${DB_URL}',
      },
      {
        name: 'PORT',
        file: '/work/project/compose.yaml',
        line: 5,
        column: 9,
        path: 'services.api.ports[0]',
        source: 'compose',
        operator: ':-',
        default: '8080',
        message: null,
        text: '${PORT:-8080}',
      },
      {
        name: 'PORT',
        file: '/work/project/compose.yaml',
        line: 12,
        column: 9,
        path: 'services.worker.ports[0]',
        source: 'compose',
        operator: '-',
        default: '',
        message: null,
        text: '${PORT-}',
      },
    ],
    variables: [
      { name: 'API_KEY', status: 'required', defaults: [], references: 1 },
      { name: 'DB_URL', status: 'plain', defaults: ['postgres://db:5432/app'], references: 2 },
      { name: 'PORT', status: 'defaulted', defaults: ['8080', ''], references: 2 },
    ],
    findings: [
      {
        code: 'inconsistent-default',
        severity: 'warning',
        message: 'PORT has 2 different defaults',
        file: '/work/project/compose.yaml',
        line: 12,
        column: 9,
        variable: 'PORT',
      },
    ],
  };
}

/** A report for SARIF's edge cases: clamped column, no region, no location, a path to encode. */
export function sarifReport(): Report {
  return {
    command: 'check',
    files: [],
    findings: [
      { code: 'yaml-syntax', severity: 'error', message: 'compose.yaml is not valid YAML', file: `${CWD}/compose.yaml`, line: 0, column: 0 },
      {
        code: 'empty',
        severity: 'error',
        message: 'API_KEY is empty',
        file: `${CWD}/my dir/#1.env`,
        line: 5,
        column: 0,
        variable: 'API_KEY',
        hint: 'set a value',
      },
      { code: 'unused', severity: 'info', message: 'no file at all', file: '', line: 0, column: 0 },
    ],
  };
}
