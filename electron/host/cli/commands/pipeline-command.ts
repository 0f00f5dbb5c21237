import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describeWindow } from '../../../../shared/promotion/cron';
import type { Pipeline, PipelineStatus } from '../../../../shared/promotion/pipeline/pipeline';
import { parseStrictJson } from '../../../../shared/signing/strict-json';
import { inputFileStats } from '../../../services/fs/input-file';
import { flagText, type CommandFlags, type CommandResult } from '../cli-io';
import { UsageError } from '../usage-error';
import { openWorkspaceServices } from '../workspace-services';
import type { IdentityCommandSpec } from './identity-commands';
import { describeProposal } from './trust-command';

/**
 * `ferry pipeline …` (issue 20): the signed promotion pipelines, where a change stands in one and
 * an explicit advance one stage on, for a person, a scheduler or CI. Parsing and printing only.
 */
export const pipelineUsage =
  'ferry pipeline list | set <file.json> | status <changeset> [--pipeline <name>] | advance <changeset> [--pipeline <name>] [--break-lease <reason>]';

export const pipelineHelp = `usage: ferry pipeline list
       ferry pipeline set <pipelines.json>
       ferry pipeline status <changeset> [--pipeline <name>]
       ferry pipeline advance <changeset> [--pipeline <name>] [--break-lease <reason>]

A pipeline is the path a change takes (dev → uat → prod) and the rules for entering each stage
after the first: soakHours since the run into the previous stage finished, requireChecksPassed
and requireNoDrift (both on unless set to false), windows (enter only inside one of them). Every
stage also needs the changeset to validate against it and its policy's gates (risk-based
approvals, deny windows) to pass. Pipelines are signed into the trust root by admins: \`set\` signs
the whole list in the file, which replaces the one there.

status says which stages the change has reached (only signed runs of its current version count),
what the next stage waits for and until when. It exits 0 whatever it says.

advance promotes the change into the next stage when nothing is waiting, as an audited
pipeline-advance and a normal promotion; otherwise it exits 3 and names the waits. Nothing runs on
its own: call it from a scheduler or CI. With several pipelines, name one with --pipeline.

Example file:
  [{"name": "main", "stages": [
     {"environment": "dev"},
     {"environment": "uat"},
     {"environment": "prod", "soakHours": 24,
      "windows": [{"name": "evenings", "cron": "0 19 * * 1-5", "durationMinutes": 180, "timeZone": "Europe/London"}]}]}]
`;

function pipelineFlag(flags: CommandFlags): { pipeline?: string } {
  const name = flagText(flags, 'pipeline');
  return name === undefined ? {} : { pipeline: name };
}

function breakLeaseFlag(flags: CommandFlags): { breakLease?: string } {
  const reason = flagText(flags, 'break-lease');
  if (reason === undefined) return {};
  if (reason.trim() === '') {
    throw new UsageError(`--break-lease needs a reason, for the audit log\nusage: ${pipelineUsage}`);
  }
  return { breakLease: reason };
}

/** A pipeline in lines: its stages and the rules for entering each. */
export function describePipeline(pipeline: Pipeline): string {
  const lines = [
    `${pipeline.name}: ${pipeline.stages.map((stage) => stage.environment).join(' → ')}`,
    ...(pipeline.description ? [`  ${pipeline.description}`] : []),
  ];
  pipeline.stages.forEach((stage, index) => {
    if (index === 0) {
      lines.push(`  ${stage.environment}: validation and gates`);
      return;
    }
    const rules = [
      ...(stage.soakHours ? [`${stage.soakHours} h soak in ${pipeline.stages[index - 1]?.environment}`] : []),
      ...(stage.requireChecksPassed === false ? [] : ['checks passed']),
      ...(stage.requireNoDrift === false ? [] : ['no drift']),
      ...(stage.windows && stage.windows.length > 0
        ? [`only ${stage.windows.map((window) => `${window.name} (${describeWindow(window)})`).join(' or ')}`]
        : []),
      'validation and gates',
    ];
    lines.push(`  ${stage.environment}: ${rules.join(', ')}`);
  });
  return lines.join('\n');
}

const MARK: Readonly<Record<string, string>> = {
  done: '✓',
  ready: '→',
  waiting: '…',
  failed: '✗',
  'rolled-back': '↺',
  pending: ' ',
};

/** Where a change stands, stage by stage, then the one-sentence summary. */
export function describeStatus(status: PipelineStatus): string {
  const lines = [`${status.changesetId} in pipeline ${status.pipeline}`];
  for (const stage of status.stages) {
    const run = stage.run ? `  run ${stage.run.id} ${stage.run.status}` : '';
    lines.push(`  ${MARK[stage.state] ?? ' '} ${stage.environment.padEnd(12)} ${stage.state}${run}`);
    if (stage.state === 'pending') continue;
    for (const wait of stage.waits) lines.push(`      waits: ${wait.message}`);
  }
  lines.push(status.summary);
  return lines.join('\n');
}

export const pipelineCommands: Record<string, IdentityCommandSpec & { help: string }> = {
  pipeline: {
    usage: pipelineUsage,
    summary: 'promotion pipelines: list, sign, where a change stands, advance it one stage',
    help: pipelineHelp,
    options: { pipeline: { type: 'string' }, 'break-lease': { type: 'string' } },
    run: async (positionals, flags, global, io): Promise<CommandResult> => {
      const [action, argument, ...extra] = positionals;
      if (extra.length > 0) throw new UsageError(`too many arguments\nusage: ${pipelineUsage}`);
      if (action === 'list') {
        if (argument !== undefined)
          throw new UsageError(`pipeline list takes no argument\nusage: ${pipelineUsage}`);
        const services = await openWorkspaceServices(global, io);
        const pipelines = await services.pipelines.list();
        return {
          data: pipelines,
          human:
            pipelines.length === 0
              ? 'No pipeline is signed into the trust root yet; an admin signs one with `ferry pipeline set <file>` (see `ferry pipeline --help`).'
              : pipelines.map(describePipeline).join('\n\n'),
        };
      }
      if (action === 'set') {
        if (argument === undefined)
          throw new UsageError(`pipeline set needs a JSON file\nusage: ${pipelineUsage}`);
        const path = resolve(io.cwd, argument);
        await inputFileStats(path, 'a pipeline file');
        let raw: unknown;
        try {
          raw = parseStrictJson(await readFile(path, 'utf8'));
        } catch (error) {
          throw new UsageError(
            `${path} is not readable JSON: ${error instanceof Error ? error.message : ''}`,
          );
        }
        const services = await openWorkspaceServices(global, io);
        const result = await services.pipelines.set(raw, path);
        return { data: result, human: describeProposal(result) };
      }
      if (action === 'status' || action === 'advance') {
        if (argument === undefined)
          throw new UsageError(`pipeline ${action} needs a changeset id\nusage: ${pipelineUsage}`);
        const services = await openWorkspaceServices(global, io);
        if (action === 'status') {
          const status = await services.pipelines.status(argument, pipelineFlag(flags));
          return { data: status, human: describeStatus(status) };
        }
        // A pipeline confirms by being configured: no typed confirmation here.
        const advanced = await services.pipelines.advance(argument, {
          ...pipelineFlag(flags),
          ...breakLeaseFlag(flags),
        });
        const { result } = advanced;
        return {
          data: advanced,
          human: `advanced ${argument} into ${advanced.environment}: run ${result.runId} ${result.status}${result.failure ? ` (${result.failure.message})` : ''}\n${describeStatus(advanced.status)}`,
          ...(result.status === 'succeeded' ? {} : { exitCode: 1 as const }),
        };
      }
      throw new UsageError(`usage: ${pipelineUsage}`);
    },
  },
};
