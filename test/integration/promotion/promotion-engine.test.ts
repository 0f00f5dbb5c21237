import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FerryError } from '../../../shared/api/api-error';
import type { JsonObject } from '../../../shared/model/canonical/json-value';
import type { ChangesetOperation } from '../../../shared/model/changeset';
import { planSchema, type Plan } from '../../../shared/model/plan';
import { runResultSchema, type PromotionProgress } from '../../../shared/promotion/engine/run-records';
import { nativeGit } from '../../support/native-git';
import {
  acceptedWrites,
  changesetOf,
  differencesFrom,
  liveObjects,
  promotionWorld,
  wrapupCode,
  type PromotionWorld,
} from './promotion-test-support';

let world: PromotionWorld;

before(async () => {
  world = await promotionWorld();
});
after(() => world.close());

async function lastSnapshotCommit(): Promise<string> {
  const summary = await world.services.snapshots.store().lastSnapshot('uat');
  assert.ok(summary, 'uat has a snapshot');
  return summary.commit;
}

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<FerryError> {
  let caught: unknown;
  await assert.rejects(promise, (error: unknown) => {
    caught = error;
    return true;
  });
  assert.ok(caught instanceof FerryError, `expected a FerryError, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  return caught;
}

function stepFor(plan: Plan, type: string, key: string) {
  const step = plan.steps.find((candidate) => candidate.type === type && candidate.key === key);
  assert.ok(step, `a step for ${type} ${key}`);
  return step;
}

function refs(type: string, names: readonly string[]): JsonObject[] {
  return names.map((name) => ({ $ref: type, name }));
}

function namesOf(list: unknown): string[] {
  return (list as { name: string }[]).map((item) => item.name);
}

describe('promotion engine against the sandbox', () => {
  it('plans against the live target: each operation a create, update, noop, conflict or blocked step, in dependency order', async () => {
    const live = await liveObjects(world.services, 'uat');
    const billing = live.get('routing.queue')?.get('Billing - Voice') as JsonObject;
    const transferred = live.get('routing.wrapupcode')?.get('Transferred') as JsonObject;
    const codes = namesOf(billing.wrapupCodes);
    const operations: ChangesetOperation[] = [
      {
        op: 'update',
        type: 'routing.queue',
        key: 'Billing - Voice',
        changes: [
          { path: 'acwSettings.timeoutMs', before: 45_000, after: 60_000 },
          {
            path: 'wrapupCodes',
            before: refs('routing.wrapupcode', codes),
            after: refs('routing.wrapupcode', [...codes, 'Ferry Plan Code']),
          },
        ],
      },
      {
        op: 'create',
        type: 'routing.wrapupcode',
        key: 'Ferry Plan Code',
        body: wrapupCode('Ferry Plan Code'),
      },
      { op: 'create', type: 'routing.wrapupcode', key: 'Transferred', body: transferred },
      {
        op: 'create',
        type: 'routing.wrapupcode',
        key: 'Wrong Number',
        body: wrapupCode('Wrong Number', 'Home', 'Dialled in error'),
      },
      {
        op: 'update',
        type: 'routing.queue',
        key: 'Complaints - Voice',
        changes: [{ path: 'acwSettings.timeoutMs', before: 1, after: 2 }],
      },
      {
        op: 'update',
        type: 'routing.skill',
        key: 'Billing',
        changes: [
          {
            path: 'division',
            before: { $ref: 'authorization.division', name: 'Customer Service' },
            after: { $ref: 'authorization.division', name: 'Home' },
          },
        ],
      },
      {
        op: 'delete',
        type: 'routing.wrapupcode',
        key: 'Fault Logged',
        before: wrapupCode('Fault Logged', 'Customer Service'),
      },
      { op: 'delete', type: 'routing.wrapupcode', key: 'No Such Code', before: wrapupCode('No Such Code') },
      {
        op: 'create',
        type: 'routing.queue',
        key: 'Ferry Blocked Queue',
        body: {
          ...billing,
          name: 'Ferry Blocked Queue',
          bullseye: { rings: [{ actions: { skillsToRemove: refs('routing.skill', ['No Such Skill']) } }] },
        },
      },
    ];
    const before = world.requests.length;
    const plan = await world.engine.plan(changesetOf('plan-kinds', operations), 'uat');
    assert.doesNotThrow(() => planSchema.parse(plan));
    assert.equal(acceptedWrites(world.requests, before).length, 0, 'planning writes nothing');
    const read = new Set(
      world.requests.slice(before).map((request) => request.path.split('/').slice(0, 5).join('/')),
    );
    assert.ok(!read.has('/api/v2/architect/schedules'), 'types the changeset does not need are not read');

    const actions = Object.fromEntries(plan.steps.map((step) => [`${step.type}/${step.key}`, step.action]));
    assert.deepEqual(actions, {
      'routing.queue/Billing - Voice': 'update',
      'routing.wrapupcode/Ferry Plan Code': 'create',
      'routing.wrapupcode/Transferred': 'noop',
      'routing.wrapupcode/Wrong Number': 'conflict',
      'routing.queue/Complaints - Voice': 'conflict',
      'routing.skill/Billing': 'update',
      'routing.wrapupcode/Fault Logged': 'blocked',
      'routing.wrapupcode/No Such Code': 'noop',
      'routing.queue/Ferry Blocked Queue': 'blocked',
    });
    assert.deepEqual(plan.summary, { create: 1, update: 2, delete: 0, noop: 2, conflict: 2, blocked: 2 });
    assert.match(plan.fingerprint, /^sha256:[0-9a-f]{64}$/);
    assert.equal(plan.tier, 'test');

    const create = stepFor(plan, 'routing.wrapupcode', 'Ferry Plan Code');
    const update = stepFor(plan, 'routing.queue', 'Billing - Voice');
    assert.ok(
      create.index < update.index && create.level < update.level,
      'the code is created before the queue uses it',
    );
    assert.equal(create.calls.length, 1);
    assert.equal(create.calls[0]?.method, 'POST');
    assert.equal(create.calls[0]?.path, '/api/v2/routing/wrapupcodes');
    const division = (create.calls[0]?.body as { division: { id: string } }).division;
    assert.match(division.id, /^[0-9a-f-]{36}$/, 'references are sent as ids in the target');
    assert.deepEqual(
      update.calls.map((call) => `${call.method} ${call.path.replace(/[0-9a-f-]{36}/, '<id>')}`),
      ['PUT /api/v2/routing/queues/<id>', 'POST /api/v2/routing/queues/<id>/wrapupcodes'],
    );
    assert.deepEqual(update.calls[1]?.body, [{ id: '{id of routing.wrapupcode "Ferry Plan Code"}' }]);
    assert.equal(
      (update.calls[0]?.body as { acwSettings: { timeoutMs: number } }).acwSettings.timeoutMs,
      60_000,
    );

    assert.match(
      stepFor(plan, 'routing.wrapupcode', 'Wrong Number').reason ?? '',
      /description is absent in the target, the changeset has "Dialled in error"/,
    );
    assert.match(
      stepFor(plan, 'routing.queue', 'Complaints - Voice').reason ?? '',
      /acwSettings\.timeoutMs is \d+ in the target, the changeset expects 1/,
    );
    // A skill's division moves with PATCH (issue 12, point 5); nothing else of a skill can change.
    assert.deepEqual(
      stepFor(plan, 'routing.skill', 'Billing').calls.map((call) => call.method),
      ['PATCH'],
    );
    assert.match(
      stepFor(plan, 'routing.wrapupcode', 'Fault Logged').reason ?? '',
      /would still refer to it \(queue "/,
    );
    assert.match(
      stepFor(plan, 'routing.queue', 'Ferry Blocked Queue').reason ?? '',
      /the skill "No Such Skill" \(at bullseye\.rings\[0\]\.actions\.skillsToRemove\[0\]\)/,
    );

    const refused = await rejectsWith(world.engine.execute(plan), 'conflict');
    assert.match(refused.message, /4 steps that cannot run/);
  });

  it('executes a plan: journal first, writes, verify, a fresh snapshot and one commit for the run', async () => {
    const live = await liveObjects(world.services, 'uat');
    const billing = live.get('routing.queue')?.get('Billing - Voice') as JsonObject;
    const flags = live.get('flows.datatable')?.get('IVR Feature Flags') as JsonObject;
    const referenced = new Set(
      [...(live.get('routing.queue')?.values() ?? [])].flatMap((queue) => namesOf(queue.wrapupCodes)),
    );
    const unused = [...(live.get('routing.wrapupcode')?.entries() ?? [])].find(
      ([key]) => !referenced.has(key),
    );
    assert.ok(unused, 'uat has a wrap-up code no queue uses');
    const codes = namesOf(billing.wrapupCodes);
    const operations: ChangesetOperation[] = [
      {
        op: 'update',
        type: 'routing.queue',
        key: 'Billing - Voice',
        changes: [
          { path: 'acwSettings.timeoutMs', before: 45_000, after: 60_000 },
          {
            path: 'wrapupCodes',
            before: refs('routing.wrapupcode', codes),
            after: refs('routing.wrapupcode', [...codes, 'Ferry Code 1', 'Ferry Code 2']),
          },
        ],
      },
      { op: 'create', type: 'routing.wrapupcode', key: 'Ferry Code 1', body: wrapupCode('Ferry Code 1') },
      {
        op: 'create',
        type: 'routing.wrapupcode',
        key: 'Ferry Code 2',
        body: wrapupCode('Ferry Code 2', 'Customer Service', 'Made by Ferry'),
      },
      {
        op: 'update',
        type: 'architect.schedule',
        key: 'Saturday Opening Hours',
        changes: [{ path: 'end', before: '2024-01-06T18:00:00.000', after: '2024-01-06T19:00:00.000' }],
      },
      { op: 'create', type: 'flows.datatable', key: 'Ferry Flags', body: { ...flags, name: 'Ferry Flags' } },
      { op: 'delete', type: 'routing.wrapupcode', key: unused[0], before: unused[1] },
    ];
    const changeset = changesetOf('promote-basics', operations);
    const plan = await world.engine.plan(changeset, 'uat');
    assert.deepEqual(plan.summary, { create: 3, update: 2, delete: 1, noop: 0, conflict: 0, blocked: 0 });
    const schedulePut = stepFor(plan, 'architect.schedule', 'Saturday Opening Hours').calls[0];
    assert.equal(
      typeof (schedulePut?.body as { version?: unknown }).version,
      'number',
      'a versioned PUT carries the version',
    );
    const table = stepFor(plan, 'flows.datatable', 'Ferry Flags');
    assert.equal(
      table.calls.filter((call) => call.path.endsWith('/rows')).length,
      (flags.rows as unknown[]).length,
    );
    const lastStep = plan.steps[plan.steps.length - 1];
    assert.equal(lastStep?.action, 'delete', 'deletes come last');

    const progress: PromotionProgress[] = [];
    const from = world.requests.length;
    const result = await world.engine.execute(plan, { onProgress: (event) => progress.push(event) });
    assert.equal(result.status, 'succeeded', result.message);
    assert.equal(result.kind, 'promote');
    assert.equal(result.verify?.checked, 6);
    assert.deepEqual(result.verify?.mismatches, []);
    assert.equal(result.message, 'promote promote-basics to uat: 6 steps, verified');
    assert.ok(result.snapshot?.commit, 'the target was snapshotted again');
    assert.ok(result.commit);
    assert.ok(result.steps.every((step) => step.status === 'done'));
    const codeId = result.steps.find((step) => step.key === 'Ferry Code 1')?.id;
    assert.match(codeId ?? '', /^[0-9a-f-]{36}$/, 'the result names the id a create got');

    // One write per object plus its sub-resource writes, nothing repeated.
    const writes = acceptedWrites(world.requests, from).map(
      (request) => `${request.method} ${request.path.replace(/[0-9a-f-]{36}/g, '<id>')}`,
    );
    const rows = (flags.rows as unknown[]).length;
    assert.equal(writes.length, 2 + 2 + 1 + 1 + rows + 1, writes.join('\n'));

    const after = await liveObjects(world.services, 'uat');
    const queue = after.get('routing.queue')?.get('Billing - Voice') as {
      acwSettings: { timeoutMs: number };
      wrapupCodes: unknown;
    };
    assert.equal(queue.acwSettings.timeoutMs, 60_000);
    assert.ok(namesOf(queue.wrapupCodes).includes('Ferry Code 2'));
    assert.equal(after.get('routing.wrapupcode')?.has(unused[0]), false);
    assert.deepEqual(after.get('flows.datatable')?.get('Ferry Flags')?.rows, flags.rows);

    const folder = join(world.workspaceDir, 'runs', result.runId);
    const stored = runResultSchema.parse(JSON.parse(await readFile(join(folder, 'result.json'), 'utf8')));
    assert.equal(stored.status, 'succeeded');
    assert.equal(stored.commit, undefined, 'the file does not name its own commit');
    assert.ok(existsSync(join(folder, 'plan.json')));
    const journal = (await readFile(join(folder, 'journal.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { kind: string; seq: number });
    assert.equal(journal[0]?.kind, 'run-started');
    assert.equal(journal.filter((entry) => entry.kind === 'step-started').length, 6);
    assert.equal(journal.filter((entry) => entry.kind === 'step-done').length, 6);
    assert.equal(journal[journal.length - 1]?.kind, 'verified');
    assert.deepEqual(
      journal.map((entry) => entry.seq),
      journal.map((_, index) => index),
    );
    const log = nativeGit(world.workspaceDir, 'log', '-1', '--format=%s', '--name-only');
    assert.match(log, /^promote promote-basics to uat: 6 steps, verified/);
    assert.match(log, new RegExp(`runs/${result.runId}/journal.jsonl`));
    assert.equal(nativeGit(world.workspaceDir, 'status', '--porcelain').trim(), '');

    assert.ok(progress.some((event) => event.status === 'running' && event.phase === 'writing'));
    assert.equal(progress.filter((event) => event.status === 'done' && event.phase === 'writing').length, 6);
    assert.ok(progress.some((event) => event.phase === 'verifying'));
    assert.equal(progress[progress.length - 1]?.phase, 'finished');

    const again = await world.engine.plan(changeset, 'uat');
    assert.deepEqual(again.summary, { create: 0, update: 0, delete: 0, noop: 6, conflict: 0, blocked: 0 });
    const runs = await world.engine.runs();
    assert.deepEqual(
      runs.map((run) => [run.id, run.status]),
      [[result.runId, 'succeeded']],
    );
    assert.equal((await world.engine.run(result.runId)).result?.status, 'succeeded');
  });

  it('rolls a finished run back exactly: a deleted object comes back under a new id and the queues refer to it again', async () => {
    const baseline = await lastSnapshotCommit();
    const live = await liveObjects(world.services, 'uat');
    const code = 'Return Authorised';
    const users = [...(live.get('routing.queue') ?? [])].filter(([, queue]) =>
      namesOf(queue.wrapupCodes).includes(code),
    );
    assert.ok(users.length >= 2, 'several queues use the code');
    const operations: ChangesetOperation[] = [
      {
        op: 'delete',
        type: 'routing.wrapupcode',
        key: code,
        before: live.get('routing.wrapupcode')?.get(code) as JsonObject,
      },
      ...users.map(([key, queue]): ChangesetOperation => {
        const names = namesOf(queue.wrapupCodes);
        return {
          op: 'update',
          type: 'routing.queue',
          key,
          changes: [
            {
              path: 'wrapupCodes',
              before: refs('routing.wrapupcode', names),
              after: refs(
                'routing.wrapupcode',
                names.filter((name) => name !== code),
              ),
            },
          ],
        };
      }),
    ];
    const connector = await world.services.environments.connector('uat');
    const idBefore = (await connector.list('routing.wrapupcode')).find((object) => object.name === code)?.id;
    const run = await world.engine.execute(
      await world.engine.plan(changesetOf('retire-return-authorised', operations), 'uat'),
    );
    assert.equal(run.status, 'succeeded', run.message);
    const retired = await liveObjects(world.services, 'uat');
    assert.equal(retired.get('routing.wrapupcode')?.has(code), false);

    const undo = await world.engine.planRollback(run.runId);
    assert.equal(stepFor(undo, 'routing.wrapupcode', code).action, 'create');
    assert.ok(
      users.every(
        ([key]) =>
          stepFor(undo, 'routing.queue', key).level > stepFor(undo, 'routing.wrapupcode', code).level,
      ),
      'the queues are written after the code exists again',
    );
    const rolledBack = await world.engine.rollbackRun(run.runId);
    assert.equal(rolledBack.status, 'succeeded', rolledBack.message);
    assert.equal(rolledBack.kind, 'rollback');
    assert.equal(rolledBack.rollbackOf, run.runId);
    assert.match(
      rolledBack.message,
      new RegExp(`^roll back run ${run.runId} on uat: ${users.length + 1} steps, verified`),
    );

    const idAfter = (await connector.list('routing.wrapupcode')).find((object) => object.name === code)?.id;
    assert.ok(idAfter && idBefore && idAfter !== idBefore, 'the code is back under a new id');
    for (const [key] of users) {
      const queue = (await connector.list('routing.queue')).find((object) => object.name === key);
      const listed = await connector.get('routing.queue', String(queue?.id));
      assert.ok(
        (listed.wrapupCodes as { id: string }[]).some((entry) => entry.id === idAfter),
        `${key} lists the new id`,
      );
    }
    assert.deepEqual(
      await differencesFrom(world.services, 'uat', baseline),
      [],
      'uat is exactly as before the run',
    );

    // The first run's work is gone now: rolling it back again would undo someone else's state.
    const stale = await world.engine.planRollback(run.runId);
    assert.equal(stepFor(stale, 'routing.wrapupcode', code).action, 'conflict');
    assert.match(stepFor(stale, 'routing.wrapupcode', code).reason ?? '', /created again since the run/);
    await rejectsWith(world.engine.rollbackRun(run.runId), 'conflict');
  });

  it('refuses with a conflict and writes nothing when the target changed between plan and execute', async () => {
    const live = await liveObjects(world.services, 'uat', [
      'routing.queue',
      'routing.wrapupcode',
      'authorization.division',
      'routing.skill',
    ]);
    const complaints = live.get('routing.queue')?.get('Complaints - Voice') as {
      acwSettings: { timeoutMs: number };
    };
    const operations: ChangesetOperation[] = [
      {
        op: 'update',
        type: 'routing.queue',
        key: 'Complaints - Voice',
        changes: [{ path: 'acwSettings.timeoutMs', before: complaints.acwSettings.timeoutMs, after: 90_000 }],
      },
      {
        op: 'create',
        type: 'routing.wrapupcode',
        key: 'Ferry Late Code',
        body: wrapupCode('Ferry Late Code'),
      },
    ];
    const plan = await world.engine.plan(changesetOf('edited-meanwhile', operations), 'uat');
    assert.equal(plan.summary.update + plan.summary.create, 2);

    const connector = await world.services.environments.connector('uat');
    const queue = (await connector.list('routing.queue')).find(
      (object) => object.name === 'Complaints - Voice',
    );
    assert.ok(queue);
    await connector.update('routing.queue', String(queue.id), {
      ...queue,
      description: 'Edited by someone else',
    });

    const runsBefore = await world.engine.runs();
    const from = world.requests.length;
    const refused = await rejectsWith(world.engine.execute(plan), 'conflict');
    assert.match(
      refused.message,
      /routing\.queue "Complaints - Voice" \(description is "Edited by someone else" in the target/,
    );
    assert.deepEqual(acceptedWrites(world.requests, from), [], 'zero writes');
    assert.deepEqual(await world.engine.runs(), runsBefore, 'no run is recorded');
    const after = await liveObjects(world.services, 'uat', ['routing.wrapupcode']);
    assert.equal(after.get('routing.wrapupcode')?.has('Ferry Late Code'), false);
  });

  it('a failed gate refuses the run (gate.refused) unless overridden, and the override is recorded', async () => {
    const operations: ChangesetOperation[] = [
      {
        op: 'create',
        type: 'routing.wrapupcode',
        key: 'Ferry Gate Code',
        body: wrapupCode('Ferry Gate Code'),
      },
    ];
    const gates = [
      { gate: 'approvals', passed: true, reason: '2 of 2 approvals' },
      { gate: 'deny-window', passed: false, reason: 'peak hours until 17:00' },
    ];
    const plan = await world.engine.plan(changesetOf('gated', operations), 'uat', { gates });
    assert.deepEqual(plan.gates, gates);
    const from = world.requests.length;
    const refused = await rejectsWith(world.engine.execute(plan), 'gate.refused');
    assert.match(refused.message, /deny-window: peak hours until 17:00/);
    assert.deepEqual(acceptedWrites(world.requests, from), []);
    await rejectsWith(world.engine.execute(plan, { override: { reason: ' ' } }), 'request.invalid');

    const result = await world.engine.execute(plan, {
      override: { reason: 'P1 incident INC-42', by: 'rene' },
      snapshot: false,
    });
    assert.equal(result.status, 'succeeded');
    assert.deepEqual(result.override, { reason: 'P1 incident INC-42', by: 'rene' });
    assert.equal(result.snapshot, null);
    const message = nativeGit(world.workspaceDir, 'log', '-1', '--format=%B');
    assert.match(message, /override: P1 incident INC-42 \(by rene\)/);
  });

  it('a failing step rolls back what was done; with onFailure "stop" the steps done remain and the result says so', async () => {
    await world.services.snapshots.run('uat');
    const baseline = await lastSnapshotCommit();
    const operations: ChangesetOperation[] = [
      ...[1, 2, 3].map((n): ChangesetOperation => ({
        op: 'create',
        type: 'routing.wrapupcode',
        key: `Ferry Fail ${n}`,
        body: wrapupCode(`Ferry Fail ${n}`),
      })),
      {
        op: 'create',
        type: 'architect.schedule',
        key: 'Ferry Fail Hours',
        body: {
          name: 'Ferry Fail Hours',
          division: { $ref: 'authorization.division', name: 'Home' },
          start: '2026-01-05T08:00:00.000',
          end: '2026-01-05T20:00:00.000',
          rrule: 'FREQ=WEEKLY;BYDAY=MO',
        },
      },
      {
        // The sandbox refuses an unknown time zone with a 400, as Genesys does: the step that fails.
        op: 'create',
        type: 'architect.schedulegroup',
        key: 'Ferry Fail Group',
        body: {
          name: 'Ferry Fail Group',
          division: { $ref: 'authorization.division', name: 'Home' },
          timeZone: 'Mars/Olympus_Mons',
          openSchedules: refs('architect.schedule', ['Ferry Fail Hours']),
          closedSchedules: [],
          holidaySchedules: [],
        },
      },
      {
        op: 'update',
        type: 'routing.queue',
        key: 'Complaints - Voice',
        changes: [{ path: 'description', before: 'Edited by someone else', after: 'Complaints by voice' }],
      },
    ];
    const changeset = changesetOf('fails-midway', operations);
    const plan = await world.engine.plan(changeset, 'uat');
    const failing = stepFor(plan, 'architect.schedulegroup', 'Ferry Fail Group');
    assert.equal(failing.level, 1);

    const rolledBack = await world.engine.execute(plan);
    assert.equal(rolledBack.status, 'rolled-back', rolledBack.message);
    assert.equal(rolledBack.failure?.step, failing.index);
    assert.equal(rolledBack.failure?.code, 'genesys.bad-request');
    assert.match(rolledBack.message, new RegExp(`failed at step ${failing.index + 1}, 5 steps rolled back`));
    assert.equal(rolledBack.steps.find((step) => step.index === failing.index)?.status, 'failed');
    assert.equal(rolledBack.steps.filter((step) => step.status === 'rolled-back').length, 5);
    assert.deepEqual(await differencesFrom(world.services, 'uat', baseline), [], 'uat is exactly as before');
    const journal = (await world.engine.run(rolledBack.runId)).journal;
    assert.ok(journal.some((entry) => entry.kind === 'rollback-started'));
    assert.equal(journal.filter((entry) => entry.kind === 'step-done' && entry.phase === 'undo').length, 5);

    const stopped = await world.engine.execute(await world.engine.plan(changeset, 'uat'), {
      onFailure: 'stop',
    });
    assert.equal(stopped.status, 'stopped', stopped.message);
    assert.match(stopped.message, /stopped with 5 steps done/);
    assert.deepEqual(stopped.steps.map((step) => [step.key, step.status]).sort(), [
      ['Complaints - Voice', 'done'],
      ['Ferry Fail 1', 'done'],
      ['Ferry Fail 2', 'done'],
      ['Ferry Fail 3', 'done'],
      ['Ferry Fail Group', 'failed'],
      ['Ferry Fail Hours', 'done'],
    ]);
    const left = await liveObjects(world.services, 'uat', [
      'routing.wrapupcode',
      'architect.schedule',
      'architect.schedulegroup',
    ]);
    assert.ok(left.get('routing.wrapupcode')?.has('Ferry Fail 2'));
    assert.ok(left.get('architect.schedule')?.has('Ferry Fail Hours'));
    assert.equal(left.get('architect.schedulegroup')?.has('Ferry Fail Group'), false);
    const remaining = await differencesFrom(world.services, 'uat', baseline);
    assert.deepEqual(remaining.map((object) => `${object.status} ${object.key}`).sort(), [
      'added Ferry Fail 1',
      'added Ferry Fail 2',
      'added Ferry Fail 3',
      'added Ferry Fail Hours',
      'changed Complaints - Voice',
    ]);

    // What a stopped run left is rolled back like any finished run.
    const cleaned = await world.engine.rollbackRun(stopped.runId);
    assert.equal(cleaned.status, 'succeeded', cleaned.message);
    assert.deepEqual(await differencesFrom(world.services, 'uat', baseline), []);
  });

  it('a cancelled run stops before its next step and rolls back what it did', async () => {
    const baseline = await lastSnapshotCommit();
    const operations: ChangesetOperation[] = [1, 2, 3, 4, 5, 6].map((n) => ({
      op: 'create',
      type: 'routing.wrapupcode',
      key: `Ferry Cancel ${n}`,
      body: wrapupCode(`Ferry Cancel ${n}`),
    }));
    const controller = new AbortController();
    const result = await world.engine.execute(
      await world.engine.plan(changesetOf('cancelled', operations), 'uat'),
      {
        concurrency: 1,
        signal: controller.signal,
        onProgress: (event) => {
          if (event.status === 'done' && event.phase === 'writing' && event.done === 2) controller.abort();
        },
      },
    );
    assert.equal(result.status, 'rolled-back', result.message);
    assert.equal(result.failure?.code, 'cancelled');
    assert.deepEqual(
      result.steps.map((step) => step.status),
      ['rolled-back', 'rolled-back', 'failed', 'not-run', 'not-run', 'not-run'],
    );
    assert.deepEqual(await differencesFrom(world.services, 'uat', baseline), []);
  });
});
