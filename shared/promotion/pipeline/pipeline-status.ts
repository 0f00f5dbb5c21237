import { activeSpan, describeWindow, localMomentText, nextWindowStart } from '../cron';
import { HOUR_MS, MINUTE_MS } from '../time-zone';
import type { Pipeline, PipelineStage, PipelineStatus, PipelineWait, StageStatus } from './pipeline';

/**
 * Where a change stands in a pipeline (issue 20), computed from facts the service gathered: pure,
 * so the rules between stages are read here and nowhere else. Evidence is only what the caller
 * verified: signed runs of the changeset's current digest.
 */

/** A signed run into one stage's environment, of the changeset's current digest. */
export interface StageRun {
  id: string;
  kind: 'promote' | 'rollback';
  /** For a rollback: the run it undoes. */
  rollbackOf: string | null;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  /** Whether its post-promotion checks passed; null when none ran. */
  checksPassed: boolean | null;
}

/** The latest promotion into a stage and whether it still stands. */
export interface StageProgress {
  environment: string;
  /** The latest promote run, null when none. */
  latest: StageRun | null;
  /** The latest promote run succeeded and no succeeded rollback undid it. */
  done: boolean;
  /** It succeeded but a rollback undid it since. */
  rolledBack: boolean;
}

/** The stages' progress from their verified runs, and which stage comes next (null: all done). */
export function stageProgress(
  pipeline: Pipeline,
  runs: ReadonlyMap<string, readonly StageRun[]>,
): { stages: StageProgress[]; next: number | null } {
  const stages = pipeline.stages.map((stage): StageProgress => {
    const all = [...(runs.get(stage.environment) ?? [])].sort((a, b) =>
      a.startedAt.localeCompare(b.startedAt),
    );
    const promotes = all.filter((run) => run.kind === 'promote');
    const latest = promotes[promotes.length - 1] ?? null;
    const rolledBack =
      latest !== null &&
      all.some(
        (run) => run.kind === 'rollback' && run.rollbackOf === latest.id && run.status === 'succeeded',
      );
    const done = latest !== null && latest.status === 'succeeded' && !rolledBack;
    return { environment: stage.environment, latest, done, rolledBack };
  });
  const next = stages.findIndex((stage) => !stage.done);
  return { stages, next: next === -1 ? null : next };
}

/** What the service found out about entering the next stage. */
export interface NextStageFacts {
  /** A run into the next stage is in progress (or was interrupted) on some machine. */
  running: { runId: string; status: string } | null;
  /** The changeset validated against the next stage; problems in words when it did not. */
  validation: { valid: boolean; problems: string[] };
  /** The next stage's gates (risk-based approvals, deny windows, promoter); failed ones in words. */
  gates: {
    passed: boolean;
    failed: { gate: string; reason: string }[];
    /** The risk the plan computed, when known, for the words of an approval wait. */
    risk?: string | null;
    /** When a failed deny-window gate ends, ISO, when known. */
    denyUntil?: string | null;
  };
  /**
   * Objects the previous stage's run wrote that no longer read as it left them; null when not
   * checked (the first stage, or the rule is off). `error`: the read itself failed.
   */
  drift: { differences: string[]; error: string | null } | null;
}

export interface PipelineStatusInput {
  pipeline: Pipeline;
  changesetId: string;
  changesetDigest: string;
  progress: { stages: StageProgress[]; next: number | null };
  /** Facts about the next stage; absent when every stage is done. */
  facts: NextStageFacts | null;
  now: Date;
}

export function computePipelineStatus(input: PipelineStatusInput): PipelineStatus {
  const { pipeline, changesetId, progress, now } = input;
  const next = progress.next;
  const nextStage = next === null ? null : pipeline.stages[next];
  const waits =
    next === null || nextStage === undefined || input.facts === null
      ? []
      : nextStageWaits(pipeline, next, progress.stages, input.facts, changesetId, now);
  const stages = progress.stages.map((stage, index): StageStatus => {
    const run = stage.latest
      ? {
          id: stage.latest.id,
          status: stage.rolledBack ? 'rolled-back' : stage.latest.status,
          finishedAt: stage.latest.finishedAt,
          checksPassed: stage.latest.checksPassed,
        }
      : null;
    if (stage.done) return { environment: stage.environment, state: 'done', run, waits: [] };
    if (index === next) {
      // A deliberate rollback is its own state, not a failure: the stage is back as it was.
      const state = stage.rolledBack
        ? 'rolled-back'
        : stage.latest !== null
          ? 'failed'
          : waits.length === 0
            ? 'ready'
            : 'waiting';
      return {
        environment: stage.environment,
        state,
        run,
        waits,
      };
    }
    const before = pipeline.stages[index - 1]?.environment;
    return {
      environment: stage.environment,
      state: 'pending',
      run,
      waits: before ? [{ rule: 'previous-stage', message: `enters after ${before}`, until: null }] : [],
    };
  });
  const summary = summaryOf(pipeline, changesetId, stages, next);
  return {
    pipeline: pipeline.name,
    changesetId,
    changesetDigest: input.changesetDigest,
    stages,
    next: nextStage?.environment ?? null,
    summary,
    checkedAt: now.toISOString(),
  };
}

/**
 * Whether `advance` may promote into the next stage now: no waits (a failed stage is retried, a
 * rolled-back one promoted again).
 */
export function canAdvance(status: PipelineStatus): boolean {
  const stage = status.stages.find((candidate) => candidate.environment === status.next);
  return (
    stage !== undefined &&
    stage.waits.length === 0 &&
    (stage.state === 'ready' || stage.state === 'failed' || stage.state === 'rolled-back')
  );
}

function nextStageWaits(
  pipeline: Pipeline,
  index: number,
  progress: readonly StageProgress[],
  facts: NextStageFacts,
  changesetId: string,
  now: Date,
): PipelineWait[] {
  const stage = pipeline.stages[index] as PipelineStage;
  const waits = stageEntryWaits(pipeline, index, progress, facts, now);
  if (!facts.validation.valid) {
    waits.push({
      rule: 'validation',
      // The problems alone leave a person stuck: say where to fix them and how to list them all.
      message: `${changesetId} does not validate against ${stage.environment}: ${facts.validation.problems.slice(0, 3).join('; ') || 'it has problems'}. Fix it in the changeset editor (its Validation panel lists each problem; something it refers to may first need creating in ${stage.environment}), or list them with \`ferry changeset validate ${changesetId} --target ${stage.environment}\`, then check again`,
      until: null,
    });
  }
  if (!facts.gates.passed) {
    for (const gate of facts.gates.failed)
      waits.push(gateWait(gate, facts.gates, changesetId, stage.environment));
  }
  return waits;
}

/** What the pipeline's own rules need to know about entering one stage (no validation, no gates). */
export type StageEntryFacts = Pick<NextStageFacts, 'running' | 'drift'>;

/**
 * The waits of the pipeline's own rules for entering stage `index`: the previous stage done
 * (a succeeded run of the current digest that no rollback undid), its checks, the soak, no drift,
 * the stage's windows. Without validation and gates: those are the promotion's own, so the
 * promotion gate (issue 20: every promotion into a later stage follows the pipeline) reuses this
 * without judging itself. `progress` from `stageProgress`.
 */
export function stageEntryWaits(
  pipeline: Pipeline,
  index: number,
  progress: readonly StageProgress[],
  facts: StageEntryFacts,
  now: Date,
): PipelineWait[] {
  const stage = pipeline.stages[index] as PipelineStage;
  const waits: PipelineWait[] = [];
  if (facts.running !== null) {
    waits.push({
      rule: 'running',
      message: `run ${facts.running.runId} into ${stage.environment} is ${facts.running.status}: wait for it to finish, or deal with it (\`ferry runs ${facts.running.runId}\`)`,
      until: null,
    });
  }
  const previous = index > 0 ? progress[index - 1] : undefined;
  const timeZone = stage.windows?.[0]?.timeZone ?? 'UTC';
  // Only a promotion straight into a later stage meets a previous stage not done: the status
  // view's next stage always follows a done one.
  if (previous !== undefined && !previous.done) {
    waits.push({
      rule: 'previous-stage',
      message:
        previous.latest === null
          ? `a succeeded run of this version of the change in ${previous.environment}: it has none yet, move it into ${previous.environment} first (\`ferry pipeline advance\`, the Advance button, or a promotion to ${previous.environment})`
          : previous.rolledBack
            ? `a succeeded run in ${previous.environment}: run ${previous.latest.id} there was rolled back, promote ${previous.environment} again`
            : `a succeeded run in ${previous.environment}: the last run there (${previous.latest.id}) ended ${previous.latest.status}, promote ${previous.environment} again`,
      until: null,
    });
  } else if (previous?.latest) {
    const run = previous.latest;
    if (stage.requireChecksPassed !== false && run.checksPassed === false) {
      waits.push({
        rule: 'checks',
        message: `the post-promotion checks of run ${run.id} in ${previous.environment} failed: fix what they found and promote ${previous.environment} again`,
        until: null,
      });
    }
    const soakHours = stage.soakHours ?? 0;
    if (soakHours > 0 && run.finishedAt !== null) {
      const until = new Date(new Date(run.finishedAt).getTime() + soakHours * HOUR_MS);
      if (until.getTime() > now.getTime()) {
        waits.push({
          rule: 'soak',
          message: `soaking in ${previous.environment} until ${localMomentText(until, timeZone, now)} (${leftText(until.getTime() - now.getTime())} left)`,
          until: until.toISOString(),
        });
      }
    }
    if (stage.requireNoDrift !== false && facts.drift !== null) {
      if (facts.drift.error !== null) {
        waits.push({
          rule: 'drift',
          message: `could not read ${previous.environment} to check that the change is still as run ${run.id} left it (${facts.drift.error}); try again`,
          until: null,
        });
      } else if (facts.drift.differences.length > 0) {
        waits.push({
          rule: 'drift',
          message: `${previous.environment} drifted since run ${run.id}: ${facts.drift.differences.join('; ')}. Put it back (\`ferry rollback ${run.id}\` then advance again, or promote ${previous.environment} again)`,
          until: null,
        });
      }
    }
  }
  if (stage.windows !== undefined && stage.windows.length > 0) {
    const open = stage.windows.some((window) => activeSpan(window, now) !== null);
    if (!open) {
      const starts = stage.windows
        .map((window) => nextWindowStart(window, now))
        .filter((start): start is Date => start !== null)
        .sort((a, b) => a.getTime() - b.getTime());
      const first = starts[0] ?? null;
      const described = stage.windows.map((window) => describeWindow(window)).join(', ');
      waits.push({
        rule: 'window',
        message:
          first === null
            ? `outside the allowed windows of ${stage.environment} (${described}), and none opens within a year`
            : `outside the allowed windows of ${stage.environment} (${described}): the next opens ${localMomentText(first, timeZone, now)} (in ${leftText(first.getTime() - now.getTime())})`,
        until: first?.toISOString() ?? null,
      });
    }
  }
  return waits;
}

function gateWait(
  gate: { gate: string; reason: string },
  gates: NextStageFacts['gates'],
  changesetId: string,
  environment: string,
): PipelineWait {
  const reason = gate.reason.replace(/\.$/, '');
  if (gate.gate === 'approvals') {
    const risk = gates.risk ? ` (risk ${gates.risk})` : '';
    return {
      rule: 'gates',
      // The app's way too: not every approver uses the command line.
      message: `needs approvals${risk}: ${reason}; ask an approver to approve it: in the app, plan a promotion of ${changesetId} to ${environment} on the Promotions page and press Approve under Approvals, or run \`ferry approve ${changesetId}\``,
      until: null,
    };
  }
  if (gate.gate === 'deny-window') {
    return {
      rule: 'gates',
      message: `${environment} is in a deny window: ${reason}`,
      until: gates.denyUntil ?? null,
    };
  }
  return { rule: 'gates', message: `${gate.gate}: ${reason}`, until: null };
}

/** `3 h 12 min`, `45 min`, `2 days 4 h`, `under a minute`. */
export function leftText(ms: number): string {
  const minutes = Math.ceil(Math.max(0, ms) / MINUTE_MS);
  if (minutes < 1) return 'under a minute';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return `${days} day${days === 1 ? '' : 's'}${hours > 0 ? ` ${hours} h` : ''}`;
  if (hours > 0) return `${hours} h${rest > 0 ? ` ${rest} min` : ''}`;
  return `${rest} min`;
}

function summaryOf(
  pipeline: Pipeline,
  changesetId: string,
  stages: readonly StageStatus[],
  next: number | null,
): string {
  const last = pipeline.stages[pipeline.stages.length - 1]?.environment ?? '';
  if (next === null) {
    return `${changesetId} has reached ${last}, the last stage of pipeline ${pipeline.name}: nothing left to advance.`;
  }
  const stage = stages[next] as StageStatus;
  if (stage.state === 'rolled-back' && stage.run) {
    const again =
      stage.waits.length === 0
        ? `To put this change there again, run \`ferry pipeline advance ${changesetId}\``
        : `To put this change there again, first: ${stage.waits.map((wait) => wait.message).join('; ')}; then run \`ferry pipeline advance ${changesetId}\``;
    return `Run ${stage.run.id} into ${stage.environment} was rolled back: ${stage.environment} holds what it had before that run. ${again}; to change what it does, make a new changeset (\`ferry changeset new\`).`;
  }
  const failed =
    stage.state === 'failed' && stage.run
      ? `The last run into ${stage.environment} (${stage.run.id}) ended ${stage.run.status}; look at it (\`ferry runs ${stage.run.id}\`). `
      : '';
  if (stage.waits.length === 0) {
    return `${failed}Ready to ${failed ? 'retry' : 'advance into'} ${stage.environment}: run \`ferry pipeline advance ${changesetId}\`.`;
  }
  return `${failed}Waiting to enter ${stage.environment}: ${stage.waits.map((wait) => wait.message).join('; ')}.`;
}
