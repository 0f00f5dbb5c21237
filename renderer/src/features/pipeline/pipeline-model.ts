import type { Tier } from '../../../../shared/model/environment';
import type { RunResult } from '../../../../shared/promotion/engine/run-records';
import type {
  PipelineStatus,
  PipelineWait,
  StageState,
  StageStatus,
} from '../../../../shared/promotion/pipeline/pipeline';
import { formatDateTime } from '../../../../shared/format/date-time';
import { RUN_STATUS_LABELS } from '../promotions/promotion-format';

/**
 * What the pipeline view says about a pipeline status (issue 20): one row per stage with its
 * state in words, the run that got it there and what it waits for with the time each wait ends.
 * The words are shaped here, not in the components, so they are unit-tested.
 */

export const STAGE_STATE_LABELS: Readonly<Record<StageState, string>> = {
  done: 'Done',
  ready: 'Ready to advance',
  waiting: 'Waiting',
  failed: 'Failed',
  'rolled-back': 'Rolled back',
  pending: 'Not yet',
};

export interface WaitLine {
  /** The service's sentence, e.g. `soaking in uat until … (3 h 12 min left)`. */
  text: string;
  /** `Ends by itself 2026-12-08 14:00 UTC (in 3 h 12 min)`, or what a person must do. */
  ends: string;
  /** ISO, for a `<time>` element; null when a person must act. */
  until: string | null;
}

export interface StageRow {
  environment: string;
  state: StageState;
  stateLabel: string;
  /** `Run 20261207-… succeeded, finished 2026-12-07 06:12 UTC, its checks passed` or `No run yet`. */
  run: string;
  runId: string | null;
  waits: WaitLine[];
  /** The stage `advance` moves into next. */
  isNext: boolean;
  /** 1-based, for "Stage 2 of 3". */
  position: number;
}

/** `3 h 12 min`, `2 days 4 h`, `45 min`, `under a minute`: how long until a wait ends by itself. */
export function durationText(milliseconds: number): string {
  // Counted up, as the service's own "(1 h left)" is: the two lines of one wait agree.
  const minutes = milliseconds < 60_000 ? 0 : Math.ceil(milliseconds / 60_000);
  if (minutes < 1) return 'under a minute';
  const days = Math.floor(minutes / (24 * 60));
  const hours = Math.floor((minutes % (24 * 60)) / 60);
  const rest = minutes % 60;
  if (days > 0) return hours > 0 ? `${days} day${days === 1 ? '' : 's'} ${hours} h` : plural(days, 'day');
  if (hours > 0) return rest > 0 ? `${hours} h ${rest} min` : `${hours} h`;
  return `${rest} min`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** When a wait ends, measured from when the status was computed (its `checkedAt`). */
export function waitLine(wait: PipelineWait, checkedAt: string): WaitLine {
  if (wait.rule === 'previous-stage') {
    // Not a person's task of its own: it ends when the stage before is done.
    return { text: wait.message, ends: 'Once the stage before it is done.', until: null };
  }
  if (wait.until === null) {
    return { text: wait.message, ends: 'Needs a person: it does not end by itself.', until: null };
  }
  const left = Date.parse(wait.until) - Date.parse(checkedAt);
  const when = formatDateTime(wait.until);
  return {
    text: wait.message,
    ends: Number.isNaN(left)
      ? `Ends by itself ${when}.`
      : left <= 0
        ? `Ended ${when}: advance to check again.`
        : `Ends by itself ${when} (in ${durationText(left)}).`,
    until: wait.until,
  };
}

const RUN_STATUS_WORDS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(RUN_STATUS_LABELS).map(([status, label]) => [status, label.toLowerCase()]),
);

/** The run that got the stage where it is, in one sentence. */
export function runText(run: StageStatus['run']): string {
  if (run === null) return 'No run of this version yet.';
  const status = RUN_STATUS_WORDS[run.status] ?? run.status;
  const finished = run.finishedAt === null ? 'not finished' : `finished ${formatDateTime(run.finishedAt)}`;
  // A `checks-failed` status already says it: "checks failed, …, its checks failed" said it twice.
  const checks =
    run.checksPassed === null || run.status === 'checks-failed'
      ? ''
      : run.checksPassed
        ? ', its checks passed'
        : ', its checks failed';
  return `Run ${run.id}: ${status}, ${finished}${checks}.`;
}

export function stageRows(status: PipelineStatus): StageRow[] {
  return status.stages.map((stage, index) => ({
    environment: stage.environment,
    state: stage.state,
    stateLabel: STAGE_STATE_LABELS[stage.state],
    run: runText(stage.run),
    runId: stage.run?.id ?? null,
    waits: stage.waits.map((wait) => waitLine(wait, status.checkedAt)),
    isNext: status.next === stage.environment,
    position: index + 1,
  }));
}

/**
 * The one-line summary as the app says it. The service's sentence is written for the command line
 * (`run ferry pipeline advance …`, `ferry runs …`); here the button below does that, so when the next
 * stage is ready (or its last run failed) the sentence names the button instead. Waits and the
 * finished pipeline keep the service's words.
 */
export function summaryText(status: PipelineStatus): string {
  const next = status.stages.find((stage) => stage.environment === status.next);
  if (next === undefined || next.waits.length > 0) return status.summary;
  if (next.state === 'rolled-back' && next.run !== null) {
    return `Run ${next.run.id} into ${next.environment} was rolled back: ${next.environment} holds what it had before that run. To put this change there again, use “Advance to ${next.environment}…” below; to change what it does, make a new changeset.`;
  }
  if (next.state === 'failed' && next.run !== null) {
    const words = RUN_STATUS_WORDS[next.run.status] ?? next.run.status;
    return `The last run into ${next.environment} ended: ${words}. Open it to see what happened, then retry with “Advance to ${next.environment}…” below.`;
  }
  return `Ready to advance into ${next.environment}.`;
}

/** What the Advance button offers, or why there is none. */
export type AdvanceOffer =
  | { kind: 'advance'; environment: string; label: string; hint: string }
  | { kind: 'finished'; message: string };

export function advanceOffer(status: PipelineStatus): AdvanceOffer {
  if (status.next === null) {
    const last = status.stages.at(-1)?.environment ?? 'the last stage';
    return {
      kind: 'finished',
      message: `This version reached ${last}, the last stage: nothing is left to advance.`,
    };
  }
  const next = status.stages.find((stage) => stage.environment === status.next);
  const hint =
    next?.state === 'ready'
      ? `Every rule allows it now: advancing promotes the changeset to ${status.next}.`
      : next?.state === 'failed'
        ? `The last run into ${status.next} failed: read it on the Promotions page before advancing again.`
        : next?.state === 'rolled-back'
          ? `The last run into ${status.next} was rolled back, so ${status.next} is as it was before it: advancing promotes this change there again.`
          : `It waits for what ${status.next} lists; Ferry checks every rule again when you advance.`;
  return { kind: 'advance', environment: status.next, label: `Advance to ${status.next}`, hint };
}

/** Production asks for its name typed, as a promotion does: a yes to the wrong place cannot slip through. */
export function needsTypedName(tier: Tier | null): boolean {
  return tier === 'prod';
}

export function canConfirmAdvance(environment: string, tier: Tier | null, typed: string): boolean {
  return !needsTypedName(tier) || typed === environment;
}

/** One line after an advance: where it went, how the run ended, and where the change stands now. */
export function advanceOutcome(
  environment: string,
  result: RunResult,
  status: PipelineStatus,
): {
  tone: 'success' | 'failure';
  message: string;
} {
  const words = RUN_STATUS_WORDS[result.status] ?? result.status;
  if (result.status === 'succeeded') {
    // Where the change stands now is the summary just above, refreshed: not repeated here.
    const last = status.next === null ? ' It reached the last stage of its pipeline.' : '';
    return { tone: 'success', message: `Advanced to ${environment}: run ${result.runId} succeeded.${last}` };
  }
  const why = result.failure ? ` ${result.failure.message}` : '';
  return {
    tone: 'failure',
    message: `Run ${result.runId} into ${environment} ${words}.${why} Open it on the Promotions page to see what happened.`,
  };
}

/** A piece of a service sentence: commands it names in backticks are shown as code. */
export interface TextSegment {
  text: string;
  code: boolean;
}

/** `ask an approver to run \`ferry approve x\`` → text, then the command as code. */
export function textSegments(sentence: string): TextSegment[] {
  const parts = sentence.split('`');
  // An odd count of backticks leaves the last one unpaired: that text stays as it is.
  if (parts.length % 2 === 0) return [{ text: sentence, code: false }];
  return parts
    .map((text, index) => ({ text, code: index % 2 === 1 }))
    .filter((segment) => segment.text !== '');
}
