// Scale figures of `npm run bench` (issue 9), all measured in one run as paired whole-process runs:
//  - scan and check of generated compose files of 1,000 to 50,000 services (services share env
//    files and merge one anchor, as real stacks do; some variables have different defaults) against
//    a bare `node` process that only runs yaml.parseDocument (default options) on the same file:
//    time ratios and peak memory;
//  - check --all over a generated workspace of 100 stacks against 100 separate check runs.
// BENCH_SCALE_SIZES=1000,5000 picks the sizes; BENCH_SCALE_RUNS sets the pairs per size (default 3,
// one for 20,000 services and more, which take seconds each).
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const root = new URL('..', import.meta.url).pathname;
const cli = join(root, 'dist', 'bin', 'lucid-env.js');
const sizes = (process.env.BENCH_SCALE_SIZES ?? '1000,5000,20000,50000').split(',').map(Number);
const work = mkdtempSync(join(tmpdir(), 'lucid-env-bench-scale-'));
const rssHook = join(work, 'rss-hook.mjs');
writeFileSync(
  rssHook,
  "import { writeSync } from 'node:fs';\nprocess.on('exit', () => { try { writeSync(3, String(process.resourceUsage().maxRSS)); } catch {} });\n",
);

/** One whole-process run: wall time, exit status (or signal) and peak memory in MiB. */
function run(argv, cwd) {
  const start = performance.now();
  const result = spawnSync(process.execPath, ['--import', rssHook, ...argv], { cwd, stdio: ['ignore', 'ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  const wall = performance.now() - start;
  const crashed = result.signal !== null || result.status === null || (result.status !== 0 && result.status !== 1);
  return {
    wall,
    status: result.signal ?? result.status,
    crashed,
    stderr: String(result.stderr).slice(0, 300),
    peak: Number(String(result.output[3] ?? '0')) / 1024,
  };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** A compose file of `count` services sharing ten env files and one merged anchor. */
function writeProject(dir, count) {
  mkdirSync(join(dir, 'env'), { recursive: true });
  const lines = [
    'name: scale',
    'x-common: &common',
    '  restart: unless-stopped',
    '  logging:',
    '    driver: json-file',
    '    options: { max-size: "10m" }',
    'services:',
  ];
  for (let index = 0; index < count; index++) {
    lines.push(
      `  svc-${index}:`,
      '    <<: *common',
      `    image: "registry.example.com/svc-${index}:\${TAG_${index % 50}:-latest}"`,
      `    env_file: [./env/shared.env, ./env/group-${index % 10}.env]`,
      '    environment:',
      `      DATABASE_URL: "postgres://\${DB_USER:-app}:\${DB_PASSWORD:?set DB_PASSWORD}@db-${index % 20}:5432/app_${index}"`,
      // Unset, with three defaults each: `inconsistent-default` groups thousands of places per variable.
      `      REDIS_URL: redis://:\${REDIS_PASSWORD}@redis:6379/\${REDIS_DB_${index % 16}:-${index % 3}}`,
      `      LOG_LEVEL: \${LOG_LEVEL:-info}`,
      '      PASSTHROUGH_TOKEN:',
      '    ports:',
      `      - "\${PORT_${index % 100}:-8000}:80"`,
      '    volumes:',
      `      - \${DATA_ROOT:-/srv/data}/svc-${index}:/var/lib/app:rw`,
      '    healthcheck:',
      '      test: ["CMD-SHELL", "wget -qO- http://localhost/health || exit 1"]',
    );
  }
  writeFileSync(join(dir, 'compose.yml'), `${lines.join('\n')}\n`);
  const shared = ['DB_USER=app', 'DB_PASSWORD=Zx8Kq2Lm9Pw4Rt7Yv3Nb6Hc1Jd5Fg0Qs', 'REDIS_PASSWORD=Qw5Er8Ty2Ui6Op9As3Df7Gh4Jk1Lz0Xc', 'LOG_LEVEL=info'];
  shared.push('PASSTHROUGH_TOKEN=Jk4Lz7Xc1Vb8Nm2Qw6Er9Ty3Ui5Op0As', 'DATA_ROOT=/srv');
  for (let port = 0; port < 100; port++) shared.push(`PORT_${port}=${8000 + port}`);
  writeFileSync(join(dir, '.env'), `${shared.join('\n')}\n`);
  writeFileSync(join(dir, 'env', 'shared.env'), `${shared.join('\n')}\n`);
  for (let group = 0; group < 10; group++) writeFileSync(join(dir, 'env', `group-${group}.env`), `GROUP=${group}\n`);
  for (const file of ['.env', 'env/shared.env']) chmodSync(join(dir, file), 0o600);
}

const seconds = (milliseconds) => `${(milliseconds / 1000).toFixed(2)} s`;

function compare(label, a, b, runs, cwd, targets) {
  const ratios = [];
  const times = [[], []];
  let last;
  for (let index = 0; index < runs; index++) {
    const first = run(a, cwd);
    const second = run(b, cwd);
    if (first.crashed) {
      console.log(`  ${label}: CRASHED (exit ${first.status}) ${first.stderr}`);
      return;
    }
    times[0].push(first.wall);
    times[1].push(second.wall);
    ratios.push(first.wall / second.wall);
    last = { first, second };
  }
  const ratio = median(ratios);
  const memory = last.first.peak / last.second.peak;
  const verdict = (value, target) => (target === undefined ? '' : value <= target ? ` (target ≤ ${target}x: met)` : ` (target ≤ ${target}x: NOT met)`);
  console.log(
    `  ${label}: ${seconds(median(times[0]))} vs ${seconds(median(times[1]))}, ratio ${ratio.toFixed(2)}x${verdict(ratio, targets?.time)}; ` +
      `peak ${last.first.peak.toFixed(0)} vs ${last.second.peak.toFixed(0)} MiB, ${memory.toFixed(2)}x${verdict(memory, targets?.memory)}`,
  );
}

try {
  const bare = join(work, 'parse-only.mjs');
  const yaml = JSON.stringify(join(root, 'node_modules', 'yaml', 'dist', 'index.js'));
  writeFileSync(
    bare,
    `import { readFileSync } from 'node:fs';\nimport { parseDocument } from ${yaml};\nparseDocument(readFileSync(process.argv[2], 'utf8'));\n`,
  );
  console.log('scale: scan and check vs a bare node process running yaml.parseDocument on the same file');
  for (const size of sizes) {
    const dir = join(work, `services-${size}`);
    writeProject(dir, size);
    const runs = Number(process.env.BENCH_SCALE_RUNS ?? (size >= 20000 ? 1 : 3));
    console.log(`${size.toLocaleString('en-US')} services (${runs} pair${runs === 1 ? '' : 's'}):`);
    const targets = size === 20000 ? { time: 1.5, memory: 2 } : undefined;
    compare('scan --format json', [cli, 'scan', '-f', 'compose.yml', '--format', 'json'], [bare, 'compose.yml'], runs, dir, targets);
    compare('check --format json', [cli, 'check', '-f', 'compose.yml', '--format', 'json'], [bare, 'compose.yml'], runs, dir, targets);
    rmSync(dir, { recursive: true, force: true });
  }

  console.log('\ncheck --all over a workspace of 100 stacks vs 100 separate check runs');
  const workspace = join(work, 'workspace');
  const stacks = [];
  for (let index = 0; index < 100; index++) {
    const dir = join(workspace, `stack-${index}`);
    writeProject(dir, 10);
    stacks.push(`  stack-${index}:\n    compose: [stack-${index}/compose.yml]\n    envFiles: [stack-${index}/.env]`);
  }
  writeFileSync(join(workspace, 'lucid-env.yml'), `version: 1\nstacks:\n${stacks.join('\n')}\n`);
  const all = run([cli, 'check', '--all', '--format', 'json'], workspace);
  const start = performance.now();
  let crashed = false;
  for (let index = 0; index < 100; index++) crashed ||= run([cli, 'check', '-f', `stack-${index}/compose.yml`, '-e', `stack-${index}/.env`], workspace).crashed;
  const separate = performance.now() - start;
  console.log(
    `  check --all: ${(all.wall / 1000).toFixed(2)} s (exit ${all.status}); 100 runs: ${(separate / 1000).toFixed(2)} s${crashed ? ' (a run crashed)' : ''}; ` +
      `ratio ${(all.wall / separate).toFixed(3)}x (${(separate / all.wall).toFixed(1)} times faster)`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
