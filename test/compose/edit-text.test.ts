import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { editComposeText } from '../../src/compose/edit-text.js';

/** The offset of the first occurrence of `needle` (the start of the scalar to edit). */
const at = (text: string, needle: string) => {
  const offset = text.indexOf(needle);
  assert.ok(offset !== -1, needle);
  return offset;
};

const TEXT = `# a comment that stays
services:
  api:
    image: "registry/app:\${TAG}"   # pinned below
    cap_drop: ["ALL"]
    command: [ "sh",   "-c", "echo \${X}" ]
    user: \${USER_ID}
    labels: { a: "\${A}", b: 'two' }
    environment:
      - LOG_LEVEL
      - PLAIN=\${P}
  worker:
    environment:
      PASS:   # from the env file
    healthcheck:
      test: |
        curl \${URL}
`;

describe('editComposeText', () => {
  it('changes only the edited scalars, in their own style, and keeps every other byte', () => {
    const scalars = new Map([
      [at(TEXT, '"registry'), 'registry/app:1.2'],
      [at(TEXT, '"echo'), 'echo "hi"'],
      [at(TEXT, '${USER_ID}'), '********'],
      [at(TEXT, '"${A}"'), 'x, y'],
      [at(TEXT, 'LOG_LEVEL'), 'LOG_LEVEL=debug'],
      [at(TEXT, 'PLAIN='), 'PLAIN=p: q'],
      [at(TEXT, '|'), 'curl http://a\n'],
    ]);
    const emptyValues = new Map([[at(TEXT, 'PASS'), 'secret']]);
    assert.equal(
      editComposeText(TEXT, { scalars, emptyValues }),
      `# a comment that stays
services:
  api:
    image: "registry/app:1.2"   # pinned below
    cap_drop: ["ALL"]
    command: [ "sh",   "-c", "echo \\"hi\\"" ]
    user: "********"
    labels: { a: "x, y", b: 'two' }
    environment:
      - LOG_LEVEL=debug
      - "PLAIN=p: q"
  worker:
    environment:
      PASS: secret # from the env file
    healthcheck:
      test: |
        curl http://a
`,
    );
  });

  it('quotes a plain scalar whose new value would read as another type or as nothing', () => {
    const text = 'a: ${A}\nb: ${B}\nc: ${C}\nd: ${D}\ne: "${E}"\n';
    const values = ['', 'true', '8080', 'plain text', ''];
    const scalars = new Map(['${A}', '${B}', '${C}', '${D}', '"${E}"'].map((needle, index) => [at(text, needle), values[index] as string]));
    assert.equal(editComposeText(text, { scalars, emptyValues: new Map() }), 'a: ""\nb: "true"\nc: "8080"\nd: plain text\ne: ""\n');
  });

  it('returns the text unchanged with no edits, whatever it holds', () => {
    const odd = '%YAML 1.2\n---\na: &x [1, 2]   # c\nb: *x\n...\n---\n- !!str 3\n';
    assert.equal(editComposeText(odd, { scalars: new Map(), emptyValues: new Map() }), odd);
  });
});
