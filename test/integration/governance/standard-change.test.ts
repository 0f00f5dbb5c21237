import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ChangesetOperation } from '../../../shared/model/changeset';
import type { JsonObject } from '../../../shared/model/canonical/json-value';
import type { StandardChangeTemplate } from '../../../shared/promotion/standard-changes/standard-change';
import { createFerryServices, type FerryServices } from '../../../electron/host/core/ferry-services';
import { sandboxWorkspace, type SandboxWorkspace } from '../../support/sandbox-workspace';
import { liveObjects } from '../promotion/promotion-test-support';

/**
 * Issue 20, standard changes against the sandbox's prod org: a signed template ("add a wrap-up
 * code to any queue", no approval) lets a medium-risk change that only does that pass with none,
 * and the change-control document names the template; a change that also takes a code off does
 * not fit and needs what its risk requires. `ferry plan` shows the risk points and why.
 */

const VAULT = { FERRY_VAULT_PASSPHRASE: 'standard change test passphrase' };
const NOW = new Date('2026-11-24T19:00:00Z');
const CRITICAL_QUEUE = 'Billing - Voice';
const TEMPLATE: StandardChangeTemplate = {
  id: 'add-queue-wrapup-code',
  name: 'Add a wrap-up code to any queue',
  approvals: 0,
  allow: [{ op: 'update', type: 'routing.queue', fields: ['wrapupCodes'], lists: 'add' }],
};

let workspace: SandboxWorkspace;
let ada: FerryServices;
let queues: Map<string, JsonObject>;
let codes: Map<string, JsonObject>;

function refs(names: readonly string[]): JsonObject[] {
  return names.map((name) => ({ $ref: 'routing.wrapupcode', name }));
}

function namesOf(list: unknown): string[] {
  return ((list ?? []) as { name: string }[]).map((item) => item.name);
}

async function readLive(): Promise<void> {
  const live = await liveObjects(ada, 'prod', ['routing.queue', 'routing.wrapupcode']);
  queues = live.get('routing.queue') ?? new Map();
  codes = live.get('routing.wrapupcode') ?? new Map();
}

function wrapupChange(queue: string, after: readonly string[]): ChangesetOperation {
  return {
    op: 'update',
    type: 'routing.queue',
    key: queue,
    changes: [
      { path: 'wrapupCodes', before: refs(namesOf(queues.get(queue)?.wrapupCodes)), after: refs(after) },
    ],
  };
}

/** The critical queue's codes and one more it does not have. */
function withOneMore(): string[] {
  const held = namesOf(queues.get(CRITICAL_QUEUE)?.wrapupCodes);
  const extra = [...codes.keys()].find((name) => !held.includes(name));
  if (extra === undefined) throw new Error(`${CRITICAL_QUEUE} has every wrap-up code`);
  return [...held, extra];
}

before(async () => {
  workspace = await sandboxWorkspace({
    prefix: 'ferry-standard-change-',
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
  await ada.identity.trust.setPolicy('prod', {
    tier: 'prod',
    policy: {
      approvalsRequired: 1,
      approvalsByRisk: { low: 0, medium: 1, high: { approvals: 2, fromGroup: 'cab' } },
      risk: { criticalObjects: [`routing.queue/${CRITICAL_QUEUE}`] },
    },
  });
  await ada.identity.trust.setStandardChanges([TEMPLATE]);
  await readLive();
});
after(() => workspace.close());

describe('standard changes (issue 20)', () => {
  it('a medium-risk change a template allows passes with its 0 approvals; the document names it', async () => {
    const { changeset } = await ada.changesets.create({
      title: 'Billing code for the outage',
      operations: [wrapupChange(CRITICAL_QUEUE, withOneMore())],
    });
    const preview = await ada.promotions.plan(changeset.id, 'prod');
    assert.equal(preview.plan.risk?.level, 'medium', JSON.stringify(preview.plan.risk));
    assert.equal(preview.plan.standardChange?.applied?.id, TEMPLATE.id);
    assert.deepEqual(preview.plan.requirement, { approvals: 0, source: 'standard-change' });
    assert.equal(preview.decision.passed, true, JSON.stringify(preview.decision.gates));
    const { result } = await ada.promotions.promote(changeset.id, 'prod');
    assert.equal(result.status, 'succeeded', result.failure?.message);
    const markdown = await readFile(join(workspace.dir, 'runs', result.runId, 'change-control.md'), 'utf8');
    assert.match(markdown, new RegExp(TEMPLATE.name));
  });

  it('a change that also removes a wrap-up code does not fit, and needs its risk’s approval', async () => {
    await readLive();
    const other = [...queues.keys()].find(
      (name) => name !== CRITICAL_QUEUE && namesOf(queues.get(name)?.wrapupCodes).length > 1,
    ) as string;
    const otherCodes = namesOf(queues.get(other)?.wrapupCodes);
    const { changeset } = await ada.changesets.create({
      title: 'Billing code, and one fewer elsewhere',
      operations: [wrapupChange(CRITICAL_QUEUE, withOneMore()), wrapupChange(other, otherCodes.slice(1))],
    });
    const preview = await ada.promotions.plan(changeset.id, 'prod');
    assert.equal(preview.plan.risk?.level, 'medium', JSON.stringify(preview.plan.risk));
    assert.equal(preview.plan.standardChange?.applied, null);
    assert.equal(preview.plan.standardChange?.notApplied[0]?.id, TEMPLATE.id);
    assert.deepEqual(preview.plan.requirement, { approvals: 1, source: 'risk' });
    assert.equal(preview.decision.passed, false);

    // `ferry plan` says the risk, each point, what it requires and why the template does not fit.
    const planned = await workspace.cli(['plan', changeset.id, '--to', 'prod']);
    assert.equal(planned.code, 3, planned.stderr);
    assert.match(planned.stdout, /risk: medium \(3 points, judged on the live prod/);
    assert.match(planned.stdout, /\+1 tier: the target is a production environment/);
    assert.match(planned.stdout, /\+2 critical-objects: .*Billing - Voice/);
    assert.match(planned.stdout, /requires: 1 approval \(from the policy for medium risk\)/);
    assert.match(
      planned.stdout,
      /standard change Add a wrap-up code to any queue \(add-queue-wrapup-code\) does not apply: /,
    );
    assert.match(planned.stdout, /✗ approvals: /);
    const json = await workspace.cli(['plan', changeset.id, '--to', 'prod', '--json']);
    const data = JSON.parse(json.stdout) as { plan: { risk: { level: string; points: unknown[] } } };
    assert.equal(data.plan.risk.level, 'medium');
    assert.ok(data.plan.risk.points.length >= 2);
  });
});
