import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseComposeText } from '../../src/compose/document.js';
import { formatPath, scanComposeDocument } from '../../src/compose/references.js';
import { runRules } from '../../src/rules/registry.js';

function scanText(text: string) {
  const { compose, findings } = parseComposeText(text, 'compose.yaml');
  const scanned = scanComposeDocument(compose);
  return { findings: [...findings, ...scanned.findings], references: scanned.references };
}

const rows = (text: string) =>
  scanText(text).references.map(
    (reference) => `${reference.name} ${reference.operator || '""'} ${reference.line}:${reference.column} ${formatPath(reference.path)} ${reference.text}`,
  );

describe('compose references: positions in every scalar style', () => {
  it('plain, quoted, block literal and folded scalars point at the $ in the source', () => {
    const text = [
      'services:',
      '  api:',
      '    image: app:${TAG:-latest}',
      '    environment:',
      '      PLAIN: a $A b',
      '      DOUBLE: "x ${B} \\t $C"',
      "      SINGLE: 'it''s ${D}'",
      '      LITERAL: |',
      '        first',
      '          ${E}',
      '      FOLDED: >-',
      '        one',
      '        two $F',
      '      ESCAPED: "\\x24G and $$H"',
      '    ports:',
      '      - "${PORT:-80}:80"',
      '',
    ].join('\n');
    assert.deepEqual(rows(text), [
      'TAG :- 3:16 services.api.image ${TAG:-latest}',
      'A "" 5:16 services.api.environment.PLAIN $A',
      'B "" 6:18 services.api.environment.DOUBLE ${B}',
      'C "" 6:26 services.api.environment.DOUBLE $C',
      'D "" 7:22 services.api.environment.SINGLE ${D}',
      'E "" 10:11 services.api.environment.LITERAL ${E}',
      'F "" 13:13 services.api.environment.FOLDED $F',
      'G "" 14:17 services.api.environment.ESCAPED $G',
      'PORT :- 16:10 services.api.ports[0] ${PORT:-80}',
    ]);
  });

  it('counts columns in UTF-16 code units', () => {
    assert.deepEqual(rows('x: "é✓😀 $V"\n'), ['V "" 1:10 x $V']);
  });

  it('reports a reference inside an anchor once, at its text, and follows merge keys', () => {
    const text = [
      'x-env: &env',
      '  env_file: ${ROOT:-.}/.env',
      'x-list: &list',
      '  labels: [a]',
      'services:',
      '  a:',
      '    <<: [*env, *list]',
      '  b:',
      '    <<: *env',
      '    image: ${IMAGE}',
      '',
    ].join('\n');
    assert.deepEqual(rows(text), ['ROOT :- 2:13 x-env.env_file ${ROOT:-.}', 'IMAGE "" 10:12 services.b.image ${IMAGE}']);
  });

  it('finds nested references in defaults with their own positions', () => {
    assert.deepEqual(rows('v: ${A:-${B:-/p}}/x\n'), ['A :- 1:4 v ${A:-${B:-/p}}', 'B :- 1:9 v ${B:-/p}']);
  });

  it('turns environment entries without a value into passthrough references at their names', () => {
    const text = [
      'services:',
      '  s:',
      '    environment:',
      '      - LOG_LEVEL',
      '      - A=1',
      '  t:',
      '    environment:',
      '      DEBUG:',
      '      B: ""',
      '',
    ].join('\n');
    assert.deepEqual(rows(text), ['LOG_LEVEL passthrough 4:9 services.s.environment[0] LOG_LEVEL', 'DEBUG passthrough 8:7 services.t.environment.DEBUG DEBUG']);
  });

  it('never reports $$ escapes', () => {
    assert.deepEqual(rows('services:\n  r:\n    healthcheck:\n      test: ["CMD-SHELL", "redis-cli -a $$REDIS_PASSWORD ping"]\n'), []);
  });
});

describe('compose findings', () => {
  const codes = (text: string) => {
    const scanned = scanText(text);
    return [...scanned.findings, ...runRules('references', { cwd: process.cwd(), references: scanned.references })].map(
      (finding) => `${finding.code} ${finding.line}:${finding.column}`,
    );
  };

  it('invalid interpolation is a finding at the $', () => {
    assert.deepEqual(codes('a: "ok ${A:8801} and ${ B}"\n'), ['invalid-interpolation 1:8', 'invalid-interpolation 1:22']);
  });

  it('suspicious reference: a hyphenated name read as name-default', () => {
    assert.deepEqual(codes('services:\n  g:\n    ports: ["${gui-api-bridge_PORT:-8102}:8102"]\n'), ['suspicious-reference 3:14']);
  });

  it('compose-time expansion in command, entrypoint and healthcheck.test, not elsewhere', () => {
    const text = [
      'services:',
      '  s:',
      '    command: ["sh", "-c", "echo $HOME ${TAG}"]',
      '    entrypoint: run $USER',
      '    healthcheck:',
      '      test: curl $URL',
      '    image: $IMAGE',
      '',
    ].join('\n');
    assert.deepEqual(codes(text), ['compose-time-expansion 3:33', 'compose-time-expansion 4:21', 'compose-time-expansion 6:18']);
  });

  it('inconsistent defaults, reported at the second use', () => {
    assert.deepEqual(codes('a: ${P:-1}\nb: ${P:-2}\nc: ${P-1}\n'), ['inconsistent-default 2:4']);
  });

  it('YAML problems: duplicate keys, syntax errors, wrong top level, empty file', () => {
    assert.deepEqual(codes('a: 1\na: 2\n'), ['yaml-duplicate-key 2:1']);
    assert.deepEqual(codes('a: [1, 2\n'), codes('a: [1, 2\n').length > 0 ? codes('a: [1, 2\n') : ['none']);
    assert.ok(codes('a: [1, 2\n').every((row) => row.startsWith('yaml-syntax')));
    assert.deepEqual(codes('- a\n- b\n'), ['yaml-syntax 1:1']);
    assert.deepEqual(codes('just a scalar\n'), ['yaml-syntax 1:1']);
    assert.deepEqual(codes(''), ['yaml-syntax 1:1']);
  });

  it('__proto__ is just a key', () => {
    assert.deepEqual(rows('__proto__:\n  polluted: ${X}\n'), ['X "" 2:13 __proto__.polluted ${X}']);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  });

  it('a deeply nested document is one finding, not a crash', () => {
    const deep = `a: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`;
    const found = codes(deep);
    assert.deepEqual(
      found.map((row) => row.split(' ')[0]),
      ['yaml-syntax'],
    );
  });
});
