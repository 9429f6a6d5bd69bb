import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSecretName } from '../src/variable-names.js';

describe('secret names without a template', () => {
  it('names that hold a secret', () => {
    const names = ['MONGODB_PASSWORD', 'JWT_SECRET_KEY', 'JWT_SECRET_KEY_PREVIOUS', 'GITHUB_TOKEN', 'TRONGRID_API_KEY', 'ENCRYPTION_KEY', 'SECRET_KEY_BASE'];
    assert.deepEqual(
      names.filter((name) => !isSecretName(name)),
      [],
    );
    assert.deepEqual(
      ['TOR_HASHED_CONTROL_PASSWORD', 'SSH_PRIVATE_KEY', 'GPG_PASSPHRASE', 'db_passwd'].filter((name) => !isSecretName(name)),
      [],
    );
  });

  it('names that describe a secret (a duration, a size, a place, a switch) are not secrets', () => {
    const names = [
      'JWT_ACCESS_TOKEN_EXPIRE_MINUTES',
      'JWT_REFRESH_TOKEN_EXPIRE_DAYS',
      'PASSWORD_MIN_LENGTH',
      'REDIS_PASSWORD_FILE',
      'TOKEN_URL',
      'API_KEY_HEADER',
      'SECRETS_DIR',
      'PASSWORD_RESET_ENABLED',
      'JWT_SECRET_ALGORITHM',
    ];
    assert.deepEqual(
      names.filter((name) => isSecretName(name)),
      [],
    );
  });

  it('names without a secret word are not secrets', () => {
    assert.deepEqual(
      ['MONGODB_PORT', 'API_GATEWAY_URL', 'KEYCLOAK_URL', 'LOG_LEVEL'].filter((name) => isSecretName(name)),
      [],
    );
  });
});
