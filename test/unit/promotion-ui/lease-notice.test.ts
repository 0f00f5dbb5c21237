import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FerryError } from '../../../shared/api/api-error';
import {
  breakLeaseLabel,
  leaseNoticeFrom,
  leaseReasonProblem,
  leaseTime,
} from '../../../renderer/src/features/promotions/lease-notice';

const NOW = new Date('2026-12-06T13:30:00.000Z');
const details = {
  environment: 'prod',
  holder: 'Ada Lovelace',
  runId: 'run-20261206-1300-ab12',
  since: '2026-12-06T13:00:00.000Z',
  expiresAt: '2026-12-06T14:05:00.000Z',
};

describe('lease notice', () => {
  it('a live lease names holder, run and time, says to wait and offers no break', () => {
    const notice = leaseNoticeFrom(
      new FerryError('environment.locked', 'prod is being promoted from another machine…', details),
      'promote',
      NOW,
      'UTC',
    );
    assert.ok(notice);
    assert.equal(notice.kind, 'held');
    assert.equal(notice.canBreak, false);
    assert.equal(
      notice.text,
      'Ada Lovelace is promoting to prod (run run-20261206-1300-ab12) until 14:05 UTC. Wait for them to finish, then try again.',
    );
  });

  it('an expired lease offers the break, says it is audited and what it goes on to do', () => {
    const expired = { ...details, expiresAt: '2026-12-06T13:10:00.000Z', expired: true };
    const notice = leaseNoticeFrom(
      new FerryError('environment.locked', 'expired', expired),
      'rollback',
      NOW,
      'UTC',
    );
    assert.ok(notice);
    assert.equal(notice.kind, 'expired');
    assert.equal(notice.canBreak, true);
    assert.match(
      notice.text,
      /^Ada Lovelace was promoting to prod \(run run-20261206-1300-ab12\) until 13:10 UTC/,
    );
    assert.match(notice.text, /audited/);
    assert.match(notice.text, /to roll back\.$/);
    assert.deepEqual(notice.lease, {
      environment: 'prod',
      holder: 'Ada Lovelace',
      keyId: null,
      runId: 'run-20261206-1300-ab12',
      expiresAt: '2026-12-06T13:10:00.000Z',
    });
  });

  it('names the holder’s key when the refusal carries it', () => {
    const notice = leaseNoticeFrom(
      new FerryError('environment.locked', 'x', { ...details, keyId: 'k-1234abcd' }),
      'resume',
      NOW,
      'UTC',
    );
    assert.match(notice?.text ?? '', /^Ada Lovelace \(key k-1234abcd\) is promoting to prod/);
  });

  it('a lease renewed meanwhile (lease.not-expired) is said plainly, with no break offered', () => {
    const notice = leaseNoticeFrom(
      new FerryError('lease.not-expired', 'cannot be broken yet', {
        ...details,
        expiresAt: '2026-12-06T14:35:00.000Z',
      }),
      'promote',
      NOW,
      'UTC',
    );
    assert.ok(notice);
    assert.equal(notice.kind, 'renewed');
    assert.equal(notice.canBreak, false);
    assert.match(notice.text, /^The lease was not broken: Ada Lovelace holds it again .* until 14:35 UTC\./);
  });

  it('other failures, this machine’s lock file and an unreadable lease are not lease notices', () => {
    assert.equal(leaseNoticeFrom(new FerryError('lease.lost', 'x', details), 'promote', NOW), null);
    assert.equal(leaseNoticeFrom(new Error('boom'), 'promote', NOW), null);
    // The local lock's holder is a process, not a person, and it has no run or expiry.
    const local = { environment: 'prod', file: '/ws/.ferry/locks/prod.lock', holder: { pid: 4, host: 'h' } };
    assert.equal(leaseNoticeFrom(new FerryError('environment.locked', 'x', local), 'promote', NOW), null);
    assert.equal(
      leaseNoticeFrom(new FerryError('environment.locked', 'x', { environment: 'prod' }), 'promote', NOW),
      null,
    );
    assert.equal(leaseNoticeFrom(new FerryError('environment.locked', 'x'), 'promote', NOW), null);
  });

  it('a lease ending another day shows its date', () => {
    assert.equal(leaseTime('2026-12-07T01:00:00.000Z', NOW, 'UTC'), '2026-12-07 01:00 UTC');
    assert.equal(leaseTime('2026-12-06T23:59:00.000Z', NOW, 'UTC'), '23:59 UTC');
  });

  it('a reason is required, trimmed, and at most 500 characters', () => {
    assert.match(leaseReasonProblem('') ?? '', /Say why/);
    assert.match(leaseReasonProblem('   ') ?? '', /Say why/);
    assert.equal(leaseReasonProblem('Ada’s laptop died mid-run; she agreed'), null);
    assert.equal(leaseReasonProblem('x'.repeat(500)), null);
    assert.match(leaseReasonProblem('x'.repeat(501)) ?? '', /500 characters/);
    assert.equal(breakLeaseLabel('resume'), 'Break the lease and resume');
  });
});
