import { printableText } from '../../../../shared/parameters/printable-text';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Plan } from '../../../../shared/model/plan';
import { objectKeyInWords } from '../../../../shared/flows/object-key-words';
import { stepValueLines, stepValueText } from '../../../../shared/parameters/step-values';
import type { RunResult, RunSummary } from '../../../../shared/promotion/engine/run-records';
import { tierSchema } from '../../../../shared/model/environment';
import type { FollowUp } from '../../../../shared/promotion/follow-ups/follow-up';
import { describeOpenFollowUps } from '../../../../shared/promotion/follow-ups/follow-up-text';
import { parseStrictJson } from '../../../../shared/signing/strict-json';
import { flagText, type CliIo, type CommandFlags, type CommandResult } from '../cli-io';
import { writeFileAtomic } from '../../../services/fs/atomic-write';
import { inputFileStats } from '../../../services/fs/input-file';
import { writePdfFromHtml } from '../html-to-pdf';
import { UsageError } from '../usage-error';
import { openWorkspaceServices } from '../workspace-services';
import type { IdentityCommandSpec } from './identity-commands';
import { describeProposal } from './trust-command';
import { planRiskLines } from './plan-risk-text';

export const planUsage =
  'ferry plan <changeset> --to <env> [--override-reason <r>] [--document <file.md|.html|.pdf>]';
export const promoteUsage =
  'ferry promote <changeset> --to <env> [--override-reason <r>] [--stop-on-failure] [--concurrency N] [--break-lease <reason>]';
export const rollbackUsage =
  'ferry rollback <run-id> [--break-lease <reason>]   (a finished run, or one a crash interrupted)';
export const resumeUsage =
  'ferry resume <run-id> [--break-lease <reason>]     (finish a run a crash interrupted)';
export const runsUsage = 'ferry runs [<run-id>]';
export const policyUsage =
  'ferry policy show <env> | policy set <env> <policy.json> [--tier <dev|test|prod>]';

/**
 * `--break-lease "<reason>"`: take the environment's lease on the shared remote even though an
 * expired one is there (its run died), saying why; the break is audited. Never breaks a live one.
 */
const breakLeaseOption = { 'break-lease': { type: 'string' } } as const;

function breakLeaseFlag(flags: CommandFlags, usage: string): { breakLease?: string } {
  const reason = flagText(flags, 'break-lease');
  if (reason === undefined) return {};
  if (reason.trim() === '') {
    throw new UsageError(`--break-lease needs a reason, for the audit log\nusage: ${usage}`);
  }
  return { breakLease: reason };
}

function one(positionals: string[], what: string, usage: string): string {
  const [value, ...extra] = positionals;
  if (!value || extra.length > 0) throw new UsageError(`${what} is needed\nusage: ${usage}`);
  return value;
}

export function describePlan(plan: Plan): string {
  const counts = Object.entries(plan.summary)
    .map(([action, count]) => `${count} ${action}`)
    .join(', ');
  const lines = [`plan ${plan.changesetId} → ${plan.environment} (${plan.tier}): ${counts}`];
  for (const step of plan.steps) {
    const calls = step.calls.map((call) => `${call.method} ${call.path}`).join(', ');
    lines.push(
      `  ${String(step.index + 1).padStart(3)}. ${step.action.padEnd(8)} ${step.type} "${objectKeyInWords(step.type, step.key)}"` +
        (calls ? `  ${calls}` : '') +
        (step.reason ? `\n        ${step.reason}` : ''),
    );
    // Where the step's environment-dependent values came from; secrets by name only.
    for (const line of stepValueLines(plan.values, step.operation)) {
      lines.push(`        value ${stepValueText(line)}`);
    }
  }
  lines.push(...planRiskLines(plan));
  lines.push('gates:');
  for (const gate of plan.gates) lines.push(`  ${gate.passed ? '✓' : '✗'} ${gate.gate}: ${gate.reason}`);
  return lines.join('\n');
}

/** What the run's values were, step by step: the same lines the plan printed, for the record of a promote. */
function planValueLines(plan: Plan): string[] {
  const lines: string[] = [];
  for (const step of plan.steps) {
    const values = stepValueLines(plan.values, step.operation);
    if (values.length === 0) continue;
    lines.push(`  ${step.index + 1}. ${step.type} "${objectKeyInWords(step.type, step.key)}"`);
    for (const line of values) lines.push(`        value ${stepValueText(line)}`);
  }
  return lines.length === 0 ? [] : [`values for ${plan.environment}:`, ...lines];
}

/** A run without a result that this machine did not start is history: said so, never offered. */
function describeStatus(status: RunSummary['status']): string {
  return status === 'incomplete' ? 'incomplete, from another machine (history)' : status;
}

function describeRun(result: RunResult): string {
  const lines = [`${result.message} (run ${result.runId}, ${result.status})`];
  for (const step of result.steps) {
    if (step.status === 'noop' || step.status === 'done') continue;
    lines.push(
      `  ${step.index + 1}. ${step.status} ${step.type} "${objectKeyInWords(step.type, step.key)}"${step.message ? `: ${step.message}` : ''}`,
    );
  }
  if (result.failure) lines.push(`failure: ${result.failure.message}`);
  if (result.verify) {
    lines.push(
      `verify: ${result.verify.checked} objects read back, ${result.verify.mismatches.length} mismatch${
        result.verify.mismatches.length === 1 ? '' : 'es'
      }`,
    );
  }
  // Issue 20: each post-promotion check, so a person reading a refusal-free failure sees which one.
  // Titles and findings quote the target's own names, so control characters are shown, not obeyed.
  for (const check of result.checks ?? []) {
    const verdict = check.passed ? 'passed' : check.error === true ? 'could not be checked' : 'FAILED';
    lines.push(
      `check ${check.index + 1}: ${verdict}: ${printableText(check.title)}: ${printableText(check.message)}`,
    );
  }
  lines.push(`${result.requests} API requests, ${result.rateLimitWaits} rate-limit waits`);
  return lines.join('\n');
}

const runExit = (result: RunResult): 0 | 1 => (result.status === 'succeeded' ? 0 : 1);

function progressPrinter(io: CliIo) {
  return (progress: { done: number; total: number; message: string; status: string }) => {
    io.progress?.(`[${progress.done}/${progress.total}] ${progress.message}`);
  };
}

export const promotionCommands: Record<string, IdentityCommandSpec> = {
  plan: {
    usage: planUsage,
    summary: 'dry run: the steps, API calls, conflicts and gates of promoting a changeset',
    options: { to: { type: 'string' }, 'override-reason': { type: 'string' }, document: { type: 'string' } },
    run: async (positionals, flags, global, io): Promise<CommandResult> => {
      const id = one(positionals, 'a changeset id', planUsage);
      const to = flagText(flags, 'to');
      if (!to) throw new UsageError(`plan needs --to <env>\nusage: ${planUsage}`);
      const services = await openWorkspaceServices(global, io);
      const override = flagText(flags, 'override-reason');
      const preview = await services.promotions.plan(
        id,
        to,
        override !== undefined ? { overrideReason: override } : {},
      );
      const documentFile = flagText(flags, 'document');
      if (documentFile) {
        const target = resolve(io.cwd, documentFile);
        if (target.endsWith('.pdf')) await writePdfFromHtml(preview.changeControl.html, target, io.env);
        else {
          await writeFileAtomic(
            target,
            target.endsWith('.html') ? preview.changeControl.html : preview.changeControl.markdown,
          );
        }
      }
      const refused =
        !preview.decision.passed ||
        preview.plan.steps.some((step) => step.action === 'conflict' || step.action === 'blocked');
      return {
        data: {
          plan: preview.plan,
          passed: preview.decision.passed,
          overriddenGates: preview.decision.overriddenGates,
        },
        human: describePlan(preview.plan),
        exitCode: refused ? 3 : 0,
      };
    },
  },
  promote: {
    usage: promoteUsage,
    summary: 'promote a changeset: fresh plan, gates, journaled writes, verify, snapshot',
    options: {
      to: { type: 'string' },
      'override-reason': { type: 'string' },
      'stop-on-failure': { type: 'boolean' },
      concurrency: { type: 'string' },
      ...breakLeaseOption,
    },
    run: async (positionals, flags, global, io) => {
      const id = one(positionals, 'a changeset id', promoteUsage);
      const to = flagText(flags, 'to');
      if (!to) throw new UsageError(`promote needs --to <env>\nusage: ${promoteUsage}`);
      const concurrencyText = flagText(flags, 'concurrency');
      const concurrency = concurrencyText === undefined ? undefined : Number(concurrencyText);
      if (
        concurrency !== undefined &&
        (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32)
      ) {
        throw new UsageError(`--concurrency is a whole number from 1 to 32, not "${concurrencyText}"`);
      }
      const services = await openWorkspaceServices(global, io);
      const override = flagText(flags, 'override-reason');
      const { result, preview } = await services.promotions.promote(id, to, {
        ...(override !== undefined ? { overrideReason: override } : {}),
        ...(flags['stop-on-failure'] === true ? { onFailure: 'stop' as const } : {}),
        ...(concurrency !== undefined ? { concurrency } : {}),
        ...breakLeaseFlag(flags, promoteUsage),
        onProgress: progressPrinter(io),
      });
      return {
        data: result,
        human: [describeRun(result), ...planValueLines(preview.plan)].join('\n'),
        exitCode: runExit(result),
      };
    },
  },
  rollback: {
    usage: rollbackUsage,
    summary: 'undo a finished run (planned against the target now), or an interrupted one',
    options: { ...breakLeaseOption },
    run: async (positionals, flags, global, io) => {
      const runId = one(positionals, 'a run id', rollbackUsage);
      const breakLease = breakLeaseFlag(flags, rollbackUsage);
      const services = await openWorkspaceServices(global, io);
      const { result, recovered } = await services.promotions.undo(runId, {
        onProgress: progressPrinter(io),
        ...breakLease,
      });
      // An interrupted run that is rolled back ends `rolled-back`: that is the rollback succeeding.
      const done = result.status === 'succeeded' || (recovered && result.status === 'rolled-back');
      return { data: result, human: describeRun(result), exitCode: done ? 0 : 1 };
    },
  },
  resume: {
    usage: resumeUsage,
    summary: 'finish a run a crash interrupted, re-checking the target first',
    options: { ...breakLeaseOption },
    run: async (positionals, flags, global, io) => {
      const runId = one(positionals, 'a run id', resumeUsage);
      const breakLease = breakLeaseFlag(flags, resumeUsage);
      const services = await openWorkspaceServices(global, io);
      const result = await services.promotions.recover(runId, 'resume', breakLease);
      return { data: result, human: describeRun(result), exitCode: runExit(result) };
    },
  },
  runs: {
    usage: runsUsage,
    summary: 'the history of runs, or one run in detail',
    options: {},
    run: async (positionals, _flags, global, io) => {
      const services = await openWorkspaceServices(global, io);
      if (positionals.length > 1) throw new UsageError(`usage: ${runsUsage}`);
      const [runId] = positionals;
      const runs = await services.engine.runs();
      if (runId) {
        const detail = await services.engine.run(runId);
        const status = runs.find((run) => run.id === runId)?.status ?? 'incomplete';
        return {
          data: detail,
          human: detail.result
            ? describeRun(detail.result)
            : `${describePlan(detail.plan)}\n(no result: ${describeStatus(status)})`,
        };
      }
      const lines = runs.map(
        (run) =>
          `${run.id}  ${run.kind} ${run.changesetId} → ${run.environment}  ${describeStatus(run.status)}${run.message ? `  ${run.message}` : ''}`,
      );
      // Issue 20: the emergency overrides still owed a retrospective approval, after the history.
      // The history is listed even when they cannot be judged (a trust root that does not verify).
      let followUps: FollowUp[] | null = null;
      let followUpsError: string | null = null;
      try {
        followUps = await services.followUps.list();
      } catch (error) {
        followUpsError = error instanceof Error ? error.message : String(error);
      }
      const followUpLines =
        followUps !== null
          ? describeOpenFollowUps(followUps)
          : ['', `Follow-ups of emergency overrides could not be checked: ${followUpsError ?? ''}`];
      return {
        // The JSON stays the list of runs scripts already read; `ferry followups --json` has the follow-ups.
        data: runs,
        human: [...(lines.length > 0 ? lines : ['No runs yet.']), ...followUpLines].join('\n'),
      };
    },
  },
  policy: {
    usage: policyUsage,
    summary:
      "show or sign an environment's promotion policy (approvals, deny windows, override) into the trust root",
    options: { tier: { type: 'string' } },
    run: async (positionals, flags, global, io) => {
      const [action, environment, file, ...extra] = positionals;
      if (!environment || extra.length > 0 || (action !== 'show' && action !== 'set')) {
        throw new UsageError(`usage: ${policyUsage}`);
      }
      const services = await openWorkspaceServices(global, io);
      if (action === 'show') {
        const effective = await services.policies.effective(environment);
        return {
          data: effective,
          human: `${JSON.stringify(effective.policy, null, 2)}\ntier ${effective.tier}: ${effective.reason}`,
        };
      }
      if (!file) throw new UsageError(`policy set needs a JSON file\nusage: ${policyUsage}`);
      const path = resolve(io.cwd, file);
      await inputFileStats(path, 'a policy file');
      let raw: unknown;
      try {
        raw = parseStrictJson(await readFile(path, 'utf8'));
      } catch (error) {
        throw new UsageError(`${path} is not readable JSON: ${error instanceof Error ? error.message : ''}`);
      }
      const tier = flagText(flags, 'tier');
      const parsedTier = tier === undefined ? undefined : tierSchema.safeParse(tier);
      if (parsedTier && !parsedTier.success)
        throw new UsageError(`--tier is dev, test or prod, not "${tier}"`);
      const result = await services.policies.propose(environment, {
        policy: raw,
        source: path,
        ...(parsedTier?.success ? { tier: parsedTier.data } : {}),
      });
      return { data: result, human: describeProposal(result) };
    },
  },
};
