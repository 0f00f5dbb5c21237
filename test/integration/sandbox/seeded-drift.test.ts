import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  DEMO_CLIENTS,
  ORG_KEYS,
  SEEDED_DRIFT,
  startSandbox,
  type OrgKey,
  type SandboxHandle,
} from '../../../electron/sandbox';
import { seedOrg } from '../../../electron/sandbox/seed-orgs';
import { apiFor, findByName, listAll, login, type Named } from './sandbox-test-client';

type Api = ReturnType<typeof apiFor>;

interface QueueView extends Named {
  acwSettings: { timeoutMs?: number };
  mediaSettings: { call: { alertingTimeoutSeconds: number } };
  bullseye: { rings: { actions?: { skillsToRemove: Named[] } }[] };
}

describe('seeded demo orgs', () => {
  let sandbox: SandboxHandle;
  const apis = {} as Record<OrgKey, Api>;
  before(async () => {
    sandbox = await startSandbox();
    for (const org of ORG_KEYS) apis[org] = apiFor(sandbox.url, await login(sandbox.url, DEMO_CLIENTS[org]));
  });
  after(() => sandbox.close());

  const names = async (org: OrgKey, path: string) =>
    new Set((await listAll(apis[org], `${path}?pageSize=100`)).map((entity) => entity.name));

  it('are generated deterministically, with different ids per org', () => {
    assert.deepEqual(seedOrg('uat'), seedOrg('uat'));
    const dev = new Set(Object.keys(seedOrg('dev').queues));
    assert.ok(Object.keys(seedOrg('prod').queues).every((id) => !dev.has(id)));
    assert.notEqual(sandbox.orgs.dev.orgId, sandbox.orgs.prod.orgId);
  });

  it('hold a realistic amount of configuration', async () => {
    const prod = seedOrg('prod');
    assert.equal(Object.keys(prod.divisions).length, 3);
    assert.equal(Object.keys(prod.skills).length, 40);
    assert.equal(Object.keys(prod.languages).length, 8);
    assert.ok(Object.keys(prod.wrapupCodes).length >= 40);
    assert.equal(Object.keys(prod.queues).length, 60);
    assert.ok(Object.keys(prod.schedules).length >= 10);
    assert.equal(Object.keys(prod.scheduleGroups).length, 4);
    const queue = await findByName<QueueView>(apis.prod, '/api/v2/routing/queues', 'Billing - Voice');
    assert.ok(queue.bullseye.rings.length >= 2);
    const wrapups = await listAll(apis.prod, `/api/v2/routing/queues/${queue.id}/wrapupcodes`);
    assert.ok(wrapups.length >= 5);
  });

  it('have dev-only new work', async () => {
    const only = SEEDED_DRIFT.devOnly;
    for (const [path, name] of [
      ['/api/v2/routing/skills', only.skill],
      ['/api/v2/routing/languages', only.language],
      ['/api/v2/routing/wrapupcodes', only.wrapupCode],
      ['/api/v2/routing/queues', only.queue],
      ['/api/v2/architect/schedules', only.schedule],
    ] as const) {
      assert.ok((await names('dev', path)).has(name), `dev has ${name}`);
      assert.ok(!(await names('uat', path)).has(name), `uat lacks ${name}`);
      assert.ok(!(await names('prod', path)).has(name), `prod lacks ${name}`);
    }
    const table = await findByName(apis.dev, '/api/v2/flows/datatables', only.datatableField.table);
    const schema = await apis.dev<{ schema: { properties: Record<string, unknown> } }>(
      'GET',
      `/api/v2/flows/datatables/${table.id}?expand=schema`,
    );
    assert.ok(schema.body.schema.properties[only.datatableField.field]);
  });

  it('have changes promoted to uat but not yet to prod', async () => {
    const { acwTimeout, ringSkill } = SEEDED_DRIFT.devAndUat;
    const timeout = async (org: OrgKey) =>
      (await findByName<QueueView>(apis[org], '/api/v2/routing/queues', acwTimeout.queue)).acwSettings
        .timeoutMs;
    assert.equal(await timeout('dev'), acwTimeout.after);
    assert.equal(await timeout('uat'), acwTimeout.after);
    assert.equal(await timeout('prod'), acwTimeout.before);
    const ringSkills = async (org: OrgKey) =>
      (await findByName<QueueView>(apis[org], '/api/v2/routing/queues', ringSkill.queue)).bullseye.rings[
        ringSkill.ringIndex
      ]?.actions?.skillsToRemove.map((skill) => skill.name);
    assert.ok((await ringSkills('uat'))?.includes(ringSkill.skill));
    assert.ok(!(await ringSkills('prod'))?.includes(ringSkill.skill));
  });

  it('have queues that use groups, flows, prompts, scripts and the rest, alike in every org but for ids', async () => {
    const queues = ['Billing - Voice', 'Billing - Email', 'Billing - Messaging', 'Collections - Voice'];
    const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
    const ids = async (org: OrgKey) => {
      const state = seedOrg(org);
      return new Set(JSON.stringify(state).match(UUID) ?? []);
    };
    // What a queue says once every id is gone: names, types and settings only.
    const withoutIds = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(withoutIds);
      if (value === null || typeof value !== 'object')
        return typeof value === 'string' ? value.replace(UUID, '<id>') : value;
      return Object.fromEntries(
        Object.entries(value)
          .filter(
            ([key]) =>
              !['id', 'selfUri', 'dateCreated', 'dateModified', 'createdBy', 'modifiedBy'].includes(key),
          )
          .map(([key, inner]) => [key, withoutIds(inner)]),
      );
    };
    const view = async (org: OrgKey, name: string) => {
      const queue = await findByName<QueueView>(apis[org], '/api/v2/routing/queues', name);
      // The ACW timeout of "Billing - Voice" is seeded drift; everything else must match.
      return { ...queue, acwSettings: undefined };
    };
    const devIds = await ids('dev');
    for (const name of queues) {
      const uat = await view('uat', name);
      const prod = await view('prod', name);
      assert.deepEqual(withoutIds(uat), withoutIds(prod), `${name} is configured alike`);
      const prodIds = JSON.stringify(prod).match(UUID) ?? [];
      assert.ok(prodIds.length > 1, `${name} refers to other objects`);
      assert.ok(
        prodIds.every((id) => !devIds.has(id)),
        `${name} in prod holds no id of dev`,
      );
    }
    const billing = (await view('prod', 'Billing - Voice')) as unknown as {
      memberGroups: { name: string; type: string }[];
      queueFlow: { name: string };
      whisperPrompt: { name: string };
      mediaSettings: { callback: { edgeGroup: { name: string }; site: { name: string } } };
    };
    assert.deepEqual(
      billing.memberGroups.map((group) => group.type),
      ['GROUP', 'SKILLGROUP', 'TEAM'],
    );
    assert.equal(billing.queueFlow.name, 'Billing');
    assert.equal(billing.whisperPrompt.name, 'BillingWhisper');
    assert.equal(billing.mediaSettings.callback.edgeGroup.name, 'London Edge Group');
    assert.equal(billing.mediaSettings.callback.site.name, 'London Site');
  });

  it('have a uat-only tweak and a prod-only hot-fix', async () => {
    const { scheduleEnd } = SEEDED_DRIFT.uatOnly;
    const end = async (org: OrgKey) =>
      (
        await findByName<Named & { end: string }>(
          apis[org],
          '/api/v2/architect/schedules',
          scheduleEnd.schedule,
        )
      ).end;
    assert.equal(await end('uat'), scheduleEnd.after);
    assert.equal(await end('prod'), scheduleEnd.before);
    assert.equal(await end('dev'), scheduleEnd.before);

    const hotfix = SEEDED_DRIFT.prodOnly;
    assert.ok((await names('prod', '/api/v2/routing/wrapupcodes')).has(hotfix.wrapupCode));
    assert.ok(!(await names('uat', '/api/v2/routing/wrapupcodes')).has(hotfix.wrapupCode));
    const broadband = await findByName(apis.prod, '/api/v2/routing/queues', hotfix.queueWrapupCode.queue);
    const assigned = await listAll(
      apis.prod,
      `/api/v2/routing/queues/${broadband.id}/wrapupcodes?pageSize=100`,
    );
    assert.ok(assigned.some((code) => code.name === hotfix.queueWrapupCode.code));
    const alerting = async (org: OrgKey) =>
      (await findByName<QueueView>(apis[org], '/api/v2/routing/queues', hotfix.alertingTimeout.queue))
        .mediaSettings.call.alertingTimeoutSeconds;
    assert.equal(await alerting('prod'), hotfix.alertingTimeout.after);
    assert.equal(await alerting('uat'), hotfix.alertingTimeout.before);
    const table = await findByName(apis.prod, '/api/v2/flows/datatables', hotfix.datatableRow.table);
    const row = await apis.prod(
      'GET',
      `/api/v2/flows/datatables/${table.id}/rows/${hotfix.datatableRow.key}?showbrief=false`,
    );
    assert.equal(row.body[hotfix.datatableRow.field], hotfix.datatableRow.after);
  });
});
