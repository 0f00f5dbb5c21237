import { referenceTypeLabel } from '../../../../shared/model/object-types/unmanaged-reference-types';
import { secretParameterVariable } from '../../../../shared/parameters/parameter-name';
import type { ParameterView, ParametersView } from '../../../../shared/parameters/parameters-view';
import type { FerryServices } from '../../core/ferry-services';
import { flagText, type CliIo, type CommandFlags, type CommandResult, type GlobalOptions } from '../cli-io';
import { UsageError } from '../usage-error';
import { openWorkspaceServices } from '../workspace-services';

export const paramUsage = [
  'ferry param set <env> <name> <value|-> [--type <type>] [--plain]',
  'ferry param list [<env>] | param unset <env> <name> [--force]',
  'ferry param map <env> <type> <from> <to> | param unmap <env> <type> <from>',
].join('\n       ');

export const paramSummary = 'per-environment values for changesets, secrets, object name mappings';

export const paramOptions = {
  type: { type: 'string' },
  force: { type: 'boolean' },
  plain: { type: 'boolean' },
} as const;

/** `ferry param --help`: what parameters are for, before the syntax, for someone meeting them first. */
export const paramHelp = `usage: ferry param set <env> <name> <value> [--type <type>]
       ferry param set <env> <name> - --type secret      (the secret on standard input)
       ferry param list [<env>] [--json]
       ferry param unset <env> <name> [--force]
       ferry param map <env> <object type> <name in changesets> <name in env>
       ferry param unmap <env> <object type> <name in changesets>

Parameters are the values that differ from one environment to the next: a calling number, a CRM
address, an API token. A changeset writes {"$param": "<name>"} where such a value goes, and each
target's own value is filled in when a plan to it is made; the plan lists every value it used and
where it came from. Values live in environments/<env>/parameters.json in the workspace, one commit
per change, shared through git and reviewed like any other file. A secret's value is sealed in this
machine's vault instead: never in the workspace, a plan, a run, a log or a package.

Types (--type; without it, the parameter keeps its type, and a new one is text):
  string     any text
  number     42, -1.5
  boolean    true or false
  phone      E.164: + then the country code and number, digits only (+442079460000)
  email      billing@example.com
  url        http or https (https://crm.example.com/api)
  reference  <object type>:<name>, e.g. authorization.division:Customer Care
  secret     kept in this machine's vault, which needs FERRY_VAULT_PASSPHRASE on the command line.
             Give the value as - and type it on standard input (then Ctrl+D), or pipe it in:
             then it is not in your shell history or the process list.
A new parameter whose name is a secret in another environment must be a secret here too; --plain
stores it in the workspace as plain text on purpose.

Mappings rename objects that changesets refer to by name, for one environment: the division called
"Customer Service" in dev may be "Customer Care" in prod. Map each name straight to the name the
environment uses; chains (A to B, then B to C), cycles and two names for one object are refused.

Pipelines give a secret parameter as the variable FERRY_PARAM_<ENV>_<NAME> (upper case, any other
character as _), e.g. FERRY_PARAM_PROD_CRMTOKEN for crmToken in prod; no vault is needed then.

Removing a parameter that changesets still use is refused, naming them: their next plan to that
environment would stop for want of it. --force removes it anyway.

Examples:
  ferry param set prod billingCallingNumber +442079460000 --type phone
  ferry param set uat crmUrl https://crm-uat.example.com/api --type url
  ferry param set prod billingDivision "authorization.division:Customer Care" --type reference
  printf '%s' "$CRM_TOKEN" | ferry param set prod crmToken - --type secret
  ferry param set prod offsetMinutes --type number -- -30     (-- before a value starting with -)
  ferry param list prod
  ferry param list --json
  ferry param unset prod billingCallingNumber
  ferry param map prod authorization.division "Customer Service" "Customer Care"
  ferry param unmap prod authorization.division "Customer Service"
`;

/** The value argument that means "read the secret from standard input". */
const FROM_STDIN = '-';

export async function runParam(
  positionals: string[],
  flags: CommandFlags,
  global: GlobalOptions,
  io: CliIo,
): Promise<CommandResult> {
  const [action, ...args] = positionals;
  const type = flagText(flags, 'type');
  const force = flags.force === true;
  // Flags that do nothing for an action are a mistake worth saying, not ignoring.
  if (type !== undefined && action !== 'set') throw usage('--type is only for `ferry param set`');
  if (force && action !== 'unset') throw usage('--force is only for `ferry param unset`');
  const plain = flags.plain === true;
  if (plain && action !== 'set') throw usage('--plain is only for `ferry param set`');
  if (plain && type === 'secret') throw usage('--plain and --type secret contradict each other: give one');
  switch (action) {
    case 'set': {
      const [environment, name, value] = expectArgs(args, 3, 'param set needs <env> <name> <value>');
      const services = await openWorkspaceServices(global, io);
      const secret = (type ?? (await currentType(services, environment, name))) === 'secret';
      let given = value;
      if (secret && value === FROM_STDIN) given = await readSecret(io);
      else if (secret) {
        io.stderr(
          'ferry: the secret was given on the command line, where shell history and the process list keep it; next time give - and pass it on standard input\n',
        );
      }
      const view = await services.parameters.set({
        environment,
        name,
        value: given,
        ...(type === undefined ? {} : { type }),
        ...(plain ? { plainOnPurpose: true } : {}),
      });
      return { data: view, human: describeSet(view, name) };
    }
    case 'list': {
      if (args.length > 1) throw usage('param list takes at most one environment');
      const services = await openWorkspaceServices(global, io);
      const views = await services.parameters.list(args[0]);
      return {
        data: views,
        human:
          views.length === 0
            ? 'No environments yet. Add one with `ferry env add`.'
            : views.map(describeEnvironment).join('\n\n'),
      };
    }
    case 'unset': {
      const [environment, name] = expectArgs(args, 2, 'param unset needs <env> <name>');
      const services = await openWorkspaceServices(global, io);
      // Only to say who is left without it: the service decides whether it may go.
      const users = force ? await services.parameters.changesetsUsing(name) : [];
      const view = await services.parameters.unset(environment, name, force);
      const still =
        users.length === 0
          ? ''
          : `\n${users.length === 1 ? 'Changeset' : 'Changesets'} ${users.map(printable).join(', ')} still use it: their next plan to ${printable(environment)} stops until it is set again.`;
      return { data: view, human: `Unset ${printable(name)} for ${printable(environment)}.${still}` };
    }
    case 'map': {
      const [environment, objectType, from, to] = expectArgs(
        args,
        4,
        'param map needs <env> <object type> <name in changesets> <name in env>',
      );
      const services = await openWorkspaceServices(global, io);
      const view = await services.parameters.map(environment, objectType, from, to);
      return {
        data: view,
        human: `In ${printable(environment)}, the ${printable(referenceTypeLabel(objectType))} changesets call "${printable(from.trim())}" is now "${printable(to.trim())}".`,
      };
    }
    case 'unmap': {
      const [environment, objectType, from] = expectArgs(
        args,
        3,
        'param unmap needs <env> <object type> <name in changesets>',
      );
      const services = await openWorkspaceServices(global, io);
      const view = await services.parameters.unmap(environment, objectType, from);
      return {
        data: view,
        human: `In ${printable(environment)}, the ${printable(referenceTypeLabel(objectType))} "${printable(from)}" is no longer renamed.`,
      };
    }
    default:
      throw usage(
        action === undefined
          ? 'param needs an action: set, list, unset, map or unmap'
          : `unknown param action "${printable(action)}"`,
      );
  }
}

function usage(problem: string): UsageError {
  return new UsageError(
    `${problem}\nusage: ${paramUsage}\n(ferry param --help explains them, with examples)`,
  );
}

/** Exactly `count` arguments, as a tuple of that length. */
type Arguments<N extends 2 | 3 | 4> = N extends 2
  ? [string, string]
  : N extends 3
    ? [string, string, string]
    : [string, string, string, string];

function expectArgs<N extends 2 | 3 | 4>(args: string[], count: N, problem: string): Arguments<N> {
  if (args.length !== count) throw usage(args.length > count ? 'too many arguments' : problem);
  return args as Arguments<N>;
}

/** The type a parameter has now, so `set <env> <name> -` reads stdin for an existing secret too. */
async function currentType(
  services: FerryServices,
  environment: string,
  name: string,
): Promise<string | undefined> {
  const view = await services.parameters.view(environment);
  return view.parameters.find((parameter) => parameter.name === name)?.type;
}

async function readSecret(io: CliIo): Promise<string> {
  // One trailing newline is the shell's (echo, a here-string, Enter before Ctrl+D), not the secret's.
  const secret = (await io.readStdin()).replace(/\r?\n$/, '');
  if (secret === '') {
    throw usage(
      "the secret's value was to come on standard input (-), but standard input was empty; pipe it in, e.g. printf '%s' \"$TOKEN\" | ferry param set <env> <name> - --type secret",
    );
  }
  return secret;
}

function describeSet(view: ParametersView, name: string): string {
  const environment = printable(view.environment);
  const parameter = view.parameters.find((entry) => entry.name === name);
  if (parameter === undefined) return `Set ${printable(name)} for ${environment}.`;
  if (parameter.type === 'secret') {
    return [
      `Set the secret ${parameter.name} for ${environment}: sealed in this machine's vault; the workspace records only its name.`,
      `Other machines that plan or promote to ${environment} need it too: \`ferry param set ${environment} ${parameter.name} - --type secret\` there, or ${secretParameterVariable(view.environment, parameter.name)} in a pipeline.`,
    ].join('\n');
  }
  return `Set ${parameter.name} for ${environment} to ${printable(parameter.value ?? '')} (${parameter.type}), committed to the workspace.`;
}

/** One environment: its parameters as a table, then its mappings. */
function describeEnvironment(view: ParametersView): string {
  const environment = printable(view.environment);
  const lines = [`${environment}:`];
  if (view.parameters.length === 0) {
    lines.push(`  no parameters (set one with \`ferry param set ${environment} <name> <value>\`)`);
  } else {
    const rows = [
      ['NAME', 'TYPE', 'VALUE', 'SET BY'],
      ...view.parameters.map((parameter) => [
        parameter.name,
        parameter.type,
        shownValue(parameter),
        setBy(parameter),
      ]),
    ];
    lines.push(...table(rows).map((line) => `  ${line}`));
  }
  if (view.mappings.length > 0) {
    lines.push('  mappings (name in changesets → name here):');
    for (const mapping of view.mappings) {
      lines.push(`    ${printable(mapping.type)}  "${printable(mapping.from)}" → "${printable(mapping.to)}"`);
    }
  }
  return lines.join('\n');
}

const MAX_SHOWN_VALUE = 60;

function shownValue(parameter: ParameterView): string {
  // A secret's view has no value to show; say only whether this machine can use it.
  if (parameter.type === 'secret')
    return parameter.hasValue ? '(secret: set on this machine)' : '(secret: not set on this machine)';
  const value = printable(parameter.value ?? '');
  return value.length > MAX_SHOWN_VALUE ? `${value.slice(0, MAX_SHOWN_VALUE - 1)}…` : value;
}

function setBy(parameter: ParameterView): string {
  const at = parameter.setAt === undefined ? '' : readableTime(parameter.setAt);
  return [parameter.setBy === undefined ? '' : printable(parameter.setBy), at].filter(Boolean).join(', ');
}

/** `2026-12-01T10:00:00.000Z` as `2026-12-01 10:00 UTC`: minutes are what a reader needs. */
function readableTime(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return match === null ? printable(iso) : `${match[1]} ${match[2]} UTC`;
}

function table(rows: string[][]): string[] {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows.map((row) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

/**
 * Text from the parameters file (a teammate's commit) as it is safe to print: control characters
 * (newlines, terminal escape sequences) shown as `\uXXXX` instead of acting on the terminal.
 */
function printable(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    /[\u0000-\u001f\u007f-\u009f]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
