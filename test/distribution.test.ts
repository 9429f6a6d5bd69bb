/**
 * What ships besides the package, as far as it can be tested without GitHub, pre-commit or Docker:
 * the action's step script, the hooks' entries and the Dockerfile's rules.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { EXAMPLE_ARGS, exampleCopy, scratch } from './e2e/support.js';
import { runLucid } from './helpers/cli.js';

const ROOT = process.cwd();
const { splitArguments } = (await import(pathToFileURL(join(ROOT, 'scripts', 'action.mjs')).href)) as { splitArguments(text: string): string[] };

/** Runs the action's step as GitHub would: inputs in the environment, outputs in $GITHUB_OUTPUT. */
function runActionStep(cwd: string, inputs: { command?: string; args?: string }) {
  const output = join(scratch(), 'github-output');
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'action.mjs')], {
    cwd,
    encoding: 'utf8',
    env: {
      PATH: process.env['PATH'],
      NO_COLOR: '1',
      GITHUB_ACTION_PATH: ROOT,
      GITHUB_OUTPUT: output,
      ...(inputs.command === undefined ? {} : { LUCID_ENV_COMMAND: inputs.command }),
      LUCID_ENV_ARGS: inputs.args ?? '',
    },
  });
  let outputs = '';
  try {
    outputs = readFileSync(output, 'utf8');
  } catch {
    // No output file: the step failed before running lucid-env.
  }
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, outputs };
}

describe('the GitHub Action (action.yml, scripts/action.mjs)', () => {
  it('declares a composite action that builds from its repository and runs scripts/action.mjs with the inputs', () => {
    const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
      inputs: Record<string, { default: string }>;
      runs: { using: string; steps: { run?: string; env?: Record<string, string> }[] };
    };
    assert.equal(action.runs.using, 'composite');
    assert.deepEqual(Object.keys(action.inputs), ['command', 'args', 'working-directory', 'node-version']);
    assert.equal(action.inputs['command']?.default, 'check');
    const steps = action.runs.steps.map((step) => step.run ?? '');
    assert.ok(steps.some((run) => run.includes('node scripts/build.mjs --no-tests')));
    const last = action.runs.steps.at(-1);
    assert.equal(last?.run, 'node "$GITHUB_ACTION_PATH/scripts/action.mjs"');
    // The inputs reach the script through the environment, never pasted into the shell line.
    assert.deepEqual(last?.env, { LUCID_ENV_COMMAND: '${{ inputs.command }}', LUCID_ENV_ARGS: '${{ inputs.args }}' });
  });

  it('splits args as a shell would, without expanding anything', () => {
    assert.deepEqual(splitArguments(` -f 'my compose.yml' -e ".env \\"ci\\"" --ignore a,b  $HOME \\$x`), [
      '-f',
      'my compose.yml',
      '-e',
      '.env "ci"',
      '--ignore',
      'a,b',
      '$HOME',
      '$x',
    ]);
    assert.deepEqual(splitArguments(''), []);
    assert.deepEqual(splitArguments("''"), ['']);
    assert.throws(() => splitArguments('-f "open'), /unterminated double quote/);
  });

  it('runs check with GitHub annotations, fails the step on error findings and sets exit-code', () => {
    const directory = exampleCopy();
    const step = runActionStep(directory, { args: `${EXAMPLE_ARGS.compose.join(' ')} ${EXAMPLE_ARGS.env.join(' ')} --format github` });
    assert.equal(step.status, 1, step.stderr);
    assert.match(step.stdout, /^::error file=configs\/environment\/\.env\.foundation,line=\d+,col=\d+,title=placeholder::/m);
    assert.equal(step.outputs, 'exit-code=1\n');
  });

  it('takes a command with its own flags (rotate --check) and refuses an unterminated quote with exit 2', () => {
    const directory = exampleCopy();
    const templates = runActionStep(directory, { command: 'template list' });
    assert.equal(templates.status, 0, templates.stderr);
    assert.match(templates.stdout, /^foundation\b/m);
    const broken = runActionStep(directory, { args: "-f 'compose.yaml" });
    assert.equal(broken.status, 2);
    assert.equal(broken.stderr, 'error [USAGE] unterminated single quote in the arguments\n  hint: quote with \'...\' or "...", and close every quote\n');
    assert.equal(broken.outputs, '');
  });
});

describe('the pre-commit hooks (.pre-commit-hooks.yaml)', () => {
  const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as {
    id: string;
    entry: string;
    language: string;
    files: string;
    pass_filenames: boolean;
  }[];
  const bin = Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin);

  it('run the bin of package.json, as node hooks, on compose and env files only', () => {
    assert.deepEqual(
      hooks.map((hook) => hook.id),
      ['lucid-env-check', 'lucid-env-scan'],
    );
    for (const hook of hooks) {
      assert.equal(hook.language, 'node');
      assert.equal(hook.pass_filenames, false);
      assert.ok(bin.includes(hook.entry.split(' ')[0] ?? ''), hook.entry);
    }
    const check = new RegExp(hooks[0]?.files ?? '');
    assert.deepEqual(
      ['compose.yaml', 'deploy/docker-compose.prod.yml', '.env', 'configs/environment/.env.foundation', 'src/index.ts', 'README.md'].filter((path) =>
        check.test(path),
      ),
      ['compose.yaml', 'deploy/docker-compose.prod.yml', '.env', 'configs/environment/.env.foundation'],
    );
  });

  it('have entries the CLI accepts: they run on the example (findings, not usage errors)', async () => {
    const directory = exampleCopy();
    for (const hook of hooks) {
      const args = [...hook.entry.split(' ').slice(1), ...(hook.id === 'lucid-env-check' ? [...EXAMPLE_ARGS.compose, ...EXAMPLE_ARGS.env] : [])];
      const result = await runLucid(args, { cwd: directory });
      assert.ok(result.code === 0 || result.code === 1, `${hook.id}: exit ${result.code}\n${result.stderr}`);
    }
  });
});

describe('the Dockerfile', () => {
  const text = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  const stages = text.split(/^FROM /m).slice(1);
  const final = stages.at(-1) ?? '';

  it('builds in one stage and runs on distroless Node.js as user 65532, with no shell needed', () => {
    assert.equal(stages.length, 2);
    assert.match(final, /^gcr\.io\/distroless\/nodejs\d+-debian\d+:nonroot\n/);
    assert.match(final, /^USER 65532:65532$/m);
    assert.doesNotMatch(final, /^RUN /m, 'the final stage runs nothing: distroless has no shell');
    assert.match(final, /^ENTRYPOINT \["\/nodejs\/bin\/node", "\/app\/dist\/bin\/lucid-env\.js"\]$/m);
  });

  it('copies only production dependencies and what the CLI reads (dist, templates, package.json)', () => {
    assert.match(stages[0] ?? '', /npm prune --omit=dev/);
    assert.deepEqual(
      [...final.matchAll(/^COPY --from=build \S+ (\S+)$/gm)].map((match) => match[1]),
      ['./package.json', './node_modules', './dist', './templates'],
    );
  });
});
