import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isFerryError, type ApiError } from '../../../shared/api/api-error';
import { sourcePackageVersion } from '../package-version';
import type { CliIo, CommandFlags, CommandResult, GlobalOptions } from './cli-io';
import { ExitCode, exitCodeFor, type ExitCodeValue } from './exit-codes';
import { UsageError } from './usage-error';

type CommandOptions = NonNullable<ParseArgsConfig['options']>;

interface CommandSpec {
  usage: string;
  summary: string;
  options: CommandOptions;
  run(positionals: string[], flags: CommandFlags, global: GlobalOptions, io: CliIo): Promise<CommandResult>;
}

/**
 * Imports a command's module and gives its spec. Every command module pulls in the services (and
 * `sandbox` the whole sandbox server), so they are imported only for the command that runs, or all
 * of them for the help text: `ferry --version` loads none, `ferry env list` one.
 */
type CommandLoader = () => Promise<CommandSpec>;

/** One command of a module that exports several (`identityCommands.key`, …). */
function fromGroup(load: () => Promise<Readonly<Record<string, CommandSpec>>>, name: string): CommandLoader {
  return async () => {
    const spec = (await load())[name];
    if (spec === undefined) throw new Error(`the CLI has no "${name}" command in its module`);
    return spec;
  };
}

const identityGroup = async () => (await import('./commands/identity-commands')).identityCommands;
const trustGroup = async () => (await import('./commands/trust-command')).trustCommands;
const promotionGroup = async () => (await import('./commands/promotion-commands')).promotionCommands;
const packageGroup = async () => (await import('./commands/package-command')).packageCommands;

/** In the order the help text lists them. */
const COMMANDS: Readonly<Record<string, CommandLoader>> = {
  init: async () => {
    const { initUsage, runInit } = await import('./commands/init-command');
    return {
      usage: initUsage,
      summary: 'create a workspace (a git repository with ferry.json)',
      options: { name: { type: 'string' } },
      run: runInit,
    };
  },
  env: async () => {
    const { envOptions, envUsage, runEnv } = await import('./commands/env-command');
    return {
      usage: envUsage,
      summary: 'add, list, test or remove environments',
      options: envOptions,
      run: (positionals, flags, global, io) =>
        runEnv(positionals, flags, global, io, async () => {
          const secret = (await io.readStdin()).replace(/\r?\n$/, '');
          if (secret === '')
            throw new UsageError('--client-secret-stdin was given but standard input was empty');
          return secret;
        }),
    };
  },
  snapshot: async () => {
    const { runSnapshot, snapshotUsage } = await import('./commands/snapshot-command');
    return {
      usage: snapshotUsage,
      summary: 'pull an environment into the workspace as one commit',
      options: { types: { type: 'string' } },
      run: runSnapshot,
    };
  },
  diff: async () => {
    const { diffUsage, runDiff } = await import('./commands/diff-command');
    return {
      usage: diffUsage,
      summary: 'compare two configuration states (snapshots, history, live)',
      options: { 'exit-code': { type: 'boolean' }, unchanged: { type: 'boolean' } },
      run: runDiff,
    };
  },
  drift: async () => {
    const { driftUsage, runDrift } = await import('./commands/diff-command');
    return {
      usage: driftUsage,
      summary: 'compare an environment now with its last snapshot',
      options: { 'exit-code': { type: 'boolean' } },
      run: runDrift,
    };
  },
  changeset: async () => {
    const { changesetOptions, changesetUsage, runChangeset } = await import('./commands/changeset-command');
    return {
      usage: changesetUsage,
      summary: 'create, derive from a diff, validate, show or list changesets',
      options: changesetOptions,
      run: runChangeset,
    };
  },
  key: fromGroup(identityGroup, 'key'),
  approve: fromGroup(identityGroup, 'approve'),
  approvals: fromGroup(identityGroup, 'approvals'),
  audit: fromGroup(identityGroup, 'audit'),
  trust: fromGroup(trustGroup, 'trust'),
  plan: fromGroup(promotionGroup, 'plan'),
  promote: fromGroup(promotionGroup, 'promote'),
  rollback: fromGroup(promotionGroup, 'rollback'),
  resume: fromGroup(promotionGroup, 'resume'),
  runs: fromGroup(promotionGroup, 'runs'),
  policy: fromGroup(promotionGroup, 'policy'),
  package: fromGroup(packageGroup, 'package'),
  sandbox: async () => {
    const { runSandboxCommand, sandboxUsage } = await import('./commands/sandbox-command');
    return {
      usage: sandboxUsage,
      summary: 'run the local sandbox orgs (dev, uat, prod) until Ctrl+C',
      options: {
        port: { type: 'string' },
        data: { type: 'string' },
        faults: { type: 'string' },
        'rate-limit': { type: 'string' },
      },
      run: (positionals, flags, _global, io) => {
        if (positionals.length > 0)
          throw new UsageError(`sandbox takes no arguments\nusage: ${sandboxUsage}`);
        return runSandboxCommand(stringFlags(flags, ['port', 'data', 'faults', 'rate-limit']), io);
      },
    };
  },
};

/** The named string options, dropping anything else parseArgs may have produced. */
function stringFlags<K extends string>(flags: CommandFlags, names: readonly K[]): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const name of names) {
    const value = flags[name];
    if (typeof value === 'string') out[name] = value;
  }
  return out;
}

const GLOBAL_OPTIONS: CommandOptions = {
  workspace: { type: 'string', short: 'w' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
};

export async function helpText(): Promise<string> {
  const specs = await Promise.all(Object.values(COMMANDS).map((load) => load()));
  const lines = specs.map((spec) => `  ${spec.usage.padEnd(40)} ${spec.summary}`);
  return [
    'usage: ferry <command> [options]',
    '',
    'commands:',
    ...lines,
    '',
    'global options:',
    '  --workspace, -w <dir>   the workspace folder (default: the current folder)',
    '  --json                  machine-readable output on stdout',
    '  --help, -h              this text',
    '  --version               the Ferry version',
    '',
    'exit codes: 0 done, 1 failed, 2 bad usage or bad input, 3 refused by a conflict or a gate',
    '',
  ].join('\n');
}

/** Runs one CLI invocation and returns its exit code; never calls process.exit itself. */
export async function runCli(argv: string[], io: CliIo): Promise<ExitCodeValue> {
  let json = argv.includes('--json');
  try {
    const commandIndex = argv.findIndex((arg) => !arg.startsWith('-') && !isOptionValue(argv, arg));
    const commandName = commandIndex === -1 ? undefined : argv[commandIndex];
    // Own keys only: `ferry constructor` is an unknown command, not Object's constructor.
    const load =
      commandName !== undefined && Object.hasOwn(COMMANDS, commandName) ? COMMANDS[commandName] : undefined;
    const spec = load === undefined ? undefined : await load();
    const rest =
      commandIndex === -1 ? argv : [...argv.slice(0, commandIndex), ...argv.slice(commandIndex + 1)];
    const parsed = parseCommandLine(rest, spec?.options ?? {});
    json = parsed.values.json === true;
    if (parsed.values.version === true) {
      write(io, json, { version: sourcePackageVersion() }, `ferry ${sourcePackageVersion()}`);
      return ExitCode.ok;
    }
    if (parsed.values.help === true || commandName === undefined) {
      if (commandName === undefined && parsed.values.help !== true) {
        throw new UsageError(`a command is needed\n\n${await helpText()}`);
      }
      io.stdout(spec ? `usage: ${spec.usage}\n` : await helpText());
      return ExitCode.ok;
    }
    if (!spec) throw new UsageError(`unknown command "${commandName}"\n\n${await helpText()}`);
    const workspace = parsed.values.workspace;
    const global: GlobalOptions = { workspace: typeof workspace === 'string' ? workspace : io.cwd, json };
    const result = await spec.run(parsed.positionals, parsed.values, global, io);
    if (io.progress && !json) io.stderr('\r\u001b[2K');
    write(io, json, result.data, result.human);
    return result.exitCode ?? ExitCode.ok;
  } catch (error) {
    return reportFailure(io, json, error);
  }
}

function parseCommandLine(args: string[], commandOptions: CommandOptions) {
  try {
    return parseArgs({
      args,
      options: { ...GLOBAL_OPTIONS, ...commandOptions },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : 'could not read the arguments');
  }
}

const OPTIONS_WITH_VALUES = new Set([
  '--workspace',
  '-w',
  '--name',
  '--port',
  '--data',
  '--faults',
  '--rate-limit',
  '--kind',
  '--region',
  '--url',
  '--org',
  '--tier',
  '--label',
  '--client-id',
  '--types',
  '--title',
  '--description',
  '--ticket',
  '--select',
  '--dependencies',
  '--target',
  '--owner',
  '--roles',
  '--environments',
  '--not-before',
  '--not-after',
  '--reason',
  '--comment',
  '--environment',
  '--to',
  '--override-reason',
  '--document',
  '--concurrency',
  '-o',
  '--output',
  '--source',
  '--expires-in',
  '--out',
]);

/** True when `arg` is the value of a preceding option that takes one (`--workspace dir`). */
function isOptionValue(argv: string[], arg: string): boolean {
  const index = argv.indexOf(arg);
  const previous = index > 0 ? argv[index - 1] : undefined;
  return previous !== undefined && OPTIONS_WITH_VALUES.has(previous);
}

function write(io: CliIo, json: boolean, data: unknown, human: string): void {
  if (json) io.stdout(`${JSON.stringify(data, null, 2)}\n`);
  else io.stdout(`${human}\n`);
}

function reportFailure(io: CliIo, json: boolean, error: unknown): ExitCodeValue {
  const apiError: ApiError = isFerryError(error)
    ? error.toApiError()
    : { code: 'internal', message: error instanceof Error ? error.message : String(error) };
  const exitCode = exitCodeFor(apiError.code);
  if (json) io.stdout(`${JSON.stringify({ error: apiError }, null, 2)}\n`);
  else io.stderr(`ferry: ${apiError.message}\n`);
  return exitCode;
}
