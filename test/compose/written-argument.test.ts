/**
 * The extractor's view (the `default` and `text` that `scan` lists, and everything built on them:
 * `inconsistent-default`, init's compose defaults) comes from the same brace counting as
 * substitution: for any nesting, each reference's listed default, re-assembled, gives back the
 * reference exactly as written.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Operator } from '../../src/compose/interpolation.js';
import { parseTemplate } from '../../src/compose/interpolation.js';
import { listedArgument, listReferences } from '../../src/compose/substitution.js';
import { scanEnvFileReferences } from '../../src/project/env-files.js';

/** A reference as the generator wrote it: what the parser must report. */
interface Written {
  name: string;
  operator: Operator;
  argument: string | null;
  text: string;
}

const OPERATORS: readonly Operator[] = [':-', '-', ':?', '?', ':+', '+'];
const name = fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,5}$/);
// Literal text never holds a lone `$` before a name or `{`, nor a lone brace inside a reference.
const literal = fc.array(fc.constantFrom('a', 'b', '/', ':', '-', ' ', '.', '$$', '@', '1'), { maxLength: 4 }).map((chars) => chars.join(''));

type Node = { kind: 'text'; text: string } | { kind: 'braces'; inner: Node[] } | { kind: 'ref'; name: string; operator: Operator | ''; inner: Node[] };

const tree = fc.letrec<{ node: Node; nodes: Node[] }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    literal.map((text): Node => ({ kind: 'text', text })),
    fc.record({ kind: fc.constant('braces' as const), inner: tie('nodes') }),
    fc.record({ kind: fc.constant('ref' as const), name, operator: fc.constantFrom<Operator | ''>('', ...OPERATORS), inner: tie('nodes') }),
  ) as fc.Arbitrary<Node>,
  nodes: fc.array(tie('node'), { maxLength: 3 }) as fc.Arbitrary<Node[]>,
})).nodes;

/** Writes nodes as text; `insideReference` allows balanced `{...}` (outside, braces are plain text anyway). */
function write(nodes: readonly Node[], found: Written[]): string {
  let text = '';
  for (const node of nodes) {
    if (node.kind === 'text') text += node.text;
    else if (node.kind === 'braces') text += `{${write(node.inner, found)}}`;
    else {
      const entry: Written = { name: node.name, operator: node.operator, argument: null, text: '' };
      found.push(entry);
      const argument = node.operator === '' ? '' : write(node.inner, found);
      entry.argument = node.operator === '' ? null : argument;
      entry.text = `\${${node.name}${node.operator}${argument}}`;
      text += entry.text;
    }
  }
  return text;
}

/** Reports of a parsed string, in order of their `$`. */
function reported(input: string): Written[] {
  const parsed = parseTemplate(input);
  assert.deepEqual(parsed.invalid, [], input);
  return listReferences(parsed.parts).map((reference) => {
    const argument = listedArgument(reference);
    const text = `\${${reference.name}${reference.operator}${argument ?? ''}}`;
    assert.equal(input.slice(reference.start, reference.start + text.length), text, `the re-assembled reference is not in ${input}`);
    return { name: reference.name, operator: reference.operator, argument, text };
  });
}

describe('written arguments come from the same brace counting as substitution', () => {
  it('for random nestings, every listed default re-assembles to the reference as written', () => {
    fc.assert(
      fc.property(tree, literal, (nodes, tail) => {
        const expected: Written[] = [];
        // A stray `}` after a reference is plain text, never part of its default.
        const input = `${write(nodes, expected)}${tail}}`;
        assert.deepEqual(reported(input), expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('a default followed by more text or a stray brace (the false inconsistent-default)', () => {
    assert.deepEqual(
      reported('${HOST:-db}${SUFFIX:-${X}}').map((item) => [item.name, item.argument]),
      [
        ['HOST', 'db'],
        ['SUFFIX', '${X}'],
        ['X', null],
      ],
    );
    assert.deepEqual(
      reported('${HOST:-db}}').map((item) => [item.name, item.argument]),
      [['HOST', 'db']],
    );
    assert.deepEqual(
      reported('${A:-{x}}-${B:-${C:-{y}}z}').map((item) => [item.name, item.argument]),
      [
        ['A', '{x}'],
        ['B', '${C:-{y}}z'],
        ['C', '{y}'],
      ],
    );
  });

  it('an unbalanced brace keeps the substitution view for the whole string', () => {
    assert.deepEqual(
      reported('${A:-{x}').map((item) => [item.name, item.argument]),
      [['A', '{x']],
    );
  });

  it('env-file values use the same view', async (t) => {
    const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'lucid-env-written-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, '.env');
    writeFileSync(file, 'URL="${HOST:-db}${SUFFIX:-${X}}"\n');
    const { references } = await scanEnvFileReferences([file], {});
    assert.deepEqual(
      references.map((reference) => [reference.name, reference.default, reference.text]),
      [
        ['HOST', 'db', '${HOST:-db}'],
        ['SUFFIX', '${X}', '${SUFFIX:-${X}}'],
        ['X', null, '${X}'],
      ],
    );
  });
});
