import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SECRET_KINDS } from '../../src/secrets/kinds.js';
import { loadSodiumRandom } from '../../src/secrets/random.js';
import { assessSecretStrength, estimatedEntropyBits, longestPatternRun, shannonBitsPerCharacter } from '../../src/secrets/strength.js';

const SHORT = 'is shorter than 16 characters';
const FEW_DISTINCT = 'has little variety (fewer than 8 distinct characters)';
const PATTERN = 'contains a predictable run or sequence (like aaaaaa or 123456)';
const SKEWED = 'has little variety (under 3 bits of entropy per character)';

describe('assessSecretStrength', () => {
  it('passes a 32-character alnum password and a 44-character base64 key', () => {
    assert.equal(assessSecretStrength('q7Rk2VxLp9TzW4mNc8HsJ3bYf6GdE1aU'), undefined);
    assert.equal(assessSecretStrength('hT3u9Q0wXo2Zb7mRk1pL5vN8yC4aF6eJ0dS2gW9iKqE='), undefined);
  });

  it('passes real generated secrets', async () => {
    const random = await loadSodiumRandom();
    for (let round = 0; round < 200; round += 1) {
      const password = SECRET_KINDS.password.generate({ length: 32, alphabet: 'alnum' }, random);
      const key = SECRET_KINDS.bytes.generate({ bytes: 32, encoding: 'base64' }, random);
      const hex = SECRET_KINDS.bytes.generate({ bytes: 16, encoding: 'hex' }, random);
      assert.equal(assessSecretStrength(password), undefined);
      assert.equal(assessSecretStrength(key), undefined);
      assert.equal(assessSecretStrength(hex), undefined);
    }
  });

  it('rule 1: shorter than 16 characters (counted in code points)', () => {
    assert.equal(assessSecretStrength('changeme'), SHORT);
    assert.equal(assessSecretStrength(''), SHORT);
    assert.equal(assessSecretStrength('Xq7!kP2#mZ9$vL4'), SHORT, '15 varied characters are still too short');
    assert.equal(assessSecretStrength('🔑🗝️🔐🔒🔓🛡️⚔️🏰'), SHORT, 'emoji are more than one UTF-16 unit each');
  });

  it('rule 2: fewer than 8 distinct characters', () => {
    assert.equal(assessSecretStrength('aaaaaaaaaaaaaaaaaaaa'), FEW_DISTINCT);
    assert.equal(assessSecretStrength('changemechangeme'), FEW_DISTINCT);
    assert.equal(assessSecretStrength('P@ssw0rdP@ssw0rd'), FEW_DISTINCT);
    assert.equal(assessSecretStrength('abababababababababababababababababab'), FEW_DISTINCT);
  });

  it('rule 3: a run or sequence filling a quarter of the value (at least 6 characters)', () => {
    assert.equal(assessSecretStrength('12345678901234567890'), PATTERN);
    assert.equal(assessSecretStrength('abcdefghijklmnopqrstuvwxyz'), PATTERN);
    assert.equal(assessSecretStrength('Zyxwvut8Q#p2LmR4k'), PATTERN, 'descending');
    assert.equal(assessSecretStrength('Q8#p2LaaaaaamR4kT9'), PATTERN, 'a repeated character');
    // A dictionary word plus a sequence: mixed classes do not hide 1234567.
    assert.equal(assessSecretStrength('Password1234567!'), PATTERN);
    // In a long value a short sequence is no longer a quarter of it.
    assert.equal(assessSecretStrength('q7Rk2VxLp9TzW4mN123456c8HsJ3bYf6GdE1aU'), undefined);
  });

  it('rule 4: under 3 bits per character in a value under 32 characters', () => {
    assert.equal(assessSecretStrength('axbxcxdxexfxgxhx'), SKEWED);
    assert.equal(assessSecretStrength('x1x2x3x4x5x6x7x8x9'), SKEWED);
    // From 32 characters on, length makes up for the skew and rule 5 decides.
    assert.equal(assessSecretStrength('x1x2x3x4x5x6x7x8x9x1x2x3x4x5x6x7'), undefined);
  });

  it('rule 5: estimated entropy under 64 bits', () => {
    assert.equal(assessSecretStrength('8302917465019283'), 'has an estimated entropy of 53 bits, under 64');
    assert.equal(assessSecretStrength('qmzvtrwkpxjyhbnd'), undefined, '16 lowercase letters: 75 bits');
    assert.equal(assessSecretStrength('83029174650192837465'), undefined, '20 digits: 66 bits');
  });

  it('never includes the value in its reason', () => {
    for (const value of ['changeme', 'aaaaaaaaaaaaaaaaaaaa', '12345678901234567890', 'Password1234567!', '8302917465019283']) {
      const reason = assessSecretStrength(value);
      assert.ok(reason !== undefined && !reason.includes(value), value);
    }
  });
});

describe('strength measures', () => {
  it('longestPatternRun finds runs and ±1 sequences', () => {
    assert.equal(longestPatternRun([]), 0);
    assert.equal(longestPatternRun(['a']), 1);
    assert.equal(longestPatternRun(Array.from('xaaaay')), 4);
    assert.equal(longestPatternRun(Array.from('x123456y')), 6);
    assert.equal(longestPatternRun(Array.from('zfedcbz')), 5);
    assert.equal(longestPatternRun(Array.from('abcba')), 3, 'a change of direction starts a new stretch');
    assert.equal(longestPatternRun(Array.from('aab')), 2);
  });

  it('shannonBitsPerCharacter and estimatedEntropyBits', () => {
    assert.equal(shannonBitsPerCharacter(Array.from('aaaa')), 0);
    assert.equal(shannonBitsPerCharacter(Array.from('abcdefgh')), 3);
    assert.equal(estimatedEntropyBits(Array.from('0123456789abcdef')), 16 * Math.log2(36));
    assert.equal(estimatedEntropyBits(Array.from('aA1!')), 4 * Math.log2(95));
    assert.equal(estimatedEntropyBits([]), 0);
  });
});
