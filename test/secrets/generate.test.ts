import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LucidError } from '../../src/errors.js';
import type { GeneratorSpec } from '../../src/secrets/generate.js';
import {
  checkGeneratorSpec,
  describeGenerator,
  generateSecret,
  generatorEntropyBits,
  MIN_ENTROPY_BITS,
  parseGeneratorSpec,
  validateSecret,
} from '../../src/secrets/generate.js';
import { loadSodiumRandom } from '../../src/secrets/random.js';
import { createFakeRandom } from '../helpers/fake-random.js';

function errorCode(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof LucidError);
    return error.code;
  }
  return undefined;
}

describe('generateSecret', () => {
  it('generates the SPEC examples with the right shape', async () => {
    const random = await loadSodiumRandom();
    const key = generateSecret({ kind: 'bytes', bytes: 32, encoding: 'base64' }, random);
    assert.match(key, /^[A-Za-z0-9+/]{43}=$/);
    const password = generateSecret({ kind: 'password', length: 32, alphabet: 'alnum' }, random);
    assert.match(password, /^[A-Za-z0-9]{32}$/);
  });

  it('is deterministic under a fake RandomSource', () => {
    const spec: GeneratorSpec = { kind: 'password', length: 22, alphabet: 'urlsafe' };
    assert.equal(generateSecret(spec, createFakeRandom()), 'AAAAA' + 'BAAAA' + 'CAAAA' + 'DAAAA' + 'EA');
  });

  it(`refuses specs under ${MIN_ENTROPY_BITS} bits and accepts exactly ${MIN_ENTROPY_BITS}`, () => {
    const random = createFakeRandom();
    const refused: GeneratorSpec[] = [
      { kind: 'bytes', bytes: 15, encoding: 'hex' },
      { kind: 'password', length: 21, alphabet: 'alnum' },
      { kind: 'password', length: 31, alphabet: 'hex' },
      { kind: 'password', length: 100, alphabet: 'ab' },
    ];
    for (const spec of refused)
      assert.equal(
        errorCode(() => generateSecret(spec, random)),
        'TEMPLATE_INVALID',
      );
    assert.equal(random.bytesCalls.length + random.uniformCalls.length, 0, 'refused before drawing');
    assert.equal(generateSecret({ kind: 'bytes', bytes: 16, encoding: 'hex' }, random).length, 32);
    assert.equal(generateSecret({ kind: 'password', length: 32, alphabet: 'hex' }, random).length, 32);
    assert.equal(generateSecret({ kind: 'password', length: 22, alphabet: 'alnum' }, random).length, 22);
  });

  it('says how many bits a weak spec gives', () => {
    assert.deepEqual(checkGeneratorSpec({ kind: 'bytes', bytes: 8, encoding: 'base64' }), [
      '8 random bytes, base64 gives 64 bits of entropy, under the minimum of 128',
    ]);
    assert.equal(generatorEntropyBits({ kind: 'bytes', bytes: 32, encoding: 'base64' }), 256);
  });

  it('refuses invalid options, including explicit alphabets with duplicates', () => {
    const random = createFakeRandom();
    const duplicates: GeneratorSpec = { kind: 'password', length: 64, alphabet: 'abcdefghijklmnopa' };
    assert.equal(
      errorCode(() => generateSecret(duplicates, random)),
      'TEMPLATE_INVALID',
    );
    assert.throws(() => generateSecret(duplicates, random), /alphabet must not repeat a character/);
    const badEncoding = { kind: 'bytes', bytes: 32, encoding: 'base32' } as unknown as GeneratorSpec;
    assert.equal(
      errorCode(() => generateSecret(badEncoding, random)),
      'TEMPLATE_INVALID',
    );
  });

  it('throws UNKNOWN_SECRET_KIND for a kind not in the registry', () => {
    for (const kind of ['uuid', '__proto__', 'toString']) {
      const spec = { kind, length: 32, alphabet: 'alnum' } as unknown as GeneratorSpec;
      assert.equal(
        errorCode(() => generateSecret(spec, createFakeRandom())),
        'UNKNOWN_SECRET_KIND',
      );
    }
    assert.throws(() => describeGenerator({ kind: 'uuid' } as unknown as GeneratorSpec), {
      message: 'unknown secret kind "uuid"',
      hint: 'use one of: bytes, password',
    });
  });
});

describe('describeGenerator', () => {
  it('describes each kind in a few words', () => {
    assert.equal(describeGenerator({ kind: 'bytes', bytes: 32, encoding: 'base64' }), '32 random bytes, base64');
    assert.equal(describeGenerator({ kind: 'password', length: 32, alphabet: 'alnum' }), '32 characters, alnum');
    assert.equal(describeGenerator({ kind: 'password', length: 40, alphabet: 'abcdefgh' }), '40 characters, custom alphabet of 8');
  });
});

describe('validateSecret', () => {
  it('delegates to the kind', () => {
    const spec: GeneratorSpec = { kind: 'bytes', bytes: 32, encoding: 'base64' };
    assert.equal(validateSecret('changeme', spec), 'is not 32 bytes in base64 with padding (expected 44 characters)');
    assert.equal(validateSecret(Buffer.alloc(32, 7).toString('base64'), spec), undefined);
  });
});

describe('parseGeneratorSpec', () => {
  it('fills the kind defaults', () => {
    assert.deepEqual(parseGeneratorSpec({ kind: 'bytes' }), { spec: { kind: 'bytes', bytes: 32, encoding: 'base64' } });
    assert.deepEqual(parseGeneratorSpec({ kind: 'password', alphabet: 'urlsafe' }), {
      spec: { kind: 'password', length: 32, alphabet: 'urlsafe' },
    });
  });

  it('lists every problem instead of throwing', () => {
    assert.deepEqual(parseGeneratorSpec({ kind: 'bytes', bytes: 32, encodng: 'hex' }), {
      problems: ['unknown option "encodng" for kind bytes'],
    });
    assert.deepEqual(parseGeneratorSpec({ kind: 'password', length: 8 }), {
      problems: ['8 characters, alnum gives 47 bits of entropy, under the minimum of 128'],
    });
    assert.deepEqual(parseGeneratorSpec({ kind: 'uuid' }), { problems: ['unknown secret kind "uuid" (expected bytes, password)'] });
    assert.deepEqual(parseGeneratorSpec({}), { problems: ['unknown secret kind of type undefined (expected bytes, password)'] });
    assert.deepEqual(parseGeneratorSpec(['bytes']), { problems: ['generate must be a mapping'] });
    assert.deepEqual(parseGeneratorSpec(null), { problems: ['generate must be a mapping'] });
  });

  it('treats __proto__ as an unknown option, not as a prototype', () => {
    const raw = JSON.parse('{"kind":"bytes","__proto__":{"bytes":1}}') as unknown;
    const parsed = parseGeneratorSpec(raw);
    assert.deepEqual(parsed, { problems: ['unknown option "__proto__" for kind bytes'] });
    assert.equal(({} as Record<string, unknown>)['bytes'], undefined);
  });
});
