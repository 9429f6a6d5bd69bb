// `npm run bench` section for sealed env files: `seal` and `unseal` of a 1,000-key env file, each
// against `node` importing libsodium and awaiting `ready` (the floor of any command that seals).
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Runs the section with bench.mjs's paired runner; `sodiumStart` is its libsodium-start script. */
export function benchSealed({ cli, work, paired, sodiumStart }) {
  const dir = join(work, 'sealed');
  mkdirSync(dir);
  // The runs inherit process.env: a private keys directory for this bench only.
  process.env.LUCID_ENV_KEYS_DIR = join(dir, 'keys');
  spawnSync(process.execPath, [cli, 'keys', 'new', 'bench'], { cwd: dir, stdio: 'ignore' });
  const lines = Array.from({ length: 1000 }, (_, index) => `# secret ${index}\nSECRET_${index}=${Buffer.from(`value-${index}-`.repeat(3)).toString('base64')}`);
  writeFileSync(join(dir, 'thousand.env'), `${lines.join('\n')}\n`);
  const sealed = join(dir, 'thousand.env.sealed');
  const plain = join(dir, 'out.env');
  const libsodium = { label: 'node: import libsodium, await ready', argv: [sodiumStart] };
  console.log('');
  paired(
    'seal of a 1,000-key env file (a new sealed file) vs node + libsodium start',
    { label: 'lucid-env seal (1,000 keys)', argv: [cli, 'seal', '-e', 'thousand.env'], cwd: dir, before: () => rmSync(sealed, { force: true }) },
    libsodium,
  );
  spawnSync(process.execPath, [cli, 'seal', '-e', 'thousand.env'], { cwd: dir, stdio: 'ignore' });
  console.log('');
  paired(
    'unseal of a 1,000-key sealed file vs node + libsodium start',
    {
      label: 'lucid-env unseal (1,000 keys)',
      argv: [cli, 'unseal', 'thousand.env.sealed', '-o', plain],
      cwd: dir,
      before: () => rmSync(plain, { force: true }),
    },
    libsodium,
  );
  delete process.env.LUCID_ENV_KEYS_DIR;
}
