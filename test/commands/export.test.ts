/**
 * `export` on the bundled example: secret files, the compose override (parsed by Debian's
 * docker-compose when it is installed), Swarm names, the Kubernetes Secret (validated against the
 * Kubernetes schema with kubernetes-models), determinism, rotation, sealed input, drift.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Pod, Secret } from 'kubernetes-models/v1';
import { parse, parseAllDocuments } from 'yaml';
import { isDnsSubdomain, isLabelValue } from '../../src/export/names.js';
import { SEALED_REL, sealedProject } from './sealed-support.js';
import { COMPOSE_REL, ENV_REL, modeOf, onPath, readValues } from './support.js';

const SECRETS_DIR = 'configs/environment/secrets';
const OVERRIDE = 'configs/docker/secrets.override.yml';
const EXPORT = ['export', '--to', 'compose-secrets', '-t', 'foundation', '-q'];

/** The example after `generate`, with alice's key (for the sealed cases). */
async function generatedProject(t: Parameters<typeof sealedProject>[0]) {
  const project = await sealedProject(t, { seal: false });
  await project.expect(0, ['generate', '-t', 'foundation', '-e', ENV_REL, '-q']);
  return project;
}

const readSecretFiles = (dir: string) =>
  new Map(
    readdirSync(join(dir, SECRETS_DIR))
      .filter((name) => name !== '.gitignore')
      .map((name) => [name, readFileSync(join(dir, SECRETS_DIR, name), 'utf8')]),
  );

describe('export --to compose-secrets', () => {
  it('writes one 0600 file per template secret with its exact bytes, a .gitignore and the override; twice gives the same bytes', async (t) => {
    const project = await generatedProject(t);
    await project.expect(0, EXPORT);
    const values = readValues(project.plainPath);
    const files = readSecretFiles(project.dir);
    assert.deepEqual([...files.keys()].sort(), [
      'elasticsearch_password',
      'encryption_key',
      'jwt_secret_key',
      'mongodb_password',
      'mongodb_uri',
      'redis_password',
      'redis_url',
      'tor_password',
    ]);
    for (const [name, text] of files) {
      assert.equal(text, values.get(name.toUpperCase()), name);
      assert.equal(modeOf(join(project.dir, SECRETS_DIR, name)), 0o600);
    }
    assert.equal(readFileSync(join(project.dir, SECRETS_DIR, '.gitignore'), 'utf8'), '# secret values written by lucid-env export\n*\n!.gitignore\n');
    const override = readFileSync(join(project.dir, OVERRIDE), 'utf8');
    for (const value of values.values()) if (value.length >= 8) assert.ok(!override.includes(value));
    const parsed = parse(override) as { services: Record<string, { environment?: Record<string, string>; secrets?: string[] }> };
    assert.deepEqual(parsed.services['lucid-mongodb']?.secrets, ['mongodb_password']);
    assert.equal(parsed.services['lucid-mongodb']?.environment?.['MONGO_INITDB_ROOT_PASSWORD_FILE'], '/run/secrets/mongodb_password');
    assert.equal(parsed.services['lucid-elasticsearch']?.environment?.['ELASTIC_PASSWORD_FILE'], '/run/secrets/elasticsearch_password');
    await project.expect(0, EXPORT);
    assert.equal(readFileSync(join(project.dir, OVERRIDE), 'utf8'), override);
  });

  it("Compose's own parser accepts base + override, and no secret remains in any service's environment", async (t) => {
    if (!onPath('docker-compose')) {
      t.skip("Debian's docker-compose is not installed (.ci/run installs it)");
      return;
    }
    const project = await generatedProject(t);
    await project.expect(0, EXPORT);
    // docker-compose 1.29 (Debian's) predates `name:` and nested defaults, and wants build contexts to exist: a copy of the
    // base file written for it; the override is used as exported.
    const base = readFileSync(join(project.dir, COMPOSE_REL), 'utf8')
      .replace(/^name: .*\n/m, '')
      .replaceAll('${LUCID_REPO_ROOT:-${PROJECT_ROOT:-/mnt/myssd/Lucid/Lucid}}', '${LUCID_REPO_ROOT}');
    writeFileSync(join(project.dir, 'configs/docker/base-v1.yml'), base);
    for (const context of ['database/mongodb', 'database/redis', 'database/elasticsearch', 'auth'])
      mkdirSync(join(project.dir, 'configs/docker', context), { recursive: true });
    const result = spawnSync('docker-compose', ['-f', 'configs/docker/base-v1.yml', '-f', OVERRIDE, '--env-file', ENV_REL, 'config'], {
      cwd: project.dir,
      encoding: 'utf8',
    });
    assert.equal(result.status, 0, result.stderr);
    const config = parse(result.stdout) as { services: Record<string, { environment?: Record<string, string>; secrets?: unknown[] }>; secrets: object };
    const values = readValues(project.plainPath);
    const secretValues = [
      'MONGODB_PASSWORD',
      'REDIS_PASSWORD',
      'ELASTICSEARCH_PASSWORD',
      'JWT_SECRET_KEY',
      'ENCRYPTION_KEY',
      'TOR_PASSWORD',
      'MONGODB_URI',
      'REDIS_URL',
    ].map((key) => values.get(key) as string);
    for (const [name, service] of Object.entries(config.services)) {
      for (const [variable, value] of Object.entries(service.environment ?? {})) {
        assert.ok(!secretValues.some((secret) => String(value).includes(secret)), `${name}: ${variable} holds a secret`);
      }
    }
    assert.deepEqual(Object.keys(config.secrets).sort().length, 8);
    assert.equal(config.services['lucid-mongodb']?.environment?.['MONGO_INITDB_ROOT_PASSWORD_FILE'], '/run/secrets/mongodb_password');
  });

  it('--swarm: external secrets named with a fingerprint; a rotation renames exactly the rotated secrets', async (t) => {
    const project = await generatedProject(t);
    const first = await project.expect(0, [...EXPORT, '--swarm']);
    const values = readValues(project.plainPath);
    for (const value of values.values()) if (value.length >= 8) assert.ok(!first.stdout.includes(value));
    assert.match(first.stdout, /^docker secret create lucid-foundation_mongodb_password_[0-9a-f]{12} - < configs\/environment\/secrets\/mongodb_password\n/);
    const names = (text: string) => new Map([...text.matchAll(/^ {2}(\w+):\n {4}external: true\n {4}name: (\S+)$/gm)].map((match) => [match[1], match[2]]));
    const before = names(readFileSync(join(project.dir, OVERRIDE), 'utf8'));
    assert.equal(before.size, 8);
    await project.expect(0, ['rotate', '-t', 'foundation', '-e', ENV_REL, 'REDIS_PASSWORD', '-q']);
    await project.expect(0, [...EXPORT, '--swarm']);
    const after = names(readFileSync(join(project.dir, OVERRIDE), 'utf8'));
    assert.deepEqual(
      [...after].filter(([key, name]) => before.get(key) !== name).map(([key]) => key),
      ['redis_password', 'redis_url'],
    );
  });

  it('a rotation followed by export changes exactly the rotated secrets', async (t) => {
    const project = await generatedProject(t);
    await project.expect(0, EXPORT);
    const before = readSecretFiles(project.dir);
    const override = readFileSync(join(project.dir, OVERRIDE), 'utf8');
    const rotated = await project.expect(0, ['rotate', '-t', 'foundation', '-e', ENV_REL, 'MONGODB_PASSWORD', 'TOR_PASSWORD', '--format', 'json']);
    const changedKeys = (JSON.parse(rotated.stdout) as { changes: { key: string }[] }).changes.map((change) => change.key).sort();
    await project.expect(0, EXPORT);
    const after = readSecretFiles(project.dir);
    const exportedChanges = [...after].filter(([name, text]) => before.get(name) !== text).map(([name]) => name.toUpperCase());
    // TOR_HASHED_CONTROL_PASSWORD is derived but no secret: rotate changes it, export does not carry it.
    assert.deepEqual(
      exportedChanges.sort(),
      changedKeys.filter((key) => key !== 'TOR_HASHED_CONTROL_PASSWORD'),
    );
    assert.deepEqual(exportedChanges.sort(), ['MONGODB_PASSWORD', 'MONGODB_URI', 'TOR_PASSWORD']);
    assert.equal(readFileSync(join(project.dir, OVERRIDE), 'utf8'), override);
  });

  it('reads a sealed env file with the key in memory; without a key it stops', async (t) => {
    const project = await generatedProject(t);
    await project.expect(0, EXPORT);
    const fromPlain = readSecretFiles(project.dir);
    await project.expect(0, ['seal', '-e', ENV_REL, '-q']);
    rmSync(project.plainPath);
    rmSync(join(project.dir, SECRETS_DIR), { recursive: true });
    await project.expect(0, [...EXPORT, '-e', SEALED_REL, '--dir', SECRETS_DIR]);
    assert.deepEqual(readSecretFiles(project.dir), fromPlain);
    const locked = await project.run([...EXPORT, '-e', SEALED_REL], { env: { LUCID_ENV_KEYS_DIR: join(project.dir, 'none') } });
    assert.equal(locked.code, 2);
    assert.match(locked.stderr, /^error \[PRIVATE_KEY_MISSING\]/);
  });

  it('check reports export-drift when the env file or an exported file changes, by fingerprint', async (t) => {
    const project = await generatedProject(t);
    const checkArgs = ['check', '-f', COMPOSE_REL, '-e', ENV_REL, '--format', 'json'];
    const drift = async () =>
      (JSON.parse((await project.run(checkArgs)).stdout) as { findings: { code: string; variable?: string; message: string }[] }).findings
        .filter((finding) => finding.code === 'export-drift')
        .map((finding) => finding.message);
    await project.expect(0, EXPORT);
    assert.deepEqual(await drift(), []);
    await project.expect(0, ['rotate', '-t', 'foundation', '-e', ENV_REL, 'JWT_SECRET_KEY', '-q']);
    writeFileSync(join(project.dir, SECRETS_DIR, 'tor_password'), 'edited by hand');
    rmSync(join(project.dir, SECRETS_DIR, 'redis_url'));
    const found = await drift();
    const artifact = '(compose-secrets export configs/docker/secrets.override.yml)';
    assert.deepEqual(found.sort(), [
      `JWT_SECRET_KEY changed since it was exported ${artifact}`,
      `the exported copy of REDIS_URL is missing ${artifact}`,
      `the exported copy of TOR_PASSWORD was changed after the export ${artifact}`,
    ]);
    for (const message of found) assert.ok(!/[A-Za-z0-9]{32}/.test(message), 'no value in a drift message');
    await project.expect(0, EXPORT);
    assert.deepEqual(await drift(), []);
  });

  it('render shows the override with the base file; --dry-run prints it and writes nothing', async (t) => {
    const project = await generatedProject(t);
    const dry = await project.expect(0, [...EXPORT.filter((arg) => arg !== '-q'), '--dry-run']);
    assert.match(dry.stdout, /^# Written by lucid-env export --to compose-secrets; no secret value is in this file\.\n/);
    assert.throws(() => readdirSync(join(project.dir, SECRETS_DIR)));
    await project.expect(0, EXPORT);
    const rendered = await project.expect(0, ['render', '-f', COMPOSE_REL, '-f', OVERRIDE, '-e', ENV_REL]);
    assert.match(rendered.stdout, /\n# configs\/docker\/secrets\.override\.yml\n# Written by lucid-env export/);
    assert.match(rendered.stdout, /MONGO_INITDB_ROOT_PASSWORD_FILE: \/run\/secrets\/mongodb_password\n/);
  });
});

describe('export --to kubernetes', () => {
  it('writes a 0600 Secret that validates against the Kubernetes schema and decodes to the exact values', async (t) => {
    const project = await generatedProject(t);
    await project.expect(0, ['export', '--to', 'kubernetes', '-t', 'foundation', '-o', 'k8s/secret.yaml', '--with-env-from', '-q']);
    const path = join(project.dir, 'k8s/secret.yaml');
    assert.equal(modeOf(path), 0o600);
    const text = readFileSync(path, 'utf8');
    const [document] = parseAllDocuments(text);
    const manifest = document?.toJS() as { metadata: { name: string; labels: Record<string, string> }; data: Record<string, string> };
    new Secret(manifest as ConstructorParameters<typeof Secret>[0]).validate();
    assert.equal(manifest.metadata.name, 'lucid-foundation-secrets');
    assert.ok(isDnsSubdomain(manifest.metadata.name));
    for (const value of Object.values(manifest.metadata.labels)) assert.ok(isLabelValue(value));
    const values = readValues(project.plainPath);
    assert.equal(Object.keys(manifest.data).length, 8);
    for (const [key, encoded] of Object.entries(manifest.data)) assert.equal(Buffer.from(encoded, 'base64').toString('utf8'), values.get(key), key);
    // Each service's snippet is a valid container env/envFrom.
    const snippets = text.split('# --- service ').slice(1);
    assert.ok(snippets.length >= 4);
    for (const snippet of snippets) {
      const [title = '', ...lines] = snippet.trimEnd().split('\n');
      const service = title.split(':')[0] as string;
      const fragment = parse(
        lines
          .filter((line) => !line.startsWith('# ('))
          .map((line) => line.replace(/^# ?/, ''))
          .join('\n'),
      ) as object;
      new Pod({ metadata: { name: service }, spec: { containers: [{ name: service, image: 'x', ...fragment }] } }).validate();
    }
    await project.expect(0, ['export', '--to', 'kubernetes', '-t', 'foundation', '-o', 'k8s/secret.yaml', '--with-env-from', '-q']);
    assert.equal(readFileSync(path, 'utf8'), text);
  });

  it('prints to stdout only with -o -, and nothing else there', async (t) => {
    const project = await generatedProject(t);
    const refused = await project.run(['export', '--to', 'kubernetes', '-t', 'foundation']);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /^error \[USAGE\] name where the manifest goes: -o FILE/);
    const printed = await project.expect(0, ['export', '--to', 'kubernetes', '-t', 'foundation', '-o', '-']);
    const manifest = parse(printed.stdout) as ConstructorParameters<typeof Secret>[0];
    new Secret(manifest).validate();
    assert.equal(printed.stderr, '');
  });
});
