import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { startSandbox, type SandboxHandle } from '../../../electron/sandbox';
import { createFerryServices } from '../../../electron/host/core/ferry-services';
import { PromotionEngine } from '../../../electron/services/promotion/promotion-engine';
import type { ChangesetOperation } from '../../../shared/model/changeset';
import type { JsonObject } from '../../../shared/model/canonical/json-value';
import { changesetOf, FAST_RETRY, liveObjects, wrapupCode } from '../promotion/promotion-test-support';
import { listOrg, sandboxOrgToken } from '../../support/sandbox-http';
import { tempDir } from '../../support/temp-dir';
import { connectTo } from './connector-test-support';
import { FLOW_EXPORT_JOBS_PATH } from '../../../electron/services/connectors/genesys/flow-export';

/**
 * Issue 12, point 3: writes that are exactly-once although replies get lost. Under the sandbox's
 * `lost-reply` fault a write is applied and then its connection is destroyed unanswered; the
 * connector must settle each such write by reading the target, never by writing twice. Under
 * `drop`, token requests lost on the way are retried, so a login never fails a run.
 */

const CODES = '/api/v2/routing/wrapupcodes';
const SKILLS = '/api/v2/routing/skills';

interface Attempt {
  method: string;
  path: string;
  body: string | null;
  /** The status, or 'lost' when the connection ended without one. */
  outcome: number | 'lost';
}

/** A fetch that records every attempt before its outcome is known, lost ones included. */
function countingFetch(attempts: Attempt[]): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const attempt: Attempt = {
      method: (init?.method ?? 'GET').toUpperCase(),
      path: url.pathname,
      body: typeof init?.body === 'string' ? init.body : null,
      outcome: 'lost',
    };
    attempts.push(attempt);
    const response = await fetch(input, init);
    attempt.outcome = response.status;
    return response;
  };
}

/**
 * A request that may change the org. Registering a flow's export job is a POST but a read in
 * substance (the snapshots a run takes export each flow's configuration that way): not a write.
 */
function isWrite(attempt: Attempt): boolean {
  return (
    attempt.method !== 'GET' && attempt.path.startsWith('/api/') && attempt.path !== FLOW_EXPORT_JOBS_PATH
  );
}

/** Creates objects over plain HTTP in a sandbox without faults; answers name → id. */
async function seedObjects(
  sandbox: SandboxHandle,
  path: string,
  names: string[],
): Promise<Map<string, string>> {
  const token = await sandboxOrgToken(sandbox, 'uat');
  const ids = new Map<string, string>();
  for (const name of names) {
    const reply = await fetch(`${sandbox.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name }),
    });
    assert.equal(reply.status, 200, await reply.clone().text());
    ids.set(name, ((await reply.json()) as { id: string }).id);
  }
  return ids;
}

const opened: SandboxHandle[] = [];
after(async () => {
  await Promise.all(opened.map((sandbox) => sandbox.close()));
});

async function open(options: Parameters<typeof startSandbox>[0]): Promise<SandboxHandle> {
  const sandbox = await startSandbox({ rateLimitPerMinute: 100_000, ...options });
  opened.push(sandbox);
  return sandbox;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A workspace with `uat` on the sandbox and an engine whose every HTTP attempt is counted. */
async function promoterOn(sandbox: SandboxHandle, root: string, name: string) {
  const attempts: Attempt[] = [];
  const services = createFerryServices({
    dataDir: join(root, 'data'),
    version: 'test',
    env: {},
    author: { name: 'Rene Release', email: 'rene@example.test' },
    transport: { retry: FAST_RETRY, fetch: countingFetch(attempts) },
  });
  await services.workspace.create(join(root, 'ws'), name);
  await services.environments.save(
    { name: 'uat', kind: 'sandbox', url: sandbox.url, org: 'uat', tier: 'test' },
    undefined,
  );
  const engine = new PromotionEngine({
    workspace: services.workspace,
    environments: services.environments,
    snapshots: services.snapshots,
    events: services.events,
  });
  return { attempts, services, engine };
}

describe('writes under lost replies', () => {
  it('promotes 50 creates, updates and deletes under lost-reply=0.2: each object written exactly once, verified', async () => {
    const root = await tempDir('ferry-lost-replies-');
    const orgData = join(root, 'orgs');

    // The objects to update and delete are made first, in the same org files, with no faults.
    const clean = await open({ dataDir: orgData });
    const toUpdate = await seedObjects(
      clean,
      CODES,
      Array.from({ length: 15 }, (_, n) => `Lost Reply Seed Code ${pad(n)}`),
    );
    const oldCodes = await seedObjects(
      clean,
      CODES,
      Array.from({ length: 5 }, (_, n) => `Lost Reply Old Code ${pad(n)}`),
    );
    const oldSkills = await seedObjects(
      clean,
      SKILLS,
      Array.from({ length: 5 }, (_, n) => `Lost Reply Old Skill ${pad(n)}`),
    );
    await clean.close();

    const sandbox = await open({ dataDir: orgData, faults: 'lost-reply=0.2,seed=20261206' });
    const { attempts, services, engine } = await promoterOn(sandbox, root, 'Lost replies');
    await services.snapshots.run('uat');

    const newCodes = Array.from({ length: 20 }, (_, n) => `Lost Reply New Code ${pad(n)}`);
    const newSkills = Array.from({ length: 5 }, (_, n) => `Lost Reply New Skill ${pad(n)}`);
    const operations: ChangesetOperation[] = [
      ...newCodes.map((name): ChangesetOperation => ({
        op: 'create',
        type: 'routing.wrapupcode',
        key: name,
        body: wrapupCode(name, 'Home', `new ${name}`),
      })),
      ...newSkills.map((name): ChangesetOperation => ({
        op: 'create',
        type: 'routing.skill',
        key: name,
        body: { name, division: { $ref: 'authorization.division', name: 'Home' } },
      })),
      ...[...toUpdate.keys()].map((name): ChangesetOperation => ({
        op: 'update',
        type: 'routing.wrapupcode',
        key: name,
        changes: [{ path: 'description', after: `updated ${name}` }],
      })),
      ...[...oldCodes.keys()].map((name): ChangesetOperation => ({
        op: 'delete',
        type: 'routing.wrapupcode',
        key: name,
        before: wrapupCode(name, 'Home'),
      })),
      ...[...oldSkills.keys()].map((name): ChangesetOperation => ({
        op: 'delete',
        type: 'routing.skill',
        key: name,
        before: { name, division: { $ref: 'authorization.division', name: 'Home' } },
      })),
    ];
    assert.equal(operations.length, 50);
    const plan = await engine.plan(changesetOf('lost-replies', operations), 'uat');
    assert.deepEqual(plan.summary, { create: 25, update: 15, delete: 10, noop: 0, conflict: 0, blocked: 0 });

    const from = attempts.length;
    const result = await engine.execute(plan, { concurrency: 4 });
    assert.equal(result.status, 'succeeded', `${result.message}: ${result.failure?.message ?? ''}`);
    assert.deepEqual(result.verify?.mismatches, []);
    assert.equal(result.verify?.checked, 50);

    // Every write that reached the sandbox, answered or not; under lost-reply each one was applied.
    const writes = attempts.slice(from).filter(isWrite);
    assert.ok(
      writes.filter((attempt) => attempt.outcome === 'lost').length >= 3,
      'the run lost the replies of several writes',
    );
    assert.deepEqual(
      writes.filter((attempt) => attempt.outcome !== 'lost' && attempt.outcome >= 300),
      [],
      'no write was refused',
    );
    const created = (path: string) =>
      writes
        .filter((attempt) => attempt.method === 'POST' && attempt.path === path)
        .map((attempt) => (JSON.parse(attempt.body ?? '{}') as { name: string }).name)
        .sort();
    assert.deepEqual(created(CODES), newCodes, 'each wrap-up code POSTed exactly once');
    assert.deepEqual(created(SKILLS), newSkills, 'each skill POSTed exactly once');
    const touched = (method: string, path: string) =>
      writes
        .filter((attempt) => attempt.method === method && attempt.path.startsWith(`${path}/`))
        .map((attempt) => attempt.path.slice(path.length + 1))
        .sort();
    assert.deepEqual(touched('PUT', CODES), [...toUpdate.values()].sort(), 'each update PUT exactly once');
    assert.deepEqual(
      touched('DELETE', CODES),
      [...oldCodes.values()].sort(),
      'each code DELETEd exactly once',
    );
    assert.deepEqual(
      touched('DELETE', SKILLS),
      [...oldSkills.values()].sort(),
      'each skill DELETEd exactly once',
    );
    assert.equal(writes.length, 50);

    // The org as any client reads it, without faults: no duplicates, every change there.
    await sandbox.close();
    const after = await open({ dataDir: orgData });
    const codes = await listOrg<{ name: string; description?: string }>(after, 'uat', CODES);
    const skills = await listOrg(after, 'uat', SKILLS);
    const count = (list: { name: string }[], name: string) =>
      list.filter((item) => item.name === name).length;
    for (const name of newCodes) assert.equal(count(codes, name), 1, name);
    for (const name of newSkills) assert.equal(count(skills, name), 1, name);
    for (const name of toUpdate.keys()) {
      assert.equal(codes.find((code) => code.name === name)?.description, `updated ${name}`);
    }
    for (const name of oldCodes.keys()) assert.equal(count(codes, name), 0, name);
    for (const name of oldSkills.keys()) assert.equal(count(skills, name), 0, name);
  });
});

describe('sub-resource writes under lost replies', () => {
  it('adds wrap-up codes to new queues and rows to a new table exactly once under lost-reply=0.3', async () => {
    const root = await tempDir('ferry-lost-subresources-');
    const sandbox = await open({ faults: 'lost-reply=0.3,seed=1206' });
    const { attempts, services, engine } = await promoterOn(sandbox, root, 'Lost sub-resource replies');
    const live = await liveObjects(services, 'uat', ['routing.queue', 'flows.datatable']);
    const template = live.get('routing.queue')?.get('Complaints - Voice') as JsonObject;
    const tableTemplate = live.get('flows.datatable')?.get('IVR Feature Flags') as JsonObject;
    const queues = Array.from({ length: 8 }, (_, n) => `Lost Reply Queue ${pad(n)}`);
    const rows = Array.from({ length: 12 }, (_, n) => ({
      key: `flag-${pad(n)}`,
      Enabled: n % 2 === 0,
      Notes: `note ${n}`,
    }));
    const operations: ChangesetOperation[] = [
      ...queues.map((name): ChangesetOperation => ({
        op: 'create',
        type: 'routing.queue',
        key: name,
        // A whole queue as Genesys answers it, so that verify compares like with like.
        body: {
          ...template,
          name,
          wrapupCodes: ['Payment Taken', 'Refund Issued'].map((code) => ({
            $ref: 'routing.wrapupcode',
            name: code,
          })),
        },
      })),
      {
        op: 'create',
        type: 'flows.datatable',
        key: 'Lost Reply Table',
        body: { ...tableTemplate, name: 'Lost Reply Table', rows },
      },
    ];
    const plan = await engine.plan(changesetOf('lost-sub-resources', operations), 'uat');
    assert.equal(
      plan.summary.create,
      9,
      JSON.stringify(plan.steps.map((step) => step.reason ?? step.action)),
    );
    const from = attempts.length;
    const result = await engine.execute(plan, { concurrency: 4, snapshot: false });
    assert.equal(result.status, 'succeeded', `${result.message}: ${result.failure?.message ?? ''}`);
    assert.deepEqual(result.verify?.mismatches, []);

    const writes = attempts.slice(from).filter(isWrite);
    const subWrites = writes.filter(
      (attempt) => attempt.path.endsWith('/wrapupcodes') || attempt.path.endsWith('/rows'),
    );
    assert.ok(
      subWrites.filter((attempt) => attempt.outcome === 'lost').length >= 2,
      'the run lost the replies of several sub-resource writes',
    );
    const perQueue = writes.filter((attempt) => attempt.path.endsWith('/wrapupcodes'));
    assert.equal(new Set(perQueue.map((attempt) => attempt.path)).size, queues.length);
    assert.equal(perQueue.length, queues.length, 'each queue got its wrap-up codes in one POST');
    const rowKeys = writes
      .filter((attempt) => attempt.path.endsWith('/rows'))
      .map((attempt) => (JSON.parse(attempt.body ?? '{}') as { key: string }).key)
      .sort();
    assert.deepEqual(
      rowKeys,
      rows.map((row) => row.key),
      'each row POSTed exactly once',
    );
  });
});

describe('logins under dropped connections', () => {
  it('never fails a login under drop=0.2: token requests lost on the way are sent again', async () => {
    const sandbox = await open({ faults: 'drop=0.2,seed=7' });
    let dropped = 0;
    let logins = 0;
    for (let n = 0; n < 20; n += 1) {
      // A fresh connector logs in before its first call.
      const { connector, calls } = connectTo(sandbox.url, sandbox.orgs.uat);
      const org = await connector.check();
      assert.equal(org.orgId, sandbox.orgs.uat.orgId);
      const tokens = calls.filter((call) => call.path === '/oauth/token').length;
      logins += tokens;
      dropped += tokens - 1;
    }
    assert.ok(dropped > 0, `some token requests were dropped (${logins} token requests for 20 logins)`);
  });
});
