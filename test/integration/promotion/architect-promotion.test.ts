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

describe('utilization labels promoted dev → uat', () => {
  it('creates the label only dev has, and rollback removes it again', async () => {
    const baseline = await baselineCommit();
    const devLive = await liveObjects(world.services, 'dev', ['routing.utilizationlabel']);
    const video = devLive.get('routing.utilizationlabel')?.get('Video Calls') as JsonObject;
    assert.deepEqual(video, { name: 'Video Calls' });
    const plan = await world.engine.plan(
      changesetOf('video-label', [
        { op: 'create', type: 'routing.utilizationlabel', key: 'Video Calls', body: video },
      ]),
      'uat',
    );
    assert.deepEqual(stepFor(plan, 'routing.utilizationlabel', 'Video Calls').calls, [
      { method: 'POST', path: '/api/v2/routing/utilization/labels', body: { name: 'Video Calls' } },
    ]);
    const run = await world.engine.execute(plan);
    assert.equal(run.status, 'succeeded', run.message);
    const rolledBack = await world.engine.rollbackRun(run.runId);
    assert.equal(rolledBack.status, 'succeeded', rolledBack.message);
    assert.deepEqual(await differencesFrom(world.services, 'uat', baseline), []);
  });
});

describe('groups promoted dev → uat', () => {
  it('creates the group only dev has before the queue that takes members from it; rollback restores uat', async () => {
    const baseline = await baselineCommit();
    const devLive = await liveObjects(world.services, 'dev', ['directory.group']);
    const group = devLive.get('directory.group')?.get('Video Support Agents') as JsonObject;
    assert.equal(group.type, 'official');
    assert.equal(group.memberCount, undefined, 'members are people, not configuration');
    const uatLive = await liveObjects(world.services, 'uat', ['routing.queue']);
    assert.equal(uatLive.get('routing.queue')?.get('Complaints - Voice')?.memberGroups, undefined);
    const operations: ChangesetOperation[] = [
      {
        op: 'update',
        type: 'routing.queue',
        key: 'Complaints - Voice',
        changes: [
          // Absent before: no `before` says so (null would mean a field holding null).
          { path: 'memberGroups', after: [{ $ref: 'directory.group', name: 'Video Support Agents' }] },
        ],
      },
      { op: 'create', type: 'directory.group', key: 'Video Support Agents', body: group },
    ];
    const plan = await world.engine.plan(changesetOf('video-agents', operations), 'uat');
    assert.equal(
      stepFor(plan, 'routing.queue', 'Complaints - Voice').action,
      'update',
      JSON.stringify(stepFor(plan, 'routing.queue', 'Complaints - Voice').reason),
    );
    assert.deepEqual(plan.summary, { create: 1, update: 1, delete: 0, noop: 0, conflict: 0, blocked: 0 });
    assert.ok(
      stepFor(plan, 'directory.group', 'Video Support Agents').level <
        stepFor(plan, 'routing.queue', 'Complaints - Voice').level,
      'the group exists before the queue names it',
    );
    const run = await world.engine.execute(plan);
    assert.equal(run.status, 'succeeded', JSON.stringify(run.steps));
    const rolledBack = await world.engine.rollbackRun(run.runId);
    assert.equal(rolledBack.status, 'succeeded', rolledBack.message);
    assert.deepEqual(await differencesFrom(world.services, 'uat', baseline), []);
  });
});

describe('org-wide utilization promoted dev → uat', () => {
  it('creates the label the setting needs first, PUTs the one setting with uat ids, and rolls back exactly', async () => {
    const baseline = await baselineCommit();
    const devLive = await liveObjects(world.services, 'dev', [
      'routing.utilization',
      'routing.utilizationlabel',
    ]);
    const devSetting = devLive.get('routing.utilization')?.get('organization') as JsonObject;
    const labels = devSetting.labelUtilizations as Record<string, JsonObject>;
    assert.deepEqual(
      Object.keys(labels).sort(),
      ['Complex Case', 'VIP', 'Video Calls'],
      'keyed by label name',
    );
    assert.deepEqual(labels['Complex Case']?.interruptingLabelIds, [
      { $ref: 'routing.utilizationlabel', name: 'VIP' },
    ]);
    const uatLive = await liveObjects(world.services, 'uat', ['routing.utilization']);
    const uatSetting = uatLive.get('routing.utilization')?.get('organization') as JsonObject;
    const operations: ChangesetOperation[] = [
      {
        op: 'update',
        type: 'routing.utilization',
        key: 'organization',
        changes: [
          {
            path: 'labelUtilizations',
            before: uatSetting.labelUtilizations ?? null,
            after: devSetting.labelUtilizations ?? null,
          },
        ],
      },
      {
        op: 'create',
        type: 'routing.utilizationlabel',
        key: 'Video Calls',
        body: devLive.get('routing.utilizationlabel')?.get('Video Calls') as JsonObject,
      },
    ];
    const plan = await world.engine.plan(changesetOf('video-capacity', operations), 'uat');
    assert.deepEqual(plan.summary, { create: 1, update: 1, delete: 0, noop: 0, conflict: 0, blocked: 0 });
    assert.deepEqual(
      plan.steps.map((step) => step.type),
      ['routing.utilizationlabel', 'routing.utilization'],
      'the label exists before the setting names it',
    );
    const put = stepFor(plan, 'routing.utilization', 'organization').calls[0];
    assert.equal(put?.method, 'PUT');
    assert.equal(put?.path, '/api/v2/routing/utilization');
    assert.equal((put?.body as JsonObject).name, undefined, 'the key Ferry gives the setting is not sent');
    const run = await world.engine.execute(plan);
    assert.equal(run.status, 'succeeded', JSON.stringify(run.steps));
    const after = await liveObjects(world.services, 'uat', ['routing.utilization']);
    assert.deepEqual(
      after.get('routing.utilization')?.get('organization')?.labelUtilizations,
      devSetting.labelUtilizations,
    );
    const rolledBack = await world.engine.rollbackRun(run.runId);
    assert.equal(rolledBack.status, 'succeeded', rolledBack.message);
    assert.deepEqual(await differencesFrom(world.services, 'uat', baseline), []);
  });

  it('says why it cannot delete the setting, as a blocked step', async () => {
    const uatLive = await liveObjects(world.services, 'uat', ['routing.utilization']);
    const plan = await world.engine.plan(
      changesetOf('drop-utilization', [
        {
          op: 'delete',
          type: 'routing.utilization',
          key: 'organization',
          before: uatLive.get('routing.utilization')?.get('organization') as JsonObject,
        },
      ]),
      'uat',
    );
    const step = stepFor(plan, 'routing.utilization', 'organization');
    assert.equal(step.action, 'blocked');
    assert.match(step.reason ?? '', /exactly one utilization setting per org, so it cannot be deleted/);
  });
});

describe('IVRs and emergency groups promoted dev → uat', () => {
  it('creates a schedule group, an IVR on it and an emergency group over the IVR in dependency order; rollback restores uat exactly', async () => {
    const baseline = await baselineCommit();
    // New work in dev: a schedule group, an IVR answering by it, an emergency group taking it over.
    const dev = await world.services.environments.connector('dev');
    const schedules = await dev.list('architect.schedule');
    const weekday = schedules.find((schedule) => schedule.name === 'Weekday Opening Hours');
    const flows = await dev.list('architect.flow');
    const flowId = (name: string) => String(flows.find((flow) => flow.name === name)?.id ?? '');
    const group = await dev.create('architect.schedulegroup', {
      name: 'Video Pilot Hours',
      timeZone: 'Europe/London',
      openSchedules: [{ id: String(weekday?.id) }],
    });
    const ivr = await dev.create('architect.ivr', {
      name: 'Video Pilot Line',
      dnis: ['+443306000041', '+443306000042'],
      openHoursFlow: { id: flowId('Closed Message') },
      scheduleGroup: { id: String(group.id) },
    });
    await dev.create('architect.emergencygroup', {
      name: 'Video Pilot Closure',
      enabled: true,
      emergencyCallFlows: [
        { emergencyFlow: { id: flowId('Emergency Closure') }, ivrs: [{ id: String(ivr.id) }] },
      ],
    });
    const devLive = await liveObjects(world.services, 'dev');
    const body = (type: string, key: string) => devLive.get(type)?.get(key) as JsonObject;
    // Listed against their order of need: the plan must put them right.
    const operations: ChangesetOperation[] = [
      {
        op: 'create',
        type: 'architect.emergencygroup',
        key: 'Video Pilot Closure',
        body: body('architect.emergencygroup', 'Video Pilot Closure'),
      },
      {
        op: 'create',
        type: 'architect.ivr',
        key: 'Video Pilot Line',
        body: body('architect.ivr', 'Video Pilot Line'),
      },
      {
        op: 'create',
        type: 'architect.schedulegroup',
        key: 'Video Pilot Hours',
        body: body('architect.schedulegroup', 'Video Pilot Hours'),
      },
    ];
    assert.deepEqual(body('architect.ivr', 'Video Pilot Line').scheduleGroup, {
      $ref: 'architect.schedulegroup',
      name: 'Video Pilot Hours',
    });
    const plan = await world.engine.plan(changesetOf('video-pilot', operations), 'uat');
    assert.deepEqual(plan.summary, { create: 3, update: 0, delete: 0, noop: 0, conflict: 0, blocked: 0 });
    const levels = ['architect.schedulegroup', 'architect.ivr', 'architect.emergencygroup'].map((type) =>
      plan.steps.findIndex((step) => step.type === type),
    );
    assert.deepEqual(levels, [0, 1, 2], 'schedule group, then IVR, then emergency group');
    // Flows are resolved by name to uat's own ids; the IVR and group to the plan's placeholders.
    const uat = await world.services.environments.connector('uat');
    const uatFlows = (await uat.list('architect.flow')).filter((flow) => flow.name === 'Emergency Closure');
    const emergencyPost = stepFor(plan, 'architect.emergencygroup', 'Video Pilot Closure').calls[0];
    const callFlow = (emergencyPost?.body as { emergencyCallFlows: JsonObject[] }).emergencyCallFlows[0];
    assert.equal((callFlow?.emergencyFlow as { id: string }).id, uatFlows[0]?.id);
    assert.match(String((callFlow?.ivrs as { id: string }[])[0]?.id), /^\{id of architect\.ivr/);

    const run = await world.engine.execute(plan);
    assert.equal(run.status, 'succeeded', run.message);
    assert.deepEqual(run.verify?.mismatches, []);
    const after = await liveObjects(world.services, 'uat');
    assert.deepEqual(
      after.get('architect.emergencygroup')?.get('Video Pilot Closure'),
      body('architect.emergencygroup', 'Video Pilot Closure'),
    );

    const undo = await world.engine.planRollback(run.runId);
    assert.ok(
      stepFor(undo, 'architect.emergencygroup', 'Video Pilot Closure').level <
        stepFor(undo, 'architect.ivr', 'Video Pilot Line').level,
      'the emergency group goes before the IVR it uses',
    );
    const rolledBack = await world.engine.rollbackRun(run.runId);
    assert.equal(rolledBack.status, 'succeeded', rolledBack.message);
    assert.deepEqual(await differencesFrom(world.services, 'uat', baseline), [], 'uat is exactly as before');
  });

  it('enables an emergency group with a versioned PUT, and rollback turns it off again', async () => {
    const baseline = await baselineCommit();
    const live = await liveObjects(world.services, 'uat');
    const group = live.get('architect.emergencygroup')?.get('Sales Floor Closure') as JsonObject;
    assert.equal(group.enabled, false);
    const plan = await world.engine.plan(
      changesetOf('close-sales-floor', [
        {
          op: 'update',
          type: 'architect.emergencygroup',
          key: 'Sales Floor Closure',
          changes: [{ path: 'enabled', before: false, after: true }],
        },
      ]),
      'uat',
    );
    const put = stepFor(plan, 'architect.emergencygroup', 'Sales Floor Closure').calls[0];
    assert.equal(put?.method, 'PUT');
    assert.equal(
      typeof (put?.body as { version?: unknown }).version,
      'number',
      'the PUT carries the version',
    );
    const run = await world.engine.execute(plan);
    assert.equal(run.status, 'succeeded', run.message);
    const rolledBack = await world.engine.rollbackRun(run.runId);
    assert.equal(rolledBack.status, 'succeeded', rolledBack.message);
    assert.deepEqual(await differencesFrom(world.services, 'uat', baseline), []);
  });

  it('blocks an IVR whose DNIS another IVR of the target holds, and passes when that one lets it go', async () => {
    const live = await liveObjects(world.services, 'uat');
    const main = live.get('architect.ivr')?.get('Main Line') as JsonObject;
    const taken = (main.dnis as string[])[0] ?? '';
    const newLine: JsonObject = {
      name: 'Overflow Line',
      division: { $ref: 'authorization.division', name: 'Home' },
      dnis: [taken],
      openHoursFlow: { $ref: 'architect.flow', name: 'Closed Message' },
    };
    const clash = await world.engine.plan(
      changesetOf('overflow', [{ op: 'create', type: 'architect.ivr', key: 'Overflow Line', body: newLine }]),
      'uat',
    );
    const step = stepFor(clash, 'architect.ivr', 'Overflow Line');
    assert.equal(step.action, 'blocked');
    assert.match(step.reason ?? '', new RegExp(`\\${taken} \\(dnis\\) is held by IVR "Main Line"`));

    const handOver = await world.engine.plan(
      changesetOf('overflow-hand-over', [
        { op: 'create', type: 'architect.ivr', key: 'Overflow Line', body: newLine },
        {
          op: 'update',
          type: 'architect.ivr',
          key: 'Main Line',
          changes: [{ path: 'dnis', before: main.dnis, after: (main.dnis as string[]).slice(1) }],
        },
      ]),
      'uat',
    );
    const create = stepFor(handOver, 'architect.ivr', 'Overflow Line');
    assert.equal(create.action, 'create');
    assert.ok(
      create.level > stepFor(handOver, 'architect.ivr', 'Main Line').level,
      'the number is taken off Main Line before Overflow Line claims it',
    );
    const run = await world.engine.execute(handOver);
    assert.equal(run.status, 'succeeded', JSON.stringify(run.verify?.mismatches));
    const rolledBack = await world.engine.rollbackRun(run.runId);
    assert.equal(rolledBack.status, 'succeeded', rolledBack.message);
  });
});
