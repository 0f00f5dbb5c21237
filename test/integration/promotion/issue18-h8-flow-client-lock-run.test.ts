import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { snapshotFolder } from '../../../electron/services/snapshot/snapshot-store';
import { DEMO_CLIENTS } from '../../../electron/sandbox';
import { sandboxOrgToken } from '../../support/sandbox-http';
import {
  acceptedWrites,
  changesetOf,
  liveObjects,
  promotionWorld,
  stepFor,
  type PromotionWorld,
} from './promotion-test-support';

/*
 * Issue 18: a flow checked out through the API with client credentials (Archy, CX as Code, an
 * SDK script) shows `lockedClient` and no `lockedUser`.
 * - A snapshot keeps who holds it, like a person's checkout: shown, never compared or written
 *   (a compare of the snapshot against live shows no change for it).
 * - A checkout that starts after the plan was made refuses the run before anything is written,
 *   naming the client in the plan's words, rather than importing over it (Genesys lets the same
 *   client import, and that checks the flow in).
 */

const KEY = 'INBOUNDCALL/Main Menu';

async function flowFile(world: PromotionWorld, name: string): Promise<Record<string, unknown>> {
  const folder = join(world.workspaceDir, snapshotFolder('uat'));
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.parentPath.includes('architect.flow')) continue;
    const parsed = JSON.parse(await readFile(join(entry.parentPath, entry.name), 'utf8')) as Record<
      string,
      unknown
    >;
    if (parsed.name === name && parsed.type === 'INBOUNDCALL') return parsed;
  }
  assert.fail(`no snapshot file holds flow ${name}`);
}

async function checkOut(world: PromotionWorld, name: string): Promise<string> {
  const connector = await world.services.environments.connector('uat');
  const listed = (await connector.list('architect.flow', { configuration: false })).find(
    (flow) => flow.name === name && flow.type === 'INBOUNDCALL',
  );
  assert.ok(listed, `uat has ${name}`);
  const token = await sandboxOrgToken(world.sandbox, 'uat');
  const reply = await fetch(`${world.sandbox.url}/api/v2/flows/actions/checkout?flow=${String(listed.id)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  assert.equal(reply.status, 200, await reply.text());
  return String(listed.id);
}

describe('a flow checked out by an OAuth client (issue 18)', () => {
  let world: PromotionWorld;
  before(async () => {
    world = await promotionWorld({ sandbox: { flowJobDurationMs: 10 } });
  });
  after(() => world.close());

  it('a checkout after the plan refuses the run, naming the client; the snapshot keeps it, compare ignores it', async () => {
    const uat = await liveObjects(world.services, 'uat', ['architect.flow']);
    const menu = uat.get('architect.flow')?.get(KEY);
    assert.ok(menu);
    const plan = await world.engine.plan(
      changesetOf('client-locked-later', [
        {
          op: 'update',
          type: 'architect.flow',
          key: KEY,
          changes: [{ path: 'description', before: menu.description ?? null, after: 'reworded later' }],
        },
      ]),
      'uat',
    );
    assert.equal(stepFor(plan, 'architect.flow', KEY).action, 'update');
    await checkOut(world, 'Main Menu');
    const from = world.requests.length;
    await assert.rejects(world.engine.execute(plan), (error: Error) => {
      assert.match(
        error.message,
        new RegExp(
          `checked out by the OAuth client with id ${DEMO_CLIENTS.uat.clientId} in uat: ask them to check it in, or unlock it in Architect, then plan again`,
        ),
      );
      return true;
    });
    assert.deepEqual(acceptedWrites(world.requests, from), [], 'nothing was written');
    const after = await liveObjects(world.services, 'uat', ['architect.flow']);
    assert.equal(after.get('architect.flow')?.get(KEY)?.description, menu.description, 'not imported over');

    await world.services.snapshots.run('uat');
    const file = await flowFile(world, 'Main Menu');
    assert.deepEqual(file.lockedClient, { id: DEMO_CLIENTS.uat.clientId }, 'who holds it is kept');
    assert.equal(file.lockedUser, undefined);
    const compared = await world.services.compare.compare('uat', 'live:uat');
    const entry = compared.result.objects.find(
      (object) => object.type === 'architect.flow' && object.key === KEY,
    );
    assert.ok(
      entry === undefined || entry.status === 'unchanged',
      `never compared: ${JSON.stringify(entry)}`,
    );
  });
});
