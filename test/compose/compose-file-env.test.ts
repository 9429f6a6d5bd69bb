/** COMPOSE_FILE that names no file (":", "::") is treated like an unset one, never an internal error. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { resolveComposeProject } from '../../src/compose/load.js';
import { runInProcess } from '../helpers/context.js';

describe('COMPOSE_FILE with only separators', () => {
  it('falls back to the default names, and fails cleanly (exit 2, COMPOSE_NOT_FOUND) when there is none', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'lucid-env-compose-file-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const missing = await runInProcess(['check'], dir, { env: { COMPOSE_FILE: ':' } });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^error \[COMPOSE_NOT_FOUND\] no compose file in /);
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  app:\n    image: x\n');
    for (const value of [':', '::', '']) {
      assert.deepEqual(resolveComposeProject({}, dir, { COMPOSE_FILE: value }).files, [join(dir, 'compose.yaml')]);
    }
    const found = await runInProcess(['check'], dir, { env: { COMPOSE_FILE: ':' } });
    assert.equal(found.code, 0, found.stderr);
  });
});
