import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FollowUp, FollowUpState } from '../../../shared/promotion/follow-ups/follow-up';
import {
  describeAllFollowUps,
  describeOpenFollowUps,
  followUpsInDisplayOrder,
} from '../../../shared/promotion/follow-ups/follow-up-text';

function followUp(runId: string, state: FollowUpState, dueAt: string, reason = 'INC'): FollowUp {
  return {
    runId,
    changesetId: `cs-${runId}`,
    changesetDigest: 'sha256:aa',
    environment: 'prod',
    reason,
    overriddenBy: { keyId: 'k', owner: 'Ada' },
    overriddenAt: new Date(Date.parse(dueAt) - 86_400_000).toISOString(),
    dueAt,
    state,
    approvedBy: null,
    message: `message of ${runId}`,
  };
}

describe('follow-ups as text', () => {
  const list = [
    followUp('p1', 'pending', '2026-11-25T00:00:00.000Z'),
    followUp('r1', 'resolved', '2026-11-20T00:00:00.000Z'),
    followUp('o2', 'overdue', '2026-11-22T00:00:00.000Z'),
    followUp('o1', 'overdue', '2026-11-21T00:00:00.000Z'),
  ];

  it('orders overdue first (oldest due first), then pending, then resolved', () => {
    assert.deepEqual(
      followUpsInDisplayOrder(list).map((item) => item.runId),
      ['o1', 'o2', 'p1', 'r1'],
    );
  });

  it('ferry runs shows only the open ones; nothing at all when none is open', () => {
    const text = describeOpenFollowUps(list).join('\n');
    assert.match(text, /2 overdue, 1 pending/);
    assert.doesNotMatch(text, /r1/);
    assert.deepEqual(describeOpenFollowUps([list[1] as FollowUp]), []);
  });

  it('prints a planted reason as text, not terminal escapes', () => {
    const text = describeAllFollowUps([
      followUp('x', 'overdue', '2026-11-22T00:00:00.000Z', 'ok\u001b[2K\rforged'),
    ]);
    assert.ok(!text.includes('\u001b'), text);
    assert.match(text, /ok\\u001b\[2K\\u000dforged/);
  });
});
