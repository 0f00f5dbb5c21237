import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createFerryServices, type FerryServices } from '../../../electron/host/core/ferry-services';
import type { ApiResult } from '../../../shared/api/api-error';
import { syncProgressSchema } from '../../../shared/sync/sync-wire';
import { startGitHttpServer, type GitHttpServer } from '../../support/git-http-server';
import { tempDir } from '../../support/temp-dir';

/**
 * The sync.* channels the Sync page and the clone dialog use, through the dispatcher as the
 * renderer reaches them, against native git's smart-HTTP server on 127.0.0.1: credentials go in
 * and never come back, transfers report progress as events, and sync.cancel stops a transfer.
 */
const USER = 'team';
const TOKEN = 'channel-Token-8d1f30-DO-NOT-LEAK';
const VAULT = { FERRY_VAULT_PASSPHRASE: 'sync channels passphrase' };

let root: string;
let server: GitHttpServer;
let services: FerryServices;
const events: { event: string; payload: unknown }[] = [];

async function dispatch(channel: string, request: unknown = {}): Promise<ApiResult<unknown>> {
  const result = await services.dispatcher.dispatch(channel, request);
  assert.ok(!JSON.stringify(result).includes(TOKEN), `${channel} answered with the token`);
  return result;
}

async function value(channel: string, request: unknown = {}): Promise<unknown> {
  const result = await dispatch(channel, request);
  assert.ok(result.ok, `${channel}: ${JSON.stringify(result)}`);
  return result.value;
}

describe('sync channels (issue 16)', () => {
  before(async () => {
    root = await tempDir('ferry-sync-channels-');
    server = await startGitHttpServer({ user: USER, password: TOKEN });
    services = createFerryServices({ dataDir: join(root, 'data'), version: 'test', env: VAULT });
    services.events.attach((event, payload) => events.push({ event, payload }));
    await services.workspace.create(join(root, 'workspace'), 'Channels');
  });
  after(async () => {
    await server.close();
  });

  it('adds a remote and stores credentials that never come back', async () => {
    assert.deepEqual(await value('sync.remotes'), []);
    await value('sync.addRemote', { name: 'origin', url: server.url });
    const login = await value('sync.login', { target: 'origin', username: USER, password: TOKEN });
    assert.deepEqual(login, { origin: new URL(server.url).origin });
    assert.deepEqual(await value('sync.remotes'), [
      { name: 'origin', url: server.url, credentials: 'vault' },
    ]);
    const missing = await dispatch('sync.login', { target: 'origin' });
    assert.equal(missing.ok, false);
    assert.equal(!missing.ok && missing.error.code, 'request.invalid');
  });

  it('pushes, counts offline, and reports progress as sync.progress events', async () => {
    assert.equal(((await value('sync.push')) as { outcome: string }).outcome, 'pushed');
    const status = (await value('sync.status', { offline: true })) as { ahead: number; behind: number };
    assert.deepEqual([status.ahead, status.behind], [0, 0]);
    events.length = 0;
    const cloned = (await value('sync.clone', { url: server.url, path: join(root, 'clone') })) as {
      name: string;
    };
    assert.equal(cloned.name, 'Channels');
    const progress = events.filter((item) => item.event === 'sync.progress');
    assert.ok(progress.length > 0, 'the clone reported its progress');
    for (const item of progress) {
      assert.equal(syncProgressSchema.parse(item.payload).operation, 'clone');
    }
    const history = (await value('sync.history')) as { operation: string }[];
    assert.equal(history[0]?.operation, 'clone');
  });

  it('sync.cancel stops the running transfer, and says when there was none', async () => {
    assert.deepEqual(await value('sync.cancel'), { cancelled: 0 });
    server.setDelay(5_000);
    try {
      const pending = dispatch('sync.pull');
      // The pull is under way (its first request is being held) before it is cancelled.
      for (let tries = 0; tries < 100 && server.requests.at(-1)?.includes('info/refs') !== true; tries += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.match(server.requests.at(-1) ?? '', /info\/refs/, 'the pull reached the remote');
      assert.deepEqual(await value('sync.cancel'), { cancelled: 1 });
      const result = await pending;
      assert.equal(result.ok, false);
      assert.equal(!result.ok && result.error.code, 'sync.cancelled');
    } finally {
      server.setDelay(0);
    }
    assert.deepEqual(await value('sync.cancel'), { cancelled: 0 });
  });
});
