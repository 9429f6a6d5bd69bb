import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createSodiumRandom, loadSodium, loadSodiumRandom } from '../../src/secrets/random.js';

describe('libsodium RandomSource', () => {
  it('loads libsodium once', async () => {
    const [first, second] = await Promise.all([loadSodium(), loadSodium()]);
    assert.equal(first, second);
    assert.equal(await loadSodium(), first);
  });

  it('gives bytes of the asked length and uniform draws in range', async () => {
    const random = await loadSodiumRandom();
    assert.equal(random.bytes(0).length, 0);
    assert.equal(random.bytes(32).length, 32);
    assert.notDeepEqual(random.bytes(32), random.bytes(32));
    const draws = Array.from({ length: 2_000 }, () => random.uniform(62));
    assert.ok(draws.every((draw) => Number.isInteger(draw) && draw >= 0 && draw < 62));
    assert.equal(new Set(draws).size, 62, 'every character index shows up in 2,000 draws');
    assert.equal(random.uniform(1), 0);
  });

  it('draws everything with randombytes_uniform: bytes three at a time from uniform(2^24)', () => {
    const calls: string[] = [];
    const draws = [0x030201, 0x060504, 0x000007];
    const random = createSodiumRandom({
      randombytes_uniform: (bound: number) => {
        calls.push(`uniform ${bound}`);
        return bound === 2 ** 24 ? (draws.shift() as number) : bound - 1;
      },
    });
    assert.deepEqual([...random.bytes(7)], [1, 2, 3, 4, 5, 6, 7]);
    assert.equal(random.uniform(10), 9);
    assert.deepEqual(calls, ['uniform 16777216', 'uniform 16777216', 'uniform 16777216', 'uniform 10']);
    assert.deepEqual([...random.bytes(0)], []);
  });

  it('gives every byte value from libsodium', async () => {
    const random = await loadSodiumRandom();
    const seen = new Set(random.bytes(30_000));
    assert.equal(seen.size, 256);
  });

  it('refuses bounds libsodium would mishandle', async () => {
    const random = await loadSodiumRandom();
    for (const bound of [0, -1, 1.5, 2 ** 32, Number.NaN]) assert.throws(() => random.uniform(bound), RangeError, String(bound));
    assert.throws(() => random.bytes(-1), RangeError);
  });
});

describe('libsodium stays off the import path', () => {
  it('no file in src/secrets imports libsodium-wrappers statically', () => {
    const directory = join(process.cwd(), 'src', 'secrets');
    for (const file of readdirSync(directory).filter((name) => name.endsWith('.ts'))) {
      const source = readFileSync(join(directory, file), 'utf8');
      for (const line of source.split('\n').filter((text) => text.includes("'libsodium-wrappers'"))) {
        assert.match(line, /^import type |loadLazily\('libsodium-wrappers'\)/, `${file}: ${line}`);
      }
    }
  });
});
