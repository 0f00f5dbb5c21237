import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEMO_CLIENTS } from '../../../electron/sandbox';
import { snapshotFolder } from '../../../electron/services/snapshot/snapshot-store';
import { promotionWorld, type PromotionWorld } from '../promotion/promotion-test-support';

/*
 * Issue 18, point 1, against a real snapshot of the sandbox: a flow's file holds its metadata
 * (type, division, description, published version, who has it checked out, by name) and its
 * configuration in canonical text. Canonical means the org's way of writing the file does not
 * show: the same flow exported twice is the same bytes, and a version whose YAML has its keys in
 * another order, other quoting and comments is the same text. References carry names (the
 * current one, whatever the export wrote beside the id), never the org's ids; what the dialect
 * does not know (a key, an action Genesys added) is kept as it is, not dropped.
 */

const FLOW = 'Ferry Canonical Check';

/** The org's API as a plain client of the sandbox (its own token), for setting the org up. */
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
  const api = async (method: string, path: string, body?: unknown): Promise<Record<string, unknown>> => {
    const reply = await fetch(`${url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await reply.text();
    assert.ok(reply.ok, `${method} ${path}: ${reply.status} ${text}`);
    return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
  };
  /** Archy's way in: an import job, the file PUT to its presigned URL, then a publish. */
  const importAndPublish = async (file: string): Promise<string> => {
    const job = (await api('POST', '/api/v2/flows/jobs', {})) as {
      id: string;
      presignedUrl: string;
      headers: Record<string, string>;
    };
    const put = await fetch(job.presignedUrl, { method: 'PUT', headers: job.headers, body: file });
    assert.ok(put.ok, `upload: ${put.status}`);
    for (let poll = 0; poll < 200; poll += 1) {
      const state = (await api('GET', `/api/v2/flows/jobs/${job.id}`)) as {
        status: string;
        flow?: { id: string };
        messages?: unknown;
      };
      assert.notEqual(state.status, 'Failure', JSON.stringify(state.messages));
      if (state.status === 'Success' && state.flow) {
        await api('POST', `/api/v2/flows/actions/publish?flow=${encodeURIComponent(state.flow.id)}`);
        return state.flow.id;
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.fail('the import job never finished');
  };
  return { api, importAndPublish };
}

/** The snapshot file of the flow, as bytes read from the workspace. */
async function flowFile(world: PromotionWorld): Promise<string> {
  const folder = join(world.workspaceDir, snapshotFolder('uat'));
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.parentPath.includes('architect.flow')) continue;
    const text = await readFile(join(entry.parentPath, entry.name), 'utf8');
    if (text.includes(`name: ${FLOW}`)) return text;
  }
  assert.fail(`no snapshot file holds flow "${FLOW}"`);
}

function configurationOf(file: string): string {
  const parsed = JSON.parse(file) as { configuration?: unknown };
  assert.equal(typeof parsed.configuration, 'string', file);
  return parsed.configuration as string;
}

describe('a flow in a snapshot: metadata and canonical configuration (issue 18)', () => {
  let world: PromotionWorld;
  let queue: { id: string; name: string };

  before(async () => {
    world = await promotionWorld({ sandbox: { flowJobDurationMs: 20 }, snapshot: false });
    const { api } = await orgApi(world.sandbox.url);
    const queues = (await api('GET', '/api/v2/routing/queues?pageSize=1')) as {
      entities: { id: string; name: string }[];
    };
    queue = queues.entities[0] as { id: string; name: string };
    assert.ok(queue, 'uat has a queue');
  });
  after(() => world.close());

  it('holds the metadata and names, keeps unknown keys, and reads the same whatever order the org wrote', async () => {
    const { importAndPublish } = await orgApi(world.sandbox.url);
    // As an export carries it: the queue's id, and beside it a name that is no longer its own.
    const first = [
      'inboundCall:',
      `  name: ${FLOW}`,
      '  division: Home',
      '  description: Checks canonical text',
      '  defaultLanguage: en-us',
      '  startUpRef: /inboundCall/menus/menu[main]',
      '  futureSetting:',
      '    mode: strict',
      '    level: 3',
      '  menus:',
      '    - menu:',
      '        name: Main',
      '        refId: main',
      '        audio:',
      '          tts: Hello, press 1.',
      '        choices:',
      '          - menuTransferToAcd:',
      '              name: To the queue',
      '              dtmf: digit_1',
      '              queue:',
      '                lit:',
      `                  id: ${queue.id}`,
      '                  name: A Name It Had Once',
      '          - someFutureAction:',
      '              name: Later',
      '              dtmf: digit_2',
      '              knob:',
      '                lit: "yes"',
      '',
    ].join('\n');
    const flowId = await importAndPublish(first);
    await world.services.snapshots.run('uat');
    const once = await flowFile(world);
    await world.services.snapshots.run('uat');
    assert.equal(await flowFile(world), once, 'the same flow exported twice is the same bytes');

    const file = JSON.parse(once) as Record<string, unknown>;
    assert.equal(file.type, 'INBOUNDCALL');
    assert.equal(file.description, 'Checks canonical text');
    assert.match(JSON.stringify(file.division), /"Home"/);
    assert.deepEqual(file.publishedVersion, { id: '1.0' });
    const text = configurationOf(once);
    assert.ok(!once.includes(queue.id), `no org id in the file:\n${once}`);
    assert.match(text, new RegExp(`queue:\\n\\s+lit:\\n\\s+name: ${queue.name}\\n`));
    assert.doesNotMatch(text, /A Name It Had Once/);
    assert.match(text, /futureSetting:\n\s+level: 3\n\s+mode: strict\n/, 'an unknown key, kept');
    assert.match(text, /someFutureAction:\n\s+dtmf: digit_2\n\s+knob:\n\s+lit: "yes"\n\s+name: Later\n/);

    // The same flow as another tool would write it: keys in another order, flow style, quotes, comments.
    const reordered = [
      '# written by hand',
      'inboundCall:',
      '  menus:',
      '    - menu:',
      '        choices:',
      `          - menuTransferToAcd: {queue: {lit: {name: 'Old', id: "${queue.id}"}}, dtmf: digit_1, name: "To the queue"}`,
      '          - someFutureAction:',
      "              knob: {lit: 'yes'}",
      '              name: Later',
      '              dtmf: "digit_2"',
      '        audio: {tts: "Hello, press 1."}',
      '        refId: main',
      '        name: Main',
      '  futureSetting: {level: 3, mode: strict}',
      "  startUpRef: '/inboundCall/menus/menu[main]'",
      '  defaultLanguage: en-us',
      '  description: Checks canonical text # trailing',
      '  division: Home',
      `  name: "${FLOW}"`,
      '',
    ].join('\n');
    assert.equal(await importAndPublish(reordered), flowId, 'a new version of the same flow');
    await world.sandbox.lockFlowAsUser('uat', flowId, { id: 'user-jo-7', name: 'Jo Architect' });
    await world.services.snapshots.run('uat');
    const again = await flowFile(world);
    assert.equal(configurationOf(again), text, 'the configuration reads the same, byte for byte');
    const later = JSON.parse(again) as Record<string, unknown>;
    assert.deepEqual(later.publishedVersion, { id: '2.0' });
    assert.deepEqual(later.lockedUser, { name: 'Jo Architect' }, 'who holds it, by name');
    assert.ok(!again.includes('user-jo-7'), 'never the holder’s id');
  });
});
