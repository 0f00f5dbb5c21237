import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FerryError } from '../../../shared/api/api-error';
import { fileNameToKey, keyToFileName } from '../../../shared/model/canonical/file-name-codec';
import { createFerryServices, type FerryServices } from '../../../electron/host/core/ferry-services';
import { DEMO_CLIENTS, SEEDED_DRIFT, startSandbox, type SandboxHandle } from '../../../electron/sandbox';
import { startFilteringProxy } from '../../support/filtering-proxy';
import { nativeGit } from '../../support/native-git';
import { tempDir } from '../../support/temp-dir';

let sandbox: SandboxHandle;

before(async () => {
  sandbox = await startSandbox({});
});
after(() => sandbox.close());

const FAST_RETRY = { retry: { baseDelayMs: 5, maxDelayMs: 50, maxRetries: 5, timeoutMs: 5000 } };

/** A workspace with sandbox environments pointed at `url` (the sandbox, or a proxy in front of it). */
async function workspaceWith(url: string, orgs: ('dev' | 'uat' | 'prod')[] = ['dev']) {
  const root = await tempDir('ferry-snapshot-');
  const services = createFerryServices({
    dataDir: join(root, 'data'),
    version: 'test',
    env: {},
    transport: FAST_RETRY,
    author: { name: 'Snap Shot', email: 'snap@example.test' },
  });
  const dir = join(root, 'ws');
  await services.workspace.create(dir, 'Snapshots');
  for (const org of orgs) {
    await services.environments.save(
      {
        name: org,
        kind: 'sandbox',
        url,
        org,
        tier: org === 'prod' ? 'prod' : 'dev',
        clientId: DEMO_CLIENTS[org].clientId,
      },
      undefined,
    );
  }
  return { services, dir };
}

function snapshotFile(dir: string, env: string, type: string, key: string) {
  return readFile(join(dir, 'environments', env, 'snapshot', type, keyToFileName(key)), 'utf8');
}

async function rejectsWithCode(promise: Promise<unknown>, code: string, message?: RegExp) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof FerryError, String(error));
    assert.equal(error.code, code, error.message);
    if (message) assert.match(error.message, message);
    return true;
  });
}

function assertUnchanged(dir: string, head: string) {
  assert.equal(nativeGit(dir, 'rev-parse', 'HEAD').trim(), head, 'HEAD moved');
  assert.equal(nativeGit(dir, 'status', '--porcelain'), '', 'working tree changed');
}

describe('snapshot of the sandbox orgs', () => {
  let services: FerryServices;
  let dir: string;

  before(async () => {
    ({ services, dir } = await workspaceWith(sandbox.url, ['dev', 'uat', 'prod']));
  });

  it('pulls every type into canonical files as one commit that native git reads', async () => {
    const progress: string[] = [];
    const result = await services.snapshots.run('dev', {
      onProgress: (p) => progress.push(`${p.phase}:${p.type ?? ''}`),
    });
    assert.ok(result.commit);
    assert.match(result.message, /^snapshot dev: \d+ added, 0 changed, 0 removed$/);
    assert.equal(result.counts['routing.queue'], 61);
    assert.equal(result.counts['routing.skill'], 41);
    assert.ok(progress.includes('listing:routing.queue') && progress.at(-1) === 'done:', progress.join(' '));
    assert.equal(nativeGit(dir, 'log', '-1', '--format=%s').trim(), result.message);
    assert.equal(nativeGit(dir, 'status', '--porcelain'), '');
    nativeGit(dir, 'fsck', '--strict');
    const ids = JSON.parse(await readFile(join(dir, 'environments/dev/ids.json'), 'utf8')) as Record<
      string,
      Record<string, string>
    >;
    assert.match(ids['routing.queue']?.['Billing - Voice'] ?? '', /^[0-9a-f-]{36}$/);
    const queue = JSON.parse(await snapshotFile(dir, 'dev', 'routing.queue', 'Billing - Voice')) as Record<
      string,
      unknown
    >;
    assert.equal(queue.id, undefined, 'ids are not in canonical files');
    assert.deepEqual(queue.division, { $ref: 'authorization.division', name: 'Customer Service' });
  });

  it('gives byte-identical files for equal configuration in two orgs, and differing ones for drift', async () => {
    await services.snapshots.run('uat');
    await services.snapshots.run('prod');
    const same = SEEDED_DRIFT.devAndUat.acwTimeout.queue;
    assert.equal(
      await snapshotFile(dir, 'dev', 'routing.queue', same),
      await snapshotFile(dir, 'uat', 'routing.queue', same),
    );
    assert.notEqual(
      await snapshotFile(dir, 'uat', 'routing.queue', same),
      await snapshotFile(dir, 'prod', 'routing.queue', same),
    );
    const devQueues = await readdir(join(dir, 'environments/dev/snapshot/routing.queue'));
    const uatQueues = await readdir(join(dir, 'environments/uat/snapshot/routing.queue'));
    assert.ok(devQueues.includes(keyToFileName(SEEDED_DRIFT.devOnly.queue)));
    assert.ok(!uatQueues.includes(keyToFileName(SEEDED_DRIFT.devOnly.queue)));
  });

  it('makes no commit when nothing changed', async () => {
    const head = nativeGit(dir, 'rev-parse', 'HEAD').trim();
    const result = await services.snapshots.run('dev');
    assert.equal(result.commit, null);
    assert.match(result.message, /no changes/);
    assertUnchanged(dir, head);
  });

  it('records one changed object after an edit in the org, and lists it in the last-snapshot summary', async () => {
    const connector = await services.environments.connector('dev');
    const ids = JSON.parse(await readFile(join(dir, 'environments/dev/ids.json'), 'utf8')) as Record<
      string,
      Record<string, string>
    >;
    const id = ids['routing.wrapupcode']?.['Account Updated'];
    assert.ok(id, 'seeded wrap-up code "Account Updated"');
    const code = await connector.get('routing.wrapupcode', id);
    await connector.update('routing.wrapupcode', id, {
      name: code.name,
      description: 'Resolved on first contact',
    });
    const result = await services.snapshots.run('dev');
    assert.match(result.message, /^snapshot dev: 0 added, 1 changed, 0 removed$/);
    assert.match(
      nativeGit(dir, 'show', '--stat', '--format=', 'HEAD'),
      /routing\.wrapupcode\/Account Updated\.json/,
    );
    const view = (await services.environments.list()).find((item) => item.config.name === 'dev');
    assert.equal(view?.lastSnapshot?.commit, result.commit);
    assert.equal(view?.lastSnapshot?.counts['routing.queue'], 61);
  });

  it('keeps names with / \\ : * ? " and unicode as safe, reversible file names', async () => {
    const connector = await services.environments.connector('dev');
    const awkward = ['Sales/EMEA: "VIP" *?', 'Back\\slash', 'Café Ñandú 日本語'];
    for (const name of awkward) await connector.create('routing.skill', { name });
    const result = await services.snapshots.run('dev', { types: ['routing.skill'] });
    assert.match(result.message, /^snapshot dev: 3 added, 0 changed, 0 removed$/);
    const files = await readdir(join(dir, 'environments/dev/snapshot/routing.skill'));
    for (const name of awkward) {
      const file = keyToFileName(name);
      assert.ok(files.includes(file), `${file} on disk`);
      assert.doesNotMatch(file, /[/\\:*?"<>|]/);
      assert.equal(fileNameToKey(file), name);
    }
    const tree = await services.snapshots.store().tree('dev');
    const skills = tree.types.find((type) => type.type === 'routing.skill');
    assert.ok(skills?.objects.some((object) => object.key === 'Café Ñandú 日本語'));
    // Queues were not pulled this time and are kept exactly as they were.
    assert.equal((await readdir(join(dir, 'environments/dev/snapshot/routing.queue'))).length, 61);
  });

  it('never writes a secret into the workspace or into what the renderer sees', async () => {
    const secret = DEMO_CLIENTS.dev.clientSecret;
    const config = await readFile(join(dir, 'ferry.json'), 'utf8');
    assert.doesNotMatch(config, new RegExp(secret));
    const viaApi = await services.dispatcher.dispatch('environments.list', {});
    assert.ok(viaApi.ok);
    assert.doesNotMatch(JSON.stringify(viaApi), new RegExp(secret));
    assert.equal((viaApi.value as { hasCredentials: boolean }[])[0]?.hasCredentials, true);
  });
});

describe('a snapshot that cannot finish leaves the previous one exactly as it was', () => {
  it('when the org goes away mid-way (unreachable)', async () => {
    const own = await startSandbox({});
    const { services, dir } = await workspaceWith(own.url);
    await services.snapshots.run('dev');
    const head = nativeGit(dir, 'rev-parse', 'HEAD').trim();
    await own.close();
    await rejectsWithCode(
      services.snapshots.run('dev'),
      'network.unreachable',
      /previous snapshot is unchanged/,
    );
    assertUnchanged(dir, head);
  });

  it('when cancelled', async () => {
    const { services, dir } = await workspaceWith(sandbox.url);
    await services.snapshots.run('dev');
    const head = nativeGit(dir, 'rev-parse', 'HEAD').trim();
    const controller = new AbortController();
    const running = services.snapshots.run('dev', {
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.type === 'routing.queue') controller.abort();
      },
    });
    await rejectsWithCode(running, 'cancelled', /previous snapshot is unchanged/);
    assertUnchanged(dir, head);
  });

  it('when two objects share a natural key (reported, never merged)', async () => {
    const proxy = await startFilteringProxy(sandbox.url, {
      rewrite: (method, path, body) => {
        if (method !== 'GET' || path !== '/api/v2/routing/skills') return body;
        const page = body as { entities: { id: string; name: string }[] };
        const first = page.entities[0];
        return first
          ? {
              ...page,
              entities: [...page.entities, { ...first, id: '00000000-0000-4000-8000-00000000dead' }],
            }
          : page;
      },
    });
    try {
      const { services, dir } = await workspaceWith(proxy.url);
      const head = nativeGit(dir, 'rev-parse', 'HEAD').trim();
      await rejectsWithCode(services.snapshots.run('dev'), 'snapshot.duplicate-key', /share the name/);
      assertUnchanged(dir, head);
    } finally {
      await proxy.close();
    }
  });

  it('when the org answers malformed JSON for a type', async () => {
    const proxy = await startFilteringProxy(sandbox.url, {
      rewrite: (method, path, body) =>
        path === '/api/v2/routing/languages' ? { entities: 'not a list' } : body,
    });
    try {
      const { services, dir } = await workspaceWith(proxy.url);
      const head = nativeGit(dir, 'rev-parse', 'HEAD').trim();
      await rejectsWithCode(
        services.snapshots.run('dev'),
        'genesys.malformed-response',
        /routing\/languages/,
      );
      assertUnchanged(dir, head);
    } finally {
      await proxy.close();
    }
  });
});

describe('snapshot edge cases', () => {
  it('skips a type the credentials may not read (403) and reports it, keeping its previous files', async () => {
    let forbid = false;
    const proxy = await startFilteringProxy(sandbox.url, {
      answer: (_method, path) =>
        forbid && path.startsWith('/api/v2/flows/datatables')
          ? { status: 403, body: { message: 'missing permission', code: 'missing.permissions', status: 403 } }
          : null,
    });
    try {
      const { services, dir } = await workspaceWith(proxy.url);
      await services.snapshots.run('dev');
      const tables = await readdir(join(dir, 'environments/dev/snapshot/flows.datatable'));
      forbid = true;
      const result = await services.snapshots.run('dev');
      assert.deepEqual(
        result.skippedTypes.map((item) => item.type),
        ['flows.datatable'],
      );
      assert.deepEqual(await readdir(join(dir, 'environments/dev/snapshot/flows.datatable')), tables);
      assert.equal(nativeGit(dir, 'status', '--porcelain'), '');
    } finally {
      await proxy.close();
    }
  });

  it('completes under 10% 503 and 5% 429 with the same result as without faults', async () => {
    const faulty = await startSandbox({ faults: '503=0.1,429=0.05,seed=11' });
    try {
      const clean = await workspaceWith(sandbox.url, ['uat']);
      const noisy = await workspaceWith(faulty.url, ['uat']);
      await clean.services.snapshots.run('uat');
      const result = await noisy.services.snapshots.run('uat');
      const treeOf = (d: string) => nativeGit(d, 'rev-parse', 'HEAD:environments/uat/snapshot').trim();
      assert.equal(treeOf(noisy.dir), treeOf(clean.dir));
      assert.ok(result.requests > 60, `requests ${result.requests}`);
    } finally {
      await faulty.close();
    }
  });

  it('refuses an unknown type in --types and an unknown environment', async () => {
    const { services } = await workspaceWith(sandbox.url);
    await rejectsWithCode(services.snapshots.run('dev', { types: ['routing.flows'] }), 'object-type.unknown');
    await rejectsWithCode(services.snapshots.run('staging'), 'environment.not-found');
  });
});
