import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DEMO_CLIENTS, startSandbox } from '../../../electron/sandbox';
import { tempDir } from '../../support/temp-dir';
import { apiFor, findByName, login, type Named } from './sandbox-test-client';

describe('sandbox persistence', () => {
  it('writes each org to the data folder and resumes it after a restart', async () => {
    const dataDir = await tempDir('ferry-sandbox-');
    const first = await startSandbox({ dataDir });
    let queueId: string;
    let scheduleVersion: number;
    let orgIds: Record<string, string>;
    try {
      assert.deepEqual((await readdir(dataDir)).sort(), ['dev.json', 'prod.json', 'uat.json']);
      orgIds = { dev: first.orgs.dev.orgId, uat: first.orgs.uat.orgId };
      const api = apiFor(first.url, await login(first.url, DEMO_CLIENTS.uat));
      const created = await api<Named>('POST', '/api/v2/routing/queues', {
        name: 'Persisted Queue',
        acwSettings: { wrapupPrompt: 'MANDATORY', timeoutMs: 12_000 },
      });
      queueId = created.body.id;
      const schedule = await findByName<Named & { version: number; start: string; end: string }>(
        api,
        '/api/v2/architect/schedules',
        'Boxing Day',
      );
      const put = await api<{ version: number }>('PUT', `/api/v2/architect/schedules/${schedule.id}`, {
        name: 'Boxing Day (moved)',
        start: schedule.start,
        end: schedule.end,
        version: schedule.version,
      });
      scheduleVersion = put.body.version;
    } finally {
      await first.close();
    }
    const onDisk = JSON.parse(await readFile(join(dataDir, 'uat.json'), 'utf8')) as {
      queues: Record<string, unknown>;
    };
    assert.ok(onDisk.queues[queueId]);

    const second = await startSandbox({ dataDir });
    try {
      assert.equal(second.orgs.dev.orgId, orgIds.dev);
      assert.equal(second.orgs.uat.orgId, orgIds.uat);
      const api = apiFor(second.url, await login(second.url, DEMO_CLIENTS.uat));
      const queue = await api<{ name: string; acwSettings: { timeoutMs: number } }>(
        'GET',
        `/api/v2/routing/queues/${queueId}`,
      );
      assert.equal(queue.status, 200);
      assert.equal(queue.body.acwSettings.timeoutMs, 12_000);
      const moved = await findByName<Named & { version: number }>(
        api,
        '/api/v2/architect/schedules',
        'Boxing Day (moved)',
      );
      assert.equal(moved.version, scheduleVersion);
      const leftovers = (await readdir(dataDir)).filter((name) => name.endsWith('.tmp'));
      assert.deepEqual(leftovers, []);
    } finally {
      await second.close();
    }
  });

  it('keeps state in memory only when no folder is given', async () => {
    const first = await startSandbox();
    try {
      const api = apiFor(first.url, await login(first.url, DEMO_CLIENTS.dev));
      assert.equal((await api('POST', '/api/v2/routing/languages', { name: 'Klingon' })).status, 200);
    } finally {
      await first.close();
    }
    const second = await startSandbox();
    try {
      const api = apiFor(second.url, await login(second.url, DEMO_CLIENTS.dev));
      const list = await api<{ total: number }>('GET', '/api/v2/routing/languages?name=Klingon');
      assert.equal(list.body.total, 0);
    } finally {
      await second.close();
    }
  });

  it('refuses to start on a damaged state file instead of overwriting it', async () => {
    const dataDir = await tempDir('ferry-sandbox-');
    await writeFile(join(dataDir, 'prod.json'), '{"format": 1, "key": "prod"');
    await assert.rejects(startSandbox({ dataDir }), /prod\.json is not valid JSON/);
    await writeFile(join(dataDir, 'prod.json'), JSON.stringify({ format: 1, key: 'uat' }));
    await assert.rejects(startSandbox({ dataDir }), /prod\.json/);
    assert.equal(
      await readFile(join(dataDir, 'prod.json'), 'utf8'),
      JSON.stringify({ format: 1, key: 'uat' }),
    );
  });
});
