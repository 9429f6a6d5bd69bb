import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseComposeText } from '../../src/compose/document.js';
import { formatPath, scanComposeDocument } from '../../src/compose/references.js';
import { listServiceFacts } from '../../src/compose/services.js';

function billionLaughs(levels: number): string {
  const names = 'abcdefghijk'.slice(0, levels);
  const lines = ['x-a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let index = 1; index < names.length; index++)
    lines.push(
      `x-${names[index]}: &${names[index]} [${Array(9)
        .fill(`*${names[index - 1]}`)
        .join(',')}]`,
    );
  lines.push('services:', '  app:', '    image: nginx', `    labels: *${names.at(-1)}`);
  return `${lines.join('\n')}\n`;
}

describe('alias bombs are judged by the size of their expansion', () => {
  it('accepts 5,000 services that each merge the same anchor, and applies the merge', () => {
    const lines = ['x-common: &common', '  restart: always', '  env_file: [./shared.env]', '  environment: { LOG_LEVEL: info }', 'services:'];
    for (let index = 0; index < 5000; index++) lines.push(`  s${index}:`, '    <<: *common', `    image: app:${index}`);
    const { compose, findings } = parseComposeText(`${lines.join('\n')}\n`, 'compose.yaml');
    assert.deepEqual(findings, []);
    assert.equal(compose.isUsable, true);
    const { services } = listServiceFacts(compose);
    assert.equal(services.length, 5000);
    assert.deepEqual(services[4999], {
      name: 's4999',
      envFiles: [{ service: 's4999', rawPath: './shared.env', isRequired: true }],
      environmentKeys: ['LOG_LEVEL'],
    });
  });

  it('refuses nine levels of nine aliases (billion laughs) with the expansion size', () => {
    const { compose, findings } = parseComposeText(billionLaughs(9), 'compose.yaml');
    assert.equal(compose.isUsable, false);
    assert.equal(findings.length, 1);
    assert.match(findings[0]?.message ?? '', /^too many alias expansions \(about 9\.3e\+8 nodes from 108 written\): .*billion laughs/);
  });

  it('accepts a small nest of aliases well under the budget', () => {
    assert.deepEqual(parseComposeText(billionLaughs(4), 'compose.yaml').findings, []);
  });

  it('refuses an alias inside its own anchor', () => {
    const { compose, findings } = parseComposeText('x-loop: &loop\n  - *loop\nservices:\n  app:\n    image: nginx\n', 'compose.yaml');
    assert.equal(compose.isUsable, false);
    assert.match(findings[0]?.message ?? '', /an alias inside its own anchor/);
  });
});

describe('service facts from the YAML nodes', () => {
  it('explicit keys win over merged ones, earlier merge sources over later ones', () => {
    const text = [
      'x-a: &a { env_file: a.env, environment: [A=1] }',
      'x-b: &b { env_file: b.env, environment: [B=1], restart: always }',
      'services:',
      '  one: { <<: [*a, *b] }',
      '  two:',
      '    <<: *b',
      '    env_file: [{ path: two.env, required: false }]',
      '',
    ].join('\n');
    const { compose } = parseComposeText(text, 'compose.yaml');
    assert.deepEqual(listServiceFacts(compose).services, [
      { name: 'one', envFiles: [{ service: 'one', rawPath: 'a.env', isRequired: true }], environmentKeys: ['A'] },
      { name: 'two', envFiles: [{ service: 'two', rawPath: 'two.env', isRequired: false }], environmentKeys: ['B'] },
    ]);
  });

  it('a merge of a scalar is a yaml-syntax finding', () => {
    const { compose } = parseComposeText('x: &x 5\nservices:\n  app:\n    <<: *x\n    image: nginx\n', 'compose.yaml');
    const { findings } = listServiceFacts(compose);
    assert.deepEqual(
      findings.map((finding) => `${finding.code} ${finding.line}:${finding.column} ${finding.message}`),
      ['yaml-syntax 1:7 the YAML cannot be resolved: merge sources must be mappings or aliases of mappings'],
    );
  });
});

describe('duplicate keys', () => {
  it('are reported once per repeat, at the repeated key, in a mapping of 20,000 keys too', () => {
    const lines = ['services:'];
    for (let index = 0; index < 20000; index++) lines.push(`  s${index}: { image: app }`);
    lines.push('  s7: { image: again }', '  s7: { image: thrice }', '');
    const { findings } = parseComposeText(lines.join('\n'), 'compose.yaml');
    assert.deepEqual(
      findings.map((finding) => `${finding.code} ${finding.line}:${finding.column} ${finding.message}`),
      [
        'yaml-duplicate-key 20002:3 duplicate key in a mapping: "s7" appears twice',
        'yaml-duplicate-key 20003:3 duplicate key in a mapping: "s7" appears twice',
      ],
    );
  });
});

describe('merge keys in YAML paths', () => {
  it('a reference inside an inline merge has the path of the mapping it merges into', () => {
    const { compose } = parseComposeText('services:\n  app:\n    <<: { image: "${TAG}" }\n', 'compose.yaml');
    assert.deepEqual(
      scanComposeDocument(compose).references.map((reference) => formatPath(reference.path)),
      ['services.app.image'],
    );
  });
});
