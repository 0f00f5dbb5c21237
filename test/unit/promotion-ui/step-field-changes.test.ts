import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PlanStep } from '../../../shared/model/plan';
import { ABSENT, stepFieldChanges } from '../../../renderer/src/features/promotions/step-field-changes';

function step(fields: Pick<PlanStep, 'action' | 'current' | 'expected'>): PlanStep {
  return {
    index: 0,
    operation: 0,
    type: 'routing.queue',
    key: 'Billing',
    id: null,
    level: 0,
    calls: [],
    ...fields,
  };
}

describe('a plan step’s field changes, before → after', () => {
  it('lists what an update changes, from the plan’s current and expected objects', () => {
    const rows = stepFieldChanges(
      step({
        action: 'update',
        current: {
          name: 'Billing',
          acwSettings: { timeoutMs: 30000, wrapupPrompt: 'OPTIONAL' },
          description: 'old',
          skillEvaluationMethod: 'ALL',
        },
        expected: {
          name: 'Billing',
          acwSettings: { timeoutMs: 60000, wrapupPrompt: 'OPTIONAL' },
          skillEvaluationMethod: 'ALL',
          callingPartyName: 'Billing line',
        },
      }),
    );
    assert.deepEqual(rows, [
      { path: 'acwSettings.timeoutMs', before: '30000', after: '60000' },
      { path: 'callingPartyName', before: ABSENT, after: '"Billing line"' },
      { path: 'description', before: '"old"', after: ABSENT },
    ]);
  });

  it('lists every field a create sets and a delete removes; nothing for a step without objects', () => {
    const created = stepFieldChanges(
      step({ action: 'create', current: null, expected: { name: 'Video', enabled: true } }),
    );
    assert.deepEqual(created, [
      { path: 'enabled', before: ABSENT, after: 'true' },
      { path: 'name', before: ABSENT, after: '"Video"' },
    ]);
    const deleted = stepFieldChanges(step({ action: 'delete', current: { name: 'Old' }, expected: null }));
    assert.deepEqual(deleted, [{ path: 'name', before: '"Old"', after: ABSENT }]);
    assert.deepEqual(stepFieldChanges(step({ action: 'blocked', current: null, expected: null })), []);
  });

  it('reads references by the name they point at', () => {
    const rows = stepFieldChanges(
      step({
        action: 'update',
        current: { name: 'Billing', queueFlow: { $ref: 'architect.flow', name: 'Old flow' } },
        expected: { name: 'Billing', queueFlow: { $ref: 'architect.flow', name: 'New flow' } },
      }),
    );
    assert.deepEqual(rows, [{ path: 'queueFlow', before: '"Old flow"', after: '"New flow"' }]);
  });
});
