import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { FerryError } from '../../shared/api/api-error';
import { createFerryServices, type FerryServices } from '../../electron/host/core/ferry-services';
import { sandboxWorkspace, type SandboxWorkspace } from '../support/sandbox-workspace';
import { wrapupCode } from './promotion/promotion-test-support';

/**
 * Issue 20 attacks on resuming an interrupted run with fewer approvals than its risk needs: a
 * hand-edited plan.json with a lowered risk, and a run whose signed plan recorded no risk at all
 * (made straight through the engine, or by a Ferry from before issue 20). Prod needs 2 approvals
 * at every risk level and 0 by `approvalsRequired`.
 */

const VAULT = { FERRY_VAULT_PASSPHRASE: 'resume attacks passphrase' };
const CHILD = fileURLToPath(new URL('./issue20-attack-resume-child.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../..', import.meta.url));

let workspace: SandboxWorkspace;
let ada: FerryServices;

before(async () => {
  workspace = await sandboxWorkspace({
    prefix: 'ferry-resume-attacks-',
    author: { name: 'Ada', email: 'ada@example.test' },
    orgs: ['dev', 'prod'],
    env: VAULT,
  });
  ada = createFerryServices({
    dataDir: workspace.dataDir,
    version: 'test',
    env: VAULT,
    author: { name: 'Ada', email: 'ada@example.test' },
  });
  await ada.workspace.open(workspace.dir);
  const key = await ada.identity.keys.init({ owner: 'Ada' });
  await ada.identity.trust.add(key.publicKey, { owner: 'Ada', roles: ['author', 'approver', 'promoter'] });
  await ada.identity.trust.setPolicy('prod', {
    policy: { approvalsRequired: 0, approvalsByRisk: { low: 2, medium: 2, high: 2, critical: 2 } },
  });
});
after(() => workspace.close());

async function interruptedRun(name: string): Promise<string> {
  const { changeset } = await ada.changesets.create({
    title: name,
    idPrefix: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    operations: [{ op: 'create', type: 'routing.wrapupcode', key: name, body: wrapupCode(name) }],
  });
  const refused = await ada.promotions.plan(changeset.id, 'prod');
  assert.equal(refused.decision.passed, false, 'a new promotion needs the 2 approvals');
  const changesetFile = join(workspace.dir, '..', `${changeset.id}.json`);
  await writeFile(changesetFile, JSON.stringify(changeset));
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    cwd: REPO,
    env: {
      ...process.env,
      ...VAULT,
      FERRY_RESUME_CHILD: JSON.stringify({
        dataDir: workspace.dataDir,
        workspace: workspace.dir,
        changesetFile,
        environment: 'prod',
      }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('exit', (_code, killed) => resolve(killed)),
  );
  clearTimeout(timer);
  assert.equal(signal, 'SIGKILL', output);
  const folder = (await readdir(join(workspace.dir, 'runs'))).find((entry) => entry.includes(changeset.id));
  assert.ok(folder, output);
  return folder;
}

function refusedUnverified(pattern: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof FerryError, String(error));
    assert.equal(error.code, 'run.unverified', error.message);
    assert.match(error.message, pattern);
    return true;
  };
}

describe('issue 20 attack: a resume needs what the change needs', () => {
  let runId = '';

  it('a plan.json edited to record a low risk does not verify, and is not resumed', async () => {
    runId = await interruptedRun('Resume Attack');
    const file = join(workspace.dir, 'runs', runId, 'plan.json');
    const original = await readFile(file, 'utf8');
    const plan = JSON.parse(original) as Record<string, unknown>;
    const lowered = {
      ...plan,
      risk: { level: 'low', score: 0, points: [], dependentCount: 0, basis: 'live' },
      requirement: { approvals: 0, source: 'risk' },
    };
    await writeFile(file, JSON.stringify(lowered, null, 2));
    await assert.rejects(ada.promotions.recover(runId, 'resume'), refusedUnverified(/plan/));
    await writeFile(file, original);
  });

  it('a run whose signed plan recorded no risk is not resumed on approvalsRequired alone', async () => {
    await assert.rejects(ada.promotions.recover(runId, 'resume'), refusedUnverified(/approval/));
    // Rolling it back needs no approval: it only undoes.
    const undone = await ada.promotions.recover(runId, 'rollback');
    assert.equal(undone.status, 'rolled-back', undone.failure?.message);
  });
});
