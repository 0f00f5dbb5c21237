import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Plan, PlanStep, StepAction } from '../../../shared/model/plan';
import type { JournalEntry, RunStepResult } from '../../../shared/promotion/engine/run-records';
import {
  canConfirm,
  confirmExplanation,
  confirmLabel,
  confirmSummary,
  type WriteRequest,
} from '../../../renderer/src/features/promotions/write-confirmation';
import {
  promotionCounts,
  recoveryCounts,
  rollbackCounts,
  writeSummary,
} from '../../../renderer/src/features/promotions/write-summary';

function step(index: number, action: StepAction): PlanStep {
  return {
    index,
    operation: index,
    action,
    type: 'routing.skill',
    key: `skill ${index}`,
    id: null,
    level: 0,
    calls: [],
    current: null,
    expected: null,
  };
}

function plan(actions: readonly StepAction[]): Plan {
  return {
    formatVersion: 1,
    changesetId: 'video',
    changesetDigest: 'sha256:0',
    environment: 'uat',
    tier: 'test',
    createdAt: '2026-12-06T08:00:00.000Z',
    steps: actions.map((action, index) => step(index, action)),
    gates: [],
    fingerprint: 'sha256:1',
    summary: { create: 0, update: 0, delete: 0, noop: 0, conflict: 0, blocked: 0 },
  };
}

function result(index: number, action: StepAction, status: RunStepResult['status']): RunStepResult {
  return { index, type: 'routing.skill', key: `skill ${index}`, action, status, id: null };
}

const at = '2026-12-06T08:00:00.000Z';
const before = { api: null, canonical: null };

describe('the one line before a write', () => {
  it('names every count, zeros and singulars included, and the environment', () => {
    assert.equal(
      writeSummary({ create: 3, update: 1, delete: 0 }, 'uat'),
      '3 creates, 1 update, 0 deletes on uat',
    );
    assert.equal(
      writeSummary({ create: 1, update: 0, delete: 2 }, 'prod'),
      '1 create, 0 updates, 2 deletes on prod',
    );
  });

  it('counts a promotion from the plan’s writing steps only', () => {
    const counts = promotionCounts(plan(['create', 'create', 'create', 'update', 'noop', 'delete']));
    assert.deepEqual(counts, { create: 3, update: 1, delete: 1 });
  });

  it('counts a rollback as the undo of each step the run did: a create is deleted, a delete re-created', () => {
    const counts = rollbackCounts([
      result(0, 'create', 'done'),
      result(1, 'create', 'done'),
      result(2, 'update', 'done'),
      result(3, 'delete', 'done'),
      result(4, 'update', 'failed'),
      result(5, 'create', 'not-run'),
      result(6, 'update', 'noop'),
      result(7, 'create', 'rolled-back'),
    ]);
    assert.deepEqual(counts, { create: 1, update: 1, delete: 2 });
  });

  it('counts the recovery of an interrupted run from its journal', () => {
    const interrupted = plan(['create', 'update', 'delete', 'noop']);
    const journal: JournalEntry[] = [
      {
        kind: 'step-started',
        seq: 1,
        at,
        phase: 'forward',
        step: 0,
        type: 't',
        key: 'k',
        id: null,
        before,
        calls: [],
      },
      { kind: 'step-done', seq: 2, at, phase: 'forward', step: 0, id: 'x', after: {} },
      // Started, no answer recorded: it may have been applied.
      {
        kind: 'step-started',
        seq: 3,
        at,
        phase: 'forward',
        step: 1,
        type: 't',
        key: 'k',
        id: 'y',
        before,
        calls: [],
      },
    ];
    assert.deepEqual(recoveryCounts(interrupted, journal, 'rollback'), { create: 0, update: 1, delete: 1 });
    assert.deepEqual(recoveryCounts(interrupted, journal, 'resume'), { create: 0, update: 1, delete: 1 });
    const undone: JournalEntry[] = [
      ...journal,
      { kind: 'step-done', seq: 4, at, phase: 'undo', step: 1, id: 'y', after: {} },
    ];
    assert.deepEqual(recoveryCounts(interrupted, undone, 'rollback'), { create: 0, update: 0, delete: 1 });
  });
});

describe('the confirmation of a write', () => {
  const promote: WriteRequest = {
    kind: 'promote',
    changesetId: 'video',
    environment: 'uat',
    tier: 'test',
    overrideReason: null,
    counts: { create: 3, update: 1, delete: 0 },
  };
  const rollback: WriteRequest = {
    kind: 'rollback',
    runId: '20261206-0800-abcd',
    environment: 'prod',
    tier: 'prod',
    counts: { create: 0, update: 0, delete: 1 },
  };

  it('has one label per action, the same words as the button that asked', () => {
    assert.equal(confirmLabel(promote), 'Promote to uat');
    assert.equal(confirmLabel(rollback), 'Roll back run 20261206-0800-abcd');
    assert.equal(
      confirmLabel({
        kind: 'recover',
        action: 'resume',
        runId: 'r1',
        environment: 'uat',
        tier: null,
        counts: 'reading',
      }),
      'Resume run r1',
    );
    assert.equal(confirmSummary(promote), '3 creates, 1 update, 0 deletes on uat');
    assert.match(confirmExplanation(promote), /video is written to uat/);
  });

  it('says whether an emergency override is used: only a failed gate uses it and opens a follow-up', () => {
    const reason = 'INC-5120: outage';
    const used = confirmExplanation({ ...promote, overrideReason: reason, overriddenGates: ['deny-window'] });
    assert.match(
      used,
      /override “INC-5120: outage” lets deny windows through and is recorded with your name/,
    );
    assert.match(
      used,
      /opens a follow-up: someone other than you and the author approves the change afterwards/,
    );
    const unused = confirmExplanation({ ...promote, overrideReason: reason, overriddenGates: [] });
    assert.match(
      unused,
      /Every gate passes without the emergency override “INC-5120: outage”, so it is not used/,
    );
    assert.match(unused, /records no override and opens no follow-up/);
    assert.doesNotMatch(unused, /is recorded/);
    assert.doesNotMatch(confirmExplanation(promote), /override/);
  });

  it('lets a non-production write through on the button alone, production only with its name typed', () => {
    assert.equal(canConfirm(promote, ''), true);
    assert.equal(canConfirm(rollback, ''), false);
    assert.equal(canConfirm(rollback, 'pro'), false);
    assert.equal(canConfirm(rollback, 'prod'), true);
  });

  it('waits for an interrupted run’s journal, and says so when it cannot be read', () => {
    const reading: WriteRequest = {
      kind: 'recover',
      action: 'rollback',
      runId: 'r1',
      environment: 'uat',
      tier: 'test',
      counts: 'reading',
    };
    assert.equal(canConfirm(reading, ''), false);
    assert.match(confirmSummary(reading), /^Reading what run r1 wrote to uat/);
    const unknown: WriteRequest = { ...reading, counts: 'unknown' };
    assert.equal(canConfirm(unknown, ''), true);
    assert.match(confirmSummary(unknown), /cannot be read from its journal/);
  });
});
