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
    // Roughly uniform: each of 62 values about 2,000 / 62 = 32 times (a bias of 2x would show).
    const counts = new Map<number, number>();
    for (const draw of draws) counts.set(draw, (counts.get(draw) ?? 0) + 1);
    assert.ok(Math.max(...counts.values()) < 80, `a value drawn ${Math.max(...counts.values())} times`);
    assert.equal(random.uniform(1), 0);
  });

  it('expands one randombytes_buf seed per block with randombytes_buf_deterministic, and wipes what it hands out', () => {
    const calls: string[] = [];
    const blocks: Uint8Array[] = [];
    const random = createSodiumRandom({
      randombytes_buf: ((length: number) => {
        calls.push(`buf ${length}`);
        return new Uint8Array(length).fill(calls.length);
      }) as never,
      randombytes_buf_deterministic: ((length: number, seed: Uint8Array) => {
        calls.push(`deterministic ${length} seed ${seed[0]}`);
        const block = Uint8Array.from({ length }, (_, index) => (index + (seed[0] as number)) & 0xff);
        blocks.push(block);
        return block;
      }) as never,
    });
    assert.deepEqual([...random.bytes(3)], [1, 2, 3]);
    assert.deepEqual([...(blocks[0] as Uint8Array).subarray(0, 4)], [0, 0, 0, 4], 'handed-out bytes are wiped');
    assert.equal(random.bytes(16 * 1024 - 3).length, 16 * 1024 - 3);
    assert.deepEqual([...random.bytes(2)], [3, 4], 'a new block from a new seed');
    assert.deepEqual(calls, ['buf 32', 'deterministic 16384 seed 1', 'buf 32', 'deterministic 16384 seed 3']);
  });

  it('uniform rejects the words below 2^32 mod bound, as randombytes_uniform does', () => {
    // Words 0, 1 and 2 (little-endian) then 0xffffffff: for bound 3, 2^32 mod 3 = 1 rejects only the 0.
    const stream = [0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 255, 255, 255, 255];
    const random = createSodiumRandom({
      randombytes_buf: ((length: number) => new Uint8Array(length)) as never,
      randombytes_buf_deterministic: ((length: number) => Uint8Array.from({ length }, (_, index) => stream[index] ?? 0)) as never,
    });
    assert.deepEqual([random.uniform(3), random.uniform(3), random.uniform(3)], [1, 2, 0]);
    assert.equal(random.uniform(1), 0);
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
