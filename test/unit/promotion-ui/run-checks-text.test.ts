import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkFailureText } from '../../../renderer/src/features/promotions/run-checks-text';

/* After a failed post-promotion check the run detail says where the environment stands and what next. */

const failure = { step: null, code: 'check.failed', message: 'post-promotion check failed: …' };

describe('a failed post-promotion check in words', () => {
  it('says the writes stayed when the policy stops, and offers fixing or rolling back', () => {
    assert.equal(
      checkFailureText({ status: 'checks-failed', environment: 'prod', failure }),
      'A check failed and prod’s policy stops there: the writes stay in prod. Put right what the check found, or roll the run back.',
    );
  });

  it('says the run undid its writes when the policy rolls back', () => {
    assert.match(
      checkFailureText({ status: 'rolled-back', environment: 'prod', failure }) ?? '',
      /^A check failed, so the run undid its writes as prod’s policy asks: prod is as it was before\./,
    );
  });

  it('says nothing for a failure that is not a check’s', () => {
    assert.equal(
      checkFailureText({
        status: 'stopped',
        environment: 'prod',
        failure: { step: 1, code: 'genesys.error', message: 'x' },
      }),
      null,
    );
    assert.equal(checkFailureText({ status: 'succeeded', environment: 'prod', failure: null }), null);
  });
});
