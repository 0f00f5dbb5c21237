import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { DEMO_CLIENTS } from '../../../electron/sandbox';
import { snapshotFolder } from '../../../electron/services/snapshot/snapshot-store';
import { CREDENTIAL_REMOVED_MARKER } from '../../../shared/promotion/engine/inline-credentials';
import { liveObjects, promotionWorld, type PromotionWorld } from '../promotion/promotion-test-support';

/*
 * Issue 18: a data action whose request holds a credential as text (an Authorization or API-key
 * header, a password in its URL, a key in its query) is read into a snapshot. A plan blocks such
 * an action, but the snapshot would already have committed the source org's secret to the
 * workspace's git history, which every teammate clones. The read replaces each such value with a
 * visible marker: no secret in any snapshot file or commit, the marker shows one is there, and a
 * live read (what Compare against live shows) holds the marker too.
 */

const ACTION = 'Ferry Inline Secret Lookup';
const SECRETS = ['c3ZjOmh1bnRlcjJodW50ZXIy', 'sk_live_9f8e7d6c5b4a', 'hunter2pass', 'AKIA7Q2Z9XK1'];

async function orgApi(url: string) {
  const client = DEMO_CLIENTS.uat;
  const tokenReply = await fetch(`${url}/oauth/token`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  const { access_token: token } = (await tokenReply.json()) as { access_token: string };
  return async (method: string, path: string, body?: unknown): Promise<Record<string, unknown>> => {
    const reply = await fetch(`${url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await reply.text();
    assert.ok(reply.ok, `${method} ${path}: ${reply.status} ${text}`);
    return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
  };
}

async function snapshotText(world: PromotionWorld): Promise<string> {
  const folder = join(world.workspaceDir, snapshotFolder('uat'));
  let all = '';
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) all += await readFile(join(entry.parentPath, entry.name), 'utf8');
  }
  return all;
}

describe('a data action’s inline credential never reaches the workspace (issue 18)', () => {
  let world: PromotionWorld;

  before(async () => {
    world = await promotionWorld({ snapshot: false });
    const api = await orgApi(world.sandbox.url);
    const listed = (await api('GET', '/api/v2/integrations/actions?pageSize=1&includeConfig=true')) as {
      entities: { integrationId: string }[];
    };
    const integrationId = listed.entities[0]?.integrationId;
    assert.ok(integrationId, 'uat has a data action integration');
    const schema = { type: 'object', properties: { phone: { type: 'string' } } };
    await api('POST', '/api/v2/integrations/actions', {
      name: ACTION,
      category: 'CRM Web Services',
      integrationId,
      secure: false,
      config: {
        request: {
          requestUrlTemplate: `https://svc:${SECRETS[2]}@crm.example/api?phone=\${input.phone}&api_key=${SECRETS[3]}`,
          requestType: 'GET',
          headers: {
            Authorization: `Basic ${SECRETS[0]}`,
            'X-API-Key': SECRETS[1],
            'X-Token': '${credentials.token}',
            Accept: 'application/json',
          },
          requestTemplate: '${input.rawRequest}',
        },
        response: { translationMap: {}, successTemplate: '${rawResult}' },
      },
      contract: { input: { inputSchema: schema }, output: { successSchema: schema } },
    });
  });
  after(() => world.close());

  it('snapshot files, git history and a live read hold the marker, never the secret', async () => {
    await world.services.snapshots.run('uat');
    const files = await snapshotText(world);
    assert.ok(files.includes(ACTION), 'the action is in the snapshot');
    const history = (
      await promisify(execFile)('git', ['log', '--all', '-p', '--no-color'], {
        cwd: world.workspaceDir,
        maxBuffer: 64 * 1024 * 1024,
      })
    ).stdout;
    for (const secret of SECRETS) {
      assert.ok(!files.includes(secret), `${secret} is not in a snapshot file`);
      assert.ok(!history.includes(secret), `${secret} is not in the git history`);
    }

    const live = await liveObjects(world.services, 'uat', ['integrations.action']);
    const action = live.get('integrations.action')?.get(ACTION) as
      { config: { request: { headers: Record<string, string>; requestUrlTemplate: string } } } | undefined;
    assert.ok(action, 'the live read holds the action');
    const { headers, requestUrlTemplate } = action.config.request;
    assert.equal(headers.Authorization, CREDENTIAL_REMOVED_MARKER);
    assert.equal(headers['X-API-Key'], CREDENTIAL_REMOVED_MARKER);
    assert.equal(headers['X-Token'], '${credentials.token}', 'a reference to a credential stays');
    assert.equal(headers.Accept, 'application/json');
    assert.equal(
      requestUrlTemplate,
      `https://svc:${CREDENTIAL_REMOVED_MARKER}@crm.example/api?phone=\${input.phone}&api_key=${CREDENTIAL_REMOVED_MARKER}`,
    );
    assert.ok(!JSON.stringify(action).includes(SECRETS[0] as string));
  });
});
