/**
 * Every command of the CLI, one definition each: flags, help and the lazy import of its module.
 * `check` never loads libsodium or inquirer because only `generate`, `init`, `set`, `rotate` and
 * `tor-hash` import the modules that do.
 */
import type { Command } from 'commander';
import { EXAMPLES } from '../cli-help.js';
import { EXIT_CODE } from '../errors.js';
import { addComposeOptions, addOutputOptions, addTemplateOption, collect, contextFor, finish, finishChange } from './options.js';
import type { OutputOptions } from './options.js';

/** Adds one command to the program; actions report their exit code through `setExitCode`. */
export type CommandDefinition = (program: Command, setExitCode: (code: number) => void) => void;

/** The commands, in help order. */
export const COMMANDS: Record<string, CommandDefinition> = {
  'scan': (program, setExitCode) => {
    addOutputOptions(addComposeOptions(program.command('scan')))
      .description('list every variable reference in the compose files (and env files given), with file:line:column')
      .option('--recursive <dir>', 'scan every compose file under a directory (skips node_modules and .git)')
      .addHelpText('after', EXAMPLES.scan)
      .action(async (options: OutputOptions & import('../commands/scan.js').ScanOptions) => {
        const ctx = contextFor(options);
        const { scan: run } = await import('../commands/scan.js');
        setExitCode(await finish(await run(options, ctx), options, ctx));
      });
  },
  'check': (program, setExitCode) => {
    addTemplateOption(addOutputOptions(addComposeOptions(program.command('check'))))
      .description('the CI gate: every referenced variable defined and non-empty, no placeholder or weak secret, valid env files')
      .option('--strict', 'warnings fail too (exit 1)')
      .option('--ignore <codes>', 'finding codes to leave out, comma-separated (e.g. unused,ambiguous-value)', (value: string, previous: string[] | undefined) => [...(previous ?? []), ...value.split(',').map((code) => code.trim()).filter((code) => code !== '')])
      .addHelpText('after', EXAMPLES.check)
      .action(async (options: OutputOptions & import('../commands/check.js').CheckOptions) => {
        const ctx = contextFor(options);
        const { check } = await import('../commands/check.js');
        setExitCode(await finish(await check(options, ctx), options, ctx));
      });
  },
  'render': (program, setExitCode) => {
    addTemplateOption(addOutputOptions(addComposeOptions(program.command('render')), ['text']))
      .description('print the compose files with variables substituted as Compose would; secrets masked')
      .option('--show-secrets', 'print secret values instead of ********')
      .addHelpText('after', EXAMPLES.render)
      .action(async (options: OutputOptions & import('../commands/render.js').RenderOptions) => {
        const ctx = contextFor(options);
        const { render } = await import('../commands/render.js');
        const report = await render(options, ctx);
        if (report.output !== undefined) ctx.stdout.write(report.output);
        const { REPORTERS } = await import('../reporters/index.js');
        const problems = { ...report, output: undefined };
        if (report.findings.length > 0) ctx.stderr.write(REPORTERS.text(problems, { cwd: ctx.cwd, color: ctx.color }));
        setExitCode(report.findings.some((finding) => finding.severity === 'error') ? EXIT_CODE.findings : EXIT_CODE.ok);
      });
  },
  'generate': (program, setExitCode) => {
    addTemplateOption(addOutputOptions(program.command('generate').argument('[keys...]', 'only these keys (default: every generated secret of the template)'), ['text', 'json']))
      .description('fill missing, empty, placeholder and weak secrets from the template with libsodium randomness; keep every good value')
      .option('-e, --env-file <path>', 'env file to write (default: the template\'s envFile)', collect)
      .option('--dry-run', 'list what would change; write nothing')
      .option('--show-secrets', 'also print the new values (KEY=value) on stdout')
      .option('--no-python-compat', 'allow values python-dotenv would expand (${...}); Compose and npm dotenv still read them back')
      .option('--follow-symlinks', 'write through a symlinked env file')
      .addHelpText('after', EXAMPLES.generate)
      .action(async (keys: string[], options: OutputOptions & import('../commands/generate.js').GenerateOptions) => {
        const ctx = contextFor(options);
        const { generate } = await import('../commands/generate.js');
        setExitCode(await finishChange(await generate(keys, options, ctx), options, ctx));
      });
  },
  'set': (program, setExitCode) => {
    addTemplateOption(addOutputOptions(program.command('set').argument('<key>', 'the variable to set'), ['text', 'json']))
      .description('set one value, read from standard input or a hidden prompt (never from the command line)')
      .option('-e, --env-file <path>', 'env file to write (default: the template\'s envFile, else ./.env)', collect)
      .option('--generate', 'generate the value with the template\'s generator')
      .option('--no-python-compat', 'allow values python-dotenv would expand (${...})')
      .option('--follow-symlinks', 'write through a symlinked env file')
      .addHelpText('after', EXAMPLES.set)
      .action(async (key: string, options: OutputOptions & import('../commands/set.js').SetOptions) => {
        const ctx = contextFor(options);
        const { set } = await import('../commands/set.js');
        setExitCode(await finishChange(await set(key, options, ctx), options, ctx));
      });
  },
  'init': (program, setExitCode) => {
    addTemplateOption(addOutputOptions(program.command('init'), ['text', 'json']))
      .description('interactive first run: ask for non-secret values, generate every secret, confirm, write')
      .option('-f, --file <path>', 'compose file whose :- defaults seed the answers (default: the template\'s compose files)', collect)
      .option('-e, --env-file <path>', 'env file to write (default: the template\'s envFile)', collect)
      .option('-y, --yes', 'take every default without asking (for CI and scripts)')
      .option('--force', 'ask again and regenerate values that are already set')
      .option('--no-python-compat', 'allow values python-dotenv would expand (${...})')
      .option('--follow-symlinks', 'write through a symlinked env file')
      .addHelpText('after', EXAMPLES.init)
      .action(async (options: OutputOptions & import('../commands/init.js').InitOptions) => {
        const ctx = contextFor(options);
        const { init } = await import('../commands/init.js');
        setExitCode(await finishChange(await init(options, ctx), options, ctx));
      });
  },
  'rotate': (program, setExitCode) => {
    addTemplateOption(addOutputOptions(program.command('rotate').argument('[keys...]', 'secrets to rotate'), ['text', 'json', 'github', 'sarif']))
      .description('rotate secrets: new values, derived values recomputed, _PREVIOUS kept, backup and history; --check reports ages')
      .option('-e, --env-file <path>', 'env file to rotate in (default: the template\'s envFile)', collect)
      .option('--group <group>', 'rotate every secret of a rotation group of the template')
      .option('--due', 'rotate every secret older than its template maxAge')
      .option('--check', 'report each secret\'s age and policy; exit 1 when one is overdue')
      .option('--strict', 'with --check: a secret of unknown age fails too')
      .option('--dry-run', 'say what would change; write nothing')
      .option('--propagate <glob>', 'also update every env file matching the glob that defines the key (all or nothing)')
      .option('--no-python-compat', 'allow values python-dotenv would expand (${...})')
      .option('--follow-symlinks', 'write through a symlinked env file')
      .addHelpText('after', EXAMPLES.rotate)
      .action(async (keys: string[], options: OutputOptions & import('../commands/rotate.js').RotateOptions & { check?: boolean }) => {
        const ctx = contextFor(options);
        if (options.check === true) {
          const { rotateCheck } = await import('../commands/rotate-check.js');
          setExitCode(await finish(await rotateCheck(options, ctx), options, ctx));
          return;
        }
        const { rotate } = await import('../commands/rotate.js');
        setExitCode(await finishChange(await rotate(keys, options, ctx), options, ctx));
      });
  },
  'tor-hash': (program) => {
    program
      .command('tor-hash')
      .description("print Tor's HashedControlPassword for a password read from stdin (what `tor --hash-password` prints)")
      .option('-e, --env-file <path>', 'read the password from this env file instead of stdin', collect)
      .option('--key <name>', 'the key holding the password in --env-file', 'TOR_PASSWORD')
      .option('--debug', 'show stack traces of internal errors')
      .addHelpText('after', EXAMPLES.torHash)
      .action(async (options: import('../commands/tor-hash.js').TorHashOptions) => {
        const ctx = contextFor({});
        const { torHash } = await import('../commands/tor-hash.js');
        ctx.stdout.write((await torHash(options, ctx)).output ?? '');
      });
  },
  template: (program) => {
    const template = program.command('template').description('the built-in templates').addHelpText('after', EXAMPLES.template);
    template.command('list').description('list the built-in templates').addHelpText('after', EXAMPLES.template).action(async () => {
      const ctx = contextFor({});
      const { templateList } = await import('../commands/template.js');
      ctx.stdout.write((await templateList(ctx)).output ?? '');
    });
    template.command('show').argument('<name>', 'a built-in name or a template file').description('show a template\'s variables, generators and rotation policy').addHelpText('after', EXAMPLES.template).action(async (name: string) => {
      const ctx = contextFor({});
      const { templateShow } = await import('../commands/template.js');
      ctx.stdout.write((await templateShow(name, ctx)).output ?? '');
    });
  },
};
