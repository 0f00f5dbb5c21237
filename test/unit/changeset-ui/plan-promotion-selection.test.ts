import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planPromotionSelection } from '../../../renderer/src/features/changesets/plan-promotion-selection';

describe('Plan promotion… from the changeset editor', () => {
  it('carries the target picked in the editor to the Promotions page', () => {
    assert.deepEqual(planPromotionSelection('cs-video', 'uat'), {
      changesetId: 'cs-video',
      environment: 'uat',
    });
  });

  it('leaves the environment to choose there when none is picked', () => {
    assert.deepEqual(planPromotionSelection('cs-video', null), { changesetId: 'cs-video' });
  });
});
