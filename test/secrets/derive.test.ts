import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDerivedTemplate, renderDerivedTemplate, templateDependencies } from '../../src/secrets/derive.js';

function from(values: Record<string, string>) {
  return (name: string) => (Object.hasOwn(values, name) ? values[name] : undefined);
}

const MONGODB_URI = 'mongodb://{MONGODB_USERNAME|url}:{MONGODB_PASSWORD|url}@lucid-mongodb:{MONGODB_PORT}/{MONGODB_DATABASE}?authSource=admin';

describe('renderDerivedTemplate', () => {
  it('percent-encodes with |url', () => {
    assert.deepEqual(renderDerivedTemplate('{P|url}', from({ P: 'p@ss/w:rd' })), { value: 'p%40ss%2Fw%3Ard' });
  });

  it("also encodes !'()* that encodeURIComponent leaves alone, and UTF-8", () => {
    assert.deepEqual(renderDerivedTemplate('{P|url}', from({ P: "a!b'c(d)e*f é~-._" })), {
      value: 'a%21b%27c%28d%29e%2Af%20%C3%A9~-._',
    });
  });

  it('inserts values unchanged without a filter', () => {
    assert.deepEqual(renderDerivedTemplate('{P}', from({ P: 'p@ss/w:rd' })), { value: 'p@ss/w:rd' });
  });

  it('renders the SPEC MongoDB URI', () => {
    const values = from({ MONGODB_USERNAME: 'lucid admin', MONGODB_PASSWORD: 'a/b?c#d', MONGODB_PORT: '27017', MONGODB_DATABASE: 'lucid' });
    assert.deepEqual(renderDerivedTemplate(MONGODB_URI, values), {
      value: 'mongodb://lucid%20admin:a%2Fb%3Fc%23d@lucid-mongodb:27017/lucid?authSource=admin',
    });
  });

  it('reports every missing name once, in order; an empty value is present', () => {
    assert.deepEqual(renderDerivedTemplate(MONGODB_URI, from({ MONGODB_PORT: '' })), {
      missing: ['MONGODB_USERNAME', 'MONGODB_PASSWORD', 'MONGODB_DATABASE'],
    });
    assert.deepEqual(renderDerivedTemplate('{A}-{A|url}', from({ A: '' })), { value: '-' });
    assert.deepEqual(renderDerivedTemplate('{A}{B}{A}', from({})), { missing: ['A', 'B'] });
  });

  it('reads {{ and }} as literal braces', () => {
    assert.deepEqual(renderDerivedTemplate('{{"k": "{V}"}}', from({ V: 'x' })), { value: '{"k": "x"}' });
    assert.deepEqual(renderDerivedTemplate('{{{V}}}', from({ V: 'x' })), { value: '{x}' });
    assert.deepEqual(renderDerivedTemplate('{{V}}', from({})), { value: '{V}' });
  });

  it('reports malformed templates with their offset', () => {
    const cases: [string, string][] = [
      ['{A|base64}', 'unknown filter "base64" at offset 0 (expected url)'],
      ['{A|url|}', 'unknown filter "" at offset 0 (expected url)'],
      ['x{A', 'unterminated "{" at offset 1'],
      ['a}b', 'unmatched "}" at offset 1 (write "}}" for a literal brace)'],
      ['{}', '"{}" at offset 0 does not start with a variable name'],
      ['{1A}', '"{1A}" at offset 0 does not start with a variable name'],
      ['{ A }', '"{ A }" at offset 0 does not start with a variable name'],
    ];
    for (const [template, error] of cases) assert.deepEqual(renderDerivedTemplate(template, from({ A: 'v' })), { error }, template);
  });

  it('applies filters left to right', () => {
    assert.deepEqual(renderDerivedTemplate('{A|url|url}', from({ A: 'a b' })), { value: 'a%2520b' });
  });

  it('names the variable, never the value, when a value cannot be encoded', () => {
    const result = renderDerivedTemplate('{P|url}', from({ P: 'secret\uD800' }));
    assert.deepEqual(result, { error: 'the value of P cannot pass the url filter (it is not valid Unicode)' });
  });
});

describe('templateDependencies', () => {
  it('lists names once, in order of first use', () => {
    assert.deepEqual(templateDependencies(MONGODB_URI), ['MONGODB_USERNAME', 'MONGODB_PASSWORD', 'MONGODB_PORT', 'MONGODB_DATABASE']);
    assert.deepEqual(templateDependencies('{B}{A|url}{B}{{C}}'), ['B', 'A']);
    assert.deepEqual(templateDependencies('no references'), []);
  });

  it('is empty for a malformed template (render reports the error)', () => {
    assert.deepEqual(templateDependencies('{A}{B|nope}'), []);
  });
});

describe('parseDerivedTemplate', () => {
  it('splits literals and values', () => {
    assert.deepEqual(parseDerivedTemplate('a{{{X|url}b'), {
      parts: [
        { kind: 'literal', text: 'a{' },
        { kind: 'value', name: 'X', filters: ['url'] },
        { kind: 'literal', text: 'b' },
      ],
    });
  });
});
