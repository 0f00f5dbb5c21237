import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isFerryError, type ApiError } from '../../../shared/api/api-error';
import { describeError } from '../../../shared/errors/describe-error';
import { sourcePackageVersion } from '../package-version';
import type { CliIo, CommandFlags, CommandResult, GlobalOptions } from './cli-io';
import { ExitCode, exitCodeFor, type ExitCodeValue } from './exit-codes';
import { UsageError } from './usage-error';

type CommandOptions = NonNullable<ParseArgsConfig['options']>;

interface CommandSpec {
  usage: string;
  summary: string;
  /** What `ferry <command> --help` prints instead of the usage line alone, when there is more to say. */
  help?: string;
  options: CommandOptions;
  run(positionals: string[], flags: CommandFlags, global: GlobalOptions, io: CliIo): Promise<CommandResult>;
}

/**
 * Imports a command's module and gives its spec. Every command module pulls in the services (and
 * `sandbox` the whole sandbox server), so they are imported only for the command that runs, or all
 * of them for the help text: `ferry --version` loads none, `ferry env list` one.
 */
type CommandLoader = () => Promise<CommandSpec>;

/** A module that exports several commands (`identityCommands`: key, approve, …). */
type CommandGroup = () => Promise<Readonly<Record<string, CommandSpec>>>;

const identityGroup: CommandGroup = async () =>
  (await import('./commands/identity-commands')).identityCommands;
const trustGroup: CommandGroup = async () => (await import('./commands/trust-command')).trustCommands;
const promotionGroup: CommandGroup = async () =>
  (await import('./commands/promotion-commands')).promotionCommands;
const packageGroup: CommandGroup = async () => (await import('./commands/package-command')).packageCommands;
const syncGroup: CommandGroup = async () => (await import('./commands/sync-command')).syncCommands;
const conflictGroup: CommandGroup = async () =>
  (await import('./commands/conflict-command')).conflictCommands;
const standardChangesGroup: CommandGroup = async () =>
  (await import('./commands/standard-changes-command')).standardChangesCommands;
const pipelineGroup: CommandGroup = async () =>
  (await import('./commands/pipeline-command')).pipelineCommands;

/** In the help text's order, between LEADING_COMMANDS and TRAILING_COMMANDS. */
const COMMAND_GROUPS: readonly CommandGroup[] = [
  identityGroup,
  trustGroup,
  promotionGroup,
  packageGroup,
  syncGroup,
  conflictGroup,
  pipelineGroup,
  standardChangesGroup,
];

/**
 * Which group holds each of their commands, so running one imports that module alone. A command a
 * group gains without a line here still runs: it is found by importing every group.
 */
const GROUP_OF: Readonly<Record<string, CommandGroup>> = {
  key: identityGroup,
  approve: identityGroup,
  approvals: identityGroup,
  audit: identityGroup,
  trust: trustGroup,
  plan: promotionGroup,
  promote: promotionGroup,
  rollback: promotionGroup,
  resume: promotionGroup,
  runs: promotionGroup,
  policy: promotionGroup,
  package: packageGroup,
  clone: syncGroup,
  remote: syncGroup,
  pull: syncGroup,
  push: syncGroup,
  sync: syncGroup,
  conflicts: conflictGroup,
  resolve: conflictGroup,
  pipeline: pipelineGroup,
  'standard-changes': standardChangesGroup,
};

/** Own keys only: `ferry constructor` is an unknown command, not Object's constructor. */
function ownEntry<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Listed first in the help text. */
const LEADING_COMMANDS: Readonly<Record<string, CommandLoader>> = {
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
  param: async () => {
    const { paramHelp, paramOptions, paramSummary, paramUsage, runParam } =
      await import('./commands/param-command');
    return {
      usage: paramUsage,
      summary: paramSummary,
      help: paramHelp,
      options: paramOptions,
      run: runParam,
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
      options: {
        'exit-code': { type: 'boolean' },
        unchanged: { type: 'boolean' },
        resolve: { type: 'boolean' },
      },
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
};

/** Listed last in the help text. */
const TRAILING_COMMANDS: Readonly<Record<string, CommandLoader>> = {
  followups: async () => (await import('./commands/followups-command')).followupsCommand,
  metrics: async () => {
    const { metricsHelp, metricsOptions, metricsSummary, metricsUsage, runMetrics } =
      await import('./commands/metrics-command');
    return {
      usage: metricsUsage,
      summary: metricsSummary,
      help: metricsHelp,
      options: metricsOptions,
      run: runMetrics,
    };
  },
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

/** The spec of the command called `name`, importing only its module when it is a known one. */
async function findCommand(name: string): Promise<CommandSpec | undefined> {
  const own = ownEntry(LEADING_COMMANDS, name) ?? ownEntry(TRAILING_COMMANDS, name);
  if (own !== undefined) return own();
  const group = ownEntry(GROUP_OF, name);
  for (const load of group !== undefined ? [group] : COMMAND_GROUPS) {
    const spec = ownEntry(await load(), name);
    if (spec !== undefined) return spec;
  }
  return undefined;
}

/** Every command, in the help text's order: this imports them all. */
async function allCommands(): Promise<CommandSpec[]> {
  const specs = (loaders: Readonly<Record<string, CommandLoader>>) =>
    Promise.all(Object.values(loaders).map((load) => load()));
  const groups = await Promise.all(COMMAND_GROUPS.map((load) => load()));
  return [
    ...(await specs(LEADING_COMMANDS)),
    ...groups.flatMap((group) => Object.values(group)),
    ...(await specs(TRAILING_COMMANDS)),
  ];
}

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
  const lines = (await allCommands()).map((spec) => `  ${spec.usage.padEnd(40)} ${spec.summary}`);
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
    const spec = commandName === undefined ? undefined : await findCommand(commandName);
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
      io.stdout(spec ? (spec.help ?? `usage: ${spec.usage}\n`) : await helpText());
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
  '--type',
  '--username',
  '--remote',
  '--env',
  '--since',
  '--until',
  '--fix-window',
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
  // The registry's next step follows when the message does not already say what to do; an
  // unexpected failure has no next step of its own (and the CLI shows no incident id).
  else io.stderr(`ferry: ${apiError.code === 'internal' ? apiError.message : describeError(apiError)}\n`);
  return exitCode;
}
