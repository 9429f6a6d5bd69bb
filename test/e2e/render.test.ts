/** `lucid-env render` end to end: substituted YAML, masked secrets, `$$` kept, every missing value at once. */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { parse } from 'yaml';
import type { CliResult } from './support.js';
import {
  assertNoLeak,
  assertNoStackTrace,
  EXAMPLE_ARGS,
  exampleCopy,
  FOUNDATION_EXTRA_SECRETS,
  readEnvValues,
  runLucid,
  secretValuesOf,
  writeProject,
} from './support.js';

const ENV = 'configs/environment/.env.foundation';
const ARGS = [...EXAMPLE_ARGS.compose, ...EXAMPLE_ARGS.env];
const MASK = '********';

interface Rendered {
  services: Record<
    string,
    {
      environment: Record<string, string | null> | string[];
      command?: string[];
      healthcheck?: { test: string[] };
      ports: string[];
      env_file?: string[];
      user?: string;
    }
  >;
}

/** Parses render's stdout (a `# file` comment, then the YAML) with merge keys resolved. */
function parseRendered(result: CliResult): Rendered {
  return parse(result.stdout, { merge: true }) as Rendered;
}

describe('render of the example with a complete env file', () => {
  let directory = '';
  let values = new Map<string, string>();
  let secrets = new Map<string, string>();

  before(async () => {
    directory = exampleCopy();
    const generated = await runLucid(['generate', '-t', 'foundation'], { cwd: directory });
    assert.equal(generated.code, 0, generated.stderr);
    values = readEnvValues(join(directory, ENV));
    secrets = secretValuesOf(join(directory, ENV), FOUNDATION_EXTRA_SECRETS);
    assert.ok(secrets.size >= 9, 'generate wrote the secrets');
  });

  it('exits 0 with YAML on stdout, secrets masked, nothing on stderr', async () => {
    const result = await runLucid(['render', ...ARGS], { cwd: directory });
    assertNoStackTrace(result);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, '');
    assert.ok(result.stdout.startsWith('# configs/docker/docker-compose.foundation.yml\n# Lucid foundation services'), result.stdout.slice(0, 200));
    const rendered = parseRendered(result);
    const mongo = rendered.services['lucid-mongodb'];
    assert.deepEqual(mongo?.environment, ['MONGO_INITDB_ROOT_USERNAME=lucid', `MONGO_INITDB_ROOT_PASSWORD=${MASK}`, 'MONGO_INITDB_DATABASE=lucid']);
    assert.deepEqual(mongo?.ports, ['27017:27017']);
    assert.deepEqual(mongo?.env_file, ['../../configs/environment/.env.foundation']);
    assert.equal(mongo?.user, '65532:65532', 'merge keys still resolve');
    assert.deepEqual(rendered.services['lucid-redis']?.command, ['redis-server', '--requirepass', MASK]);
    assert.deepEqual(rendered.services['lucid-auth-service']?.environment, {
      MONGODB_URI: `mongodb://lucid:${MASK}@lucid-mongodb:27017/lucid?authSource=admin`,
      REDIS_URL: `redis://:${MASK}@lucid-redis:6379/0`,
      ELASTICSEARCH_URL: 'http://lucid-elasticsearch:9200',
      JWT_SECRET_KEY: MASK,
      ENCRYPTION_KEY: MASK,
      TOR_PASSWORD: MASK,
      API_GATEWAY_URL: 'http://lucid-api-gateway:8080',
      LOG_LEVEL: 'INFO',
    });
    assert.deepEqual(rendered.services['lucid-elasticsearch']?.environment, {
      'discovery.type': 'single-node',
      ELASTIC_PASSWORD: MASK,
      ES_JAVA_OPTS: '-Xms512m -Xmx512m',
    });
    assertNoLeak([{ label: 'render', result }], secrets);
  });

  it('keeps $$ escapes, comments and anchors', async () => {
    const result = await runLucid(['render', ...ARGS], { cwd: directory });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(parseRendered(result).services['lucid-redis']?.healthcheck?.test, ['CMD-SHELL', 'redis-cli -a $$REDIS_PASSWORD ping']);
    assert.match(result.stdout, /^# Run from the repository root:$/m);
    assert.match(result.stdout, /^x-distroless: &distroless$/m);
    assert.match(result.stdout, /^x-env-files: &env-files$/m);
    assert.equal(result.stdout.match(/^ {4}<<: \[\*distroless, \*env-files\]$/gm)?.length, 5);
    assert.doesNotMatch(result.stdout, /\$\{/, 'no reference is left');
  });

  it('changes nothing but the substituted scalars and the passthrough entries: every other line is as written', async () => {
    const result = await runLucid(['render', ...ARGS], { cwd: directory });
    const source = readFileSync(join(directory, EXAMPLE_ARGS.compose[1]), 'utf8').split('\n');
    const rendered = result.stdout.split('\n').slice(1);
    assert.equal(rendered.length, source.length);
    const changed = source.flatMap((line, index) => (line === rendered[index] ? [] : [line]));
    assert.ok(changed.length > 0);
    assert.deepEqual(
      changed.filter((line) => !line.includes('${') && !/^\s+- [A-Z_]+$/.test(line) && !/^\s+[A-Z_]+:$/.test(line)),
      [],
    );
  });

  it('--show-secrets prints the real values', async () => {
    const result = await runLucid(['render', ...ARGS, '--show-secrets'], { cwd: directory });
    assert.equal(result.code, 0, result.stderr);
    const rendered = parseRendered(result);
    const auth = rendered.services['lucid-auth-service']?.environment as Record<string, string>;
    assert.equal(auth['JWT_SECRET_KEY'], values.get('JWT_SECRET_KEY'));
    assert.equal(auth['ENCRYPTION_KEY'], values.get('ENCRYPTION_KEY'));
    assert.equal(auth['MONGODB_URI'], `mongodb://lucid:${values.get('MONGODB_PASSWORD') ?? '?'}@lucid-mongodb:27017/lucid?authSource=admin`);
    assert.deepEqual(rendered.services['lucid-redis']?.command, ['redis-server', '--requirepass', values.get('REDIS_PASSWORD')]);
    assert.ok(!result.stdout.includes(MASK));
    assert.deepEqual(rendered.services['lucid-redis']?.healthcheck?.test, ['CMD-SHELL', 'redis-cli -a $$REDIS_PASSWORD ping']);
  });
});

describe('render: what counts as a secret', () => {
  const project = {
    'compose.yaml': 'services:\n  app:\n    image: nginx\n    environment:\n      DB: ${MONGODB_URI}\n      LEVEL: ${LOG_LEVEL}\n',
    '.env': 'MONGODB_URI=mongodb://lucid:Vw8sK2pQ7xN4mB9tR3cZ6hJ1@db:27017/lucid\nLOG_LEVEL=INFO\n',
  };

  it('-t masks what the template marks secret, even when the name does not say so', async () => {
    const result = await runLucid(['render', '-t', 'foundation'], { cwd: writeProject(project) });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, '# compose.yaml\nservices:\n  app:\n    image: nginx\n    environment:\n      DB: "********"\n      LEVEL: INFO\n');
  });

  it('without -t only the naming rule applies (MONGODB_URI is not a secret name)', async () => {
    const result = await runLucid(['render'], { cwd: writeProject(project) });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^ {6}DB: mongodb:\/\/lucid:Vw8sK2pQ7xN4mB9tR3cZ6hJ1@db:27017\/lucid$/m);
  });
});

describe('render with missing values', () => {
  it('lists every missing required variable in one run: exit 1, nothing on stdout', async () => {
    const directory = exampleCopy();
    writeFileSync(join(directory, 'partial.env'), 'LUCID_REPO_ROOT=../..\nMONGODB_PASSWORD=\n', { mode: 0o600 });
    const result = await runLucid(['render', ...EXAMPLE_ARGS.compose, '-e', 'partial.env'], { cwd: directory });
    assertNoStackTrace(result);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    const errors = result.stderr
      .split('\n')
      .filter((line) => / error /.test(line))
      .map((line) => line.trim().replace(/ {2,}/g, ' '));
    assert.deepEqual(errors, [
      '32:36 error MONGODB_PASSWORD is empty but required non-empty (services.lucid-mongodb.environment[1]): MONGODB_PASSWORD not set [empty]',
      '49:49 error REDIS_PASSWORD is not set; Compose stops with "REDIS_PASSWORD not set" (services.lucid-redis.command[2]) [missing]',
      '85:57 error MONGODB_PASSWORD is empty but required non-empty (services.lucid-auth-service.environment.MONGODB_URI): MONGODB_PASSWORD not set [empty]',
      '91:24 error API_GATEWAY_URL is not set; Compose stops with "API_GATEWAY_URL not set" ' +
        '(services.lucid-auth-service.environment.API_GATEWAY_URL) [missing]',
    ]);
    assert.match(result.stderr, /\n✖ 4 errors, 6 warnings, 0 infos\n$/);
  });

  it('plain unset variables are warnings only: exit 0 and the YAML is printed', async () => {
    const directory = writeProject({ 'compose.yaml': 'services:\n  app:\n    image: nginx:${TAG}\n    environment:\n      A: ${APP_TOKEN:-fallback}\n' });
    const result = await runLucid(['render'], { cwd: directory });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, '# compose.yaml\nservices:\n  app:\n    image: "nginx:"\n    environment:\n      A: fallback\n');
    assert.match(
      result.stderr,
      /^compose\.yaml\n {2}3:18 +warning +TAG is not set; Compose would substitute an empty string \(services\.app\.image\) +\[missing\]\n/,
    );
  });

  it('a literal $ in a value is written back as $$ so the output stays a valid compose file', async () => {
    const directory = writeProject({ 'compose.yaml': 'services:\n  app:\n    image: nginx\n    command: ["echo", "${PRICE}"]\n', '.env': "PRICE='5$'\n" });
    const result = await runLucid(['render'], { cwd: directory });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, '# compose.yaml\nservices:\n  app:\n    image: nginx\n    command: ["echo", "5$$"]\n');
  });
});
