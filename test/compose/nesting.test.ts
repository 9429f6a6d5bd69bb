import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { estimateNestingDepth } from '../../src/compose/nesting.js';

/** The first implementation (one-character strings and a regex), kept as the reference the fast one must match. */
function referenceDepth(text: string): number {
  let maxDepth = 0;
  let flowDepth = 0;
  const indents: number[] = [];
  let index = 0;
  while (index < text.length) {
    const lineEnd = text.indexOf('\n', index) === -1 ? text.length : text.indexOf('\n', index);
    let column = index;
    while (column < lineEnd && (text[column] === ' ' || text[column] === '\t')) column++;
    if (column < lineEnd && text[column] !== '#' && flowDepth === 0) {
      const indent = column - index;
      while (indents.length > 0 && (indents[indents.length - 1] as number) >= indent) indents.pop();
      indents.push(indent);
      let dashes = 0;
      while (text[column] === '-' && (text[column + 1] === ' ' || column + 1 === lineEnd)) {
        dashes++;
        column += 2;
        while (column < lineEnd && text[column] === ' ') column++;
      }
      maxDepth = Math.max(maxDepth, indents.length + dashes);
    }
    let quote = '';
    for (let at = column; at < lineEnd; at++) {
      const char = text[at];
      if (quote !== '') {
        if (char === quote) quote = '';
      } else if (char === '"' || (char === "'" && (at === 0 || /[\s[{,:]/.test(text[at - 1] as string)))) {
        quote = char;
      } else if (char === '#' && (at === 0 || text[at - 1] === ' ')) {
        break;
      } else if (char === '[' || char === '{') {
        flowDepth++;
        maxDepth = Math.max(maxDepth, indents.length + flowDepth);
      } else if ((char === ']' || char === '}') && flowDepth > 0) {
        flowDepth--;
      }
    }
    index = lineEnd + 1;
  }
  return maxDepth;
}

describe('estimateNestingDepth', () => {
  it('counts block indents, list markers and flow brackets, skipping comments and quotes', () => {
    assert.equal(estimateNestingDepth('a:\n  b:\n    - c\n'), 4);
    assert.equal(estimateNestingDepth('a: [[[1]]]\n'), 4);
    assert.equal(estimateNestingDepth('a: \'[[[\' # [[[\nb: "{{"\n'), 1);
    assert.equal(estimateNestingDepth(''), 0);
  });

  it('gives the same answer as the reference on any text made of the characters that matter', () => {
    const alphabet = fc.constantFrom(' ', '\t', '\n', '-', '#', '"', "'", '[', ']', '{', '}', ',', ':', 'a', '\u00a0', '\u3000');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 200 }), (characters) => {
        const text = characters.join('');
        assert.equal(estimateNestingDepth(text), referenceDepth(text));
      }),
      { numRuns: 2000 },
    );
  });
});
