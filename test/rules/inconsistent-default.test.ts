import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ComposeReference } from '../../src/compose/references.js';
import { inconsistentDefaultRule } from '../../src/rules/inconsistent-default.js';

/** A reference to `name` with `operator` and default `argument` at compose.yaml:line:9. */
function ref(name: string, operator: ComposeReference['operator'], argument: string | null, line: number): ComposeReference {
  return { name, operator, argument, file: '/p/compose.yaml', line, column: 9, path: [], text: '', isNested: false };
}

const run = (references: ComposeReference[], interpolation?: Map<string, string>) =>
  inconsistentDefaultRule.run({ cwd: '/p', references, ...(interpolation === undefined ? {} : { interpolation }) });

describe('inconsistent-default', () => {
  it('gives one finding per variable, at the first place that differs, listing every place', () => {
    const findings = run([
      ref('PORT', ':-', '80', 3),
      ref('PORT', ':-', '80', 5),
      ref('PORT', '-', '8080', 7),
      ref('PORT', ':-', '9090', 9),
      ref('HOST', ':-', 'a', 2),
    ]);
    assert.deepEqual(
      findings.map(({ line, message }) => ({ line, message })),
      [
        {
          line: 7,
          message:
            'PORT has 3 different defaults in 4 places: "80" at compose.yaml:3:9, compose.yaml:5:9; "8080" at compose.yaml:7:9; "9090" at compose.yaml:9:9',
        },
      ],
    );
  });

  it('names the places but not the values of a secret', () => {
    const [finding] = run([ref('DB_PASSWORD', ':-', 'a', 1), ref('DB_PASSWORD', ':-', 'b', 2)]);
    assert.equal(finding?.message, 'DB_PASSWORD has 2 different defaults in 2 places: default 1 at compose.yaml:1:9; default 2 at compose.yaml:2:9');
  });

  it('says nothing when the env sets the variable: the defaults never apply', () => {
    assert.deepEqual(run([ref('PORT', ':-', '80', 1), ref('PORT', '-', '81', 2)], new Map([['PORT', '8000']])), []);
  });

  it('counts only the defaults an empty value leaves in force (`:-`, not `-`)', () => {
    const references = [ref('PORT', ':-', '80', 1), ref('PORT', '-', '81', 2), ref('PORT', ':-', '82', 3)];
    assert.deepEqual(
      run(references, new Map([['PORT', '']])).map((finding) => finding.message),
      ['PORT has 2 different defaults in 2 places: "80" at compose.yaml:1:9; "82" at compose.yaml:3:9'],
    );
  });

  it('lists at most ten places per default, then how many more', () => {
    const references = [ref('PORT', ':-', '81', 1), ...Array.from({ length: 12 }, (_, index) => ref('PORT', ':-', '80', index + 2))];
    const shown = Array.from({ length: 10 }, (_, index) => `compose.yaml:${index + 2}:9`).join(', ');
    assert.deepEqual(
      run(references).map((finding) => finding.message),
      [`PORT has 2 different defaults in 13 places: "81" at compose.yaml:1:9; "80" at ${shown}, and 2 more`],
    );
  });
});
