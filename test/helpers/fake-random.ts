/** A deterministic RandomSource for exact assertions; it records every call. */
import type { RandomSource } from '../../src/secrets/random.js';

/** A RandomSource whose bytes count up from `start` and whose uniform(n) cycles 0, 1, 2, … mod n. */
export interface FakeRandom extends RandomSource {
  bytesCalls: number[];
  uniformCalls: number[];
}

/** Creates a FakeRandom. */
export function createFakeRandom(start = 0): FakeRandom {
  let nextByte = start;
  let nextDraw = 0;
  const fake: FakeRandom = {
    bytesCalls: [],
    uniformCalls: [],
    bytes(length) {
      fake.bytesCalls.push(length);
      return Uint8Array.from({ length }, () => nextByte++ & 0xff);
    },
    uniform(upperBound) {
      fake.uniformCalls.push(upperBound);
      return nextDraw++ % upperBound;
    },
  };
  return fake;
}
