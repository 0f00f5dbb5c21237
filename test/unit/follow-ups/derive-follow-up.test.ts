import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  deriveFollowUp,
  type FollowUpApproval,
  type FollowUpFacts,
  type OverrideRun,
} from '../../../shared/promotion/follow-ups/derive-follow-up';
import type { FollowUpState } from '../../../shared/promotion/follow-ups/follow-up';

const START = '2026-11-23T10:00:00.000Z';
const DUE = '2026-11-24T10:00:00.000Z';
const hoursAfterStart = (hours: number) => new Date(Date.parse(START) + hours * 3_600_000);
const iso = (hours: number) => hoursAfterStart(hours).toISOString();

const run: OverrideRun = {
  runId: '2026-11-23T10-00-00Z-cs-storm-abc123-0a1b2c',
  changesetId: 'cs-storm-abc123',
  changesetDigest: 'sha256:aaaa',
  environment: 'prod',
  reason: 'INC-7 storm',
  overrider: { keyId: 'ada-key', owner: 'Ada' },
  startedAt: START,
};

const rita = (hours: number, extra: Partial<FollowUpApproval> = {}): FollowUpApproval => ({
  keyId: 'rita-key',
  owner: 'Rita',
  status: 'valid',
  at: iso(hours),
  ...extra,
});

function facts(
  nowHours: number,
  approvals: FollowUpApproval[],
  extra: Partial<FollowUpFacts> = {},
): FollowUpFacts {
  return {
    run,
    followUpHours: 24,
    approvals,
    authors: [{ keyId: 'bob-key', owner: 'Bob' }],
    now: hoursAfterStart(nowHours),
    currentDigest: run.changesetDigest,
    ...extra,
  };
}

describe('an override follow-up, state by state', () => {
  const table: [string, FollowUpFacts, FollowUpState, string | null][] = [
    ['no approval within the window', facts(2, []), 'pending', null],
    ['no approval, exactly at the due time', facts(24, []), 'pending', null],
    ['no approval after the window', facts(25, []), 'overdue', null],
    ['an approval within the window', facts(30, [rita(3)]), 'resolved', 'Rita'],
    ['an approval after the window', facts(30, [rita(26)]), 'resolved-late', 'Rita'],
    ['an approval made before the override (same digest) counts', facts(30, [rita(-1)]), 'resolved', 'Rita'],
    [
      "the overrider's own approval does not count",
      facts(30, [{ keyId: 'ada-key', owner: 'Ada', status: 'valid', at: iso(1) }]),
      'overdue',
      null,
    ],
    [
      "the overrider's second key (same owner, other case) does not count",
      facts(30, [{ keyId: 'ada-laptop', owner: ' ada ', status: 'valid', at: iso(1) }]),
      'overdue',
      null,
    ],
    [
      "the author's approval does not count",
      facts(30, [{ keyId: 'bob-key', owner: 'Bob', status: 'valid', at: iso(1) }]),
      'overdue',
      null,
    ],
    [
      "an author's other key does not count",
      facts(30, [{ keyId: 'bob-phone', owner: 'BOB', status: 'valid', at: iso(1) }]),
      'overdue',
      null,
    ],
    [
      'an approval for another environment does not count',
      facts(30, [rita(1, { status: 'other-environment' })]),
      'overdue',
      null,
    ],
    [
      'an approval of another version (stale) does not count',
      facts(30, [rita(1, { status: 'stale' })]),
      'overdue',
      null,
    ],
    [
      'an untrusted signature does not count',
      facts(30, [rita(1, { status: 'untrusted', owner: null })]),
      'overdue',
      null,
    ],
    ['a rejection does not count', facts(30, [rita(1, { status: 'rejected' })]), 'overdue', null],
    [
      'the earliest counted approval decides',
      facts(30, [rita(28), { keyId: 'cy-key', owner: 'Cy', status: 'valid', at: iso(5) }]),
      'resolved',
      'Cy',
    ],
  ];
  for (const [name, input, state, approver] of table) {
    it(name, () => {
      const followUp = deriveFollowUp(input);
      assert.equal(followUp.state, state);
      assert.equal(followUp.approvedBy?.owner ?? null, approver);
      assert.equal(followUp.dueAt, DUE);
      assert.equal(followUp.overriddenAt, START);
    });
  }

  it('the due time follows the policy’s hours', () => {
    assert.equal(deriveFollowUp(facts(5, [], { followUpHours: 4 })).state, 'overdue');
    assert.equal(deriveFollowUp(facts(5, [], { followUpHours: 4 })).dueAt, iso(4));
  });

  it('says what to do, naming who may not approve', () => {
    const overdue = deriveFollowUp(facts(25, []));
    assert.equal(
      overdue.message,
      `Ask an approver other than Ada and the author (Bob) to run: ferry approve cs-storm-abc123 --environments prod. Until then Ada cannot use another emergency override.`,
    );
    assert.match(
      deriveFollowUp(facts(1, [])).message,
      /^Ask an approver other than Ada and the author \(Bob\) to run: ferry approve cs-storm-abc123 --environments prod\.$/,
    );
    assert.match(deriveFollowUp(facts(30, [rita(26)])).message, /Rita approved .* 2 h after it was due/);
  });

  it('says to restore the changeset when it was edited or removed since the run', () => {
    assert.match(
      deriveFollowUp(facts(25, [], { currentDigest: 'sha256:bbbb' })).message,
      /was edited after this run/,
    );
    assert.match(
      deriveFollowUp(facts(25, [], { currentDigest: null })).message,
      /is no longer in the workspace/,
    );
  });
});
