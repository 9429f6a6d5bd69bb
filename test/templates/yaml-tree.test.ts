import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { indexPositions } from '../../src/dotenv/positions.js';
import { parseTemplateText } from '../../src/templates/parse.js';
import type { YamlNode } from '../../src/templates/yaml-tree.js';
import { findValue, listEntries, readYamlTree } from '../../src/templates/yaml-tree.js';

function tree(text: string): { data: unknown; root: YamlNode | undefined } {
  const parsed = readYamlTree(text);
  assert.ok(!('error' in parsed), 'error' in parsed ? parsed.error.reason : '');
  return parsed;
}

describe('readYamlTree (js-yaml with node positions)', () => {
  it('gives data and where each key starts, in block and flow style', () => {
    const text = 'name: x\nvariables:\n  A: { secret: true, generate: { kind: password } }\n  B:\n    type: port\n';
    const { data, root } = tree(text);
    assert.deepEqual(data, { name: 'x', variables: { A: { secret: true, generate: { kind: 'password' } }, B: { type: 'port' } } });
    const lineAt = (offset: number) => indexPositions(text)(offset).line;
    const variables = findValue(root, 'variables');
    assert.deepEqual(
      listEntries(variables).map(({ key }) => `${String(key.value)}@${lineAt(key.start)}`),
      ['A@3', 'B@4'],
    );
    const generate = listEntries(findValue(variables, 'A')).find(({ key }) => key.value === 'generate');
    assert.equal(text.slice(generate?.key.start, (generate?.key.start ?? 0) + 8), 'generate');
    assert.equal(lineAt(listEntries(findValue(variables, 'B'))[0]?.key.start ?? -1), 5);
  });

  it('reads YAML 1.2 core types (no timestamps, no yes/no) and applies merge keys', () => {
    const { data } = tree('a: yes\nb: 2024-01-01\nc: 0x1F\nd: ~\nbase: &base { maxAge: 90d }\ne: { <<: *base, group: db }\n');
    assert.deepEqual(data, { a: 'yes', b: '2024-01-01', c: 31, d: null, base: { maxAge: '90d' }, e: { maxAge: '90d', group: 'db' } });
  });

  it('keeps __proto__ a plain key (no prototype pollution)', () => {
    const { data } = tree('__proto__: { polluted: true }\n');
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
    assert.deepEqual(Object.keys(data as object), ['__proto__']);
  });

  it('builds nothing for an alias bomb (aliases share one node)', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...Array.from(
        { length: 20 },
        (_, level) =>
          `${String.fromCharCode(98 + level)}: &${String.fromCharCode(98 + level)} [${Array(10)
            .fill(`*${String.fromCharCode(97 + level)}`)
            .join(', ')}]`,
      ),
    ];
    const { data } = tree(`${bomb.join('\n')}\n`);
    const record = data as Record<string, unknown[]>;
    assert.equal(record['u']?.[0], record['t']);
  });

  it('keeps nodes down to maxDepth only (the data stays whole)', () => {
    const parsed = readYamlTree('a:\n  b:\n    c: [1, 2]\n', 2);
    assert.ok(!('error' in parsed));
    assert.deepEqual(parsed.data, { a: { b: { c: [1, 2] } } });
    const a = findValue(parsed.root, 'a');
    assert.equal(listEntries(a).length, 0, 'the children of a (depth 3) are not kept');
    assert.deepEqual(
      listEntries(parsed.root).map(({ key }) => key.value),
      ['a'],
    );
  });

  it('reports a duplicate key and a syntax error at their offsets', () => {
    const duplicate = readYamlTree('a: 1\nb: 2\na: 3\n');
    assert.deepEqual('error' in duplicate ? duplicate.error : undefined, { offset: 10, reason: 'duplicated mapping key' });
    const broken = readYamlTree('a: [1, 2\n');
    assert.ok('error' in broken && broken.error.reason.includes('flow collection'));
  });
});

describe('parseTemplateText on js-yaml', () => {
  it('reads variables written through an anchor, an alias and a merge key, each at its own line', () => {
    const text = `name: t\nvariables:\n  A: &a { secret: true, generate: { kind: password, length: 32 } }\n  B: *a\n  C: { <<: *a, description: merged }\n`;
    const { template, findings } = parseTemplateText(text, 't.yml');
    assert.deepEqual(findings, []);
    assert.deepEqual(
      template?.variables.map((variable) => `${variable.name}:${variable.line}:${variable.generate?.kind}:${variable.description ?? ''}`),
      ['A:3:password:', 'B:4:password:', 'C:5:password:merged'],
    );
  });
});
