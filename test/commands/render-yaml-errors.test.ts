/** render reports a broken compose file with the findings check reports (exit 1), never an internal error. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runInProcess } from '../helpers/context.js';

const BROKEN: Record<string, string> = {
  'a syntax error': 'services:\n  app:\n    image: [x\n',
  'a tab': 'services:\n\tapp:\n    image: x\n',
  'a duplicate key': 'services:\n  app:\n    image: x\n    image: y\n',
};

describe('render of a compose file with YAML errors', () => {
  for (const [what, text] of Object.entries(BROKEN)) {
    it(`${what}: exit 1, the same findings as check, nothing on stdout`, async (t) => {
      const dir = mkdtempSync(join(tmpdir(), 'lucid-env-render-yaml-'));
      t.after(() => rmSync(dir, { recursive: true, force: true }));
      writeFileSync(join(dir, 'compose.yaml'), text);
      const rendered = await runInProcess(['render', '--format', 'json'], dir);
      const checked = await runInProcess(['check', '--format', 'json'], dir);
      assert.equal(rendered.code, 1, rendered.stderr);
      assert.equal(checked.code, 1, checked.stderr);
      const codes = (stdout: string) =>
        (JSON.parse(stdout) as { findings: { code: string; line: number }[] }).findings
          .filter((finding) => finding.code.startsWith('yaml'))
          .map((finding) => `${finding.code}:${finding.line}`)
          .sort();
      assert.ok(codes(checked.stdout).length > 0);
      assert.deepEqual(codes(rendered.stdout), codes(checked.stdout));
      const plain = await runInProcess(['render'], dir);
      assert.equal(plain.code, 1);
      assert.equal(plain.stdout, '');
      assert.doesNotMatch(plain.stderr, /internal error/);
    });
  }
});
