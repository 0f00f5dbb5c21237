import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FollowUp, FollowUpState } from '../../../shared/promotion/follow-ups/follow-up';
import { followUpsView, spanInWords } from '../../../renderer/src/features/follow-ups/follow-ups-model';

function followUp(runId: string, state: FollowUpState, dueAt: string): FollowUp {
  return {
    runId,
    changesetId: `cs-${runId}`,
    changesetDigest: 'sha256:aa',
    environment: 'prod',
    reason: 'INC-7 storm',
    overriddenBy: { keyId: 'k', owner: 'Ada' },
    overriddenAt: '2026-11-23T10:00:00.000Z',
    dueAt,
    state,
    approvedBy: null,
    message: `ask an approver other than Ada to run: ferry approve cs-${runId}`,
  };
}

describe('the Promotions page follow-ups panel model', () => {
  const now = new Date('2026-11-24T13:00:00.000Z');

  it('puts overdue ones in their own list, says how late, and leaves resolved ones out', () => {
    const view = followUpsView(
      [
        followUp('p', 'pending', '2026-11-24T16:00:00.000Z'),
        followUp('o', 'overdue', '2026-11-24T10:00:00.000Z'),
        followUp('r', 'resolved', '2026-11-24T10:00:00.000Z'),
      ],
      now,
    );
    assert.deepEqual(
      view.overdue.map((row) => row.runId),
      ['o'],
    );
    assert.deepEqual(
      view.pending.map((row) => row.runId),
      ['p'],
    );
    assert.equal(view.overdueHeading, '1 emergency override is overdue for a retrospective approval');
    assert.equal(view.overdue[0]?.title, 'cs-o → prod');
    assert.match(view.overdue[0]?.due ?? '', /^Was due 2026-11-24 10:00 UTC \(3 hours ago\)$/);
    assert.match(view.pending[0]?.due ?? '', /^Due 2026-11-24 16:00 UTC \(in 3 hours\)$/);
    assert.match(view.overdue[0]?.overridden ?? '', /^Overridden by Ada on .*: INC-7 storm$/);
    // The host names the command; the app says where the same approval is given here.
    assert.equal(
      view.pending[0]?.inApp,
      'In the app: that approver chooses this changeset and prod under New promotion, plans it and presses Approve.',
    );
  });

  it('words a span', () => {
    assert.equal(spanInWords(20 * 60_000), 'under an hour');
    assert.equal(spanInWords(3_600_000), '1 hour');
    assert.equal(spanInWords(-5 * 3_600_000), '5 hours');
    assert.equal(spanInWords(72 * 3_600_000), '3 days');
  });
});
