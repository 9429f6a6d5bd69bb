import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { describe, it } from 'node:test';
import { copyExample, EXAMPLE_ARGS, runCli } from '../helpers/cli.js';

describe('lucid-env audit (built CLI)', () => {
  it('writes the markdown report of the example on stdout and exits 1 for its one real problem', async () => {
    const dir = copyExample();
    try {
      const result = await runCli(
        ['audit', ...EXAMPLE_ARGS.compose, ...EXAMPLE_ARGS.env, '--format', 'markdown', '--ignore', 'missing,audit/env-placeholder,audit/env-permissions'],
        {
          cwd: dir,
        },
      );
      assert.equal(result.code, 1, result.stderr);
      assert.equal(result.stderr, '');
      assert.match(result.stdout, /^# Distroless compliance report: configs\/docker\/docker-compose\.foundation\.yml\n/);
      assert.match(result.stdout, /\*\*Services:\*\* 5 audited, 4 compliant, 1 with findings/);
      assert.match(
        result.stdout,
        /\| \*\*No shell use in distroless services\*\* \| ❌ VIOLATION \| Shell health check in a distroless service: lucid-redis \|/,
      );
      assert.match(result.stdout, /\| \*\*Distroless base images\*\* \| ✅ PASS \| no finding \|/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
