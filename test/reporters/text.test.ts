import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../../src/findings.js';
import type { Change, Report } from '../../src/report.js';
import { formatText } from '../../src/reporters/text.js';
import { CWD, checkReport, PLAIN, scanReport } from './fixture.js';

const CHANGES: Change[] = [
  { file: `${CWD}/.env`, key: 'ENCRYPTION_KEY', action: 'generated', fingerprint: '3fa1c2d4', reason: 'missing' },
  { file: `${CWD}/.env`, key: 'JWT_SECRET', action: 'kept-previous' },
  { file: `${CWD}/deploy/.env`, key: 'DB_PASSWORD', action: 'regenerated', reason: 'weak' },
];

function finding(severity: Finding['severity'], line = 1): Finding {
  return { code: 'missing', severity, message: `a ${severity}`, file: `${CWD}/compose.yaml`, line, column: 1 };
}

function report(findings: Finding[], extra: Partial<Report> = {}): Report {
  return { command: 'check', files: [], findings, ...extra };
}

describe('text reporter', () => {
  it('groups sorted findings by relative file, with positions, hints and a summary', () => {
    const expected = `${[
      '/work/shared/secrets.env',
      '  2:1  error    JWT_SECRET holds a placeholder  [placeholder]',
      '',
      'compose.yaml',
      '  3:12  error    DB_URL is not set  [missing]',
      '      hint: add DB_URL to .env or give it a default',
      '  7:15  warning  reads as ${gui-...}: 100% sure, not a typo?',
      '                 second line  [suspicious-reference]',
      '',
      'deploy/prod/.env',
      '  -    warning  deploy/prod/.env holds secrets and is readable by others  [insecure-permissions]',
      '      hint: chmod 600 deploy/prod/.env',
      '  4:1  info     OLD_TOKEN is defined but never referenced  [unused]',
      '',
      '✖ 2 errors, 2 warnings, 1 info',
    ].join('\n')}\n`;
    assert.equal(formatText(checkReport(), PLAIN), expected);
  });

  it('prints the scan table with first positions, the counts, the findings and a summary', () => {
    const expected = `${[
      'NAME     STATUS     DEFAULTS                REFS  FIRST',
      'API_KEY  required   -                       1     deploy/prod/.env:2:12',
      'DB_URL   plain      postgres://db:5432/app  2     compose.yaml:3:12',
      'PORT     defaulted  8080, ""                2     compose.yaml:5:9',
      '',
      '3 variables, 5 references in 2 files',
      '',
      'compose.yaml',
      '  12:9  warning  PORT has 2 different defaults  [inconsistent-default]',
      '',
      '⚠ 0 errors, 1 warning, 0 infos',
    ].join('\n')}\n`;
    assert.equal(formatText(scanReport(), PLAIN), expected);
  });

  it('says so when a scan finds no reference', () => {
    const scan: Report = { command: 'scan', files: [`${CWD}/compose.yaml`], findings: [], references: [], variables: [] };
    assert.equal(formatText(scan, PLAIN), 'no variable references in 1 file\n\n✔ no problems\n');
  });

  it('lists changes by file with aligned columns', () => {
    const expected = `${[
      '.env',
      '  generated      ENCRYPTION_KEY  (fingerprint 3fa1c2d4)  missing',
      '  kept previous  JWT_SECRET',
      '',
      'deploy/.env',
      '  regenerated    DB_PASSWORD     weak',
      '',
      '✔ no problems',
    ].join('\n')}\n`;
    assert.equal(formatText(report([], { command: 'generate', changes: CHANGES }), PLAIN), expected);
  });

  it('words changes as "would ..." in a dry run', () => {
    const expected = `${[
      '.env',
      '  would generate       ENCRYPTION_KEY  (fingerprint 3fa1c2d4)  missing',
      '  would keep previous  JWT_SECRET',
      '',
      'deploy/.env',
      '  would regenerate     DB_PASSWORD     weak',
      '',
      '✔ no problems',
    ].join('\n')}\n`;
    assert.equal(formatText(report([], { command: 'generate', changes: CHANGES, dryRun: true }), PLAIN), expected);
  });

  it('says when there is nothing to change', () => {
    assert.equal(formatText(report([], { command: 'generate', changes: [] }), PLAIN), 'nothing to change\n\n✔ no problems\n');
    const dryRun = report([], { command: 'generate', changes: [], dryRun: true });
    assert.equal(formatText(dryRun, PLAIN), 'would change nothing\n\n✔ no problems\n');
  });

  it('prints output alone, as data, when there is no finding', () => {
    assert.equal(formatText(report([], { command: 'render', output: 'services:\n  api: {}\n' }), PLAIN), 'services:\n  api: {}\n');
    assert.equal(formatText(report([], { command: 'tor-hash', output: '16:ABCD' }), PLAIN), '16:ABCD\n');
    assert.equal(formatText(report([], { command: 'render', output: '' }), PLAIN), '');
  });

  it('prints output first, then findings and the summary', () => {
    const expected = ['services: {}', '', 'compose.yaml', '  1:1  warning  a warning  [missing]', '', '⚠ 0 errors, 1 warning, 0 infos'];
    const rendered = report([finding('warning')], { command: 'render', output: 'services: {}\n' });
    assert.equal(formatText(rendered, PLAIN), `${expected.join('\n')}\n`);
  });

  it('summarizes with the right mark and plurals', () => {
    const last = (findings: Finding[], strict?: boolean) =>
      formatText(report(findings), { ...PLAIN, strict })
        .trimEnd()
        .split('\n')
        .at(-1);
    assert.equal(last([]), '✔ no problems');
    assert.equal(last([finding('error')]), '✖ 1 error, 0 warnings, 0 infos');
    assert.equal(last([finding('warning'), finding('warning', 2)]), '⚠ 0 errors, 2 warnings, 0 infos');
    assert.equal(last([finding('warning')], true), '✖ 0 errors, 1 warning, 0 infos');
    assert.equal(last([finding('info'), finding('info', 2)]), '✔ 0 errors, 0 warnings, 2 infos');
  });

  it('colours severities, positions, file headers and the summary only with color: true', () => {
    const findings = [finding('error'), finding('warning', 2), { ...finding('info', 3), hint: 'a hint' }];
    const expected = `${[
      '\u001b[4mcompose.yaml\u001b[24m',
      '  \u001b[2m1:1\u001b[22m  \u001b[31merror  \u001b[39m  a error  \u001b[2m[missing]\u001b[22m',
      '  \u001b[2m2:1\u001b[22m  \u001b[33mwarning\u001b[39m  a warning  \u001b[2m[missing]\u001b[22m',
      '  \u001b[2m3:1\u001b[22m  \u001b[34minfo   \u001b[39m  a info  \u001b[2m[missing]\u001b[22m',
      '      \u001b[2mhint:\u001b[22m a hint',
      '',
      '\u001b[31m✖ 1 error, 1 warning, 1 info\u001b[39m',
    ].join('\n')}\n`;
    assert.equal(formatText(report(findings), { ...PLAIN, color: true }), expected);
    assert.doesNotMatch(formatText(report(findings), PLAIN), /\u001b/);
  });

  it('shows control characters from user files as escapes', () => {
    const tricky = { ...finding('error'), message: 'bad \u001b[2J name\there', hint: 'line\nbreak' };
    const lines = formatText(report([tricky]), PLAIN).split('\n');
    assert.equal(lines[1], '  1:1  error    bad \\u001b[2J name\\there  [missing]');
    assert.equal(lines[2], '      hint: line\\nbreak');
  });
});
