import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planSync } from '../../src/dotenv/sync-plan.js';
import { isSecretName } from '../../src/variable-names.js';
import { parseComposeCommandLines } from '../../src/workspace/script-env-files.js';
import { nameStacks } from '../../src/workspace/stack-names.js';

describe('stack names', () => {
  it('name stacks after their compose files, then after folders where names clash', () => {
    assert.deepEqual(
      nameStacks([
        'configs/docker/docker-compose.foundation.yml',
        'api/compose.yaml',
        'admin/docker-compose.yml',
        'configs/container/admin/docker-compose.admin.yml',
        'docker-compose.yml',
        'deploy/a/docker-compose.dev.yml',
        'deploy/b/docker-compose.dev.yml',
      ]),
      ['foundation', 'api', 'admin', 'admin-admin', 'default', 'a-dev', 'b-dev'],
    );
  });
});

describe('compose command lines in scripts', () => {
  it('pairs -f files with --env-file files, joins continued lines, skips paths set at run time', () => {
    const script = [
      '#!/bin/sh',
      'docker compose --env-file configs/.env.secrets --env-file=configs/.env.app \\',
      '  -f deploy/compose.yml up -d',
      'docker compose -f "$COMPOSE" --env-file "$ENV" up',
      "docker-compose --file deploy/b.yml --env-file 'configs/.env b' ps",
      'docker compose -f deploy/c.yml up   # no env file',
    ].join('\n');
    assert.deepEqual(parseComposeCommandLines(script), [
      { line: 2, composeFiles: ['deploy/compose.yml'], envFiles: ['configs/.env.secrets', 'configs/.env.app'] },
      { line: 5, composeFiles: ['deploy/b.yml'], envFiles: ['configs/.env b'] },
    ]);
  });
});

describe('sync plan', () => {
  it('copies the source value only where a key is defined and rebuilds URIs built from it', () => {
    const source = {
      path: 'a',
      values: new Map([
        ['DB_PASSWORD', 'n3w+Pass/word99'],
        ['API_KEY', 'Kk9Jj8Hh7Gg6Ff5E'],
      ]),
    };
    const target = {
      path: 'b',
      values: new Map([
        ['DB_PASSWORD', 'oldPassword1234'],
        ['DB_URL', 'postgres://app:oldPassword1234@db/app'],
        ['PORT', '80'],
      ]),
    };
    assert.deepEqual(planSync(source, [source, target], new Set(['DB_PASSWORD', 'API_KEY']), isSecretName), {
      files: [
        {
          path: 'b',
          assignments: [
            { key: 'DB_PASSWORD', value: 'n3w+Pass/word99', kind: 'secret' },
            { key: 'DB_URL', value: 'postgres://app:n3w%2BPass%2Fword99@db/app', kind: 'derived' },
          ],
        },
      ],
    });
  });
});
