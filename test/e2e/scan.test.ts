/** `lucid-env scan` end to end: the example, every format, file discovery and env-file references. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertNoStackTrace, EXAMPLE_ARGS, exampleCopy, parseJson, runLucid, writeProject } from './support.js';

const COMPOSE = 'configs/docker/docker-compose.foundation.yml';

interface ScanJson {
  version: number;
  files: string[];
  references: Record<string, unknown>[];
  variables: { name: string; status: string; defaults: string[]; references: number }[];
  findings: unknown[];
}

const reference = (fields: Record<string, unknown>): Record<string, unknown> => ({
  file: COMPOSE,
  source: 'compose',
  operator: '',
  default: null,
  message: null,
  ...fields,
});

describe('scan of the example', () => {
  it('exits 0 and lists every variable in text', async () => {
    const result = await runLucid(['scan', ...EXAMPLE_ARGS.compose], { cwd: exampleCopy() });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, '');
    assert.match(result.stdout, /^NAME +STATUS +DEFAULTS +REFS +FIRST\n/);
    assert.match(result.stdout, /^MONGODB_PASSWORD +required +- +2 +configs\/docker\/docker-compose\.foundation\.yml:32:36$/m);
    assert.match(result.stdout, /^LOG_LEVEL +plain +- +1 +configs\/docker\/docker-compose\.foundation\.yml:92:7$/m);
    assert.match(result.stdout, /^19 variables, 26 references in 1 file$/m);
  });

  it('--format json has exactly the versioned keys and exact references', async () => {
    const result = await runLucid(['scan', ...EXAMPLE_ARGS.compose, '--format', 'json'], { cwd: exampleCopy() });
    assert.equal(result.code, 0, result.stderr);
    const json = parseJson<ScanJson>(result);
    assert.deepEqual(Object.keys(json), ['version', 'files', 'references', 'variables', 'findings']);
    assert.equal(json.version, 1);
    assert.deepEqual(json.files, [COMPOSE]);
    assert.deepEqual(json.findings, []);
    assert.equal(json.references.length, 26);
    const find = (name: string, line: number) => json.references.find((item) => item.name === name && item.line === line);
    assert.deepEqual(
      find('MONGODB_PASSWORD', 32),
      reference({
        name: 'MONGODB_PASSWORD',
        line: 32,
        column: 36,
        path: 'services.lucid-mongodb.environment[1]',
        operator: ':?',
        message: 'MONGODB_PASSWORD not set',
        text: '${MONGODB_PASSWORD:?MONGODB_PASSWORD not set}',
      }),
    );
    assert.deepEqual(
      find('LUCID_REPO_ROOT', 20),
      reference({
        name: 'LUCID_REPO_ROOT',
        line: 20,
        column: 7,
        path: 'x-env-files.env_file[0]',
        operator: ':-',
        default: '${PROJECT_ROOT:-/mnt/myssd/Lucid/Lucid}',
        text: '${LUCID_REPO_ROOT:-${PROJECT_ROOT:-/mnt/myssd/Lucid/Lucid}}',
      }),
    );
    assert.deepEqual(
      find('PROJECT_ROOT', 20),
      reference({
        name: 'PROJECT_ROOT',
        line: 20,
        column: 26,
        path: 'x-env-files.env_file[0]',
        operator: ':-',
        default: '/mnt/myssd/Lucid/Lucid',
        text: '${PROJECT_ROOT:-/mnt/myssd/Lucid/Lucid}',
      }),
    );
    assert.deepEqual(
      find('LOG_LEVEL', 92),
      reference({
        name: 'LOG_LEVEL',
        line: 92,
        column: 7,
        path: 'services.lucid-auth-service.environment.LOG_LEVEL',
        operator: 'passthrough',
        text: 'LOG_LEVEL',
      }),
    );
    assert.deepEqual(
      find('ELASTICSEARCH_PASSWORD', 68),
      reference({
        name: 'ELASTICSEARCH_PASSWORD',
        line: 68,
        column: 25,
        path: 'services.lucid-elasticsearch.environment.ELASTIC_PASSWORD',
        text: '${ELASTICSEARCH_PASSWORD}',
      }),
    );
    // Two references on one line, in column order; $$REDIS_PASSWORD (healthcheck) is no reference.
    assert.deepEqual(
      json.references.filter((item) => item.line === 69).map((item) => item.column),
      [26, 47],
    );
    assert.deepEqual(
      json.references.filter((item) => item.name === 'REDIS_PASSWORD').map((item) => item.line),
      [49, 86],
    );
    assert.deepEqual(
      json.variables.find((item) => item.name === 'LUCID_REPO_ROOT'),
      { name: 'LUCID_REPO_ROOT', status: 'defaulted', defaults: ['${PROJECT_ROOT:-/mnt/myssd/Lucid/Lucid}'], references: 2 },
    );
    assert.deepEqual(
      json.variables.find((item) => item.name === 'TOR_PASSWORD'),
      { name: 'TOR_PASSWORD', status: 'plain', defaults: [], references: 2 },
    );
    assert.deepEqual(
      json.variables.map((item) => item.name),
      [...json.variables.map((item) => item.name)].sort(),
    );
    assert.equal(json.variables.length, 19);
  });

  it('--format github prints only the summary line when there is nothing to report', async () => {
    const result = await runLucid(['scan', ...EXAMPLE_ARGS.compose, '--format', 'github'], { cwd: exampleCopy() });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, 'lucid-env: no problems\n');
  });

  it('--format sarif is SARIF 2.1.0', async () => {
    const result = await runLucid(['scan', ...EXAMPLE_ARGS.compose, '--format', 'sarif'], { cwd: exampleCopy() });
    assert.equal(result.code, 0, result.stderr);
    const sarif = parseJson<{ version: string; runs: { tool: { driver: { name: string } }; results: unknown[] }[] }>(result);
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.runs.length, 1);
    assert.equal(sarif.runs[0]?.tool.driver.name, 'lucid-env');
    assert.deepEqual(sarif.runs[0]?.results, []);
  });
});

describe('scan: formats with findings', () => {
  const broken = { 'compose.yaml': 'services:\n  app:\n    image: nginx\n    environment:\n      A: ${APP_NAME\n' };

  it('github: one workflow command per finding', async () => {
    const result = await runLucid(['scan', '--format', 'github'], { cwd: writeProject(broken) });
    assert.equal(result.code, 1);
    assert.equal(
      result.stdout,
      [
        '::error file=compose.yaml,line=5,col=10,title=invalid-interpolation::invalid interpolation at services.app.environment.A: ' +
          'unterminated "${APP_NAME": no closing "}" (hint: Compose refuses the file; write $$ for a literal $)',
        'lucid-env: 1 error, 0 warnings, 0 infos',
        '',
      ].join('\n'),
    );
  });

  it('sarif: one rule per code and the result at its line and column', async () => {
    const result = await runLucid(['scan', '--format', 'sarif'], { cwd: writeProject(broken) });
    assert.equal(result.code, 1);
    const sarif = parseJson<{
      version: string;
      runs: {
        tool: { driver: { rules: { id: string }[] } };
        results: {
          ruleId: string;
          level: string;
          locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[];
        }[];
      }[];
    }>(result);
    assert.equal(sarif.version, '2.1.0');
    const run = sarif.runs[0];
    assert.deepEqual(
      run?.tool.driver.rules.map((rule) => rule.id),
      ['lucid-env/invalid-interpolation'],
    );
    assert.equal(run?.results.length, 1);
    assert.equal(run?.results[0]?.level, 'error');
    assert.deepEqual(run?.results[0]?.locations[0]?.physicalLocation, { artifactLocation: { uri: 'compose.yaml' }, region: { startLine: 5, startColumn: 10 } });
  });
});

describe('scan: which compose files', () => {
  const service = (name: string, image: string) => `services:\n  ${name}:\n    image: ${image}\n`;

  it('--recursive finds nested compose files and skips node_modules and .git', async () => {
    const root = writeProject({
      'a/compose.yaml': service('a', '${A_IMAGE}'),
      'a/b/docker-compose.prod.yml': service('b', '${B_IMAGE:-b}'),
      'c/my-compose.yaml': service('c', '${C_IMAGE?c needed}'),
      'c/other.yaml': service('o', '${OTHER_IMAGE}'),
      'node_modules/pkg/compose.yaml': service('n', '${NODE_IMAGE}'),
      '.git/compose.yml': service('g', '${GIT_IMAGE}'),
    });
    const result = await runLucid(['scan', '--recursive', '.', '--format', 'json'], { cwd: root });
    assert.equal(result.code, 0, result.stderr);
    const json = parseJson<ScanJson>(result);
    assert.deepEqual(json.files, ['a/b/docker-compose.prod.yml', 'a/compose.yaml', 'c/my-compose.yaml']);
    assert.deepEqual(
      json.references.map((item) => [item.name, item.file, item.line, item.column, item.operator]),
      [
        ['B_IMAGE', 'a/b/docker-compose.prod.yml', 3, 12, ':-'],
        ['A_IMAGE', 'a/compose.yaml', 3, 12, ''],
        ['C_IMAGE', 'c/my-compose.yaml', 3, 12, '?'],
      ],
    );
    assert.deepEqual(
      json.variables.map((item) => [item.name, item.status]),
      [
        ['A_IMAGE', 'plain'],
        ['B_IMAGE', 'defaulted'],
        ['C_IMAGE', 'required'],
      ],
    );
  });

  it('--recursive over a folder without compose files exits 2', async () => {
    const result = await runLucid(['scan', '--recursive', '.'], { cwd: writeProject({ 'notes.txt': 'x' }) });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^error \[COMPOSE_NOT_FOUND\] no compose file under \.\n/);
    assertNoStackTrace(result);
  });

  it('-f twice keeps both files in order', async () => {
    const root = writeProject({ 'base.yml': service('a', '${BASE_IMAGE}'), 'prod.yml': service('a', '${PROD_IMAGE:-p}') });
    const result = await runLucid(['scan', '-f', 'prod.yml', '-f', 'base.yml', '--format', 'json'], { cwd: root });
    assert.equal(result.code, 0, result.stderr);
    const json = parseJson<ScanJson>(result);
    assert.deepEqual(json.files, ['prod.yml', 'base.yml']);
    assert.deepEqual(
      json.references.map((item) => [item.name, item.file]),
      [
        ['BASE_IMAGE', 'base.yml'],
        ['PROD_IMAGE', 'prod.yml'],
      ],
    );
  });

  it('COMPOSE_FILE (split on ":") is used when -f is not given', async () => {
    const root = writeProject({ 'one.yml': service('a', '${ONE}'), 'two.yml': service('b', '${TWO}'), 'compose.yaml': service('c', '${DEFAULT_FILE}') });
    const result = await runLucid(['scan', '--format', 'json'], { cwd: root, env: { COMPOSE_FILE: 'one.yml:two.yml' } });
    assert.equal(result.code, 0, result.stderr);
    const json = parseJson<ScanJson>(result);
    assert.deepEqual(json.files, ['one.yml', 'two.yml']);
    assert.deepEqual(
      json.references.map((item) => item.name),
      ['ONE', 'TWO'],
    );
  });

  it('finds compose.yaml in the current directory (before docker-compose.yml)', async () => {
    const root = writeProject({ 'compose.yaml': service('a', '${FROM_COMPOSE_YAML}'), 'docker-compose.yml': service('b', '${FROM_DOCKER_COMPOSE}') });
    const result = await runLucid(['scan', '--format', 'json'], { cwd: root });
    assert.equal(result.code, 0, result.stderr);
    const json = parseJson<ScanJson>(result);
    assert.deepEqual(json.files, ['compose.yaml']);
    assert.deepEqual(
      json.references.map((item) => item.name),
      ['FROM_COMPOSE_YAML'],
    );
  });

  it('without any compose file exits 2 with COMPOSE_NOT_FOUND', async () => {
    const result = await runLucid(['scan'], { cwd: writeProject({ 'README.md': '# nothing\n' }) });
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      /^error \[COMPOSE_NOT_FOUND\] no compose file in .* \(looked for compose\.yaml, compose\.yml, docker-compose\.yaml, docker-compose\.yml\)\n/,
    );
    assertNoStackTrace(result);
  });
});

describe('scan -e', () => {
  it('adds the references inside env file values with source env-file', async () => {
    const root = writeProject({
      'compose.yaml': 'services:\n  app:\n    image: ${APP_IMAGE}\n',
      'vars.env': '# comment\nAPP_IMAGE=${REGISTRY:-docker.io}/app\nGREETING="hi $USER_NAME"\nLITERAL=\'${NOT_A_REFERENCE}\'\n',
    });
    const result = await runLucid(['scan', '-e', 'vars.env', '--format', 'json'], { cwd: root });
    assert.equal(result.code, 0, result.stderr);
    const json = parseJson<ScanJson>(result);
    assert.deepEqual(json.files, ['compose.yaml', 'vars.env']);
    assert.deepEqual(json.references, [
      {
        name: 'APP_IMAGE',
        file: 'compose.yaml',
        line: 3,
        column: 12,
        path: 'services.app.image',
        source: 'compose',
        operator: '',
        default: null,
        message: null,
        text: '${APP_IMAGE}',
      },
      {
        name: 'REGISTRY',
        file: 'vars.env',
        line: 2,
        column: 11,
        path: 'APP_IMAGE',
        source: 'env-file',
        operator: ':-',
        default: 'docker.io',
        message: null,
        text: '${REGISTRY:-docker.io}',
      },
      {
        name: 'USER_NAME',
        file: 'vars.env',
        line: 3,
        column: 14,
        path: 'GREETING',
        source: 'env-file',
        operator: '',
        default: null,
        message: null,
        text: '$USER_NAME',
      },
    ]);
  });
});
