import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createFerryServices, type FerryServices } from '../../electron/host/core/ferry-services';
import type { PostPromotionCheck } from '../../shared/promotion/checks/post-promotion-check';
import { sandboxWorkspace, type SandboxWorkspace } from '../support/sandbox-workspace';
import { wrapupCode } from './promotion/promotion-test-support';

/**
 * Issue 20 attacks on post-promotion checks by a real network: the data-action test call's reply
 * is lost (connection dropped), answered 5xx, or never answered. A check that could not be made
 * must not pass: the run is undone (onCheckFailure 'rollback') and the result says it could not be
 * checked. Prod is reached through a loopback proxy that misbehaves only on the test endpoint.
 */

const VAULT = { FERRY_VAULT_PASSPHRASE: 'check attacks passphrase' };
const MONDAY_MORNING = new Date('2026-11-23T10:00:00Z');
const ACTION = 'Get Account Balance';
const TEST_CALL = /^\/api\/v2\/integrations\/actions\/[^/]+\/test$/;
const FAST = { retry: { baseDelayMs: 5, maxDelayMs: 50, maxRetries: 2, timeoutMs: 3000 } };

type Mode = 'pass' | 'drop' | '503' | 'hang';
let mode: Mode = 'pass';
/** How many test calls reached the proxy in the current case. */
let testCalls = 0;

let workspace: SandboxWorkspace;
let ada: FerryServices;
let proxy: Server;
const hanging = new Set<ServerResponse>();

function startProxy(target: string): Promise<string> {
  const upstream = new URL(target);
  proxy = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (req.method === 'POST' && TEST_CALL.test(path)) {
      testCalls += 1;
      if (mode === 'drop') {
        req.socket.destroy();
        return;
      }
      if (mode === '503') {
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: 503, code: 'service.unavailable', message: 'try later' }));
        return;
      }
      if (mode === 'hang') {
        hanging.add(res);
        return;
      }
    }
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      (reply) => {
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  return new Promise((resolve) =>
    proxy.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(proxy.address() as AddressInfo).port}`)),
  );
}

before(async () => {
  workspace = await sandboxWorkspace({
    prefix: 'ferry-check-attacks-',
    author: { name: 'Ada', email: 'ada@example.test' },
    orgs: ['dev', 'prod'],
    env: VAULT,
  });
  const url = await startProxy(workspace.sandbox.url);
  ada = createFerryServices({
    dataDir: workspace.dataDir,
    version: 'test',
    env: VAULT,
    transport: FAST,
    author: { name: 'Ada', email: 'ada@example.test' },
    clock: () => MONDAY_MORNING,
  });
  await ada.workspace.open(workspace.dir);
  await ada.environments.save({ name: 'prod', kind: 'sandbox', url, org: 'prod', tier: 'prod' }, undefined, {
    replace: true,
  });
  const key = await ada.identity.keys.init({ owner: 'Ada' });
  await ada.identity.trust.add(key.publicKey, { owner: 'Ada', roles: ['author', 'approver'] });
});
after(async () => {
  for (const res of hanging) res.destroy();
  await new Promise<void>((resolve) => proxy.close(() => resolve()));
  proxy.closeAllConnections();
  await workspace.close();
});

async function setChecks(checks: PostPromotionCheck[]): Promise<void> {
  await ada.identity.trust.setPolicy('prod', {
    policy: { approvalsRequired: 0, postPromotionChecks: checks, onCheckFailure: 'rollback' },
  });
}

async function wrapUpChangeset(name: string): Promise<string> {
  const { changeset } = await ada.changesets.create({
    title: name,
    idPrefix: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    operations: [{ op: 'create', type: 'routing.wrapupcode', key: name, body: wrapupCode(name) }],
  });
  return changeset.id;
}

async function hasWrapUp(name: string): Promise<boolean> {
  const prod = await ada.environments.connector('prod');
  return (await prod.list('routing.wrapupcode')).some((code) => code.name === name);
}

const balanceTest: PostPromotionCheck = {
  kind: 'data-action-test',
  action: ACTION,
  input: { customerId: 'C-1001' },
};

async function promoteWith(check: PostPromotionCheck, name: string, how: Mode) {
  await setChecks([check]);
  const id = await wrapUpChangeset(name);
  mode = how;
  testCalls = 0;
  try {
    return (await ada.promotions.promote(id, 'prod')).result;
  } finally {
    mode = 'pass';
  }
}

describe('issue 20 attack: a post-promotion check that cannot be made does not pass', () => {
  it('the proxy passes a healthy test call: the check passes and the run succeeds', async () => {
    const result = await promoteWith(balanceTest, 'Healthy call', 'pass');
    assert.equal(result.status, 'succeeded', `${result.message} ${JSON.stringify(result.checks)}`);
    assert.equal(result.checks?.[0]?.passed, true);
    assert.equal(await hasWrapUp('Healthy call'), true);
  });

  for (const how of ['drop', '503'] as const) {
    it(`a test call whose reply is lost (${how}) fails as not checked, and the run is rolled back`, async () => {
      const result = await promoteWith(balanceTest, `Lost reply ${how}`, how);
      assert.ok(testCalls >= 1, 'the test call was made');
      assert.equal(result.status, 'rolled-back', `${result.message} ${JSON.stringify(result.checks)}`);
      assert.equal(result.failure?.code, 'check.failed');
      assert.equal(result.checks?.[0]?.passed, false);
      assert.equal(result.checks?.[0]?.error, true, JSON.stringify(result.checks));
      assert.equal(await hasWrapUp(`Lost reply ${how}`), false, 'the write was undone');
    });
  }

  it('a test call that never answers is bounded by the transport timeout, fails as not checked, and rolls back', async () => {
    const started = Date.now();
    const result = await promoteWith(balanceTest, 'No answer', 'hang');
    assert.ok(Date.now() - started < 45_000, `took ${Date.now() - started} ms`);
    assert.equal(result.status, 'rolled-back', `${result.message} ${JSON.stringify(result.checks)}`);
    assert.equal(result.checks?.[0]?.passed, false);
    assert.equal(await hasWrapUp('No answer'), false);
  });

  it('a check naming an action that does not exist fails, naming it, and rolls back', async () => {
    const result = await promoteWith(
      { kind: 'data-action-test', action: 'No Such Action' },
      'Missing action',
      'pass',
    );
    assert.equal(result.status, 'rolled-back', `${result.message} ${JSON.stringify(result.checks)}`);
    assert.equal(result.checks?.[0]?.passed, false);
    assert.match(result.checks?.[0]?.message ?? '', /No Such Action/);
    assert.equal(await hasWrapUp('Missing action'), false);
  });

  it('checks naming a schedule group, table row or object that does not exist fail and roll back', async () => {
    for (const [index, check] of (
      [
        { kind: 'schedule-group-open', scheduleGroup: 'No Such Hours' },
        { kind: 'data-table-row', table: 'No Such Table', key: 'X' },
        { kind: 'object-field', type: 'routing.queue', key: 'No Such Queue', path: 'name', equals: 'x' },
      ] satisfies PostPromotionCheck[]
    ).entries()) {
      const result = await promoteWith(check, `Missing thing ${index}`, 'pass');
      assert.equal(
        result.status,
        'rolled-back',
        `${check.kind}: ${result.message} ${JSON.stringify(result.checks)}`,
      );
      assert.equal(result.checks?.[0]?.passed, false, check.kind);
      assert.equal(await hasWrapUp(`Missing thing ${index}`), false, check.kind);
    }
  });
});
