import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createFerryServices, type FerryServices } from '../../electron/host/core/ferry-services';
import { SEEDED_DRIFT } from '../../electron/sandbox';
import type { PostPromotionCheck } from '../../shared/promotion/checks/post-promotion-check';
import type { JournalEntry } from '../../shared/promotion/engine/run-records';
import { sandboxOrgToken } from '../support/sandbox-http';
import { sandboxWorkspace, type SandboxWorkspace } from '../support/sandbox-workspace';

/**
 * Issue 20: post-promotion checks in a real run against the sandbox. A prod policy (signed into the
 * trust root) lists checks; a change that breaks a data action fails its test call, and the run is
 * rolled back (or stopped, per policy); passing checks are recorded in the run and its document.
 */

const VAULT = { FERRY_VAULT_PASSPHRASE: 'post-promotion checks passphrase' };
/** Monday 23 November 2026, 10:00 in London (GMT): "Customer Service Hours" is open. */
const MONDAY_MORNING = new Date('2026-11-23T10:00:00Z');
const ACTION = 'Get Account Balance';
const PROD_URL = 'https://crm.acme-telecom.example/api/accounts/${input.customerId}/balance';
const BROKEN_URL = 'https://crm.acme-telecom.invalid/api/accounts/${input.customerId}/balance';

let workspace: SandboxWorkspace;
let ada: FerryServices;

before(async () => {
  workspace = await sandboxWorkspace({
    prefix: 'ferry-checks-',
    author: { name: 'Ada', email: 'ada@example.test' },
    orgs: ['dev', 'prod'],
    env: VAULT,
  });
  ada = createFerryServices({
    dataDir: workspace.dataDir,
    version: 'test',
    env: VAULT,
    author: { name: 'Ada', email: 'ada@example.test' },
    clock: () => MONDAY_MORNING,
  });
  await ada.workspace.open(workspace.dir);
  const key = await ada.identity.keys.init({ owner: 'Ada' });
  await ada.identity.trust.add(key.publicKey, { owner: 'Ada', roles: ['author', 'approver'] });
});
after(() => workspace.close());

async function setChecks(checks: PostPromotionCheck[], onCheckFailure: 'rollback' | 'stop'): Promise<void> {
  await ada.identity.trust.setPolicy('prod', {
    policy: { approvalsRequired: 0, postPromotionChecks: checks, onCheckFailure },
  });
}

async function actionUrl(): Promise<unknown> {
  const prod = await ada.environments.connector('prod');
  const action = (await prod.list('integrations.action')).find((candidate) => candidate.name === ACTION);
  assert.ok(action, `prod has "${ACTION}"`);
  const config = action.config as { request?: { requestUrlTemplate?: unknown } } | undefined;
  return config?.request?.requestUrlTemplate;
}

/** A changeset that points the balance lookup at a host that does not resolve. */
async function breakingChangeset(title: string): Promise<string> {
  const created = await ada.changesets.create({ title });
  const { changeset } = await ada.changesets.get(created.changeset.id);
  await ada.changesets.save({
    ...changeset,
    operations: [
      {
        op: 'update',
        type: 'integrations.action',
        key: ACTION,
        changes: [{ path: 'config.request.requestUrlTemplate', before: PROD_URL, after: BROKEN_URL }],
      },
    ],
  });
  return created.changeset.id;
}

const balanceTest: PostPromotionCheck = {
  kind: 'data-action-test',
  action: ACTION,
  input: { customerId: 'C-1001' },
};
const storeRow: PostPromotionCheck = {
  kind: 'data-table-row',
  table: SEEDED_DRIFT.devOnly.datatableRow.table,
  key: 'LDN01',
};

function journalOf(runId: string): Promise<JournalEntry[]> {
  return readFile(join(workspace.dir, 'runs', runId, 'journal.jsonl'), 'utf8').then((text) =>
    text
      .trim()
      .split('\n')
      .map((line) => {
        const parsed = JSON.parse(line) as { entry?: JournalEntry } & JournalEntry;
        return parsed.entry ?? parsed;
      }),
  );
}

describe('post-promotion checks', () => {
  it('a failed data-action test rolls the run back, and the document records each check', async () => {
    await setChecks([storeRow, balanceTest], 'rollback');
    assert.equal(await actionUrl(), PROD_URL);
    const id = await breakingChangeset('Move the balance lookup');
    const { result } = await ada.promotions.promote(id, 'prod');
    assert.equal(result.status, 'rolled-back', result.message);
    assert.equal(result.failure?.step, null);
    assert.equal(result.failure?.code, 'check.failed');
    assert.match(result.failure?.message ?? '', /Get Account Balance/);
    assert.match(result.failure?.message ?? '', /UnknownHostException/);
    assert.deepEqual(
      result.checks?.map((check) => [check.kind, check.passed]),
      [
        ['data-table-row', true],
        ['data-action-test', false],
      ],
    );
    assert.equal(await actionUrl(), PROD_URL, 'the action is back as it was');
    const kinds = (await journalOf(result.runId)).map((entry) => entry.kind);
    assert.ok(kinds.indexOf('checked') > kinds.indexOf('verified'), kinds.join());
    assert.ok(
      kinds.indexOf('rollback-started') > kinds.indexOf('checked'),
      'checked is journalled before the undo',
    );
    const markdown = await readFile(join(workspace.dir, 'runs', result.runId, 'change-control.md'), 'utf8');
    assert.match(markdown, /Post-promotion checks/);
    assert.match(markdown, /Store Directory/);
    assert.match(markdown, /Get Account Balance/);
    assert.match(markdown, /UnknownHostException/);
  });

  it("with onCheckFailure 'stop' the run ends checks-failed and its writes remain", async () => {
    await setChecks([balanceTest], 'stop');
    const id = await breakingChangeset('Move the balance lookup, stop on failure');
    const { result } = await ada.promotions.promote(id, 'prod');
    assert.equal(result.status, 'checks-failed', result.message);
    assert.equal(result.checks?.[0]?.passed, false);
    assert.equal(await actionUrl(), BROKEN_URL, 'the write stays');
    // A person rolls it back by hand: the run can be undone like any other.
    const undone = await ada.promotions.rollback(result.runId);
    assert.equal(undone.status, 'succeeded', undone.failure?.message);
    assert.equal(await actionUrl(), PROD_URL);
  });

  it('passing checks: the run succeeds and each result is recorded', async () => {
    const checks: PostPromotionCheck[] = [
      { kind: 'queue-member-groups' },
      { kind: 'schedule-group-open', scheduleGroup: 'Customer Service Hours' },
      storeRow,
      balanceTest,
      {
        kind: 'object-field',
        type: 'routing.skill',
        key: SEEDED_DRIFT.devOnly.skill,
        path: 'name',
        equals: SEEDED_DRIFT.devOnly.skill,
      },
    ];
    await setChecks(checks, 'rollback');
    const created = await ada.authoring.addPicks({
      a: 'prod',
      b: 'dev',
      title: 'Video skill',
      picks: [{ type: 'routing.skill', key: SEEDED_DRIFT.devOnly.skill }],
    });
    const { result } = await ada.promotions.promote(created.changeset.id, 'prod');
    assert.equal(result.status, 'succeeded', `${result.message}\n${JSON.stringify(result.checks, null, 1)}`);
    assert.equal(result.checks?.length, checks.length);
    assert.ok(result.checks?.every((check) => check.passed));
    assert.match(result.checks?.[1]?.message ?? '', /open at 2026-11-23 10:00 Europe\/London/);
    assert.match(result.message, /5 checks passed/);
    const markdown = await readFile(join(workspace.dir, 'runs', result.runId, 'change-control.md'), 'utf8');
    assert.match(markdown, /Customer Service Hours/);
  });

  it('queue-member-groups: a written queue without member groups fails the check, and the run is undone', async () => {
    await setChecks([{ kind: 'queue-member-groups' }], 'rollback');
    // Billing - Voice takes its members from a group (set in the org by hand); Complaints - Voice from none.
    await giveMemberGroup('Billing - Voice', 'Billing Team Leads');
    const before = await queueDescriptions();
    const id = await describeQueues('Describe two queues', ['Billing - Voice', 'Complaints - Voice']);
    const { result } = await ada.promotions.promote(id, 'prod');
    assert.equal(result.status, 'rolled-back', result.message);
    assert.equal(result.checks?.[0]?.passed, false);
    assert.equal(result.checks?.[0]?.message, 'queue "Complaints - Voice" has 0 member groups, needs 1');
    assert.deepEqual(await queueDescriptions(), before, 'both queues are as they were');

    const passing = await describeQueues('Describe the billing queue', ['Billing - Voice']);
    const second = await ada.promotions.promote(passing, 'prod');
    assert.equal(second.result.status, 'succeeded', second.result.message);
    assert.equal(second.result.checks?.[0]?.message, 'queue "Billing - Voice" has 1 member group');
  });
});

const QUEUES = '/api/v2/routing/queues';

async function sandboxCall(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const token = await sandboxOrgToken(workspace.sandbox, 'prod');
  const reply = await fetch(new URL(path, workspace.sandbox.url), {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  assert.ok(reply.ok, `${method} ${path}: HTTP ${reply.status}`);
  return (await reply.json()) as Record<string, unknown>;
}

async function byName(path: string, name: string): Promise<Record<string, unknown>> {
  const page = await sandboxCall('GET', `${path}?name=${encodeURIComponent(name)}&pageSize=100`);
  const found = (page.entities as Record<string, unknown>[]).find((entity) => entity.name === name);
  assert.ok(found, `prod has ${name}`);
  return found;
}

/** A teammate's change in the org itself: the queue takes members from a directory group. */
async function giveMemberGroup(queueName: string, groupName: string): Promise<void> {
  const queue = await sandboxCall('GET', `${QUEUES}/${String((await byName(QUEUES, queueName)).id)}`);
  const group = await byName('/api/v2/groups', groupName);
  await sandboxCall('PUT', `${QUEUES}/${String(queue.id)}`, {
    ...queue,
    memberGroups: [{ id: group.id, type: 'GROUP' }],
  });
}

async function queueDescriptions(): Promise<Record<string, unknown>> {
  const prod = await ada.environments.connector('prod');
  const queues = await prod.list('routing.queue');
  return Object.fromEntries(queues.map((queue) => [String(queue.name), queue.description ?? null]));
}

async function describeQueues(title: string, names: string[]): Promise<string> {
  const descriptions = await queueDescriptions();
  const created = await ada.changesets.create({ title });
  await ada.changesets.save({
    ...created.changeset,
    operations: names.map((key) => ({
      op: 'update',
      type: 'routing.queue',
      key,
      changes: [
        { path: 'description', before: descriptions[key], after: `${String(descriptions[key])} (${title})` },
      ],
    })),
  });
  return created.changeset.id;
}
