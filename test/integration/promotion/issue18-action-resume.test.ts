import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { sandboxOrgToken } from '../../support/sandbox-http';
import { PASSPHRASE, runWorld, type RunWorld } from '../security/run-fixture';
import { liveObjects } from './promotion-test-support';

const BIN = fileURLToPath(new URL('../../../bin/ferry.mjs', import.meta.url));

/*
 * Issue 18, exactly once across a crash, for a data action: a change to a published action is a
 * write of its draft, then a publish of the draft. A Ferry killed after the draft holds the change
 * and before the publish, resumed, publishes that draft once: the action one version higher, with
 * the change, and no draft left.
 */

const LOOKUP = 'Lookup Customer By Phone';

interface SandboxAction {
  id: string;
  name: string;
  version: number;
  config?: { request?: { requestUrlTemplate?: string } };
}

async function uatGet<T>(world: RunWorld, path: string): Promise<{ status: number; body: T | null }> {
  const token = await sandboxOrgToken(world.sandbox, 'uat');
  const reply = await fetch(`${world.sandbox.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (reply.status !== 200) {
    await reply.body?.cancel();
    return { status: reply.status, body: null };
  }
  return { status: 200, body: (await reply.json()) as T };
}

async function lookup(world: RunWorld): Promise<SandboxAction> {
  const listing = await uatGet<{ entities: SandboxAction[] }>(
    world,
    '/api/v2/integrations/actions?pageSize=100&includeConfig=true',
  );
  const found = listing.body?.entities.find((action) => action.name === LOOKUP);
  assert.ok(found);
  return found;
}

describe('a data action run killed between its draft and its publish, then resumed (issue 18)', () => {
  let world: RunWorld;

  before(async () => {
    world = await runWorld('ferry-issue18-action-resume-');
  });
  after(() => world.close());

  it('publishes the draft the killed run wrote, once', async () => {
    const live = (await liveObjects(world.services, 'uat', ['integrations.action']))
      .get('integrations.action')
      ?.get(LOOKUP) as { config: { request: { requestUrlTemplate: string } } } | undefined;
    assert.ok(live);
    const url = live.config.request.requestUrlTemplate;
    const changed = `${url}?source=resumed`;
    const { changeset } = await world.services.changesets.create({
      title: 'action-resume',
      idPrefix: 'action-resume',
      operations: [
        {
          op: 'update',
          type: 'integrations.action',
          key: LOOKUP,
          changes: [{ path: 'config.request.requestUrlTemplate', before: url, after: changed }],
        },
      ],
    });
    const before = await lookup(world);

    // Every publish meanwhile is answered 429 (Retry-After 1 s): the kill falls before it.
    world.sandbox.faults.throttle('actionDraftPublish', 2);
    const child = spawn(
      process.execPath,
      [BIN, '-w', world.dir, 'promote', changeset.id, '--to', 'uat', '--concurrency', '1'],
      {
        env: { ...process.env, FERRY_VAULT_PASSPHRASE: PASSPHRASE, FERRY_DATA_DIR: world.dataDir },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let ended = false;
    void exited.then(() => (ended = true));
    let killed = false;
    for (let poll = 0; poll < 6000 && !ended && !killed; poll += 1) {
      const draft = await uatGet<SandboxAction>(
        world,
        `/api/v2/integrations/actions/${before.id}/draft?includeConfig=true`,
      );
      if (draft.body?.config?.request?.requestUrlTemplate === changed) {
        child.kill('SIGKILL');
        killed = true;
      } else await delay(10);
    }
    assert.equal(await exited, null, `the CLI was killed mid-run, not ended on its own: ${stderr}`);
    assert.equal((await lookup(world)).version, before.version, 'killed before the publish');
    const runs = join(world.dir, 'runs');
    const runId = existsSync(runs)
      ? (await readdir(runs)).find((entry) => entry.includes(changeset.id))
      : undefined;
    assert.ok(runId !== undefined, 'the run started');

    const result = await world.services.promotions.recover(runId, 'resume');
    assert.equal(result.status, 'succeeded', result.message);
    const after = await lookup(world);
    assert.equal(after.version, before.version + 1, 'published once');
    assert.equal(after.config?.request?.requestUrlTemplate, changed);
    const draft = await uatGet(world, `/api/v2/integrations/actions/${before.id}/draft`);
    assert.equal(draft.status, 404, 'no draft left behind');
  });
});
