import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isKeyRune } from '../../src/dotenv/characters.js';

describe('isKeyRune (compose-go: letters, numbers, _ . - [ ])', () => {
  it('accepts ASCII letters, digits and the punctuation compose-go allows', () => {
    assert.deepEqual(
      [...'azAZ09_.-[]'].filter((char) => !isKeyRune(char)),
      [],
    );
  });

  it('refuses every other ASCII character', () => {
    const refused = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code)).filter((char) => !/[A-Za-z0-9_.\-[\]]/.test(char));
    assert.deepEqual(refused.filter(isKeyRune), []);
  });

  it('takes Unicode letters and numbers (outside the BMP too), not symbols or spaces', () => {
    assert.deepEqual(['é', 'Ж', '日', '٣', '𝒜'].map(isKeyRune), [true, true, true, true, true]);
    assert.deepEqual(['€', '\u00a0', '—', '😀'].map(isKeyRune), [false, false, false, false]);
  });
});
