import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { formatComposeOverride } from '../../src/export/compose-override.js';
import { findSecretUses } from '../../src/export/usage.js';

const COMPOSE = parse(`
services:
  db:
    environment:
      - POSTGRES_PASSWORD=\${DB_PASSWORD:?set it}
      - POSTGRES_USER=app
  api:
    command: ["serve", "--token", "\${API_TOKEN}"]
    env_file: [app.env]
    environment:
      DATABASE_URL: postgres://app:\${DB_PASSWORD}@db/app
      API_TOKEN:
      LOG_LEVEL: info
  web:
    image: nginx
`) as Record<string, unknown>;

describe('findSecretUses and formatComposeOverride', () => {
  const secrets = new Set(['DB_PASSWORD', 'API_TOKEN']);
  const uses = findSecretUses(COMPOSE, secrets, (service) => (service === 'api' ? ['DB_PASSWORD', 'LOG_LEVEL'] : []));

  it('finds direct, built and passthrough uses, uses outside environment and env_file secrets', () => {
    assert.deepEqual(uses, [
      { service: 'db', environment: [{ variable: 'POSTGRES_PASSWORD', secret: 'DB_PASSWORD', isDirect: true }], elsewhere: [], envFileSecrets: [] },
      {
        service: 'api',
        environment: [
          { variable: 'DATABASE_URL', secret: 'DB_PASSWORD', isDirect: false },
          { variable: 'API_TOKEN', secret: 'API_TOKEN', isDirect: true },
        ],
        elsewhere: [{ path: 'services.api.command[2]', secret: 'API_TOKEN' }],
        envFileSecrets: ['DB_PASSWORD'],
      },
      { service: 'web', environment: [], elsewhere: [], envFileSecrets: [] },
    ]);
  });

  it('switches to _FILE where the image reads it, blanks every other secret, grants what is referenced', () => {
    const override = formatComposeOverride(
      uses,
      [
        { key: 'DB_PASSWORD', name: 'db_password', file: './secrets/db_password' },
        { key: 'API_TOKEN', name: 'api_token', file: './secrets/api_token' },
      ],
      (secret) => (secret === 'DB_PASSWORD' ? ['POSTGRES_PASSWORD'] : []),
      '# header\n',
    );
    assert.equal(
      override.text,
      `# header
services:
  db:
    environment:
      POSTGRES_PASSWORD: ""
      POSTGRES_PASSWORD_FILE: /run/secrets/db_password
    secrets:
      - db_password
  api:
    environment:
      DATABASE_URL: ""
      API_TOKEN: ""
      DB_PASSWORD: ""
    secrets:
      - api_token
      - db_password
secrets:
  db_password:
    file: ./secrets/db_password
  api_token:
    file: ./secrets/api_token
`,
    );
    assert.deepEqual(override.notes, [
      'api: DATABASE_URL was built from DB_PASSWORD in the compose file; it is blanked: build it in the service',
      'api: its image reads no _FILE variable for API_TOKEN (/run/secrets/api_token): the service must read the file',
      'api: API_TOKEN is still interpolated into services.api.command[2] (outside environment:)',
      'blanked the secrets that env_file: gave api; grant a service the ones it needs',
    ]);
  });

  it('declares external Swarm secrets by name', () => {
    const override = formatComposeOverride(
      uses.slice(0, 1),
      [{ key: 'DB_PASSWORD', name: 'db_password', externalName: 'app_db_password_0123456789ab' }],
      () => [],
      '',
    );
    assert.match(override.text, /\nsecrets:\n {2}db_password:\n {4}external: true\n {4}name: app_db_password_0123456789ab\n$/);
  });
});
