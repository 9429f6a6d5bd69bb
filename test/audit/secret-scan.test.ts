import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scanTextForSecrets } from '../../src/audit/secret-scan.js';
import { looksLikeSecretValue } from '../../src/audit/secret-value.js';

describe('scanTextForSecrets', () => {
  it('finds high-entropy values under secret names and known token formats, with positions', () => {
    const text = [
      'JWT_SECRET_KEY=Xy3Zb6Cd9Ef2Gh5Jk8Lm1Np4Qr7St0Vw',
      '  "apiToken": "kP9rT2vX6zB1nM4qW8sE3dF7",',
      'aws = AKIAIOSFODNN7EXAMPLQ',
      '-----BEGIN OPENSSH PRIVATE KEY-----',
      'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW',
      'QyNTUxOQAAACDx0q4fKQo1zW8bqz7Bc9RZqfL0p8v3h7n2m5k1j4g6aQAAAJgAAAAAAAAA',
      'AAAAC3NzaC1lZDI1NTE5AAAAIPHSrh8pCjXNbxurPsFz1Fmp8vSny/eHufabmTWPiDpp',
      '-----END OPENSSH PRIVATE KEY-----',
      'example: "-----BEGIN RSA PRIVATE KEY-----\\n..."',
    ].join('\n');
    assert.deepEqual(
      scanTextForSecrets(text).map((hit) => [hit.line, hit.column, hit.what]),
      [
        [1, 16, 'a high-entropy value of JWT_SECRET_KEY'],
        [2, 16, 'a high-entropy value of apiToken'],
        [3, 7, 'an AWS access key id'],
        [4, 1, 'a private key'],
      ],
    );
  });

  it('leaves references, settings, words, paths and placeholders alone', () => {
    const text = [
      'JWT_SECRET_KEY=${JWT_SECRET_KEY}',
      'SECRET_KEY = os.getenv("SECRET_KEY")',
      'JWT_SECRET_KEY=lucid_jwt_secret_key_change_in_production',
      'TOKEN_EXPIRY_SECONDS=86400000000000000',
      'SECRET_KEY_PATH=/run/secrets/jwt_secret_key_v2',
      'password: settings.database.password',
      'password: your-secret-password-here-123',
      'test_key = "0123456789abcdef" * 4',
      '"secret": "secret_abc123xyz"',
      'ENCRYPTION_KEY=32ByteEncryptionKeyForLucidSystem123456',
    ].join('\n');
    assert.deepEqual(scanTextForSecrets(text), []);
  });

  it('wants length, variety and entropy', () => {
    assert.equal(looksLikeSecretValue('short1A'), false);
    assert.equal(looksLikeSecretValue('aaaaaaaaaaaaaaaaaaaa1'), false);
    assert.equal(looksLikeSecretValue('getSecretValueFromVault'), false);
    assert.equal(looksLikeSecretValue('7MfHG63tfH1r9zICfelw6l8Eyymt3vAXnYdnq/Dnle8='), true);
    assert.equal(looksLikeSecretValue('4f9c2e7a1b8d3f6e0a5c9b2d7e1f4a8c'), true);
  });
});

describe('looksLikeSecretValue on what people write', () => {
  it('skips examples, identifiers, versions and encrypted or hashed forms', () => {
    for (const value of [
      'SecurePassword123!',
      'dev-jwt-secret-key-2024',
      'jjwt-impl:0.11.5',
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...',
      'ENC[AES256_GCM,data:abc]',
      '16:872860B76453A77D60CA2BB8C1A7042072093276A3D701AD684053EC4C',
    ]) {
      assert.equal(looksLikeSecretValue(value), false, value);
    }
  });
});
