import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { describe, it } from 'node:test';
import { runInProcess } from '../helpers/context.js';
import { assertNoValues, COMPOSE_REL, ENV_REL, exampleCopy, scratchDir } from './support.js';

const SEED = join(process.cwd(), 'test', 'fixtures', 'audit', 'seed-foundation');
const ARGS = ['-f', COMPOSE_REL, '-e', ENV_REL];

interface JsonFinding {
  code: string;
  severity: string;
  file: string;
  line: number;
  message: string;
  service?: string;
  stack?: string;
  hint?: string;
}

async function auditJson(cwd: string, args: readonly string[]): Promise<{ code: number; findings: JsonFinding[]; stdout: string }> {
  const result = await runInProcess(['audit', ...args, '--format', 'json'], cwd);
  assert.equal(result.stderr, '');
  return { code: result.code, findings: (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings, stdout: result.stdout };
}

function seedCopy(t: TestContext): string {
  const dir = scratchDir(t);
  cpSync(SEED, dir, { recursive: true });
  chmodSync(join(dir, ENV_REL), 0o600);
  return dir;
}

function write(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text, { mode: 0o600 });
  }
}

const brief = (findings: readonly JsonFinding[]) => findings.map((finding) => `${finding.code} ${finding.service ?? finding.file}:${finding.line}`);

describe("audit on the seed report's foundation compose (four Docker Hub images, no build contexts)", () => {
  it('finds every violation the hand-written report lists, at the compose lines', async (t) => {
    const { code, findings } = await auditJson(seedCopy(t), ARGS);
    assert.equal(code, 1);
    const perService = (service: string) => findings.filter((finding) => finding.service === service).map((finding) => `${finding.code}:${finding.line}`);
    assert.deepEqual(perService('lucid-mongodb'), [
      'audit/cap-drop:6',
      'audit/no-new-privileges:6',
      'audit/read-only:6',
      'audit/security-label:6',
      'audit/image-source:7',
      'audit/non-root:7',
    ]);
    assert.deepEqual(perService('lucid-auth-service'), [
      'audit/cap-drop:51',
      'audit/no-new-privileges:51',
      'audit/read-only:51',
      'audit/security-label:51',
      'audit/image-source:52',
      'audit/non-root:52',
    ]);
    assert.deepEqual(
      findings.filter((finding) => finding.code === 'missing').map((finding) => finding.message.split(' ')[0]),
      ['ENCRYPTION_KEY', 'TOR_PASSWORD'],
    );
    const sources = findings.filter((finding) => finding.code === 'audit/image-source').map((finding) => finding.message);
    assert.match(sources[0] ?? '', /standard Docker Hub image mongo:7/);
    assert.match(sources[3] ?? '', /pre-built image pickme\/lucid-auth-service:latest-arm64/);
    assert.equal(findings.find((finding) => finding.code === 'audit/read-only')?.hint, 'in services.lucid-mongodb: read_only: true');
  });

  it("writes the report with the seed's structure: per service current and required configuration, requirements, missing variables", async (t) => {
    const result = await runInProcess(['audit', ...ARGS, '--format', 'markdown'], seedCopy(t));
    assert.equal(result.code, 1);
    const report = result.stdout;
    for (const line of [
      '# Distroless compliance report: configs/docker/docker-compose.foundation.yml',
      '### 1. lucid-mongodb',
      '### 4. lucid-auth-service',
      '  image: mongo:7',
      '  image: pickme/lucid-auth-service:latest-arm64',
      '**Required configuration:**',
      '  build:\n    context: ./lucid-mongodb\n    dockerfile: Dockerfile.distroless',
      '  user: "65532:65532"',
      '| **Distroless base images** | ❌ VIOLATION |',
      '| **Multi-stage builds** | ❌ MISSING |',
      '| **Non-root user** | ❌ VIOLATION |',
      '| **Security labels** | ❌ MISSING |',
      '| **No shell use in distroless services** | ✅ PASS | no finding |',
      '| `ENCRYPTION_KEY` | `configs/docker/docker-compose.foundation.yml:61:23` |',
      '| `TOR_PASSWORD` | `configs/docker/docker-compose.foundation.yml:62:21` |',
    ]) {
      assert.ok(report.includes(line), `report lacks: ${line}\n${report}`);
    }
    assert.equal(report.match(/\*\*Status:\*\* ❌ NON-COMPLIANT/g)?.length, 5);
  });
});

describe('audit on the bundled example (distroless, hardened)', () => {
  it('passes every distroless and hardening rule but the CMD-SHELL health check of distroless Redis', async (t) => {
    const { dir } = exampleCopy(t);
    await runInProcess(['generate', '-t', 'foundation', '-e', ENV_REL, '-q'], dir);
    const { code, findings } = await auditJson(dir, ARGS);
    assert.equal(code, 1);
    assert.deepEqual(brief(findings), ['audit/shell-healthcheck lucid-redis:52']);
    assert.match(findings[0]?.message ?? '', /base gcr\.io\/distroless\/cc-debian12 is distroless.*CMD-SHELL/);
  });

  it('also reports the env file as shipped: placeholders, burnt values, its mode and the two missing variables', async (t) => {
    const { dir } = exampleCopy(t);
    chmodSync(join(dir, ENV_REL), 0o644);
    const { findings } = await auditJson(dir, ARGS);
    assert.deepEqual(brief(findings), [
      'audit/shell-healthcheck lucid-redis:52',
      'missing configs/docker/docker-compose.foundation.yml:89',
      'missing configs/docker/docker-compose.foundation.yml:90',
      'missing configs/docker/docker-compose.foundation.yml:104',
      'audit/env-permissions configs/environment/.env.foundation:0',
      'audit/env-placeholder configs/environment/.env.foundation:6',
      'audit/env-placeholder configs/environment/.env.foundation:8',
      'audit/env-placeholder configs/environment/.env.foundation:10',
    ]);
  });
});

describe('audit rules on small projects', () => {
  it('follows anchors: a service that inherits hardening through <<: *distroless passes, findings point at the anchor', async (t) => {
    const dir = scratchDir(t);
    write(dir, {
      'compose.yaml': `x-distroless: &distroless
  user: "65532"
  read_only: true
  cap_drop: [ALL]
  security_opt: [no-new-privileges:true]
  labels: [lucid.type=distroless]
x-loose: &loose
  <<: *distroless
  privileged: true
  network_mode: host
services:
  good:
    <<: *distroless
    image: gcr.io/distroless/static-debian12:nonroot
  bad:
    <<: *loose
    image: gcr.io/distroless/static-debian12
    cap_add: [NET_ADMIN, CHOWN]
    command: ["sh", "-c", "exec app"]
    healthcheck: { test: "wget -q localhost" }
`,
    });
    const { findings } = await auditJson(dir, []);
    assert.deepEqual(brief(findings), [
      'audit/privileged bad:9',
      'audit/host-namespace bad:10',
      'audit/cap-add bad:18',
      'audit/shell-command bad:19',
      'audit/shell-healthcheck bad:20',
    ]);
  });

  it('reads Dockerfiles: base, stages, USER, shell forms, literal secrets, missing files, digests', async (t) => {
    const dir = scratchDir(t);
    write(dir, {
      'compose.yaml': `services:
  slim:
    build: ./slim
    read_only: true
    cap_drop: [ALL]
    security_opt: [no-new-privileges:true]
    labels: { lucid.type: distroless }
  ghost:
    build: { context: ./nowhere }
  pinned:
    build: { context: ., dockerfile: pinned.Dockerfile, args: { API_TOKEN: abcdef123456 } }
    read_only: true
    cap_drop: [ALL]
    security_opt: [no-new-privileges:true]
    labels: [lucid.type=distroless]
`,
      'slim/Dockerfile': 'FROM python:3.11-slim\nENV DB_PASSWORD=hunter2hunter2\nUSER root\n',
      'pinned.Dockerfile':
        'FROM golang:1.22 AS build\nRUN go build -o /app\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\nRUN chmod +x /app\n',
    });
    const { findings } = await auditJson(dir, ['--require-digest']);
    assert.deepEqual(brief(findings), [
      'audit/cap-drop ghost:8',
      'audit/no-new-privileges ghost:8',
      'audit/read-only ghost:8',
      'audit/security-label ghost:8',
      'audit/build-missing ghost:9',
      'audit/literal-secret pinned:11',
      'audit/image-digest pinned:1',
      'audit/image-digest pinned:3',
      'audit/shell-command pinned:5',
      'audit/distroless-base slim:1',
      'audit/image-digest slim:1',
      'audit/multi-stage slim:1',
      'audit/literal-secret slim:2',
      'audit/non-root slim:3',
    ]);
    assertNoValues(JSON.stringify(findings), ['hunter2hunter2', 'abcdef123456']);
  });

  it('flags literal secrets and secret defaults in compose, never printing them', async (t) => {
    const dir = scratchDir(t);
    write(dir, {
      'compose.yaml': `services:
  db:
    image: cgr.dev/chainguard/postgres
    environment:
      POSTGRES_PASSWORD: hunter2hunter2
      POSTGRES_PASSWORD_FILE: /run/secrets/db
      GRAFANA_PASSWORD: \${GRAFANA_PASSWORD:-admin}
      MONGODB_PASSWORD: \${MONGODB_PASSWORD:-Zq8Lr2Vx9Tk4Wm7}
      API_KEY: \${API_KEY:?set it}
`,
    });
    const { findings } = await auditJson(dir, ['--ignore', 'audit/read-only,audit/cap-drop,audit/no-new-privileges,audit/security-label']);
    assert.deepEqual(
      findings.map((finding) => `${finding.code}:${finding.line}`),
      ['audit/literal-secret:5', 'audit/weak-default:7', 'audit/weak-default:8', 'missing:9'],
    );
    assert.match(findings[0]?.message ?? '', /fingerprint [0-9a-f]{12}/);
    assert.match(findings[1]?.message ?? '', /well-known placeholder/);
    assertNoValues(JSON.stringify(findings), ['hunter2hunter2', 'Zq8Lr2Vx9Tk4Wm7']);
  });
});

describe('audit of a git repository', () => {
  it('finds secrets in tracked files and env files with secrets that are tracked or not ignored', async (t) => {
    const dir = scratchDir(t);
    write(dir, {
      'compose.yaml': 'services:\n  app:\n    image: gcr.io/distroless/static:nonroot\n',
      '.gitignore': '.env.local\n',
      '.env': 'DB_PASSWORD=Kq7Wn2Vb9Xc4Zm8Lp3Rt\n',
      '.env.local': 'DB_PASSWORD=Kq7Wn2Vb9Xc4Zm8Lp3Rt\n',
      '.env.staging': 'API_TOKEN=Gh5Jk8Lm2Np4Qr7St9Vw\nSECRET_KEY=changeme\n',
      '.env.example': 'DB_PASSWORD=changeme\n',
      'config/settings.py': 'AWS_KEY = "AKIAIOSFODNN7EXAMPLQ"\nJWT_SECRET = "Xy3Zb6Cd9Ef2Gh5Jk8Lm1Np4Qr7St0Vw"\n',
    });
    execFileSync('git', ['init', '-q', dir]);
    execFileSync('git', ['-C', dir, 'add', 'compose.yaml', '.gitignore', '.env', '.env.example', 'config/settings.py']);
    const { findings } = await auditJson(dir, ['--ignore', 'audit/read-only,audit/cap-drop,audit/no-new-privileges,audit/security-label']);
    assert.deepEqual(
      findings.map((finding) => `${finding.code} ${finding.severity} ${finding.file}:${finding.line}`),
      [
        'audit/env-file-tracked error .env:0',
        'audit/env-file-tracked warning .env.staging:0',
        'audit/env-placeholder error .env.staging:2',
        'audit/tracked-secret error config/settings.py:1',
        'audit/tracked-secret error config/settings.py:2',
      ],
    );
    assert.match(findings[0]?.hint ?? '', /^git rm --cached \.env && echo '\.env' >> \.gitignore/);
    assertNoValues(JSON.stringify(findings), ['Kq7Wn2Vb9Xc4Zm8Lp3Rt', 'Gh5Jk8Lm2Np4Qr7St9Vw', 'AKIAIOSFODNN7EXAMPLQ', 'Xy3Zb6Cd9Ef2Gh5Jk8Lm1Np4Qr7St0Vw']);
  });
});

describe('audit policy, workspaces and --recursive', () => {
  const HARDENED = '    read_only: true\n    cap_drop: [ALL]\n    security_opt: [no-new-privileges:true]\n    labels: [lucid.type=distroless]\n';

  it('runs every stack with --all, applies the policy, and shows waivers with their reason', async (t) => {
    const dir = scratchDir(t);
    write(dir, {
      'lucid-env.yml': `version: 1
stacks:
  core:
    compose: [core/compose.yaml]
  edge:
    compose: [edge/compose.yaml]
audit:
  allowImages: [pickme/*]
  rules:
    audit/security-label: off
  waivers:
    - rule: audit/non-root
      service: proxy
      reason: nginx drops to uid 101 after binding port 80
    - rule: audit/read-only
      service: ghost
      reason: stale
`,
      'core/compose.yaml': `services:\n  api:\n    image: pickme/lucid-api:1\n    user: "65532"\n${HARDENED}`,
      'edge/compose.yaml': `services:\n  proxy:\n    image: gcr.io/distroless/static\n${HARDENED}`,
    });
    const { code, findings } = await auditJson(dir, ['--all']);
    assert.equal(code, 0);
    assert.deepEqual(
      findings.map((finding) => [finding.code, finding.severity, finding.stack, finding.message]),
      [
        [
          'audit/non-root',
          'info',
          'edge',
          'waived (nginx drops to uid 101 after binding port 80): proxy sets no user: and runs gcr.io/distroless/static, ' +
            'whose user is not checked here (most images run as root)',
        ],
        ['audit/policy', 'warning', undefined, 'the waiver of audit/read-only for ghost matches no finding'],
      ],
    );
    const markdown = await runInProcess(['audit', '--all', '--format', 'markdown'], dir);
    assert.ok(markdown.stdout.includes('| `audit/non-root` | proxy | nginx drops to uid 101 after binding port 80 | `lucid-env.yml:12` |'), markdown.stdout);
  });

  it('reports a stack env file that does not exist yet as a finding and audits the stack with the others', async (t) => {
    const dir = scratchDir(t);
    write(dir, {
      'lucid-env.yml': 'version: 1\nstacks:\n  core:\n    compose: [compose.yaml]\n    envFiles: [.env.core, .env.later]\n',
      'compose.yaml': `services:\n  api:\n    image: gcr.io/distroless/static\n    user: "65532"\n    environment: { LEVEL: "\${LEVEL}" }\n${HARDENED}`,
      '.env.core': 'LEVEL=info\n',
    });
    const { code, findings } = await auditJson(dir, ['--all']);
    assert.equal(code, 1);
    assert.deepEqual(
      findings.map((finding) => [finding.code, finding.stack, `${finding.file}:${finding.line}`, finding.message]),
      [['env-file-missing', 'core', 'lucid-env.yml:3', 'env file .env.later of stack core does not exist']],
    );
  });

  it('lists a problem two stacks share (one compose file) once, under the first stack', async (t) => {
    const dir = scratchDir(t);
    write(dir, {
      'lucid-env.yml': 'version: 1\nstacks:\n  one:\n    compose: [compose.yaml]\n  two:\n    compose: [compose.yaml]\n',
      'compose.yaml': `services:\n  api:\n    image: gcr.io/distroless/static\n    user: "65532"\n    environment: { LEVEL: "\${LEVEL}" }\n${HARDENED}`,
    });
    const { findings } = await auditJson(dir, ['--all']);
    assert.deepEqual(
      findings.map((finding) => [finding.code, finding.stack, `${finding.file}:${finding.line}`]),
      [['missing', 'one', 'compose.yaml:5']],
    );
  });

  it('reports an invalid policy at its line', async (t) => {
    const dir = scratchDir(t);
    write(dir, {
      'lucid-env.yml': 'version: 1\nstacks:\n  core:\n    compose: [compose.yaml]\naudit:\n  rules:\n    audit/no-such-rule: off\n',
      'compose.yaml': 'services: {}\n',
    });
    const { code, findings } = await auditJson(dir, []);
    assert.equal(code, 1);
    assert.deepEqual(brief(findings), ['audit/policy lucid-env.yml:7']);
  });

  it('audits every compose file under a folder with --recursive, without the missing-variable check', async (t) => {
    const dir = scratchDir(t);
    write(dir, {
      'a/compose.yaml': 'services:\n  one:\n    image: redis:7\n    environment: { X: "${UNSET}" }\n',
      'b/docker-compose.yml': `services:\n  two:\n    image: cgr.dev/chainguard/redis\n${HARDENED}`,
      'b/docker-compose.override.yml': 'services:\n  two:\n    ports: ["6379:6379"]\n',
    });
    const { findings } = await auditJson(dir, ['--recursive', '.', '--ignore', 'audit/cap-drop,audit/no-new-privileges,audit/read-only']);
    assert.deepEqual(brief(findings), ['audit/security-label one:2', 'audit/image-source one:3', 'audit/non-root one:3']);
  });

  it('refuses --all without a workspace file, and unknown --ignore codes', async (t) => {
    const dir = scratchDir(t);
    write(dir, { 'compose.yaml': 'services: {}\n' });
    const all = await runInProcess(['audit', '--all'], dir);
    assert.equal(all.code, 2);
    assert.match(all.stderr, /--all and --stack need a workspace file/);
    const ignore = await runInProcess(['audit', '--ignore', 'audit/nope'], dir);
    assert.equal(ignore.code, 2);
    assert.match(ignore.stderr, /unknown finding code in --ignore: audit\/nope/);
  });
});

describe('audit keeps false positives out (cases met on a large real repository)', () => {
  it('a _KEY that names an identifier, NET_BIND_SERVICE, a SHELL the image brings, one Dockerfile built by two files', async (t) => {
    const dir = scratchDir(t);
    const service = (name: string) =>
      `services:\n  ${name}:\n    build: { context: ., dockerfile: app.Dockerfile }\n    cap_drop: [ALL]\n    cap_add: [NET_BIND_SERVICE]\n` +
      '    read_only: true\n    security_opt: [no-new-privileges:true]\n    labels: [lucid.type=distroless]\n';
    write(dir, {
      'a/compose.yaml': service('app').replace('context: .', 'context: ..'),
      'b/compose.yaml': service('app').replace('context: .', 'context: ..'),
      'app.Dockerfile': [
        'FROM debian:12 AS tools',
        'FROM gcr.io/distroless/python3-debian12:nonroot',
        'COPY --from=tools /bin/bash /app/bin/bash',
        'SHELL ["/app/bin/bash", "-c"]',
        'ENV LUCID_HOST_CONFIG_SERVICE_KEY=admin_system_gateway',
        'RUN test -d /app',
        'ENV SESSION_SIGNING_KEY=Vq3Lz8Xw2Kc7Nb4Rt9Pm6Hd1',
        '',
      ].join('\n'),
    });
    const { findings } = await auditJson(dir, ['--recursive', '.']);
    assert.deepEqual(brief(findings), ['audit/literal-secret app:7']);
  });

  it('a pre-built image of the project is unverified (warning), an official image is not (error)', async (t) => {
    const dir = scratchDir(t);
    write(dir, { 'compose.yaml': 'services:\n  own:\n    image: pickme/lucid-api:1\n  db:\n    image: postgres:16\n' });
    const { findings } = await auditJson(dir, ['--ignore', 'audit/read-only,audit/cap-drop,audit/no-new-privileges,audit/security-label,audit/image-source']);
    assert.deepEqual(
      findings.map((finding) => `${finding.service} ${finding.severity}`),
      ['own warning', 'db error'],
    );
  });
});
