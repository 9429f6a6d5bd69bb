// `npm start`: the main job on the bundled example, in a temporary copy (the example stays as shipped).
// scan → check (fails: the env file is incomplete, as the real one was) → generate → check -t foundation (passes)
// → audit (fails on the one real distroless problem left: Redis's CMD-SHELL health check) → render.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--no-tests'], { stdio: 'inherit' });
const cli = join(root, 'dist', 'bin', 'lucid-env.js');
const work = mkdtempSync(join(tmpdir(), 'lucid-env-demo-'));
cpSync(join(root, 'examples', 'foundation'), work, { recursive: true });
const compose = ['-f', 'configs/docker/docker-compose.foundation.yml'];
const env = ['-e', 'configs/environment/.env.foundation'];

function step(title, args, expected) {
  process.stdout.write(`\n\u001b[1m$ lucid-env ${args.join(' ')}\u001b[0m   # ${title}\n`);
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: work, stdio: 'inherit' });
  process.stdout.write(`(exit ${result.status}${result.status === expected ? '' : `, expected ${expected}`})\n`);
  return result.status === expected;
}

let ok = true;
try {
  process.stdout.write(`lucid-env demo on a copy of examples/foundation in ${work}\n`);
  ok = step('every variable reference, with file:line:column', ['scan', ...compose], 0) && ok;
  ok = step('the CI gate on the env file as it was written by hand', ['check', ...compose, ...env, '-t', 'foundation'], 1) && ok;
  ok = step('generate the missing, empty, placeholder and weak secrets', ['generate', '-t', 'foundation', ...env], 0) && ok;
  ok = step('the CI gate again', ['check', ...compose, ...env, '-t', 'foundation'], 0) && ok;
  ok = step('distroless compliance, hardening and secret hygiene', ['audit', ...compose, ...env], 1) && ok;
  ok = step('the compose file as Compose would see it, secrets masked', ['render', ...compose, ...env], 0) && ok;
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exitCode = ok ? 0 : 1;
