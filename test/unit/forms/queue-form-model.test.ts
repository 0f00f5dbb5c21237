import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setAt } from '../../../renderer/src/features/changesets/forms/json-edit';
import {
  fractionToPercent,
  MEDIA_TYPES,
  msToSeconds,
  percentToFraction,
  ringSkills,
  ringTimeout,
  secondsToMs,
  SKILL_EVALUATION_METHODS,
  withRingAdded,
  withRingRemoved,
  withRingSkillNames,
  withRingTimeout,
  WRAPUP_PROMPTS,
} from '../../../renderer/src/features/changesets/forms/queue-form-model';
import { frozenCopy } from './form-test-support';

const skill = (name: string) => ({ $ref: 'routing.skill', name });

// Trimmed from a sandbox snapshot of "Billing - Voice".
const queue = {
  acwSettings: { timeoutMs: 45000, wrapupPrompt: 'MANDATORY_TIMEOUT' },
  bullseye: {
    rings: [
      {
        actions: { skillsToRemove: [skill('Payments')] },
        expansionCriteria: [{ threshold: 15, type: 'TIMEOUT_SECONDS' }],
      },
      {
        actions: { skillsToRemove: [skill('Billing')] },
        expansionCriteria: [{ threshold: 30, type: 'TIMEOUT_SECONDS' }],
      },
      {},
    ],
  },
  mediaSettings: {
    call: { alertingTimeoutSeconds: 8, serviceLevel: { durationMs: 20000, percentage: 0.8 } },
  },
  name: 'Billing - Voice',
  routingRules: [{ operator: 'ANY', waitSeconds: 10 }],
};

describe('queue form conversions', () => {
  it('shows milliseconds as seconds and stores whole milliseconds', () => {
    assert.equal(msToSeconds(45000), 45);
    assert.equal(msToSeconds(1500), 1.5);
    assert.equal(msToSeconds(undefined), undefined);
    assert.equal(secondsToMs(45), 45000);
    assert.equal(secondsToMs(0.0015), 2);
    assert.equal(secondsToMs(undefined), undefined);
  });

  it('shows a service-level fraction as a percentage without binary noise', () => {
    assert.equal(fractionToPercent(0.8), 80);
    assert.equal(fractionToPercent(0.07), 7);
    assert.equal(percentToFraction(80), 0.8);
    assert.equal(percentToFraction(85.5), 0.855);
    assert.equal(percentToFraction(7), 0.07);
    for (let percent = 0; percent <= 100; percent += 1) {
      assert.equal(fractionToPercent(percentToFraction(percent)), percent);
    }
  });

  it('offers every value of the schema enums', () => {
    assert.deepEqual(
      MEDIA_TYPES.map((choice) => choice.value),
      ['call', 'callback', 'chat', 'email', 'message'],
    );
    assert.deepEqual(
      SKILL_EVALUATION_METHODS.map((choice) => choice.value),
      ['NONE', 'BEST', 'ALL'],
    );
    assert.equal(WRAPUP_PROMPTS.length, 5);
  });

  it('stores ACW seconds as milliseconds at acwSettings.timeoutMs', () => {
    const next = setAt(frozenCopy(queue), ['acwSettings', 'timeoutMs'], secondsToMs(60));
    assert.deepEqual(next.acwSettings, { timeoutMs: 60000, wrapupPrompt: 'MANDATORY_TIMEOUT' });
  });
});

describe('bullseye rings', () => {
  it('reads and changes a ring timeout, keeping the rest of the queue', () => {
    const input = frozenCopy(queue);
    assert.equal(ringTimeout(input, 1), 30);
    const next = withRingTimeout(input, 1, 45);
    assert.equal(ringTimeout(next, 1), 45);
    assert.equal(next.routingRules, input.routingRules);
    assert.deepEqual(input, queue);
  });

  it('gives a ring without criteria a TIMEOUT_SECONDS criterion', () => {
    const next = withRingTimeout(frozenCopy(queue), 2, 60);
    assert.deepEqual(next.bullseye, {
      rings: [
        ...queue.bullseye.rings.slice(0, 2),
        { expansionCriteria: [{ threshold: 60, type: 'TIMEOUT_SECONDS' }] },
      ],
    });
  });

  it('removes the criterion when the timeout is cleared', () => {
    const next = withRingTimeout(frozenCopy(queue), 0, undefined);
    assert.deepEqual(next.bullseye, {
      rings: [{ actions: { skillsToRemove: [skill('Payments')] } }, ...queue.bullseye.rings.slice(1)],
    });
    const input = frozenCopy(queue);
    assert.equal(withRingTimeout(input, 2, undefined), input);
  });

  it('keeps other fields of an existing criterion', () => {
    const odd = frozenCopy({
      bullseye: { rings: [{ expansionCriteria: [{ threshold: 1, type: 'TIMEOUT_SECONDS', extra: true }] }] },
    });
    assert.deepEqual(withRingTimeout(odd, 0, 2).bullseye, {
      rings: [{ expansionCriteria: [{ extra: true, threshold: 2, type: 'TIMEOUT_SECONDS' }] }],
    });
  });

  it('sets the skills to remove as sorted references, and an empty ring when none are left', () => {
    const input = frozenCopy(queue);
    const more = withRingSkillNames(input, 0, ['Payments', 'Accounts']);
    assert.deepEqual(ringSkills(more, 0), ['Accounts', 'Payments']);
    const none = withRingSkillNames(withRingTimeout(input, 0, undefined), 0, []);
    assert.deepEqual((none.bullseye as { rings: unknown[] }).rings[0], {});
    const added = withRingSkillNames(input, 2, ['Billing']);
    assert.deepEqual((added.bullseye as { rings: unknown[] }).rings[2], {
      actions: { skillsToRemove: [skill('Billing')] },
    });
  });

  it('adds and removes rings', () => {
    const added = withRingAdded(frozenCopy(queue));
    assert.equal((added.bullseye as { rings: unknown[] }).rings.length, 4);
    const removed = withRingRemoved(frozenCopy(queue), 0);
    assert.deepEqual(removed.bullseye, { rings: queue.bullseye.rings.slice(1) });
    assert.deepEqual(withRingAdded(frozenCopy({ name: 'new' })), { name: 'new', bullseye: { rings: [{}] } });
  });
});
