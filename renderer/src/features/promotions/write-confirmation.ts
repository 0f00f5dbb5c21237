import type { Tier } from '../../../../shared/model/environment';
import { writeSummary, type WriteCounts } from './write-summary';

/**
 * A write to an environment waiting for a person's yes: a promotion, the rollback of a finished
 * run, or the recovery of an interrupted one. Each has one label: the button that asks ends in
 * "…", the dialog's button says the same words without it.
 */
export type WriteRequest =
  | {
      kind: 'promote';
      changesetId: string;
      environment: string;
      tier: Tier;
      overrideReason: string | null;
      /**
       * The gates the plan's override lets through. None means every gate passed without it, so the
       * run records no override and opens no follow-up (issue 20): the dialog says which it is.
       */
      overriddenGates?: readonly string[];
      counts: WriteCounts;
    }
  | { kind: 'rollback'; runId: string; environment: string; tier: Tier; counts: WriteCounts }
  | {
      kind: 'recover';
      action: 'resume' | 'rollback';
      runId: string;
      environment: string;
      tier: Tier | null;
      /** From the run's journal: `reading` until it is read, `unknown` when it cannot be. */
      counts: WriteCounts | 'reading' | 'unknown';
    };

/** The words of the button that writes, also the dialog's title with a question mark. */
export function confirmLabel(request: WriteRequest): string {
  switch (request.kind) {
    case 'promote':
      return `Promote to ${request.environment}`;
    case 'rollback':
      return `Roll back run ${request.runId}`;
    case 'recover':
      return request.action === 'resume' ? `Resume run ${request.runId}` : `Roll back run ${request.runId}`;
  }
}

/** The one line read before saying yes. */
export function confirmSummary(request: WriteRequest): string {
  const { counts, environment } = request;
  if (counts === 'reading') return `Reading what run ${runIdOf(request)} wrote to ${environment}…`;
  if (counts === 'unknown') {
    return `What run ${runIdOf(request)} wrote to ${environment} cannot be read from its journal`;
  }
  return writeSummary(counts, environment);
}

function runIdOf(request: WriteRequest): string {
  return request.kind === 'promote' ? request.changesetId : request.runId;
}

/** What happens, in a sentence, with the environment named. */
export function confirmExplanation(request: WriteRequest): string {
  const where = request.environment;
  switch (request.kind) {
    case 'promote':
      return `Changeset ${request.changesetId} is written to ${where}, every object is read back, then ${where} is snapshotted.${overrideSentence(request.overrideReason, request.overriddenGates)}`;
    case 'rollback':
      return `Every object run ${request.runId} wrote to ${where} is put back as it was. Refused for any object changed since.`;
    case 'recover':
      return request.action === 'resume'
        ? `The interrupted run ${request.runId} finishes the writes it had left in ${where}.`
        : `Every write the interrupted run ${request.runId} may have made in ${where} is undone.`;
  }
}

const GATE_WORDS: Readonly<Record<string, string>> = {
  approvals: 'approvals',
  'deny-window': 'deny windows',
  pipeline: "the pipeline's rules",
};

/**
 * An override is only used when a gate failed: then it is recorded and opens a follow-up (an
 * approval after the fact); when every gate passed without it, saying "recorded" would promise a
 * record and a follow-up that never come.
 */
function overrideSentence(reason: string | null, overridden: readonly string[] | undefined): string {
  if (!reason) return '';
  if (overridden !== undefined && overridden.length === 0) {
    return ` Every gate passes without the emergency override “${reason}”, so it is not used: the run records no override and opens no follow-up.`;
  }
  const gates =
    overridden === undefined
      ? ''
      : ` lets ${overridden.map((gate) => GATE_WORDS[gate] ?? gate).join(' and ')} through and`;
  return ` The emergency override “${reason}”${gates} is recorded with your name; it opens a follow-up: someone other than you and the author approves the change afterwards.`;
}

/** Production asks for its name typed, so a yes to the wrong environment cannot slip through. */
export function needsTypedName(request: WriteRequest): boolean {
  return request.tier === 'prod';
}

export function canConfirm(request: WriteRequest, typed: string): boolean {
  if (request.kind === 'recover' && request.counts === 'reading') return false;
  return !needsTypedName(request) || typed === request.environment;
}
