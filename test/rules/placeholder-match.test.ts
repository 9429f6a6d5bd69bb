/** Burnt keys are compared by the bytes they encode: the same 32 bytes in another encoding are just as public. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeKeyBytes, matchPlaceholder } from '../../src/rules/placeholder-match.js';

const BURNT_BASE64 = '7MfHG63tfH1r9zICfelw6l8Eyymt3vAXnYdnq/Dnle8=';
const BYTES = Buffer.from(BURNT_BASE64, 'base64');

describe('burnt keys', () => {
  it('the burnt base64 key is burnt as base64url (unpadded), unpadded base64 and hex of the same 32 bytes', () => {
    for (const written of [
      BURNT_BASE64,
      BYTES.toString('base64url'),
      BURNT_BASE64.replace(/=+$/, ''),
      BYTES.toString('hex'),
      BYTES.toString('hex').toUpperCase(),
    ]) {
      assert.match(matchPlaceholder(written) ?? '', /publicly known value/, written);
    }
  });

  it('other bytes, and texts that are no valid encoding, are not', () => {
    const other = Buffer.from(BYTES);
    other[0] = (other[0] ?? 0) ^ 1;
    assert.equal(matchPlaceholder(other.toString('base64')), undefined);
    assert.equal(matchPlaceholder(`${BYTES.toString('hex')}0`), undefined);
    assert.deepEqual(decodeKeyBytes('short'), []);
    assert.deepEqual(decodeKeyBytes('a'.repeat(45)), []);
  });
});
