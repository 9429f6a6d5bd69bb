import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseComposeText } from '../../src/compose/document.js';
import type { ComposeReference } from '../../src/compose/references.js';
import { scanComposeDocument } from '../../src/compose/references.js';
import { scanComposeStream } from '../../src/compose/stream-scan.js';

const shape = (references: readonly ComposeReference[]) =>
  references.map(({ name, operator, argument, line, column, path, text, isNested }) => ({ name, operator, argument, line, column, path, text, isNested }));

function bothScans(text: string) {
  const parsed = parseComposeText(text, 'compose.yaml');
  const document = scanComposeDocument(parsed.compose);
  const stream = scanComposeStream(text, 'compose.yaml');
  return {
    document: { references: shape(document.references), findings: [...parsed.findings, ...document.findings] },
    stream: { references: shape(stream.references), findings: stream.findings },
  };
}

const codes = (findings: readonly { code: string; line: number; column: number }[]) =>
  findings.map((finding) => `${finding.code} ${finding.line}:${finding.column}`).sort();

const SAMPLES: Record<string, string> = {
  example: readFileSync(join(process.cwd(), 'examples', 'foundation', 'configs', 'docker', 'docker-compose.foundation.yml'), 'utf8'),
  styles: [
    'services:',
    '  api:',
    '    image: app:${TAG:-latest}',
    '    environment:',
    '      PLAIN: a $A b',
    '      DOUBLE: "x ${B} \\t $C \\x24D"',
    "      SINGLE: 'it''s ${E}'",
    '      LITERAL: |',
    '        first',
    '          ${F}',
    '      FOLDED: >-',
    '        one',
    '        two $G',
    '      PASS:',
    '      NULLED: ~',
    '    ports: ["${PORT:-80}:80", {target: 80, published: "${PUB}"}]',
    '  list:',
    '    environment: [ONE, TWO=2, "THREE=${X}"]',
    '    command: [sh, -c, "echo $$HOME $H"]',
    '',
  ].join('\n'),
  anchors: [
    'x-env: &env',
    '  env_file: ${ROOT:-.}/.env',
    'services:',
    '  a:',
    '    <<: [*env]',
    '    image: ${IMAGE}',
    '  b:',
    '    <<: *env',
    '    labels: {k: "${L:-${M:-d}}"}',
    '',
  ].join('\n'),
  invalid: 'services:\n  a:\n    image: "${ bad} ${OK:8801} $OK2"\n',
  duplicates: 'services:\n  a:\n    image: x\n    image: ${Y}\n',
  flowTop: '{services: {a: {image: "${Z}"}}}\n',
};

describe('the stream scan finds exactly what the document scan finds', () => {
  for (const [name, text] of Object.entries(SAMPLES)) {
    it(name, () => {
      const { document, stream } = bothScans(text);
      assert.deepEqual(stream.references, document.references);
      assert.deepEqual(codes(stream.findings), codes(document.findings));
    });
  }

  it('for generated services with random interpolations', () => {
    const word = fc.stringMatching(/^[A-Z][A-Z0-9_]{0,6}$/);
    const value = fc
      .array(
        fc.oneof(
          word.map((name) => `\${${name}}`),
          word.map((name) => `\${${name}:-d}`),
          word.map((name) => `$${name}`),
          fc.constantFrom('x', '$$', ' ', ':', '/'),
        ),
        { maxLength: 6 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.array(fc.tuple(word, value, fc.constantFrom('plain', 'double', 'single')), { minLength: 1, maxLength: 8 }), (entries) => {
        const lines = ['services:', '  s:', '    environment:'];
        entries.forEach(([key, text], index) => {
          const [, , style] = entries[index] as [string, string, string];
          const written = style === 'double' ? JSON.stringify(text) : style === 'single' ? `'${text.replace(/'/g, "''")}'` : `"${text}"`;
          lines.push(`      ${key}_${index}: ${written}`);
        });
        const { document, stream } = bothScans(`${lines.join('\n')}\n`);
        assert.deepEqual(stream.references, document.references);
      }),
      { numRuns: 300 },
    );
  });

  it('reports the same YAML shape problems', () => {
    for (const text of ['', '- a\n- b\n', 'just a scalar\n', 'a: [1, 2\n']) {
      const { document, stream } = bothScans(text);
      assert.deepEqual(
        codes(stream.findings).map((row) => row.split(' ')[0]),
        codes(document.findings).map((row) => row.split(' ')[0]),
        JSON.stringify(text),
      );
    }
  });
});
