import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startSandbox, type SandboxHandle } from '../../../electron/sandbox';
import { createFerryServices, type FerryServices } from '../../../electron/host/core/ferry-services';
import { PackageService } from '../../../electron/services/packages/package-service';
import type { JsonObject } from '../../../shared/model/canonical/json-value';
import type { ChangesetOperation } from '../../../shared/model/changeset';
import { assertNowhereInWorkspace, workspaceFiles } from '../parameters/parameters-test-support';
import { tempDir } from '../../support/temp-dir';
import {
  acceptedWrites,
  changesetOf,
  FAST_RETRY,
  liveObjects,
  stepFor,
  type RecordedRequest,
} from './promotion-test-support';

/**
 * A data action promoted from dev to uat with its integration, whose credential uat gets from a
 * secret parameter of its own: dev's password never moves, and uat's is in the org and nowhere
 * Ferry writes down (plan, journal, snapshot, commits, an exported signed package).
 */
const UAT_PASSWORD = 'uat-crm-pw-3c9a1e7f-never-written-down';
/** What the sandbox seeds as dev's and uat's own passwords (electron/sandbox/seed-integrations.ts). */
const DEV_PASSWORD = 'sandbox-dev-crm-password';
const CRM = 'CRM Web Services';
const LOOKUP = 'Lookup Customer By Phone';
/** The integration's credential given by each environment's crmUser and crmPassword parameters. */
const CREDENTIAL_FROM_PARAMETERS: ChangesetOperation = {
  op: 'update',
  type: 'integrations.integration',
  key: CRM,
  changes: [
    {
      path: 'credentials.basicAuth.fields',
      after: { userName: { $param: 'crmUser' }, password: { $param: 'crmPassword' } },
    },
  ],
};
const TICKET = 'Create Support Ticket';

interface World {
  sandbox: SandboxHandle;
  services: FerryServices;
  engine: FerryServices['engine'];
  workspaceDir: string;
  /** The app data folder: vault, audit and logs of this machine. */
  dataDir: string;
  sandboxDir: string;
  requests: RecordedRequest[];
}

async function world(): Promise<World> {
  const root = await tempDir('ferry-data-action-');
  const sandboxDir = join(root, 'sandbox');
  const sandbox = await startSandbox({ rateLimitPerMinute: 100_000, dataDir: sandboxDir });
  const requests: RecordedRequest[] = [];
  // Every attempt is recorded, a reply lost on the way too (status 0): what was sent is what counts.
  const recordingFetch: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const sent = {
      method: (init?.method ?? 'GET').toUpperCase(),
      path: url.pathname,
      body: typeof init?.body === 'string' ? init.body : null,
    };
    try {
      const response = await fetch(input, init);
      requests.push({ ...sent, status: response.status });
      return response;
    } catch (error) {
      requests.push({ ...sent, status: 0 });
      throw error;
    }
  };
  const env = { FERRY_VAULT_PASSPHRASE: 'data action passphrase' };
  const services = createFerryServices({
    dataDir: join(root, 'data'),
    version: 'test',
    env,
    author: { name: 'Dana Actions', email: 'dana@example.test' },
    transport: { retry: FAST_RETRY, fetch: recordingFetch },
  });
  const workspaceDir = join(root, 'ws');
  await services.workspace.create(workspaceDir, 'Data actions');
  const keys = await services.identity.keys.init({ owner: 'Dana Actions' });
  await services.identity.trust.add(keys.publicKey, { owner: 'Dana Actions', roles: ['author', 'approver'] });
  for (const org of ['dev', 'uat'] as const) {
    await services.environments.save(
      { name: org, kind: 'sandbox', url: sandbox.url, org, tier: org === 'uat' ? 'test' : 'dev' },
      undefined,
    );
  }
  await services.snapshots.run('uat');
  // The services' own engine: it resolves parameters and reveals secrets only in requests.
  return {
    sandbox,
    services,
    engine: services.engine,
    workspaceDir,
    dataDir: join(root, 'data'),
    sandboxDir,
    requests,
  };
}

/** uat's credentials as the sandbox keeps them (its saved org file), values included. */
async function uatCredentials(
  sandboxDir: string,
): Promise<{ name: string; fields: Record<string, string> }[]> {
  const org = JSON.parse(await readFile(join(sandboxDir, 'uat.json'), 'utf8')) as {
    integrationCredentials?: Record<string, { name: string; fields: Record<string, string> }>;
  };
  return Object.values(org.integrationCredentials ?? {});
}

describe('a data action promoted with per-environment credentials (issue 18)', () => {
  let w: World;
  let dev: Map<string, Map<string, JsonObject>>;

  before(async () => {
    w = await world();
    dev = await liveObjects(w.services, 'dev', ['integrations.integration', 'integrations.action']);
    await w.services.parameters.set({
      environment: 'uat',
      name: 'crmUser',
      value: 'ferry-uat-svc',
      type: 'string',
    });
    await w.services.parameters.set({
      environment: 'uat',
      name: 'crmPassword',
      value: UAT_PASSWORD,
      type: 'secret',
    });
  });
  after(() => w.sandbox.close());

  function devObject(type: string, key: string): JsonObject {
    const object = dev.get(type)?.get(key);
    assert.ok(object, `dev has ${type} ${key}`);
    return object;
  }

  it('blocks an action whose integration uat lacks, naming the integration', async () => {
    const ticket = devObject('integrations.action', TICKET);
    const plan = await w.engine.plan(
      changesetOf('ticket-elsewhere', [
        {
          op: 'create',
          type: 'integrations.action',
          key: TICKET,
          body: { ...ticket, integrationId: { $ref: 'integrations.integration', name: 'Ticketing Hub' } },
        },
      ]),
      'uat',
    );
    const step = stepFor(plan, 'integrations.action', TICKET);
    assert.equal(step.action, 'blocked');
    assert.match(step.reason ?? '', /"Ticketing Hub"/);
  });

  it("promotes the action, publishes the changed one through its draft, and writes uat's own credential", async () => {
    const lookupUrl = (
      devObject('integrations.action', LOOKUP).config as { request: { requestUrlTemplate: string } }
    ).request.requestUrlTemplate;
    const uat = await liveObjects(w.services, 'uat', ['integrations.action']);
    const uatLookupUrl = (
      uat.get('integrations.action')?.get(LOOKUP) as { config: { request: { requestUrlTemplate: string } } }
    ).config.request.requestUrlTemplate;
    const operations: ChangesetOperation[] = [
      CREDENTIAL_FROM_PARAMETERS,
      {
        op: 'create',
        type: 'integrations.action',
        key: TICKET,
        body: devObject('integrations.action', TICKET),
      },
      {
        op: 'update',
        type: 'integrations.action',
        key: LOOKUP,
        changes: [{ path: 'config.request.requestUrlTemplate', before: uatLookupUrl, after: lookupUrl }],
      },
    ];
    const { changeset } = await w.services.changesets.create({
      title: 'CRM ticket action',
      idPrefix: 'crm-ticket-action',
      operations,
    });
    const plan = await w.engine.plan(changeset, 'uat');
    assert.deepEqual(plan.secrets, ['crmPassword']);
    const text = JSON.stringify(plan);
    assert.ok(!text.includes(UAT_PASSWORD) && !text.includes(DEV_PASSWORD), 'no password in the plan');

    const lookup = stepFor(plan, 'integrations.action', LOOKUP);
    assert.deepEqual(
      lookup.calls.map((call) => call.method),
      ['PATCH', 'POST'],
    );
    assert.match(lookup.calls[1]?.path ?? '', /\/draft\/publish$/);
    const ticket = stepFor(plan, 'integrations.action', TICKET);
    assert.deepEqual(
      ticket.calls.map((call) => [call.method, call.path]),
      [['POST', '/api/v2/integrations/actions']],
    );
    // The action comes after its integration.
    assert.ok(stepFor(plan, 'integrations.integration', CRM).index < ticket.index);

    // Replies lost after the write landed: each is settled by reading, none is made twice.
    w.sandbox.faults.loseReplyOf('credentialWrite');
    w.sandbox.faults.loseReplyOf('actionCreate');
    w.sandbox.faults.loseReplyOf('actionDraftPublish');
    const from = w.requests.length;
    const result = await w.engine.execute(plan);
    assert.equal(result.status, 'succeeded', JSON.stringify(result.verify ?? result));

    const sent = w.requests.slice(from);
    const count = (method: string, pattern: RegExp) =>
      sent.filter((request) => request.method === method && pattern.test(request.path)).length;
    assert.ok(
      sent.some((request) => request.status === 0),
      'replies were lost',
    );
    assert.equal(count('POST', /^\/api\/v2\/integrations\/credentials$/), 1, 'one credential made');
    assert.equal(count('POST', /^\/api\/v2\/integrations\/actions$/), 1, 'one action made');
    assert.equal(count('POST', /\/draft\/publish$/), 1, 'one publish');
    assert.equal(sent.filter((request) => request.status === 409).length, 0, 'no write was refused');
    assert.ok(acceptedWrites(w.requests, from).length > 0);

    // uat holds its own password; dev's never moved.
    const credentials = await uatCredentials(w.sandboxDir);
    const ours = credentials.find((credential) => credential.fields.password === UAT_PASSWORD);
    assert.ok(ours, 'uat holds a credential with its own password');
    assert.equal(ours.fields.userName, 'ferry-uat-svc');
    assert.ok(!credentials.some((credential) => credential.fields.password === DEV_PASSWORD));
    // Nothing sent to uat carried dev's password.
    assert.ok(!w.requests.some((request) => request.body?.includes(DEV_PASSWORD) === true));

    const live = await liveObjects(w.services, 'uat', ['integrations.action']);
    assert.ok(live.get('integrations.action')?.has(TICKET));
    const published = live.get('integrations.action')?.get(LOOKUP) as {
      config: { request: { requestUrlTemplate: string } };
    };
    assert.match(
      published.config.request.requestUrlTemplate,
      /crm-dev\.acme-telecom\.example\/api\/v2\/customers/,
    );

    // Neither password is in the workspace, its history, or the run's records.
    await assertNowhereInWorkspace(w.workspaceDir, UAT_PASSWORD);
    await assertNowhereInWorkspace(w.workspaceDir, DEV_PASSWORD);
    // Nor in this machine's data folder (audit, logs; the vault holds it sealed, not as text).
    for (const file of await workspaceFiles(w.dataDir)) {
      const bytes = await readFile(file);
      assert.ok(!bytes.includes(UAT_PASSWORD) && !bytes.includes(DEV_PASSWORD), `${file} holds a password`);
    }

    // Nor in a signed package of the changeset.
    const exported = await new PackageService(w.services).export({
      changesetId: changeset.id,
      targets: ['uat'],
    });
    assert.ok(!exported.text.includes(UAT_PASSWORD) && !exported.text.includes(DEV_PASSWORD));
    const decoded = Buffer.from(exported.text, 'utf8').toString('utf8');
    for (const match of decoded.matchAll(/"(?:payload|data)"\s*:\s*"([A-Za-z0-9+/=]+)"/g)) {
      const inner = Buffer.from(match[1] ?? '', 'base64').toString('utf8');
      assert.ok(
        !inner.includes(UAT_PASSWORD) && !inner.includes(DEV_PASSWORD),
        'a package part holds a password',
      );
    }

    // Rollback publishes the lookup's earlier version through its draft and removes the new action;
    // the credential stays uat's own (there is no earlier value Ferry could know to put back).
    const rolledBack = await w.engine.rollbackRun(result.runId);
    assert.equal(rolledBack.status, 'succeeded', rolledBack.message);
    const back = await liveObjects(w.services, 'uat', ['integrations.action']);
    assert.equal(back.get('integrations.action')?.has(TICKET), false);
    const restored = back.get('integrations.action')?.get(LOOKUP) as {
      config: { request: { requestUrlTemplate: string } };
    };
    assert.equal(restored.config.request.requestUrlTemplate, uatLookupUrl);
  });

  it("writes uat's credential again in place on the next promotion, never a second one", async () => {
    const before = (await uatCredentials(w.sandboxDir)).length;
    await w.services.parameters.set({
      environment: 'uat',
      name: 'crmPassword',
      value: `${UAT_PASSWORD}-2`,
      type: 'secret',
    });
    const plan = await w.engine.plan(
      changesetOf('crm-password-rotated', [CREDENTIAL_FROM_PARAMETERS]),
      'uat',
    );
    assert.equal(
      stepFor(plan, 'integrations.integration', CRM).action,
      'update',
      'credential fields always write',
    );
    const from = w.requests.length;
    w.sandbox.faults.loseReplyOf('integrationConfigWrite');
    const result = await w.engine.execute(plan);
    assert.equal(result.status, 'succeeded', JSON.stringify(result.verify ?? result));
    const credentials = await uatCredentials(w.sandboxDir);
    assert.equal(credentials.length, before, 'no credential added');
    assert.ok(credentials.some((credential) => credential.fields.password === `${UAT_PASSWORD}-2`));
    const sent = w.requests.slice(from);
    assert.equal(
      sent.filter((request) => request.method === 'POST' && request.path.endsWith('/credentials')).length,
      0,
    );
    assert.ok(
      sent.some((request) => request.method === 'PUT' && request.path.includes('/integrations/credentials/')),
    );
    await assertNowhereInWorkspace(w.workspaceDir, `${UAT_PASSWORD}-2`);
  });

  it('creates an integration with its credential and an action on it, in one changeset', async () => {
    const crm = devObject('integrations.integration', CRM);
    const ticket = devObject('integrations.action', TICKET);
    const hub = 'Ticketing Hub';
    const plan = await w.engine.plan(
      changesetOf('ticketing-hub', [
        {
          op: 'create',
          type: 'integrations.integration',
          key: hub,
          body: {
            ...crm,
            name: hub,
            notes: 'Tickets for the support flows',
            credentials: {
              basicAuth: {
                type: 'basicAuth',
                fields: { userName: 'hub-uat', password: { $param: 'crmPassword' } },
              },
            },
          },
        },
        {
          op: 'create',
          type: 'integrations.action',
          key: 'Open Hub Ticket',
          body: {
            ...ticket,
            name: 'Open Hub Ticket',
            category: hub,
            integrationId: { $ref: 'integrations.integration', name: hub },
          },
        },
      ]),
      'uat',
    );
    const integration = stepFor(plan, 'integrations.integration', hub);
    const action = stepFor(plan, 'integrations.action', 'Open Hub Ticket');
    assert.deepEqual(
      integration.calls.map((call) => call.method),
      ['POST', 'PUT', 'PATCH'],
    );
    assert.ok(integration.index < action.index, 'the integration is created first');
    assert.equal(
      (action.calls[0]?.body as { integrationId: string }).integrationId,
      '{id of integrations.integration "Ticketing Hub"}',
    );
    const result = await w.engine.execute(plan);
    assert.equal(result.status, 'succeeded', JSON.stringify(result.verify ?? result));
    const live = await liveObjects(w.services, 'uat', ['integrations.integration', 'integrations.action']);
    const created = live.get('integrations.integration')?.get(hub) as {
      intendedState: string;
      credentials: unknown;
    };
    assert.equal(created.intendedState, 'ENABLED');
    assert.deepEqual(created.credentials, { basicAuth: { type: 'basicAuth' } });
    const opened = live.get('integrations.action')?.get('Open Hub Ticket') as { integrationId: unknown };
    assert.deepEqual(opened.integrationId, { $ref: 'integrations.integration', name: hub });
    const credentials = await uatCredentials(w.sandboxDir);
    assert.ok(credentials.some((credential) => credential.name === 'Ticketing Hub basicAuth (Ferry)'));

    const rolledBack = await w.engine.rollbackRun(result.runId);
    assert.equal(rolledBack.status, 'succeeded', rolledBack.message);
    const back = await liveObjects(w.services, 'uat', ['integrations.integration', 'integrations.action']);
    assert.equal(back.get('integrations.integration')?.has(hub), false);
    assert.equal(back.get('integrations.action')?.has('Open Hub Ticket'), false);
    // The credential Ferry wrote for the integration went with it.
    const left = await uatCredentials(w.sandboxDir);
    assert.ok(!left.some((credential) => credential.name === 'Ticketing Hub basicAuth (Ferry)'));
  });
});
