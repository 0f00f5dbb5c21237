import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { JsonObject } from '../../../shared/model/canonical/json-value';
import type { ChangesetOperation } from '../../../shared/model/changeset';
import {
  changesetOf,
  differencesFrom,
  lastSnapshotCommit,
  liveObjects,
  promotionWorld,
  stepFor,
  type PromotionWorld,
} from './promotion-test-support';

let world: PromotionWorld;

before(async () => {
  world = await promotionWorld();
});
after(() => world.close());

const baselineCommit = () => lastSnapshotCommit(world.services, 'uat');

const skill = (name: string) => ({ $ref: 'routing.skill', name });

describe('skill groups promoted dev → uat', () => {
  it('creates the skill, then the skill group that needs it, then the queue that names the group; rollback restores uat exactly', async () => {
    const baseline = await baselineCommit();
    const devLive = await liveObjects(world.services, 'dev', ['routing.skill', 'routing.skillgroup']);
    const video = devLive.get('routing.skillgroup')?.get('Video Specialists') as JsonObject;
    assert.equal(video.memberCount, undefined, 'who matches is people, not configuration');
    const [condition] = video.skillConditions as JsonObject[];
    assert.deepEqual(
      (condition?.routingSkillConditions as JsonObject[]).map((term) => term.routingSkill),
      [skill('Device Repairs'), skill('Video Support')],
      'skills named by reference, in canonical order',
    );
    const uatLive = await liveObjects(world.services, 'uat', ['routing.queue', 'routing.skill']);
    assert.equal(uatLive.get('routing.skill')?.get('Video Support'), undefined, 'uat lacks the skill');
    assert.equal(uatLive.get('routing.queue')?.get('Complaints - Voice')?.memberGroups, undefined);

    const operations: ChangesetOperation[] = [
      {
        op: 'update',
        type: 'routing.queue',
        key: 'Complaints - Voice',
        changes: [
          { path: 'memberGroups', after: [{ $ref: 'routing.skillgroup', name: 'Video Specialists' }] },
        ],
      },
      { op: 'create', type: 'routing.skillgroup', key: 'Video Specialists', body: video },
      {
        op: 'create',
        type: 'routing.skill',
        key: 'Video Support',
        body: devLive.get('routing.skill')?.get('Video Support') as JsonObject,
      },
    ];
    const plan = await world.engine.plan(changesetOf('video-specialists', operations), 'uat');
    assert.deepEqual(
      plan.summary,
      { create: 2, update: 1, delete: 0, noop: 0, conflict: 0, blocked: 0 },
      JSON.stringify(plan.steps.map((step) => [step.type, step.key, step.action, step.reason])),
    );
    const skillStep = stepFor(plan, 'routing.skill', 'Video Support');
    const groupStep = stepFor(plan, 'routing.skillgroup', 'Video Specialists');
    const queueStep = stepFor(plan, 'routing.queue', 'Complaints - Voice');
    assert.ok(
      skillStep.level < groupStep.level && groupStep.level < queueStep.level,
      'the skill exists before the group names it, and the group before the queue takes members from it',
    );
    const post = stepFor(plan, 'routing.skillgroup', 'Video Specialists').calls[0];
    assert.equal(post?.method, 'POST');
    const sent = (post?.body as JsonObject).skillConditions as JsonObject[];
    assert.deepEqual(
      (sent[0]?.routingSkillConditions as JsonObject[]).map((term) => term.routingSkill),
      ['Device Repairs', 'Video Support'],
      'the API is sent the skills by name',
    );

    const run = await world.engine.execute(plan);
    assert.equal(run.status, 'succeeded', JSON.stringify(run.steps));
    const after = await liveObjects(world.services, 'uat', ['routing.skillgroup', 'routing.queue']);
    assert.deepEqual(after.get('routing.skillgroup')?.get('Video Specialists'), video);
    assert.deepEqual(after.get('routing.queue')?.get('Complaints - Voice')?.memberGroups, [
      { $ref: 'routing.skillgroup', name: 'Video Specialists' },
    ]);
    const rolledBack = await world.engine.rollbackRun(run.runId);
    assert.equal(rolledBack.status, 'succeeded', rolledBack.message);
    assert.deepEqual(await differencesFrom(world.services, 'uat', baseline), []);
  });

  it('updates a drifted group with PATCH and rolls it back exactly', async () => {
    const baseline = await baselineCommit();
    const devLive = await liveObjects(world.services, 'dev', ['routing.skillgroup']);
    const uatLive = await liveObjects(world.services, 'uat', ['routing.skillgroup']);
    const uat = uatLive.get('routing.skillgroup')?.get('Billing Specialists') as JsonObject;
    const devBilling = devLive.get('routing.skillgroup')?.get('Billing Specialists') as JsonObject;
    assert.notDeepEqual(uat.skillConditions, devBilling.skillConditions, 'uat lowered the bar');
    const plan = await world.engine.plan(
      changesetOf('billing-bar', [
        {
          op: 'update',
          type: 'routing.skillgroup',
          key: 'Billing Specialists',
          changes: [
            {
              path: 'skillConditions',
              before: uat.skillConditions ?? null,
              after: devBilling.skillConditions ?? null,
            },
            // Dropping the description must reach the target although PATCH leaves out what it omits.
            { path: 'description', before: uat.description ?? null, after: null },
          ],
        },
      ]),
      'uat',
    );
    const step = stepFor(plan, 'routing.skillgroup', 'Billing Specialists');
    assert.equal(step.action, 'update', step.reason);
    assert.equal(step.calls.length, 1);
    assert.equal(step.calls[0]?.method, 'PATCH');
    assert.equal((step.calls[0]?.body as JsonObject).description, null);

    const run = await world.engine.execute(plan);
    assert.equal(run.status, 'succeeded', JSON.stringify(run.steps));
    const after = await liveObjects(world.services, 'uat', ['routing.skillgroup']);
    const billing = after.get('routing.skillgroup')?.get('Billing Specialists');
    assert.deepEqual(billing?.skillConditions, devBilling.skillConditions);
    assert.equal(billing?.description, undefined);
    const rolledBack = await world.engine.rollbackRun(run.runId);
    assert.equal(rolledBack.status, 'succeeded', rolledBack.message);
    assert.deepEqual(await differencesFrom(world.services, 'uat', baseline), []);
  });

  it('blocks a group whose skill the target lacks and the plan does not create, saying which', async () => {
    const devLive = await liveObjects(world.services, 'dev', ['routing.skillgroup']);
    const plan = await world.engine.plan(
      changesetOf('video-without-skill', [
        {
          op: 'create',
          type: 'routing.skillgroup',
          key: 'Video Specialists',
          body: devLive.get('routing.skillgroup')?.get('Video Specialists') as JsonObject,
        },
      ]),
      'uat',
    );
    const step = stepFor(plan, 'routing.skillgroup', 'Video Specialists');
    assert.equal(step.action, 'blocked');
    assert.match(step.reason ?? '', /skill "Video Support"/);
    assert.match(step.reason ?? '', /routingSkillConditions/);
  });
});
