import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startSandbox, type SandboxHandle } from '../../../electron/sandbox';
import { createFerryServices, type FerryServices } from '../../../electron/host/core/ferry-services';
import type { JsonObject } from '../../../shared/model/canonical/json-value';
import { listOrg } from '../../support/sandbox-http';
import { tempDir } from '../../support/temp-dir';
import { changesetOf, FAST_RETRY, liveObjects } from './promotion-test-support';
import { apiCallerFor } from '../../../electron/services/promotion/api-caller';
import { getObjectType } from '../../../shared/model/object-types/registry';

/**
 * Issue 12, point 5: a skill's division is changed with `PATCH /routing/skills/{id}` (it has no
 * PUT), and a queue is moved with `POST /authorization/divisions/{id}/objects/QUEUE` besides its
 * PUT. Both are in the plan's API calls, both reach the org (read over HTTP), and both roll back.
 */

const DIVISION = 'authorization.division';
let sandbox: SandboxHandle;
let services: FerryServices;

before(async () => {
  sandbox = await startSandbox({ rateLimitPerMinute: 100_000 });
  const root = await tempDir('ferry-division-moves-');
  services = createFerryServices({
    dataDir: join(root, 'data'),
    version: 'test',
    env: { FERRY_VAULT_PASSPHRASE: 'division test passphrase' },
    author: { name: 'Rene Release', email: 'rene@example.test' },
    transport: { retry: FAST_RETRY },
  });
  await services.workspace.create(join(root, 'ws'), 'Divisions');
  await services.identity.keys.init({ owner: 'Rene Release' });
  await services.environments.save(
    { name: 'uat', kind: 'sandbox', url: sandbox.url, org: 'uat', tier: 'test' },
    undefined,
  );
});
after(() => sandbox.close());

async function divisionNameOf(path: string, name: string): Promise<string | undefined> {
  type Item = { name: string; division?: { id: string } };
  const items = await listOrg<Item>(sandbox, 'uat', path);
  const divisions = await listOrg<{ id: string; name: string }>(
    sandbox,
    'uat',
    '/api/v2/authorization/divisions',
  );
  const id = items.find((item) => item.name === name)?.division?.id;
  return divisions.find((division) => division.id === id)?.name;
}

function divisionOf(object: JsonObject | undefined): string {
  const division = object?.division as { name?: string } | undefined;
  return division?.name ?? '';
}

describe('division moves', () => {
  it('moves a skill with PATCH and a queue through the divisions API, and rolls both back', async () => {
    const live = await liveObjects(services, 'uat', ['routing.skill', 'routing.queue']);
    const [skillName, skill] = [...(live.get('routing.skill') ?? new Map()).entries()][0] as [
      string,
      JsonObject,
    ];
    const [queueName, queue] = [...(live.get('routing.queue') ?? new Map()).entries()][0] as [
      string,
      JsonObject,
    ];
    const other = (current: string) =>
      current === 'Sales & Retention' ? 'Customer Service' : 'Sales & Retention';
    const skillTo = other(divisionOf(skill));
    const queueTo = other(divisionOf(queue));
    const changeset = changesetOf('division-moves', [
      {
        op: 'update',
        type: 'routing.skill',
        key: skillName,
        changes: [
          { path: 'division', before: skill.division ?? null, after: { $ref: DIVISION, name: skillTo } },
        ],
      },
      {
        op: 'update',
        type: 'routing.queue',
        key: queueName,
        changes: [
          { path: 'division', before: queue.division ?? null, after: { $ref: DIVISION, name: queueTo } },
        ],
      },
    ]);
    const plan = await services.engine.plan(changeset, 'uat');
    const calls = plan.steps.flatMap((step) => ('calls' in step ? (step.calls ?? []) : []));
    const described = calls.map((call) => `${call.method} ${call.path}`);
    assert.ok(
      described.some((call) => /^PATCH \/api\/v2\/routing\/skills\/[^/]+$/.test(call)),
      described.join('\n'),
    );
    assert.ok(
      described.some((call) =>
        /^POST \/api\/v2\/authorization\/divisions\/[^/]+\/objects\/QUEUE$/.test(call),
      ),
      described.join('\n'),
    );
    assert.ok(
      plan.steps.every((step) => step.action !== 'blocked'),
      JSON.stringify(plan.steps),
    );

    const result = await services.engine.execute(plan, { snapshot: false });
    assert.equal(result.status, 'succeeded', result.message);
    assert.equal(await divisionNameOf('/api/v2/routing/skills', skillName), skillTo);
    assert.equal(await divisionNameOf('/api/v2/routing/queues', queueName), queueTo);

    const undone = await services.engine.rollbackRun(result.runId, { snapshot: false });
    assert.equal(undone.status, 'succeeded', undone.message);
    assert.equal(await divisionNameOf('/api/v2/routing/skills', skillName), divisionOf(skill));
    assert.equal(await divisionNameOf('/api/v2/routing/queues', queueName), divisionOf(queue));
  });

  it("lets a plan call the divisions API only to move the step's own queue", async () => {
    const caller = apiCallerFor(await services.environments.connector('uat'));
    const divisions = await listOrg<{ id: string; name: string }>(
      sandbox,
      'uat',
      '/api/v2/authorization/divisions',
    );
    const division = divisions[0]?.id ?? '';
    const queues = await listOrg<{ id: string; name: string }>(sandbox, 'uat', '/api/v2/routing/queues');
    const path = `/api/v2/authorization/divisions/${division}/objects/QUEUE`;
    const queueIds = queues.slice(0, 2).map((queue) => queue.id);
    for (const [type, body] of [
      ['routing.skill', queueIds.slice(0, 1)],
      ['routing.queue', queueIds],
    ] as const) {
      await assert.rejects(
        caller(getObjectType(type), { method: 'POST', path, body: [...body] }),
        /is not under/,
        `${type} with ${body.length} ids`,
      );
    }
  });
});
