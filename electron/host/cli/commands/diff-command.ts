import { describeFieldChange } from '../../../../shared/diff/describe-change';
import type { DiffResult, DiffStatus, FieldChange } from '../../../../shared/diff/diff-types';
import { objectKeyInWords } from '../../../../shared/flows/object-key-words';
import { referenceTypeLabel } from '../../../../shared/model/object-types/unmanaged-reference-types';
import type { CompareOptions, CompareOutcome } from '../../../services/compare/compare-service';
import type { CliIo, CommandFlags, CommandResult, GlobalOptions } from '../cli-io';
import { UsageError } from '../usage-error';
import { openWorkspaceServices } from '../workspace-services';

export const diffUsage =
  "ferry diff <a> <b> [--exit-code] [--unchanged] [--resolve]   a, b: <env>, <env>@<commit|date>, live:<env>; --resolve: compare after each environment's parameters and mappings";
export const driftUsage = 'ferry drift <env> [--exit-code]';

const MARK: Record<DiffStatus, string> = {
  added: '+',
  removed: '-',
  changed: '~',
  renamed: '>',
  unchanged: '=',
};

export async function runDiff(
  positionals: string[],
  flags: CommandFlags,
  global: GlobalOptions,
  io: CliIo,
): Promise<CommandResult> {
  const [a, b, ...rest] = positionals;
  if (!a || !b || rest.length > 0) throw new UsageError(`diff needs two sources\nusage: ${diffUsage}`);
  const services = await openWorkspaceServices(global, io);
  const outcome = await services.compare.compare(a, b, {
    includeUnchanged: flags.unchanged === true,
    resolve: flags.resolve === true,
    ...liveProgress(io),
  });
  return withExitCode(outcome, flags, `${outcome.a.label} → ${outcome.b.label}`, outcome.result);
}

export async function runDrift(
  positionals: string[],
  flags: CommandFlags,
  global: GlobalOptions,
  io: CliIo,
): Promise<CommandResult> {
  const [environment, ...rest] = positionals;
  if (!environment || rest.length > 0)
    throw new UsageError(`drift needs one environment\nusage: ${driftUsage}`);
  const services = await openWorkspaceServices(global, io);
  const report = await services.drift.drift(environment, undefined, liveProgress(io).onLiveProgress);
  const result = withExitCode(report, flags, `drift of ${environment}: last snapshot → live`, report.result);
  const ignored = report.ignoredObjects
    .map((item) => `\n  (ignored) ${item.type} "${objectKeyInWords(item.type, item.key)}": ${item.reason}`)
    .join('');
  return { ...result, human: result.human + ignored };
}

/**
 * A live side is read like a snapshot (minutes for a big org, a flow export each): its progress
 * goes to stderr as `ferry snapshot` prints it, so a person sees it move and --json stays clean.
 */
function liveProgress(io: CliIo): Pick<CompareOptions, 'onLiveProgress'> {
  const print = io.progress;
  if (!print) return {};
  return {
    onLiveProgress: (progress) => {
      if (progress.phase !== 'listing' || !progress.type) return;
      const where = `${progress.environment} (live)`;
      print(
        progress.exports
          ? `${where}: ${progress.type} ${progress.exports.done}/${progress.exports.total} exported, ${progress.requests} requests`
          : `${where}: ${progress.type} ${progress.objects} objects, ${progress.requests} requests`,
      );
    },
  };
}

function withExitCode(
  data: CompareOutcome,
  flags: CommandFlags,
  title: string,
  result: DiffResult,
): CommandResult {
  const differences = result.objects.filter((object) => object.status !== 'unchanged').length;
  const human = [
    title,
    summaryLine(result),
    ...result.objects.map((object) => {
      // The type by its id (pipelines grep for it), a flow's key in words: "Main Menu (inbound call)".
      const words = (key: string) => objectKeyInWords(object.type, key);
      const head = `${MARK[object.status]} ${object.type} "${words(object.key)}"${object.previousKey ? ` (was "${words(object.previousKey)}")` : ''}`;
      const lines = object.changes.map((change) => `    ${describeFieldChange(change)}${changeNote(change)}`);
      return [head, ...lines].join('\n');
    }),
  ];
  const resolved = data.resolution;
  if (resolved !== undefined) {
    human.push(
      `resolved with the parameters and mappings of ${resolved.a ?? '(no environment)'} and ${resolved.b ?? '(no environment)'}:`,
      ...resolved.parameters.map(
        (item) =>
          `  parameter ${item.name}: ${item.a} = ${item.b} (${item.fields} field${item.fields === 1 ? '' : 's'})`,
      ),
      ...resolved.mappings.map((item) => `  ${referenceTypeLabel(item.type)} "${item.a}" is "${item.b}"`),
    );
  }
  if (data.unreadableTypes.length > 0)
    human.push(`not compared (no permission to read): ${data.unreadableTypes.join(', ')}`);
  return {
    data,
    human: human.join('\n'),
    // As with `git diff --exit-code`: differences are exit 1 only when asked.
    ...(flags['exit-code'] === true && differences > 0 ? { exitCode: 1 as const } : {}),
  };
}

/** What an environment-dependent change is, so a reader does not take it for a real difference. */
function changeNote(change: FieldChange): string {
  if (change.equalAsParameter !== undefined) return `   (equal as parameter ${change.equalAsParameter})`;
  return change.environmentSpecific === true ? '   (differs per environment)' : '';
}

function summaryLine(result: DiffResult): string {
  const totals = result.summary.totals;
  const parts = (['added', 'removed', 'changed', 'renamed'] as const).map(
    (status) => `${totals[status]} ${status}`,
  );
  return `${parts.join(', ')}, ${totals.unchanged} unchanged`;
}
