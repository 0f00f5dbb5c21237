import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { JsonObject } from '../../../shared/model/canonical/json-value';
import { sandboxOrgToken, listOrg } from '../../support/sandbox-http';
import {
  acceptedWrites,
  changesetOf,
  liveObjects,
  promotionWorld,
  type PromotionWorld,
} from './promotion-test-support';

/**
 * Issue 12, "Show it": queues that use every id-bearing field of the SDK's `Queue` model (member
 * groups of each kind, ring and conditional-routing groups, default scripts, canned-response
 * libraries, messaging addresses, a backup queue, in-queue, callback and email flows, prompts,
 * the callback edge group and site, the outbound email route) are promoted dev → uat. Afterwards
 * no dev id appears anywhere in what uat holds, read over HTTP as any client would; a reference
 * uat has no counterpart for blocks its step by name.
 */

const PROMOTED = [
  'Billing - Voice',
  'Billing - Email',
  'Billing - Messaging',
  'Collections - Voice',
  'Retention - Voice',
];
const COPY = (name: string) => `${name} (promoted)`;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

let world: PromotionWorld;
before(async () => {
  world = await promotionWorld();
});
after(() => world.close());

interface Reply {
  id: string;
  name?: string;
  pattern?: string;
  type?: string;
}

/** The parts of a queue this test reads (the sandbox's own reply, so not checked by a schema). */
interface QueueReply {
  id: string;
  name: string;
  queueFlow?: Reply;
  memberGroups?: Reply[];
  mediaSettings?: { callback?: { edgeGroup?: Reply; site?: Reply } };
  directRouting?: { backupQueueId?: string };
  outboundEmailAddress?: { domain?: Reply; route?: Reply };
}

/** Every queue of an org, read over HTTP with the org's own token. */
function rawQueues(org: 'dev' | 'uat'): Promise<QueueReply[]> {
  return listOrg<QueueReply>(world.sandbox, org, '/api/v2/routing/queues');
}

function idsIn(value: unknown): Set<string> {
  return new Set((JSON.stringify(value).match(UUID) ?? []).map((id) => id.toLowerCase()));
}

describe('promoting queues that use every id-bearing field', () => {
  it('gives the same canonical text in dev and uat for queues configured alike', async () => {
    const dev = await liveObjects(world.services, 'dev', ['routing.queue']);
    const uat = await liveObjects(world.services, 'uat', ['routing.queue']);
    for (const name of PROMOTED) {
      const text = JSON.stringify(dev.get('routing.queue')?.get(name));
      assert.equal(text, JSON.stringify(uat.get('routing.queue')?.get(name)), name);
      assert.doesNotMatch(text, UUID, `${name} canonical form holds an id`);
    }
    const messaging = dev.get('routing.queue')?.get('Billing - Messaging') as JsonObject;
    assert.deepEqual(messaging.cannedResponseLibraries, {
      libraryIds: [
        { $ref: 'responsemanagement.library', name: 'Billing Responses' },
        { $ref: 'responsemanagement.library', name: 'General Responses' },
      ],
      mode: 'SelectedOnly',
    });
  });

  it('sends no dev id to uat, and each reference lands on the uat object of that name', async () => {
    const dev = (await liveObjects(world.services, 'dev', ['routing.queue'])).get('routing.queue');
    const operations = PROMOTED.map((name) => {
      const value = structuredClone(dev?.get(name)) as JsonObject;
      value.name = COPY(name);
      const direct = value.directRouting as JsonObject | undefined;
      // The copy of "Collections - Voice" falls back to the copy of "Billing - Voice", which the
      // same plan creates: a queue waiting on another queue.
      if (direct !== undefined)
        direct.backupQueueId = { $ref: 'routing.queue', name: COPY('Billing - Voice') };
      return { op: 'create' as const, type: 'routing.queue', key: COPY(name), body: value };
    });
    const plan = await world.engine.plan(changesetOf('every-reference', operations), 'uat');
    for (const step of plan.steps) assert.equal(step.action, 'create', `${step.key}: ${step.reason ?? ''}`);
    const order = plan.steps.map((step) => step.key);
    assert.ok(order.indexOf(COPY('Billing - Voice')) < order.indexOf(COPY('Collections - Voice')));

    const from = world.requests.length;
    const result = await world.engine.execute(plan, { snapshot: false });
    assert.equal(result.status, 'succeeded', result.message);

    const devIds = idsIn(await rawQueues('dev'));
    assert.ok(devIds.size > 20, 'dev queues carry ids of many other objects');
    const sent = acceptedWrites(world.requests, from);
    assert.equal(
      sent.filter((request) => request.method === 'POST' && request.path === '/api/v2/routing/queues').length,
      PROMOTED.length,
    );
    for (const request of sent) {
      const leaked = [...idsIn(request.body)].filter((id) => devIds.has(id));
      assert.deepEqual(leaked, [], `${request.method} ${request.path} carried dev ids`);
    }
    const uatQueues = await rawQueues('uat');
    const leaked = [...idsIn(uatQueues)].filter((id) => devIds.has(id));
    assert.deepEqual(leaked, [], 'uat holds dev ids');

    // Read back over HTTP: the references point at uat's own objects of the same names.
    const copy = uatQueues.find((queue) => queue.name === COPY('Billing - Voice')) as QueueReply;
    const flows = await listOrg<{ id: string; name: string; type: string }>(
      world.sandbox,
      'uat',
      '/api/v2/flows',
    );
    const inQueue = flows.find((flow) => flow.name === 'Billing' && flow.type === 'INQUEUECALL');
    assert.equal(copy.queueFlow?.id, inQueue?.id, 'the in-queue "Billing" flow, not the inbound one');
    assert.deepEqual(
      (copy.memberGroups ?? []).map((group) => `${group.type ?? ''}:${group.name ?? ''}`).sort(),
      ['GROUP:Customer Service Agents', 'SKILLGROUP:Billing Specialists', 'TEAM:Billing Team A'],
    );
    assert.equal(copy.mediaSettings?.callback?.edgeGroup?.name, 'London Edge Group');
    assert.equal(copy.mediaSettings?.callback?.site?.name, 'London Site');
    const collections = uatQueues.find((queue) => queue.name === COPY('Collections - Voice')) as QueueReply;
    assert.equal(collections.directRouting?.backupQueueId, copy.id);
    const email = uatQueues.find((queue) => queue.name === COPY('Billing - Email')) as QueueReply;
    assert.equal(email.outboundEmailAddress?.route?.pattern, 'billing');
    assert.equal(email.outboundEmailAddress?.domain?.id, 'support.contoso.com');

    const token = await sandboxOrgToken(world.sandbox, 'uat');
    const route = await fetch(
      `${world.sandbox.url}/api/v2/routing/email/domains/support.contoso.com/routes?pattern=billing`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    const routes = (await route.json()) as { entities: { id: string }[] };
    assert.equal(email.outboundEmailAddress?.route?.id, routes.entities[0]?.id);
  });

  it('blocks a step whose reference has no counterpart in uat, naming the field and the object', async () => {
    const value: JsonObject = {
      name: 'Ferry Orphan Queue',
      memberGroups: [
        { $ref: 'directory.team', name: 'No Such Team' },
        { $ref: 'directory.group', name: 'Customer Service Agents' },
      ],
      defaultScripts: { CALL: { $ref: 'scripts.script', name: 'Billing Call Script' } },
    };
    const plan = await world.engine.plan(
      changesetOf('orphan', [
        { op: 'create', type: 'routing.queue', key: 'Ferry Orphan Queue', body: value },
      ]),
      'uat',
    );
    const [step] = plan.steps;
    assert.equal(step?.action, 'blocked');
    assert.match(step?.reason ?? '', /the team "No Such Team" \(at memberGroups\[\d\]\)/);
    assert.doesNotMatch(step?.reason ?? '', /Customer Service Agents|Billing Call Script/);
  });
});
