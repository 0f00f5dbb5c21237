import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sortIssues } from '../../../renderer/src/features/environments/environment-draft';

describe('issues from main land on the environment form', () => {
  it('puts a field issue by its field and a worded one elsewhere as it reads', () => {
    const sorted = sortIssues({
      issues: [
        { path: 'environment.clientId', label: 'Client ID', message: 'Client ID must not be empty' },
        {
          path: 'acceptUnprotected',
          label: 'Accept unprotected',
          message: 'Accept unprotected must be yes or no',
        },
        { path: 'somewhere', message: 'must be set' },
      ],
    });
    assert.equal(sorted.fields.clientId, 'Client ID must not be empty');
    assert.deepEqual(sorted.other, ['Accept unprotected must be yes or no', 'somewhere: must be set']);
  });
});
