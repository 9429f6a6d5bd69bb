import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeControl, formatCounts, isFailing, pluralize, relativePath } from '../../src/reporters/prepare.js';

describe('reporter preparation', () => {
  it('makes paths relative to the cwd, POSIX-style', () => {
    assert.equal(relativePath('/work/project/deploy/prod/.env', '/work/project'), 'deploy/prod/.env');
    // Outside the cwd a path is absolute, not a climb of ../ (an env_file at /mnt/data/.env reads as written).
    assert.equal(relativePath('/work/shared/secrets.env', '/work/project'), '/work/shared/secrets.env');
    assert.equal(relativePath('../shared/secrets.env', '/work/project'), '/work/shared/secrets.env');
    assert.equal(relativePath('/work/project-two/.env', '/work/project'), '/work/project-two/.env');
    assert.equal(relativePath('deploy/.env', '/work/project'), 'deploy/.env');
    assert.equal(relativePath('/work/project', '/work/project'), '.');
    assert.equal(relativePath('', '/work/project'), '');
  });

  it('counts with correct plurals', () => {
    assert.equal(pluralize(0, 'info'), '0 infos');
    assert.equal(pluralize(1, 'error'), '1 error');
    assert.equal(formatCounts({ errors: 2, warnings: 1, infos: 0 }), '2 errors, 1 warning, 0 infos');
  });

  it('fails on errors, and on warnings only under strict', () => {
    assert.equal(isFailing({ errors: 1, warnings: 0, infos: 0 }, false), true);
    assert.equal(isFailing({ errors: 0, warnings: 1, infos: 9 }, undefined), false);
    assert.equal(isFailing({ errors: 0, warnings: 1, infos: 0 }, true), true);
    assert.equal(isFailing({ errors: 0, warnings: 0, infos: 1 }, true), false);
  });

  it('escapes control characters, keeping newlines only when asked', () => {
    assert.equal(escapeControl('a\u001b[31mb\tc\r\nd\u009b', false), 'a\\u001b[31mb\\tc\\r\\nd\\u009b');
    assert.equal(escapeControl('a\nb', true), 'a\nb');
    assert.equal(escapeControl('plain: é €', false), 'plain: é €');
  });
});
