import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runInProcess } from '../helpers/context.js';
import { scratchDir } from './support.js';

describe('check judges only secret names as secrets', () => {
  it('JWT_ACCESS_TOKEN_EXPIRE_MINUTES=30 is a setting, JWT_SECRET_KEY=short is a weak secret', async (t) => {
    const dir = scratchDir(t);
    const environment = ['JWT_ACCESS_TOKEN_EXPIRE_MINUTES=${JWT_ACCESS_TOKEN_EXPIRE_MINUTES}', 'JWT_SECRET_KEY=${JWT_SECRET_KEY}'];
    writeFileSync(
      join(dir, 'compose.yaml'),
      `services:\n  auth:\n    image: auth\n    environment:\n${environment.map((item) => `      - ${item}\n`).join('')}`,
    );
    writeFileSync(join(dir, '.env'), 'JWT_ACCESS_TOKEN_EXPIRE_MINUTES=30\nJWT_SECRET_KEY=short\n');
    chmodSync(join(dir, '.env'), 0o600);
    const result = await runInProcess(['check', '--format', 'json'], dir);
    const findings = (JSON.parse(result.stdout) as { findings: { code: string; variable?: string }[] }).findings;
    assert.deepEqual(
      findings.map((finding) => `${finding.code} ${finding.variable}`),
      ['weak-secret JWT_SECRET_KEY'],
    );
  });
});
