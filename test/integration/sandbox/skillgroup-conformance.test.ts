import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import platformClient from 'purecloud-platform-client-v2';
import { DEMO_CLIENTS, startSandbox, type SandboxHandle } from '../../../electron/sandbox';
import { newSdkClient as newClient, sdkRejection as rejected, type ApiClient } from './sdk-test-client';

type SkillGroupCondition = platformClient.Models.SkillGroupCondition;

/**
 * Skill groups through Genesys's own JavaScript SDK: the cursor-paged listing of
 * `SkillGroupDefinition`s, the full `SkillGroup` at its own URL, POST, PATCH (there is no PUT),
 * DELETE, member divisions, and the errors a real org gives.
 */
const billingAndFrench: SkillGroupCondition[] = [
  {
    routingSkillConditions: [
      {
        routingSkill: 'Billing',
        comparator: 'GreaterThanOrEqualTo',
        proficiency: 3,
        childConditions: [
          {
            routingSkillConditions: [],
            languageSkillConditions: [{ languageSkill: 'French', comparator: 'GreaterThan', proficiency: 2 }],
            operation: 'Or',
          },
        ],
      },
    ],
    languageSkillConditions: [],
    operation: 'And',
  },
];

describe('skill groups through the official SDK', () => {
  let sandbox: SandboxHandle;
  let client: ApiClient;
  let routing: InstanceType<typeof platformClient.RoutingApi>;
  let authorization: InstanceType<typeof platformClient.AuthorizationApi>;

  before(async () => {
    sandbox = await startSandbox();
    client = newClient(sandbox.port);
    await client.loginClientCredentialsGrant(DEMO_CLIENTS.dev.clientId, DEMO_CLIENTS.dev.clientSecret);
    routing = new platformClient.RoutingApi(client);
    authorization = new platformClient.AuthorizationApi(client);
  });
  after(() => sandbox.close());

  it('lists definitions by cursor and reads each group with its conditions', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page += 1) {
      const listing = await routing.getRoutingSkillgroups({
        pageSize: 2,
        ...(cursor ? { after: cursor } : {}),
      });
      for (const entity of listing.entities ?? []) {
        seen.push(entity.name);
        // The listing is `SkillGroupDefinition`: no conditions, no status.
        assert.equal((entity as { skillConditions?: unknown }).skillConditions, undefined);
        assert.equal((entity as { status?: unknown }).status, undefined);
      }
      if (!listing.nextUri) break;
      cursor = new URL(listing.nextUri, 'http://sandbox').searchParams.get('after') ?? undefined;
    }
    assert.deepEqual(seen, [
      'Billing Specialists',
      'Broadband Specialists',
      'Retention Specialists',
      'Video Specialists',
      'Welsh Speakers',
    ]);
    const named = await routing.getRoutingSkillgroups({ name: 'retention' });
    assert.deepEqual(
      named.entities?.map((entity) => entity.name),
      ['Retention Specialists'],
    );
    const retention = await routing.getRoutingSkillgroup(named.entities?.[0]?.id ?? '');
    assert.equal(retention.status, 'Complete');
    assert.equal(retention.division?.name, 'Sales & Retention');
    const [top] = retention.skillConditions;
    assert.equal(top?.operation, 'And');
    assert.equal(top?.routingSkillConditions[0]?.routingSkill, 'Retention', 'skills are named by name');
    assert.equal(
      top?.routingSkillConditions[0]?.childConditions?.[0]?.languageSkillConditions[0]?.languageSkill,
      'English',
    );
    assert.equal((await rejected(routing.getRoutingSkillgroup('no-such-group'))).status, 404);
  });

  it('creates, patches, refuses what a real org refuses, and deletes', async () => {
    const divisions = await authorization.getAuthorizationDivisions({ name: 'Customer Service' });
    const service = divisions.entities?.[0]?.id ?? '';
    const created = await routing.postRoutingSkillgroups({
      name: 'Billing Linguists',
      description: 'Billing and French',
      division: { id: service },
      skillConditions: billingAndFrench,
      memberDivisions: [service],
    });
    assert.ok(created.id);
    assert.deepEqual(created.skillConditions, billingAndFrench);
    const id = created.id;
    const members = await routing.getRoutingSkillgroupMembersDivisions(id);
    assert.deepEqual(
      members.entities?.map((division) => division.id),
      [service],
    );

    // Names are unique regardless of case.
    const twin = await rejected(
      routing.postRoutingSkillgroups({ name: 'billing linguists', skillConditions: [] }),
    );
    assert.equal(twin.status, 400);
    // A condition naming a skill (or language) the org does not have is refused, saying where.
    const unknownSkill = await rejected(
      routing.postRoutingSkillgroups({
        name: 'Satellite Experts',
        skillConditions: [
          {
            routingSkillConditions: [
              { routingSkill: 'Satellite TV', comparator: 'GreaterThan', proficiency: 2 },
            ],
            languageSkillConditions: [],
            operation: 'And',
          },
        ],
      }),
    );
    assert.equal(unknownSkill.status, 400);
    assert.match(unknownSkill.message, /Satellite TV/);
    assert.match(unknownSkill.message, /skillConditions\[0\]\.routingSkillConditions\[0\]\.routingSkill/);
    const badProficiency = await rejected(
      routing.postRoutingSkillgroups({
        name: 'Overqualified',
        skillConditions: [
          {
            routingSkillConditions: [{ routingSkill: 'Billing', comparator: 'GreaterThan', proficiency: 9 }],
            languageSkillConditions: [],
            operation: 'And',
          },
        ],
      }),
    );
    assert.equal(badProficiency.status, 400);

    // PATCH changes what it names and leaves the rest; null clears the description.
    const renamed = await routing.patchRoutingSkillgroup(id, {
      name: 'Billing Linguists (FR)',
    } as platformClient.Models.SkillGroup);
    assert.equal(renamed.name, 'Billing Linguists (FR)');
    assert.deepEqual(renamed.skillConditions, billingAndFrench);
    assert.equal(renamed.description, 'Billing and French');
    const cleared = await routing.patchRoutingSkillgroup(id, {
      description: null,
      skillConditions: [],
    } as unknown as platformClient.Models.SkillGroup);
    assert.equal(cleared.description, undefined);
    assert.deepEqual(cleared.skillConditions, []);
    const clash = await rejected(
      routing.patchRoutingSkillgroup(id, { name: 'Welsh Speakers' } as platformClient.Models.SkillGroup),
    );
    assert.equal(clash.status, 400);
    const unknownLanguage = await rejected(
      routing.patchRoutingSkillgroup(id, {
        name: 'Billing Linguists (FR)',
        skillConditions: [
          {
            routingSkillConditions: [],
            languageSkillConditions: [{ languageSkill: 'Klingon', comparator: 'EqualTo', proficiency: 5 }],
            operation: 'And',
          },
        ],
      }),
    );
    assert.equal(unknownLanguage.status, 400);
    assert.deepEqual(
      (await routing.getRoutingSkillgroup(id)).skillConditions,
      [],
      'a refused PATCH changes nothing',
    );
    // There is no PUT of a skill group.
    const put = await rejected(
      client.callApi(
        `/api/v2/routing/skillgroups/${id}`,
        'PUT',
        {},
        {},
        {},
        {},
        { name: 'x', skillConditions: [] },
        ['PureCloud OAuth'],
        ['application/json'],
        ['application/json'],
      ),
    );
    assert.equal(put.status, 405);

    await routing.postRoutingSkillgroupMembersDivisions(id, { body: { removeDivisionIds: [service] } });
    assert.deepEqual((await routing.getRoutingSkillgroupMembersDivisions(id)).entities, []);

    // A group a queue takes members from cannot go while the queue names it.
    const queues = await routing.getRoutingQueues({ name: 'Billing - Email' });
    const queue = await routing.getRoutingQueue(queues.entities?.[0]?.id ?? '');
    const original = queue.memberGroups ?? [];
    await routing.putRoutingQueue(queue.id ?? '', {
      ...queue,
      name: queue.name ?? '',
      memberGroups: [...original, { id, type: 'SKILLGROUP' }],
    } as Parameters<typeof routing.putRoutingQueue>[1]);
    const inUse = await rejected(routing.deleteRoutingSkillgroup(id));
    assert.equal(inUse.status, 409);
    assert.match(inUse.message, /Billing - Email/);
    await routing.putRoutingQueue(queue.id ?? '', {
      ...queue,
      name: queue.name ?? '',
      memberGroups: original,
    } as Parameters<typeof routing.putRoutingQueue>[1]);
    await routing.deleteRoutingSkillgroup(id);
    assert.equal((await rejected(routing.getRoutingSkillgroup(id))).status, 404);
    assert.equal((await rejected(routing.deleteRoutingSkillgroup(id))).status, 404);
  });

  it('seeds the orgs with their own drift of the same groups', async () => {
    const routingIn = async (org: 'uat' | 'prod') => {
      const other = newClient(sandbox.port);
      await other.loginClientCredentialsGrant(DEMO_CLIENTS[org].clientId, DEMO_CLIENTS[org].clientSecret);
      return new platformClient.RoutingApi(other);
    };
    const conditions = async (api: typeof routing, name: string) => {
      const listing = await api.getRoutingSkillgroups({ name });
      return (await api.getRoutingSkillgroup(listing.entities?.[0]?.id ?? '')).skillConditions;
    };
    const uat = await routingIn('uat');
    const prod = await routingIn('prod');
    assert.equal(
      (await conditions(routing, 'Billing Specialists'))[0]?.routingSkillConditions[0]?.proficiency,
      4,
    );
    assert.equal(
      (await conditions(uat, 'Billing Specialists'))[0]?.routingSkillConditions[0]?.proficiency,
      3,
    );
    assert.equal((await conditions(routing, 'Broadband Specialists'))[0]?.routingSkillConditions.length, 2);
    assert.equal((await conditions(prod, 'Broadband Specialists'))[0]?.routingSkillConditions.length, 3);
    assert.deepEqual((await uat.getRoutingSkillgroups({ name: 'Video' })).entities, [], 'dev only');
  });
});
