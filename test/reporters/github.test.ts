import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Report } from '../../src/report.js';
import { escapeData, escapeProperty, formatGithub } from '../../src/reporters/github.js';
import { CWD, checkReport, PLAIN } from './fixture.js';

describe('github reporter', () => {
  it('prints one workflow command per sorted finding, then a summary line', () => {
    const expected = `${[
      // Outside the cwd (the repository): GitHub cannot annotate it, so the place leads the message.
      '::error title=placeholder::/work/shared/secrets.env:2:1: JWT_SECRET holds a placeholder',
      '::error file=compose.yaml,line=3,col=12,title=missing::DB_URL is not set (hint: add DB_URL to .env or give it a default)',
      '::warning file=compose.yaml,line=7,col=15,title=suspicious-reference::reads as ${gui-...}: 100%25 sure, not a typo?%0Asecond line',
      '::warning file=deploy/prod/.env,title=insecure-permissions::deploy/prod/.env holds secrets and is readable by others (hint: chmod 600 deploy/prod/.env)',
      '::notice file=deploy/prod/.env,line=4,col=1,title=unused::OLD_TOKEN is defined but never referenced',
      'lucid-env: 2 errors, 2 warnings, 1 info',
    ].join('\n')}\n`;
    assert.equal(formatGithub(checkReport(), PLAIN), expected);
  });

  it('escapes properties (file, title) more strictly than the message', () => {
    const report: Report = {
      command: 'check',
      files: [],
      findings: [
        { code: 'env-syntax', severity: 'error', message: 'a, b: 5%\r\nc', file: `${CWD}/odd,name:1%.env`, line: 3, column: 0 },
        { code: 'unused', severity: 'info', message: 'about no file', file: '', line: 0, column: 0 },
      ],
    };
    const expected = `${[
      '::notice title=unused::about no file',
      '::error file=odd%2Cname%3A1%25.env,line=3,title=env-syntax::a, b: 5%25%0D%0Ac',
      'lucid-env: 1 error, 0 warnings, 1 info',
    ].join('\n')}\n`;
    assert.equal(formatGithub(report, PLAIN), expected);
  });

  it('prints only the summary line when there is nothing to say', () => {
    assert.equal(formatGithub({ command: 'check', files: [], findings: [] }, PLAIN), 'lucid-env: no problems\n');
  });

  it('escapes as the Actions runner does', () => {
    assert.equal(escapeData('100% done\r\nnext: a,b'), '100%25 done%0D%0Anext: a,b');
    assert.equal(escapeProperty('100% done\r\nnext: a,b'), '100%25 done%0D%0Anext%3A a%2Cb');
    // `%` first, so an escape is never escaped twice.
    assert.equal(escapeData('%0A'), '%250A');
  });
});
