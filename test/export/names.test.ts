import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { composeSecretName, isDnsSubdomain, isLabelValue, swarmSecretName, toDnsSubdomain, toLabelValue } from '../../src/export/names.js';

describe('export names', () => {
  it('compose secret names are the variable in lower case', () => {
    assert.equal(composeSecretName('MONGODB_PASSWORD'), 'mongodb_password');
    assert.equal(composeSecretName('_HIDDEN'), 'hidden');
  });

  it('Swarm names carry the fingerprint and stay within 64 characters', () => {
    assert.equal(swarmSecretName('lucid-foundation', 'JWT_SECRET_KEY', '38eda27ed2f7'), 'lucid-foundation_jwt_secret_key_38eda27ed2f7');
    const long = swarmSecretName('a'.repeat(80), 'B'.repeat(40), '0123456789ab');
    assert.ok(long.length <= 64 && long.endsWith('_0123456789ab'), long);
  });

  it('Kubernetes names and label values are valid for any input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (name) => {
        assert.ok(isDnsSubdomain(toDnsSubdomain(name)), toDnsSubdomain(name));
        assert.ok(isLabelValue(toLabelValue(name)), toLabelValue(name));
      }),
      { numRuns: 2000 },
    );
    assert.equal(toDnsSubdomain('Lucid_Foundation-secrets'), 'lucid-foundation-secrets');
  });
});
