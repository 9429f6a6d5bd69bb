// `npm run bench`: whole-process timings of the built CLI against baselines measured in the same
// run, as paired runs (A B A B …) so a drifting machine speed cancels out in each ratio.
// Uses only Node: wall time from performance.now() around spawnSync, peak memory from the child's
// own process.resourceUsage().maxRSS (reported through a tiny --import hook).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { benchSealed } from './bench-sealed.mjs';

const root = new URL('..', import.meta.url).pathname;
// A failed build would leave every figure measuring a missing file: stop here instead.
const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--no-tests'], { stdio: 'inherit' });
if (build.status !== 0) {
  process.stderr.write(`npm run bench: the build failed (exit ${build.status ?? build.signal}); nothing was measured\n`);
  process.exit(2);
}
const cli = join(root, 'dist', 'bin', 'lucid-env.js');
const runs = Number(process.env.BENCH_RUNS ?? 15);
const work = mkdtempSync(join(tmpdir(), 'lucid-env-bench-'));
// Its own code cache (scripts/launcher.cjs), written by each figure's warm-up run: measured runs are cold
// processes that start from the cache, as every run after a user's first one does.
// Read at each run: a section may add to process.env (bench-sealed.mjs sets its keys directory).
const benchEnv = () => ({ ...process.env, NO_COLOR: '1', LUCID_ENV_CACHE_DIR: join(work, 'cache') });
const wrongExits = [];
const rssHook = join(work, 'rss-hook.mjs');
writeFileSync(
  rssHook,
  "import { writeSync } from 'node:fs';\nprocess.on('exit', () => { try { writeSync(3, String(process.resourceUsage().maxRSS)); } catch {} });\n",
);

function run(argv, options = {}) {
  options.before?.();
  const start = performance.now();
  const result = spawnSync(process.execPath, argv, { cwd: options.cwd ?? root, stdio: ['ignore', 'ignore', 'pipe'], env: benchEnv() });
  const wall = performance.now() - start;
  if (result.error) throw result.error;
  // A figure of a run that failed would measure the failure: every run's exit code is checked.
  if (result.status !== (options.exit ?? 0))
    wrongExits.push(`${options.label ?? argv.join(' ')}: exit ${result.status}, expected ${options.exit ?? 0}\n${result.stderr}`);
  return { wall, status: result.status, stderr: String(result.stderr) };
}

function peakMiB(argv, options = {}) {
  const result = spawnSync(process.execPath, ['--import', rssHook, ...argv], {
    cwd: options.cwd ?? root,
    stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
    env: benchEnv(),
  });
  if (result.status !== (options.exit ?? 0)) wrongExits.push(`${argv.join(' ')} (peak memory run): exit ${result.status}, expected ${options.exit ?? 0}`);
  return Number(String(result.output[3] ?? '0')) / 1024;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

function paired(name, a, b, target, goal) {
  run(a.argv, a);
  run(b.argv, b); // warm the file cache
  const ratios = [],
    aTimes = [],
    bTimes = [];
  let status;
  for (let index = 0; index < runs; index++) {
    const first = run(a.argv, a);
    const second = run(b.argv, b);
    status = first.status;
    aTimes.push(first.wall);
    bTimes.push(second.wall);
    ratios.push(first.wall / second.wall);
  }
  const ratio = median(ratios);
  const verdict =
    (target === undefined ? '' : ratio <= target ? `  (target ≤ ${target}x: met)` : `  (target ≤ ${target}x: NOT met)`) +
    (goal === undefined ? '' : ratio <= goal ? ` (goal ≤ ${goal}x: met)` : ` (goal ≤ ${goal}x: not yet)`);
  console.log(
    [
      name,
      `  A: ${a.label}  median ${median(aTimes).toFixed(1)} ms (exit ${status})`,
      `  B: ${b.label}  median ${median(bTimes).toFixed(1)} ms`,
      `  ratio A/B: median ${ratio.toFixed(2)}x over ${runs} pairs (min ${Math.min(...ratios).toFixed(2)}, max ${Math.max(...ratios).toFixed(2)})${verdict}`,
    ].join('\n'),
  );
  return ratio;
}

function generateCompose(services) {
  const lines = ['name: bench', 'services:'];
  for (let index = 0; index < services; index++) {
    lines.push(
      `  service-${index}:`,
      `    image: "registry.example.com/team/service-${index}:\${TAG_${index % 50}:-latest}"`,
      '    environment:',
      `      DATABASE_URL: "postgres://\${DB_USER:-app}:\${DB_PASSWORD:?set DB_PASSWORD}@db-${index % 20}:5432/app_${index}"`,
      `      REDIS_URL: redis://:\${REDIS_PASSWORD}@redis:6379/\${REDIS_DB_${index % 16}:-0}`,
      `      LOG_LEVEL: \${LOG_LEVEL:-info}`,
      `      OTEL_EXPORTER_OTLP_ENDPOINT: "http://\${OTEL_HOST:-otel-collector}:4317"`,
      `      SENTRY_DSN: "https://\${SENTRY_KEY_${index % 30}}@sentry.example.com/${index}"`,
      `      CACHE_TTL_SECONDS: "\${CACHE_TTL:-300}"`,
      `      FEATURE_FLAGS: "alpha,beta,gamma,delta,epsilon,zeta,eta,theta,iota,kappa,lambda,mu,nu,xi,omicron,pi,rho,sigma"`,
      '      PASSTHROUGH_TOKEN:',
      '    ports:',
      `      - "\${PORT_BASE_${index % 100}:-8000}:80"`,
      '    labels:',
      `      com.example.description: "Service number ${index}, generated for the lucid-env benchmark with enough text to be realistic"`,
      `      com.example.owner: "team-\${TEAM_${index % 10}:-platform}"`,
      `      com.example.runbook: "https://runbooks.example.com/services/service-${index}/operations#on-call-escalation-and-recovery"`,
      `      com.example.dashboard: "https://grafana.example.com/d/service-${index}/overview?orgId=1&refresh=30s&var-env=\${DEPLOY_ENV:-production}"`,
      `      com.example.contact: "platform-team@example.com, on-call-primary@example.com, on-call-secondary@example.com"`,
      '    command: ["sh", "-c", "exec /app/server --port 80 --workers 4 --log-format json --graceful-timeout 30s"]',
      '    healthcheck:',
      '      test: ["CMD-SHELL", "wget -qO- http://localhost/health || exit 1"]',
      '      interval: 30s',
      '    deploy:',
      '      resources:',
      '        limits: { cpus: "0.50", memory: 512M }',
      '    volumes:',
      `      - \${DATA_ROOT:-/srv/data}/service-${index}:/var/lib/app:rw`,
      `      - ./config/service-${index}.yml:/etc/app/config.yml:ro`,
    );
  }
  return `${lines.join('\n')}\n`;
}

try {
  console.log(`lucid-env benchmark: node ${process.version}, ${runs} paired runs per figure\n`);
  const big = join(work, 'compose.big.yml');
  writeFileSync(big, generateCompose(5000));
  const bareParse = join(work, 'parse-only.mjs');
  writeFileSync(
    bareParse,
    [
      "import { readFileSync } from 'node:fs';",
      `import { parseDocument, LineCounter } from ${JSON.stringify(join(root, 'node_modules', 'yaml', 'dist', 'index.js'))};`,
      "parseDocument(readFileSync(process.argv[2], 'utf8'), { lineCounter: new LineCounter() });",
      '',
    ].join('\n'),
  );
  console.log(`scan of a generated compose file: 5,000 services, ${(readFileSync(big).length / 1e6).toFixed(1)} MB`);
  paired(
    'scan --format json (the stream scanner files over 1 MiB take) vs a bare node process running yaml.parseDocument',
    { label: 'lucid-env scan --format json', argv: [cli, 'scan', '-f', big, '--format', 'json'] },
    { label: 'node parse-only.mjs', argv: [bareParse, big] },
    1.5,
  );
  // `check` reads every file through a full YAML Document (the path render takes too): the heavier one.
  paired(
    'check --format json (the Document path) vs a bare node process running yaml.parseDocument',
    { label: 'lucid-env check --format json', argv: [cli, 'check', '-f', big, '--format', 'json'], exit: 1 },
    { label: 'node parse-only.mjs', argv: [bareParse, big] },
    1.5,
  );
  const scanPeak = peakMiB([cli, 'scan', '-f', big, '--format', 'json']);
  const checkPeak = peakMiB([cli, 'check', '-f', big, '--format', 'json'], { exit: 1 });
  const bareParsePeak = peakMiB([bareParse, big]);
  console.log(
    `  peak memory of scan: ${scanPeak.toFixed(0)} MiB (target < 400 MiB: ${scanPeak < 400 ? 'met' : 'NOT met'}); ` +
      `of check: ${checkPeak.toFixed(0)} MiB; the bare yaml.parseDocument process: ${bareParsePeak.toFixed(0)} MiB\n`,
  );

  const example = join(work, 'example');
  cpSync(join(root, 'examples', 'foundation'), example, { recursive: true });
  const scratch = join(work, 'generate');
  cpSync(join(root, 'examples', 'foundation'), scratch, { recursive: true });
  const template = join(work, 'thousand.yml');
  const variables = Array.from(
    { length: 1000 },
    (_, index) =>
      `  SECRET_${index}: { secret: true, generate: { kind: ${index % 2 ? 'password, length: 32, alphabet: alnum' : 'bytes, bytes: 32, encoding: base64'} } }`,
  );
  writeFileSync(template, `name: thousand\nenvFile: thousand.env\nvariables:\n${variables.join('\n')}\n`);
  const sodiumStart = join(work, 'sodium-start.mjs');
  const sodiumModule = join(root, 'node_modules', 'libsodium-wrappers', 'dist', 'modules', 'libsodium-wrappers.js');
  writeFileSync(sodiumStart, `const { default: sodium } = await import(${JSON.stringify(sodiumModule)});\nawait sodium.ready;\n`);
  const generateArgs = [cli, 'generate', '-t', template, '-e', 'fresh.env'];
  const fresh = () => rmSync(join(scratch, 'fresh.env'), { force: true });
  console.log('');
  paired(
    'generate of 1,000 secrets into a new env file vs node + libsodium start',
    { label: 'lucid-env generate (1,000 secrets)', argv: generateArgs, cwd: scratch, before: fresh },
    { label: 'node: import libsodium, await ready', argv: [sodiumStart] },
    1.5,
  );
  benchSealed({ cli, work, paired, sodiumStart });
  console.log('');

  const checkArgs = [cli, 'check', '-f', 'configs/docker/docker-compose.foundation.yml', '-e', 'configs/environment/.env.foundation'];
  paired(
    'check on the bundled example vs node -e 0 (cold start)',
    { label: 'lucid-env check (example)', argv: checkArgs, cwd: example, exit: 1 },
    { label: 'node -e 0', argv: ['-e', '0'] },
    1.2,
    1.15,
  );
  // Scale figures (issue 9) live in their own script.
  console.log('');
  spawnSync(process.execPath, [join(root, 'scripts', 'bench-scale.mjs')], { stdio: 'inherit' });
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (wrongExits.length > 0) {
  console.error(`\n${wrongExits.length} run(s) ended with an unexpected exit code:\n${[...new Set(wrongExits)].join('\n')}`);
  process.exitCode = 1;
}
