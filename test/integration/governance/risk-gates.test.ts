import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FerryError } from '../../../shared/api/api-error';
import type { ChangesetOperation } from '../../../shared/model/changeset';
import type { JsonObject } from '../../../shared/model/canonical/json-value';
import { createFerryServices, type FerryServices } from '../../../electron/host/core/ferry-services';
import { sandboxWorkspace, type SandboxWorkspace } from '../../support/sandbox-workspace';
import { commitAsTeammate } from '../../support/teammate';
import { tempDir } from '../../support/temp-dir';
import { liveObjects } from '../promotion/promotion-test-support';

/**
 * Issue 20, risk-based gates against the sandbox's prod org: the risk is judged at plan time on
 * the live target with the signed tier and policy, and the approvals its level needs (some from
 * the "cab" group) decide the approvals gate. A changeset, a doctored snapshot or ferry.json
 * cannot lower it.
 */

const VAULT = { FERRY_VAULT_PASSPHRASE: 'risk gates test passphrase' };
/** A Tuesday evening: no deny window near. */
const NOW = new Date('2026-11-24T19:00:00Z');
const CRITICAL_QUEUE = 'Billing - Voice';

let workspace: SandboxWorkspace;
let ada: FerryServices;
const approvers = new Map<string, FerryServices>();

async function person(name: string): Promise<FerryServices> {
  const services = createFerryServices({
    dataDir: join(await tempDir(`ferry-risk-${name.toLowerCase()}-`), 'data'),
    version: 'test',
    env: VAULT,
    author: { name, email: `${name.toLowerCase()}@example.test` },
    clock: () => NOW,
  });
  await services.workspace.open(workspace.dir);
  return services;
}

function refs(names: readonly string[]): JsonObject[] {
  return names.map((name) => ({ $ref: 'routing.wrapupcode', name }));
}

function namesOf(list: unknown): string[] {
  return ((list ?? []) as { name: string }[]).map((item) => item.name);
}

let queues: Map<string, JsonObject>;
let codes: Map<string, JsonObject>;

/** The prod queues and wrap-up codes as they are now (each promotion changes them). */
async function readLive(): Promise<void> {
  const live = await liveObjects(ada, 'prod', ['routing.queue', 'routing.wrapupcode']);
  queues = live.get('routing.queue') ?? new Map();
  codes = live.get('routing.wrapupcode') ?? new Map();
}

/** A queue's wrap-up codes changed from what the live target holds to `after`. */
function wrapupChange(queue: string, after: readonly string[]): ChangesetOperation {
  return {
    op: 'update',
    type: 'routing.queue',
    key: queue,
    changes: [
      {
        path: 'wrapupCodes',
        before: refs(namesOf(queues.get(queue)?.wrapupCodes)),
        after: refs(after),
      },
    ],
  };
}

/** A prod queue (not the critical one) and a code it does not have yet. */
function lowRiskAddition(): { queue: string; code: string } {
  for (const [queue, value] of queues) {
    if (queue === CRITICAL_QUEUE) continue;
    const held = new Set(namesOf(value.wrapupCodes));
    const code = [...codes.keys()].find((name) => !held.has(name));
    if (code !== undefined) return { queue, code };
  }
  throw new Error('no queue without some wrap-up code in prod');
}

/**
 * Retiring a code of the critical queue: taken off every queue that holds it, then deleted. The
 * live target still has those queues referring to it, so it deletes a referenced object.
 */
function retireCriticalCode(): ChangesetOperation[] {
  const holders = (code: string) =>
    [...queues].filter(([, queue]) => namesOf(queue.wrapupCodes).includes(code)).map(([name]) => name);
  const [code] = namesOf(queues.get(CRITICAL_QUEUE)?.wrapupCodes).sort(
    (left, right) => holders(left).length - holders(right).length,
  );
  if (code === undefined) throw new Error(`${CRITICAL_QUEUE} has no wrap-up code`);
  return [
    ...holders(code).map((queue) =>
      wrapupChange(
        queue,
        namesOf(queues.get(queue)?.wrapupCodes).filter((name) => name !== code),
      ),
    ),
    { op: 'delete', type: 'routing.wrapupcode', key: code, before: codes.get(code) as JsonObject },
  ];
}

async function changeset(title: string, operations: ChangesetOperation[]): Promise<string> {
  const created = await ada.changesets.create({ title, operations });
  return created.changeset.id;
}

async function approve(id: string, ...names: string[]): Promise<void> {
  for (const name of names) {
    await approvers.get(name)?.identity.approvals.approve(id, { decision: 'approved', comment: 'ok' });
  }
}

before(async () => {
  workspace = await sandboxWorkspace({
    prefix: 'ferry-risk-gates-',
    author: { name: 'Ada', email: 'ada@example.test' },
    orgs: ['prod'],
    env: VAULT,
  });
  ada = createFerryServices({
    dataDir: workspace.dataDir,
    version: 'test',
    env: VAULT,
    author: { name: 'Ada', email: 'ada@example.test' },
    clock: () => NOW,
  });
  await ada.workspace.open(workspace.dir);
  const adaKey = await ada.identity.keys.init({ owner: 'Ada' });
  await ada.identity.trust.add(adaKey.publicKey, { owner: 'Ada', roles: ['author', 'promoter'] });
  for (const [name, groups] of [
    ['Rita', []],
    ['Sam', ['ops']],
    ['Cara', ['cab']],
  ] as const) {
    const services = await person(name);
    const key = await services.identity.keys.init({ owner: name });
    await ada.identity.trust.add(key.publicKey, { owner: name, roles: ['approver'], groups: [...groups] });
    approvers.set(name, services);
  }
  await ada.identity.trust.setPolicy('prod', {
    tier: 'prod',
    policy: {
      approvalsRequired: 1,
      approvalsByRisk: { low: 0, medium: 1, high: { approvals: 2, fromGroup: 'cab' } },
      risk: { criticalObjects: [`routing.queue/${CRITICAL_QUEUE}`] },
    },
  });
  await readLive();
});
after(() => workspace.close());

describe('risk-based gates on prod (issue 20)', () => {
  let highId = '';

  it('a low-risk change (a wrap-up code added to a queue) promotes with no approval', async () => {
    const { queue, code } = lowRiskAddition();
    const held = namesOf(queues.get(queue)?.wrapupCodes);
    const id = await changeset('Add a wrap-up code', [wrapupChange(queue, [...held, code])]);
    const preview = await ada.promotions.plan(id, 'prod');
    assert.equal(preview.plan.risk?.level, 'low', JSON.stringify(preview.plan.risk));
    assert.equal(preview.plan.risk?.basis, 'live');
    assert.deepEqual(preview.plan.requirement, { approvals: 0, source: 'risk' });
    assert.equal(preview.decision.passed, true, JSON.stringify(preview.decision.gates));
    const { result } = await ada.promotions.promote(id, 'prod');
    assert.equal(result.status, 'succeeded', result.failure?.message);
  });

  it('a high-risk change needs two approvals, one of them from the cab group', async () => {
    await readLive();
    highId = await changeset('Retire a billing code', retireCriticalCode());
    const first = await ada.promotions.plan(highId, 'prod');
    const risk = first.plan.risk;
    assert.equal(risk?.level, 'high', JSON.stringify(risk));
    const rules = new Set(risk?.points.filter((point) => point.points > 0).map((point) => point.rule));
    for (const rule of ['tier', 'critical-objects', 'referenced-deletes'] as const) {
      assert.ok(rules.has(rule), rule);
    }
    assert.deepEqual(first.plan.requirement, {
      approvals: 2,
      fromGroup: 'cab',
      fromGroupCount: 1,
      source: 'risk',
    });

    await approve(highId, 'Rita');
    await assert.rejects(ada.promotions.promote(highId, 'prod'), (error: unknown) => {
      assert.ok(error instanceof FerryError && error.code === 'gate.refused', String(error));
      assert.match(error.message, /approvals: /);
      return true;
    });
    await approve(highId, 'Sam');
    const none = await ada.promotions.plan(highId, 'prod');
    assert.equal(none.decision.passed, false, 'two approvals, none from cab');
    assert.match(none.decision.gates[0]?.reason ?? '', /cab/);
    await assert.rejects(ada.promotions.promote(highId, 'prod'), /cab/);

    await approve(highId, 'Cara');
    const { result, preview } = await ada.promotions.promote(highId, 'prod');
    assert.equal(result.status, 'succeeded', result.failure?.message);
    assert.equal(preview.plan.risk?.level, 'high');
    // The risk is in the plan the run signed.
    const signed = JSON.parse(await readFile(join(workspace.dir, 'runs', result.runId, 'plan.json'), 'utf8'));
    assert.equal(signed.risk.level, 'high');
    assert.equal(signed.requirement.fromGroup, 'cab');
  });

  it('a change cannot lower its risk: a doctored snapshot and a ferry.json tier edit change nothing', async () => {
    await readLive();
    const id = await changeset('Retire another billing code', retireCriticalCode());
    const honest = await ada.promotions.plan(id, 'prod');
    assert.ok(['high', 'critical'].includes(honest.plan.risk?.level ?? ''), JSON.stringify(honest.plan.risk));

    // A teammate with push access calls prod a dev environment in ferry.json…
    const configFile = join(workspace.dir, 'ferry.json');
    const config = JSON.parse(await readFile(configFile, 'utf8'));
    const text = JSON.stringify(config).replaceAll('"tier":"prod"', '"tier":"dev"');
    assert.notEqual(text, JSON.stringify(config), 'ferry.json names the prod tier');
    await writeFile(configFile, `${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    // …and empties the queue's wrap-up codes in every snapshot file that names it.
    await doctorSnapshots(workspace.dir, CRITICAL_QUEUE);
    commitAsTeammate(workspace.dir, 'prod is just dev, nothing refers to anything');

    const after = await ada.promotions.plan(id, 'prod');
    assert.deepEqual(after.plan.risk, honest.plan.risk, 'the risk is the same: live target, signed tier');
    assert.deepEqual(after.plan.requirement, honest.plan.requirement);
    assert.equal(after.decision.passed, false);
  });
});

/** Rewrites every snapshot file of the queue so it holds no wrap-up code. */
async function doctorSnapshots(dir: string, queue: string): Promise<void> {
  const { readdir, stat } = await import('node:fs/promises');
  const walk = async (folder: string): Promise<string[]> => {
    const found: string[] = [];
    for (const entry of await readdir(folder)) {
      if (entry === '.git') continue;
      const path = join(folder, entry);
      if ((await stat(path)).isDirectory()) found.push(...(await walk(path)));
      else if (path.endsWith('.json')) found.push(path);
    }
    return found;
  };
  let doctored = 0;
  for (const file of await walk(join(dir, 'environments', 'prod'))) {
    const text = await readFile(file, 'utf8');
    if (!text.includes(`"name": "${queue}"`) && !text.includes(`"name":"${queue}"`)) continue;
    const value = JSON.parse(text) as JsonObject;
    if (!('wrapupCodes' in value)) continue;
    await writeFile(file, `${JSON.stringify({ ...value, wrapupCodes: [] }, null, 2)}\n`);
    doctored += 1;
  }
  assert.ok(doctored > 0, 'a snapshot file of the queue was doctored');
}
