import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  DEMO_CLIENTS,
  DEV_ONLY_REFERENCE_OBJECTS,
  ORG_KEYS,
  startSandbox,
  type OrgKey,
  type SandboxHandle,
} from '../../../electron/sandbox';
import { FORMAT_3_KEYS, REFERENCED_OBJECT_KEYS } from '../../../electron/sandbox/org-state';
import { IVR_FLOWS } from '../../../electron/sandbox/seed-architect-objects';
import { seedOrg } from '../../../electron/sandbox/seed-orgs';
import { tempDir } from '../../support/temp-dir';
import { queueWithEveryReference, referenceIds, type ReferenceIds } from './queue-with-every-reference';
import { apiFor, findByName, listAll, login, type Listing, type Named } from './sandbox-test-client';

type Api = ReturnType<typeof apiFor>;

interface CursorPage<T = Named> {
  entities: T[];
  nextUri?: string;
  previousUri?: string;
  selfUri: string;
  total?: number;
}

interface ErrorBody {
  message: string;
  code: string;
  status: number;
  details: { errorCode: string; fieldName?: string; entityId?: string; entityName?: string }[];
}

/** Every list the sandbox serves for the objects queues point at, with how it pages. */
const REFERENCE_LISTS = [
  { path: '/api/v2/groups', cursor: false },
  { path: '/api/v2/routing/skillgroups', cursor: true },
  { path: '/api/v2/teams', cursor: true },
  { path: '/api/v2/scripts', cursor: false },
  { path: '/api/v2/flows', cursor: false },
  { path: '/api/v2/architect/prompts', cursor: false },
  { path: '/api/v2/telephony/providers/edges/sites', cursor: false },
  { path: '/api/v2/telephony/providers/edges/edgegroups', cursor: false },
  { path: '/api/v2/responsemanagement/libraries', cursor: false },
  { path: '/api/v2/routing/sms/phonenumbers', cursor: false },
  { path: '/api/v2/routing/message/recipients', cursor: false },
] as const;

/** Follows nextUri to the end of a cursor-paged list; bounded so a cursor bug cannot loop. */
async function walkCursor(api: Api, first: string, maxPages = 20): Promise<CursorPage[]> {
  const pages: CursorPage[] = [];
  let next: string | undefined = first;
  for (let index = 0; next !== undefined && index < maxPages; index += 1) {
    const response: { status: number; body: CursorPage } = await api<CursorPage>('GET', next);
    assert.equal(response.status, 200, `GET ${next}`);
    pages.push(response.body);
    next = response.body.nextUri;
  }
  assert.equal(next, undefined, 'the cursor walk ended within its bound');
  return pages;
}

async function listEverything(api: Api, path: string, cursor: boolean): Promise<Named[]> {
  if (cursor) return (await walkCursor(api, `${path}?pageSize=100`)).flatMap((page) => page.entities);
  return listAll(api, `${path}?pageSize=100`);
}

describe('objects queues refer to, in the sandbox', () => {
  let sandbox: SandboxHandle;
  const apis = {} as Record<OrgKey, Api>;
  before(async () => {
    sandbox = await startSandbox();
    for (const org of ORG_KEYS) apis[org] = apiFor(sandbox.url, await login(sandbox.url, DEMO_CLIENTS[org]));
  });
  after(() => sandbox.close());

  it('have the same names in every org under different ids', async () => {
    for (const { path, cursor } of REFERENCE_LISTS) {
      const dev = await listEverything(apis.dev, path, cursor);
      const uat = await listEverything(apis.uat, path, cursor);
      const prod = await listEverything(apis.prod, path, cursor);
      assert.ok(dev.length >= 2, `${path} is seeded`);
      const names = (list: Named[]) =>
        list.map((entity) => `${entity.name}/${String(entity.type ?? '')}`).sort();
      assert.deepEqual(names(uat), names(prod), `${path}: same names`);
      const devOnly = names(dev).filter((name) => !names(prod).includes(name));
      assert.deepEqual(
        names(dev).filter((name) => !devOnly.includes(name)),
        names(prod),
        `${path}: dev has what prod has, and only its new work besides`,
      );
      const devIds = new Set(dev.map((entity) => entity.id));
      assert.ok(
        prod.every((entity) => !devIds.has(entity.id)),
        `${path}: no id of dev appears in prod`,
      );
      for (const entity of dev) {
        const one = await apis.dev<Named & { selfUri: string }>('GET', `${path}/${entity.id}`);
        assert.equal(one.status, 200);
        assert.equal(one.body.name, entity.name);
        assert.equal(one.body.selfUri, `${path}/${entity.id}`);
        assert.equal((await apis.prod('GET', `${path}/${entity.id}`)).status, 404, 'dev id unknown in prod');
      }
    }
    const numbers = async (org: OrgKey) =>
      (await listAll<Named & { phoneNumber: string }>(apis[org], '/api/v2/routing/sms/phonenumbers')).map(
        (number) => number.phoneNumber,
      );
    const devNumbers = await numbers('dev');
    assert.ok(
      (await numbers('uat')).every((number) => !devNumbers.includes(number)),
      'SMS numbers differ',
    );
  });

  it('dev alone has the new work’s group, skill group, team, script, flow and prompt', async () => {
    const only = DEV_ONLY_REFERENCE_OBJECTS;
    for (const [path, name] of [
      ['/api/v2/groups', only.group],
      ['/api/v2/scripts?name=', only.script.name],
      [`/api/v2/flows?type=${only.flow.type}&name=`, only.flow.name],
      ['/api/v2/architect/prompts?name=', only.prompt],
    ] as const) {
      const url = path.endsWith('=') ? `${path}${encodeURIComponent(name)}` : path;
      const has = async (org: OrgKey) =>
        (await apis[org]<Listing<Named>>('GET', url)).body.entities.some((entity) => entity.name === name);
      assert.ok(await has('dev'), `dev has ${name}`);
      assert.ok(!(await has('uat')), `uat lacks ${name}`);
      assert.ok(!(await has('prod')), `prod lacks ${name}`);
    }
    for (const [path, name] of [
      ['/api/v2/routing/skillgroups', only.skillGroup.name],
      ['/api/v2/teams', only.team.name],
    ] as const) {
      const has = async (org: OrgKey) =>
        (await apis[org]<CursorPage>('GET', `${path}?name=${encodeURIComponent(name)}`)).body.entities.length;
      assert.equal(await has('dev'), 1, `dev has ${name}`);
      assert.equal(await has('uat'), 0, `uat lacks ${name}`);
    }
  });

  it('groups page by number and filter by id, with no name filter', async () => {
    const all = await listAll(apis.prod, '/api/v2/groups?pageSize=1');
    assert.equal(all.length, 4);
    const first = await apis.prod<Listing>('GET', '/api/v2/groups?pageSize=3&pageNumber=2');
    assert.equal(first.body.total, 4);
    assert.equal(first.body.pageCount, 2);
    assert.equal(first.body.entities.length, 1);
    const [a, b] = all;
    assert.ok(a && b);
    const byIds = await apis.prod<Listing<Named>>('GET', `/api/v2/groups?id=${a.id}&id=${b.id}`);
    assert.deepEqual(byIds.body.entities.map((group) => group.id).sort(), [a.id, b.id].sort());
    const joined = await apis.prod<Listing<Named>>('GET', `/api/v2/groups?id=${a.id},${b.id}`);
    assert.equal(joined.body.total, 2);
    const named = await apis.prod<Listing>('GET', `/api/v2/groups?name=${encodeURIComponent(a.name)}`);
    assert.equal(named.body.total, 4, 'name is not a filter of this list');
  });

  for (const path of ['/api/v2/routing/skillgroups', '/api/v2/teams']) {
    it(`${path} pages by cursor to the end and filters by name`, async () => {
      const pages = await walkCursor(apis.uat, `${path}?pageSize=1`);
      assert.equal(pages.length, 4);
      assert.ok(pages.every((page) => page.total === undefined && page.entities.length === 1));
      assert.equal(pages[0]?.previousUri, undefined);
      assert.match(pages[0]?.nextUri ?? '', /[?&]after=/);
      assert.equal(pages[3]?.nextUri, undefined);
      const ids = pages.map((page) => page.entities[0]?.id);
      assert.equal(new Set(ids).size, 4, 'each object once');
      const back = await apis.uat<CursorPage>('GET', pages[2]?.previousUri ?? '');
      assert.equal(back.body.entities[0]?.id, ids[1]);
      const name = pages[1]?.entities[0]?.name ?? '';
      const filtered = await apis.uat<CursorPage>(
        'GET',
        `${path}?name=${encodeURIComponent(name.slice(0, 6))}`,
      );
      assert.ok(filtered.body.entities.some((entity) => entity.name === name));
      assert.ok(filtered.body.entities.every((entity) => entity.name.startsWith(name.slice(0, 6))));
      const exact = await apis.uat<CursorPage>(
        'GET',
        `${path}?name=${encodeURIComponent(name.toUpperCase())}`,
      );
      assert.deepEqual(
        exact.body.entities.map((entity) => entity.name),
        [name],
      );
      assert.equal((await apis.uat('GET', `${path}?after=not-a-cursor`)).status, 400);
      assert.equal((await apis.uat('GET', `${path}?pageSize=101`)).status, 400);
    });
  }

  it('flows filter by name and by type (repeated), names being unique per type only', async () => {
    const billing = await apis.dev<Listing<Named & { type: string }>>('GET', '/api/v2/flows?name=Billing');
    assert.deepEqual(billing.body.entities.map((flow) => flow.type).sort(), ['INBOUNDCALL', 'INQUEUECALL']);
    const inQueue = await apis.dev<Listing<Named & { type: string }>>(
      'GET',
      '/api/v2/flows?name=billing&type=INQUEUECALL',
    );
    assert.deepEqual(
      inQueue.body.entities.map((flow) => `${flow.name}/${flow.type}`),
      ['Billing/INQUEUECALL'],
    );
    const two = await apis.dev<Listing<Named & { type: string }>>(
      'GET',
      '/api/v2/flows?type=INQUEUEEMAIL&type=INQUEUESHORTMESSAGE&pageSize=1',
    );
    assert.equal(two.body.total, 2);
    assert.match(two.body.nextUri ?? '', /type=INQUEUEEMAIL/);
    const next = await apis.dev<Listing<Named & { type: string }>>('GET', two.body.nextUri ?? '');
    assert.equal(next.body.entities[0]?.type, 'INQUEUESHORTMESSAGE');
    const bad = await apis.dev<ErrorBody>('GET', '/api/v2/flows?type=NOSUCHTYPE');
    assert.equal(bad.status, 400);
    assert.match(bad.body.message, /NOSUCHTYPE/);
  });

  it('prompts, scripts, sites, edge groups, libraries and recipients filter by name', async () => {
    const prompts = await apis.prod<Listing<Named>>(
      'GET',
      '/api/v2/architect/prompts?name=BillingWhisper&name=HoldMusicAcme',
    );
    assert.deepEqual(
      prompts.body.entities.map((p) => p.name),
      ['BillingWhisper', 'HoldMusicAcme'],
    );
    for (const [path, filter, expected] of [
      ['/api/v2/scripts', 'name=billing', ['Billing Call Script', 'Billing Email Script']],
      ['/api/v2/telephony/providers/edges/sites', 'name=London%20Site', ['London Site']],
      ['/api/v2/telephony/providers/edges/edgegroups', 'name=Manchester', ['Manchester Edge Group']],
      ['/api/v2/responsemanagement/libraries', 'libraryPrefix=Gen', ['General Responses']],
      ['/api/v2/routing/message/recipients', 'messengerType=whatsapp', ['Acme WhatsApp']],
      ['/api/v2/routing/message/recipients', 'name=Acme%20Web', ['Acme Web Messenger']],
    ] as const) {
      const list = await apis.prod<Listing<Named>>('GET', `${path}?${filter}`);
      assert.deepEqual(
        list.body.entities.map((entity) => entity.name),
        expected,
        `${path}?${filter}`,
      );
    }
  });

  it('SMS numbers filter by phone number: digits anywhere, or a * pattern', async () => {
    const all = await listAll<Named & { phoneNumber: string }>(apis.uat, '/api/v2/routing/sms/phonenumbers');
    const billing = all.find((number) => number.name === 'Acme Billing SMS');
    assert.ok(billing);
    const digits = billing.phoneNumber.slice(-4);
    const found = await apis.uat<Listing<Named>>(
      'GET',
      `/api/v2/routing/sms/phonenumbers?phoneNumber=${digits}`,
    );
    assert.deepEqual(
      found.body.entities.map((n) => n.name),
      ['Acme Billing SMS'],
    );
    const pattern = await apis.uat<Listing<Named>>('GET', '/api/v2/routing/sms/phonenumbers?phoneNumber=44*');
    assert.equal(pattern.body.total, 2);
    assert.equal((await apis.uat('GET', '/api/v2/routing/sms/phonenumbers?phoneNumber=abc')).status, 400);
  });

  it('email domains: the shared custom one and the org’s own; routes by pattern, without names', async () => {
    for (const org of ORG_KEYS) {
      const domains = await apis[org]<Listing<{ id: string; name: string }>>(
        'GET',
        '/api/v2/routing/email/domains',
      );
      assert.deepEqual(
        domains.body.entities.map((domain) => domain.id).sort(),
        [`${org}.contoso.mypurecloud.com`, 'support.contoso.com'].sort(),
      );
    }
    const domain = await apis.dev<{ id: string; name: string }>(
      'GET',
      '/api/v2/routing/email/domains/support.contoso.com',
    );
    assert.equal(domain.body.name, 'support.contoso.com');
    const routes = await apis.dev<Listing<Record<string, unknown>>>(
      'GET',
      '/api/v2/routing/email/domains/support.contoso.com/routes?pattern=billing',
    );
    assert.equal(routes.body.total, 1);
    const route = routes.body.entities[0];
    assert.ok(route);
    assert.equal(route.pattern, 'billing');
    assert.equal(route.fromName, 'Acme Billing');
    assert.equal('name' in route, false, 'routes have no name');
    const one = await apis.dev(
      'GET',
      `/api/v2/routing/email/domains/support.contoso.com/routes/${String(route.id)}`,
    );
    assert.equal(one.status, 200);
    const elsewhere = await apis.dev(
      'GET',
      `/api/v2/routing/email/domains/dev.contoso.mypurecloud.com/routes/${String(route.id)}`,
    );
    assert.equal(elsewhere.status, 404, 'a route is found only under its own domain');
    const prodRoute = await apis.prod<Listing<{ id: string }>>(
      'GET',
      '/api/v2/routing/email/domains/support.contoso.com/routes?pattern=billing',
    );
    assert.notEqual(prodRoute.body.entities[0]?.id, route.id);
    assert.equal((await apis.dev('GET', '/api/v2/routing/email/domains/nope.example/routes')).status, 404);
    const partial = await apis.dev<Listing>(
      'GET',
      '/api/v2/routing/email/domains/support.contoso.com/routes?pattern=bill',
    );
    assert.equal(partial.body.total, 0, 'pattern matches exactly');
  });
});

/** Every body path at which `queueWithEveryReference` writes an id, with how to break it. */
const ID_FIELDS: ReadonlyArray<readonly [string, (body: Record<string, unknown>, id: string) => void]> = [
  ['memberGroups.0.id', (b, id) => (at(b, 'memberGroups', 0).id = id)],
  ['memberGroups.1.id', (b, id) => (at(b, 'memberGroups', 1).id = id)],
  ['memberGroups.2.id', (b, id) => (at(b, 'memberGroups', 2).id = id)],
  [
    'bullseye.rings.0.memberGroups.0.id',
    (b, id) => (at(obj(b, 'bullseye'), 'rings', 0).memberGroups = [{ id, type: 'TEAM' }]),
  ],
  [
    'bullseye.rings.0.actions.skillsToRemove.0.id',
    (b, id) => (at(obj(b, 'bullseye'), 'rings', 0).actions = { skillsToRemove: [{ id }] }),
  ],
  [
    'conditionalGroupRouting.rules.0.groups.0.id',
    (b, id) => (at(obj(b, 'conditionalGroupRouting'), 'rules', 0).groups = [{ id, type: 'SKILLGROUP' }]),
  ],
  [
    'conditionalGroupRouting.rules.1.queue.id',
    (b, id) => (at(obj(b, 'conditionalGroupRouting'), 'rules', 1).queue = { id }),
  ],
  ['defaultScripts.EMAIL.id', (b, id) => (obj(b, 'defaultScripts').EMAIL = { id })],
  ['cannedResponseLibraries.libraryIds.0', (b, id) => (obj(b, 'cannedResponseLibraries').libraryIds = [id])],
  [
    'outboundMessagingAddresses.smsAddress.id',
    (b, id) => (obj(b, 'outboundMessagingAddresses').smsAddress = { id }),
  ],
  [
    'outboundMessagingAddresses.openMessagingRecipient.id',
    (b, id) => (obj(b, 'outboundMessagingAddresses').openMessagingRecipient = { id }),
  ],
  [
    'outboundMessagingAddresses.whatsAppRecipient.id',
    (b, id) => (obj(b, 'outboundMessagingAddresses').whatsAppRecipient = { id }),
  ],
  ['outboundEmailAddress.domain.id', (b, id) => (obj(b, 'outboundEmailAddress').domain = { id })],
  ['outboundEmailAddress.route.id', (b, id) => (obj(b, 'outboundEmailAddress').route = { id })],
  ['directRouting.backupQueueId', (b, id) => (obj(b, 'directRouting').backupQueueId = id)],
  ['queueFlow.id', (b, id) => (b.queueFlow = { id })],
  ['emailInQueueFlow.id', (b, id) => (b.emailInQueueFlow = { id })],
  ['messageInQueueFlow.id', (b, id) => (b.messageInQueueFlow = { id })],
  ['whisperPrompt.id', (b, id) => (b.whisperPrompt = { id })],
  ['onHoldPrompt.id', (b, id) => (b.onHoldPrompt = { id })],
  [
    'mediaSettings.callback.liveVoiceFlow.id',
    (b, id) => (obj(obj(b, 'mediaSettings'), 'callback').liveVoiceFlow = { id }),
  ],
  [
    'mediaSettings.callback.answeringMachineFlow.id',
    (b, id) => (obj(obj(b, 'mediaSettings'), 'callback').answeringMachineFlow = { id }),
  ],
  [
    'mediaSettings.callback.edgeGroup.id',
    (b, id) => (obj(obj(b, 'mediaSettings'), 'callback').edgeGroup = { id }),
  ],
  ['mediaSettings.callback.site.id', (b, id) => (obj(obj(b, 'mediaSettings'), 'callback').site = { id })],
  [
    'mediaSettings.message.inactivityTimeoutSettings.flowId.id',
    (b, id) => (obj(obj(obj(b, 'mediaSettings'), 'message'), 'inactivityTimeoutSettings').flowId = { id }),
  ],
];

function obj(record: Record<string, unknown>, key: string): Record<string, unknown> {
  const value = record[key];
  assert.ok(value !== null && typeof value === 'object' && !Array.isArray(value), key);
  return value as Record<string, unknown>;
}

function at(record: Record<string, unknown>, key: string, index: number): Record<string, unknown> {
  const list = record[key];
  assert.ok(Array.isArray(list), key);
  return list[index] as Record<string, unknown>;
}

describe('queues holding every id-bearing field', () => {
  let sandbox: SandboxHandle;
  let api: Api;
  let ids: ReferenceIds;
  before(async () => {
    sandbox = await startSandbox();
    api = apiFor(sandbox.url, await login(sandbox.url, DEMO_CLIENTS.uat));
    ids = await referenceIds(api);
  });
  after(() => sandbox.close());

  it('are stored and answered with every reference as {id, name, selfUri}', async () => {
    const created = await api<Record<string, unknown> & { id: string }>(
      'POST',
      '/api/v2/routing/queues',
      queueWithEveryReference('Every Reference', ids),
    );
    assert.equal(created.status, 200, JSON.stringify(created.body));
    const queue = (await api<Record<string, unknown>>('GET', `/api/v2/routing/queues/${created.body.id}`))
      .body;
    assert.deepEqual(queue.memberGroups, [
      { id: ids.group, name: 'Out of Hours Cover', type: 'GROUP', selfUri: `/api/v2/groups/${ids.group}` },
      {
        id: ids.skillGroup,
        name: 'Welsh Speakers',
        type: 'SKILLGROUP',
        selfUri: `/api/v2/routing/skillgroups/${ids.skillGroup}`,
      },
      { id: ids.team, name: 'Broadband Team', type: 'TEAM', selfUri: `/api/v2/teams/${ids.team}` },
    ]);
    const bullseye = queue.bullseye as { rings: Record<string, unknown>[] };
    assert.deepEqual(bullseye.rings[0]?.memberGroups, [
      { id: ids.team, name: 'Broadband Team', type: 'TEAM', selfUri: `/api/v2/teams/${ids.team}` },
    ]);
    const rules = (queue.conditionalGroupRouting as { rules: Record<string, unknown>[] }).rules;
    assert.deepEqual(rules[1], {
      queue: { id: ids.queue, name: 'Retention - Voice', selfUri: `/api/v2/routing/queues/${ids.queue}` },
      metric: 'ServiceLevel',
      operator: 'LessThan',
      conditionValue: 0.8,
      groups: [
        { id: ids.group, name: 'Out of Hours Cover', type: 'GROUP', selfUri: `/api/v2/groups/${ids.group}` },
      ],
      waitSeconds: 30,
    });
    const script = {
      id: ids.script,
      name: 'Default Inbound Script',
      selfUri: `/api/v2/scripts/${ids.script}`,
    };
    assert.deepEqual(queue.defaultScripts, { CALL: script, EMAIL: script });
    assert.deepEqual(queue.cannedResponseLibraries, { mode: 'SelectedOnly', libraryIds: [ids.library] });
    assert.deepEqual(queue.outboundMessagingAddresses, {
      smsAddress: {
        id: ids.sms,
        name: 'Acme Support SMS',
        selfUri: `/api/v2/routing/sms/phonenumbers/${ids.sms}`,
      },
      openMessagingRecipient: {
        id: ids.openRecipient,
        name: 'Acme Web Messenger',
        selfUri: `/api/v2/routing/message/recipients/${ids.openRecipient}`,
      },
      whatsAppRecipient: {
        id: ids.whatsApp,
        name: 'Acme WhatsApp',
        selfUri: `/api/v2/routing/message/recipients/${ids.whatsApp}`,
      },
    });
    const email = queue.outboundEmailAddress as { domain: Named; route: Record<string, unknown> };
    assert.deepEqual(email.domain, {
      id: 'support.contoso.com',
      name: 'support.contoso.com',
      selfUri: '/api/v2/routing/email/domains/support.contoso.com',
    });
    assert.equal(email.route.id, ids.route);
    assert.equal(email.route.pattern, 'support');
    assert.equal(email.route.fromName, 'Acme Support');
    assert.equal('name' in email.route, false);
    assert.deepEqual(queue.directRouting, {
      callMediaSettings: { useAgentAddressOutbound: true },
      emailMediaSettings: { useAgentAddressOutbound: false },
      messageMediaSettings: { useAgentAddressOutbound: true },
      backupQueueId: ids.queue,
      waitForAgent: true,
      agentWaitSeconds: 20,
    });
    assert.deepEqual(queue.agentOwnedRouting, {
      enableAgentOwnedCallbacks: true,
      maxOwnedCallbackHours: 12,
      maxOwnedCallbackDelayHours: 24,
    });
    assert.equal(queue.peerId, 'external-peer-7');
    assert.equal(queue.suppressInQueueCallRecording, true);
    assert.equal(queue.defaultMediaLanguage, 'en-gb');
    assert.deepEqual(queue.conditionalGroupActivation, {
      pilotRule: { conditionExpression: 'C1', conditions: [] },
    });
    assert.deepEqual(queue.queueFlow, {
      id: ids.inQueueCall,
      name: 'Standard In-Queue',
      selfUri: `/api/v2/flows/${ids.inQueueCall}`,
    });
    assert.equal((queue.emailInQueueFlow as Named).name, 'Email In-Queue');
    assert.equal((queue.messageInQueueFlow as Named).name, 'Messaging In-Queue');
    assert.deepEqual(queue.whisperPrompt, {
      id: ids.prompt,
      name: 'WelcomeMessage',
      selfUri: `/api/v2/architect/prompts/${ids.prompt}`,
    });
    const media = queue.mediaSettings as Record<string, Record<string, unknown>>;
    assert.deepEqual(media.callback, {
      enableAutoAnswer: false,
      alertingTimeoutSeconds: 30,
      serviceLevel: { percentage: 0.8, durationMs: 20_000 },
      mode: 'AgentFirst',
      enableAutoDialAndEnd: true,
      autoDialDelaySeconds: 5,
      autoEndDelaySeconds: 10,
      pacingModifier: 1.5,
      maxRetryCount: 3,
      retryDelaySeconds: 300,
      liveVoiceReactionType: 'TransferToFlow',
      liveVoiceFlow: {
        id: ids.outboundCall,
        name: 'Callback Live Voice',
        selfUri: `/api/v2/flows/${ids.outboundCall}`,
      },
      answeringMachineReactionType: 'TransferToFlow',
      answeringMachineFlow: {
        id: ids.outboundCall,
        name: 'Callback Live Voice',
        selfUri: `/api/v2/flows/${ids.outboundCall}`,
      },
      edgeGroup: {
        id: ids.edgeGroup,
        name: 'Manchester Edge Group',
        selfUri: `/api/v2/telephony/providers/edges/edgegroups/${ids.edgeGroup}`,
      },
      site: {
        id: ids.site,
        name: 'Manchester Site',
        selfUri: `/api/v2/telephony/providers/edges/sites/${ids.site}`,
      },
    });
    assert.deepEqual(media.message?.subTypeSettings, {
      whatsapp: { enableAutoAnswer: true, enableInactivityTimeout: false },
    });
    assert.deepEqual(media.message?.inactivityTimeoutSettings, {
      timeoutSeconds: 1_800,
      actionType: 'AutoEnd',
      flowId: {
        id: ids.inQueueMessage,
        name: 'Messaging In-Queue',
        selfUri: `/api/v2/flows/${ids.inQueueMessage}`,
      },
    });
  });

  it('show a referenced queue’s new name once it is renamed', async () => {
    const created = await api<{ id: string }>(
      'POST',
      '/api/v2/routing/queues',
      queueWithEveryReference('Renames', ids),
    );
    const target = await api<Record<string, unknown> & { name: string }>(
      'GET',
      `/api/v2/routing/queues/${ids.queue}`,
    );
    const renamed = await api('PUT', `/api/v2/routing/queues/${ids.queue}`, {
      ...target.body,
      name: 'Retention - Phone',
    });
    assert.equal(renamed.status, 200);
    const queue = await api<{ conditionalGroupRouting: { rules: { queue?: Named }[] } }>(
      'GET',
      `/api/v2/routing/queues/${created.body.id}`,
    );
    assert.equal(queue.body.conditionalGroupRouting.rules[1]?.queue?.name, 'Retention - Phone');
    await api('PUT', `/api/v2/routing/queues/${ids.queue}`, { ...target.body, name: 'Retention - Voice' });
  });

  it('refuse an unknown id in any id-bearing field with a 400 naming the field, writing nothing', async () => {
    const unknown = '0badc0de-0000-4000-8000-000000000000';
    const before = await api<Listing>('GET', '/api/v2/routing/queues?pageSize=1');
    for (const [field, breakIt] of ID_FIELDS) {
      const body = queueWithEveryReference(`Broken ${field}`, ids);
      breakIt(body, unknown);
      const refused = await api<ErrorBody>('POST', '/api/v2/routing/queues', body);
      assert.equal(refused.status, 400, field);
      assert.deepEqual(
        refused.body.details.map((detail) => detail.fieldName),
        [field],
        `${field}: ${refused.body.message}`,
      );
      assert.ok(refused.body.message.includes(field), refused.body.message);
    }
    const afterwards = await api<Listing>('GET', '/api/v2/routing/queues?pageSize=1');
    assert.equal(afterwards.body.total, before.body.total, 'no queue was created');

    const existing = await api<{ id: string }>('POST', '/api/v2/routing/queues', { name: 'Put Target' });
    const put = queueWithEveryReference('Put Target', ids);
    obj(put, 'directRouting').backupQueueId = unknown;
    const refusedPut = await api<ErrorBody>('PUT', `/api/v2/routing/queues/${existing.body.id}`, put);
    assert.equal(refusedPut.status, 400);
    assert.equal(refusedPut.body.details[0]?.fieldName, 'directRouting.backupQueueId');
    const unchanged = await api<Record<string, unknown>>('GET', `/api/v2/routing/queues/${existing.body.id}`);
    assert.equal(unchanged.body.directRouting, undefined);
  });

  it('refuse an id of the wrong collection, a flow of the wrong type and a route of another domain', async () => {
    const cases: ReadonlyArray<readonly [string, (body: Record<string, unknown>) => void]> = [
      ['memberGroups.0.id', (b) => (at(b, 'memberGroups', 0).type = 'TEAM')],
      ['queueFlow.id', (b) => (b.queueFlow = { id: ids.inboundCall })],
      ['emailInQueueFlow.id', (b) => (b.emailInQueueFlow = { id: ids.inQueueCall })],
      [
        'outboundEmailAddress.route.id',
        (b) => (obj(b, 'outboundEmailAddress').domain = { id: 'uat.contoso.mypurecloud.com' }),
      ],
      ['defaultScripts.EMAIL.id', (b) => (obj(b, 'defaultScripts').EMAIL = { id: ids.library })],
    ];
    for (const [field, breakIt] of cases) {
      const body = queueWithEveryReference(`Wrong ${field}`, ids);
      breakIt(body);
      const refused = await api<ErrorBody>('POST', '/api/v2/routing/queues', body);
      assert.equal(refused.status, 400, field);
      assert.deepEqual(
        refused.body.details.map((detail) => detail.fieldName),
        [field],
        refused.body.message,
      );
    }
    const badKey = queueWithEveryReference('Bad media key', ids);
    badKey.defaultScripts = { PHONE: { id: ids.script } };
    assert.equal((await api('POST', '/api/v2/routing/queues', badKey)).status, 400);
  });

  it('drop fields the API does not know, as before', async () => {
    const created = await api<Record<string, unknown>>('POST', '/api/v2/routing/queues', {
      name: 'Unknown Fields',
      notAField: 1,
      mediaSettings: { callback: { mode: 'CustomerFirst', bogus: true } },
    });
    assert.equal(created.status, 200);
    assert.equal('notAField' in created.body, false);
    const callback = (created.body.mediaSettings as Record<string, Record<string, unknown>>).callback;
    assert.equal(callback?.mode, 'CustomerFirst');
    assert.equal(callback !== undefined && 'bogus' in callback, false);
  });
});

describe('deleting what a flow uses', () => {
  let sandbox: SandboxHandle;
  let api: Api;
  before(async () => {
    sandbox = await startSandbox();
    api = apiFor(sandbox.url, await login(sandbox.url, DEMO_CLIENTS.prod));
  });
  after(() => sandbox.close());

  it('a queue a flow routes to: 409 naming the flow, then gone with forceDelete=true', async () => {
    const queue = await findByName(api, '/api/v2/routing/queues', 'Billing - Voice');
    const refused = await api<ErrorBody>('DELETE', `/api/v2/routing/queues/${queue.id}`);
    assert.equal(refused.status, 409);
    assert.equal(refused.body.status, 409);
    assert.equal(typeof refused.body.code, 'string');
    assert.match(refused.body.message, /Queue "Billing - Voice" is used by flow "Billing" \(INBOUNDCALL/);
    assert.match(refused.body.message, /forceDelete=true/);
    assert.equal((await api('GET', `/api/v2/routing/queues/${queue.id}`)).status, 200, 'still there');
    assert.equal((await api('DELETE', `/api/v2/routing/queues/${queue.id}?forceDelete=false`)).status, 409);
    assert.equal((await api('DELETE', `/api/v2/routing/queues/${queue.id}?forceDelete=maybe`)).status, 400);
    assert.equal((await api('DELETE', `/api/v2/routing/queues/${queue.id}?forceDelete=true`)).status, 204);
    assert.equal((await api('GET', `/api/v2/routing/queues/${queue.id}`)).status, 404);
    const unused = await api<{ id: string }>('POST', '/api/v2/routing/queues', { name: 'Unused Queue' });
    assert.equal((await api('DELETE', `/api/v2/routing/queues/${unused.body.id}`)).status, 204);
  });

  it('a data table a flow looks up: 409 naming the flow, then gone with force=true', async () => {
    const table = await findByName(api, '/api/v2/flows/datatables', 'IVR Feature Flags');
    const refused = await api<ErrorBody>('DELETE', `/api/v2/flows/datatables/${table.id}`);
    assert.equal(refused.status, 409);
    assert.match(refused.body.message, /Data table "IVR Feature Flags" is used by flow "Main IVR"/);
    assert.ok(refused.body.details.some((detail) => detail.entityName === 'Main IVR'));
    assert.equal((await api('DELETE', `/api/v2/flows/datatables/${table.id}?force=true`)).status, 204);
    assert.equal((await api('GET', `/api/v2/flows/datatables/${table.id}`)).status, 404);
  });
});

describe('an org saved before these objects existed', () => {
  it('loads, gains them under the same ids a fresh seed has, and is saved in the new format', async () => {
    const dataDir = await tempDir('ferry-sandbox-migrate-');
    const fresh = seedOrg('uat');
    const old: Record<string, unknown> = { ...fresh, format: 1 };
    for (const key of [...REFERENCED_OBJECT_KEYS, ...FORMAT_3_KEYS]) Reflect.deleteProperty(old, key);
    const storeDirectory = Object.values(fresh.datatables).find((table) => table.name === 'Store Directory');
    assert.ok(storeDirectory);
    // The old org lost a table one seeded flow uses: the migrated flow does not point at it.
    Reflect.deleteProperty(old.datatables as Record<string, unknown>, storeDirectory.id);
    await writeFile(join(dataDir, 'uat.json'), JSON.stringify(old));
    const sandbox = await startSandbox({ dataDir });
    try {
      const api = apiFor(sandbox.url, await login(sandbox.url, DEMO_CLIENTS.uat));
      const groups = await listAll(api, '/api/v2/groups');
      assert.deepEqual(groups.map((group) => group.id).sort(), Object.keys(fresh.groups).sort());
      const onDisk = JSON.parse(await readFile(join(dataDir, 'uat.json'), 'utf8')) as {
        format: number;
        flows: Record<string, { name: string; type: string; datatableIds: string[] }>;
      };
      // Format 1 is carried through 2 (referenced objects) to 3 (IVRs and emergency groups).
      assert.equal(onDisk.format, 3);
      const billing = Object.values(onDisk.flows).find(
        (flow) => flow.name === 'Billing' && flow.type === 'INBOUNDCALL',
      );
      assert.deepEqual(billing?.datatableIds, []);
    } finally {
      await sandbox.close();
    }
  });

  it('a format 2 org gains IVRs and emergency groups under the ids a fresh seed has', async () => {
    const dataDir = await tempDir('ferry-sandbox-migrate-2-');
    const fresh = seedOrg('prod');
    const old: Record<string, unknown> = { ...fresh, format: 2 };
    for (const key of FORMAT_3_KEYS) Reflect.deleteProperty(old, key);
    const ivrFlows = new Set(IVR_FLOWS.map((flow) => flow.name));
    old.flows = Object.fromEntries(
      Object.entries(fresh.flows).filter(
        ([, flow]) => !(flow.type === 'INBOUNDCALL' && ivrFlows.has(flow.name)),
      ),
    );
    await writeFile(join(dataDir, 'prod.json'), JSON.stringify(old));
    const sandbox = await startSandbox({ dataDir });
    try {
      const api = apiFor(sandbox.url, await login(sandbox.url, DEMO_CLIENTS.prod));
      const ivrs = await listAll(api, '/api/v2/architect/ivrs');
      assert.deepEqual(ivrs.map((ivr) => ivr.id).sort(), Object.keys(fresh.ivrs).sort());
      const groups = await listAll(api, '/api/v2/architect/emergencygroups');
      assert.deepEqual(groups.map((group) => group.id).sort(), Object.keys(fresh.emergencyGroups).sort());
      const labels = await listAll(api, '/api/v2/routing/utilization/labels');
      assert.deepEqual(labels.map((label) => label.id).sort(), Object.keys(fresh.utilizationLabels).sort());
      const onDisk = JSON.parse(await readFile(join(dataDir, 'prod.json'), 'utf8')) as { format: number };
      assert.equal(onDisk.format, 3);
    } finally {
      await sandbox.close();
    }
  });
});
