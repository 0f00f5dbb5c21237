import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { blastRadius } from '../../../shared/changeset/blast-radius';
import type { JsonObject } from '../../../shared/model/canonical/json-value';
import type { ChangesetOperation } from '../../../shared/model/changeset';
import { queue, ref, skill, skillRef, stateOf } from './changeset-fixture';

const rings = (...names: string[]) => ({ rings: [{ actions: { skillsToRemove: names.map(skillRef) } }] });

function targetWithQueues(count: number) {
  const queues = Array.from({ length: count }, (_, index): [string, JsonObject] => [
    'routing.queue',
    queue(`Q${index + 1}`, { bullseye: rings('Billing') }),
  ]);
  return stateOf(
    ['routing.skill', skill('Billing')],
    ['routing.skill', skill('Video')],
    ['architect.schedule', { name: 'Weekdays' }],
    ['architect.schedulegroup', { name: 'Support', openSchedules: [ref('architect.schedule', 'Weekdays')] }],
    ...queues,
  );
}

const deleteBilling: ChangesetOperation = {
  op: 'delete',
  type: 'routing.skill',
  key: 'Billing',
  before: skill('Billing'),
};

describe('blastRadius', () => {
  it('says what each operation affects, counting dependents per type', () => {
    const target = targetWithQueues(12);
    const radius = blastRadius(
      [
        deleteBilling,
        {
          op: 'update',
          type: 'architect.schedule',
          key: 'Weekdays',
          changes: [{ path: 'rrule', after: 'FREQ=DAILY' }],
        },
        { op: 'create', type: 'routing.skill', key: 'Chat', body: skill('Chat') },
        {
          op: 'update',
          type: 'routing.skill',
          key: 'Video',
          changes: [{ path: 'division', after: ref('authorization.division', 'Sales') }],
        },
      ],
      target,
      'dev',
    );
    assert.deepEqual(
      radius.touched.map((object) => object.sentence),
      [
        'deleting skill "Billing" affects 12 queues',
        'changing schedule "Weekdays" affects 1 schedule group',
        'creating skill "Chat" affects nothing yet',
        'changing skill "Video" affects nothing else',
      ],
    );
    assert.equal(radius.touched[0]?.dependents.length, 12);
    assert.deepEqual(radius.touched[1]?.dependents, [
      { type: 'architect.schedulegroup', key: 'Support', path: 'openSchedules[0]' },
    ]);
    assert.equal(radius.dependentCount, 13);
  });

  it('counts an object once however often it refers, and names several types in one sentence', () => {
    const target = stateOf(
      ['authorization.division', { name: 'Home' }],
      ['routing.skill', skill('Billing')],
      ['routing.skill', skill('Chat')],
      [
        'routing.queue',
        queue('Q1', {
          bullseye: {
            rings: [
              { actions: { skillsToRemove: [skillRef('Chat')] } },
              { actions: { skillsToRemove: [skillRef('Chat')] } },
            ],
          },
        }),
      ],
    );
    const radius = blastRadius(
      [
        {
          op: 'update',
          type: 'authorization.division',
          key: 'Home',
          changes: [{ path: 'description', after: 'x' }],
        },
      ],
      target,
      'dev',
    );
    assert.equal(radius.touched[0]?.sentence, 'changing division "Home" affects 2 skills and 1 queue');
    const chat = blastRadius(
      [{ op: 'delete', type: 'routing.skill', key: 'Chat', before: skill('Chat') }],
      target,
      'dev',
    );
    assert.equal(chat.touched[0]?.sentence, 'deleting skill "Chat" affects 1 queue');
  });

  it('grades risk by tier', () => {
    const target = targetWithQueues(1);
    const harmless: ChangesetOperation[] = [
      { op: 'create', type: 'routing.skill', key: 'Chat', body: skill('Chat') },
    ];
    assert.equal(blastRadius(harmless, target, 'dev').risk.level, 'low');
    assert.equal(blastRadius(harmless, target, 'test').risk.level, 'medium');
    assert.equal(blastRadius(harmless, target, 'prod').risk.level, 'high');
    assert.match(blastRadius(harmless, target, 'prod').risk.reasons[0] ?? '', /production/);
  });

  it('raises the risk for deleting a referenced object, and again for many dependents, up to critical', () => {
    const few = targetWithQueues(3);
    const dev = blastRadius([deleteBilling], few, 'dev');
    assert.equal(dev.risk.level, 'medium');
    assert.match(
      dev.risk.reasons.join('\n'),
      /deletes objects that others still refer to: skill "Billing" \(3 objects\)/,
    );

    const many = targetWithQueues(21);
    assert.equal(blastRadius([deleteBilling], many, 'dev').risk.level, 'high');
    assert.equal(blastRadius([deleteBilling], many, 'test').risk.level, 'critical');
    assert.equal(blastRadius([deleteBilling], many, 'prod').risk.level, 'critical');
    assert.match(
      blastRadius([deleteBilling], many, 'prod').risk.reasons.join('\n'),
      /21 objects depend on what it changes/,
    );

    const update: ChangesetOperation = {
      op: 'update',
      type: 'routing.skill',
      key: 'Billing',
      changes: [{ path: 'division', after: ref('authorization.division', 'Sales') }],
    };
    assert.equal(
      blastRadius([update], few, 'test').risk.level,
      'medium',
      'changing (not deleting) a referenced object',
    );
    assert.equal(blastRadius([update], many, 'test').risk.level, 'high');
  });

  it('an empty changeset affects nothing', () => {
    const radius = blastRadius([], targetWithQueues(1), 'dev');
    assert.deepEqual(radius.touched, []);
    assert.equal(radius.dependentCount, 0);
    assert.equal(radius.risk.level, 'low');
  });
});
