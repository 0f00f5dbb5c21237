import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startSandbox, type SandboxHandle } from '../../../electron/sandbox';
import { createFerryServices, type FerryServices } from '../../../electron/host/core/ferry-services';
import { ensureDemoWorkspace } from '../../../electron/services/demo/demo-workspace';
import { tempDir } from '../../support/temp-dir';

/**
 * Issue 13, point 1: a promotion from a fresh start with no environment variable. In the browser
 * bridge nothing opens the vault, so the page unlocks it with a passphrase for the session; the
 * signing key is then made, the demo workspace's policies are signed into its trust root (prod
 * and uat need one approval, prod has a peak-hours window), commits carry the key owner's name,
 * and Rita, the demo approver, can give the second approval — in the demo workspace only.
 */

let sandbox: SandboxHandle;
let dataDir: string;
before(async () => {
  sandbox = await startSandbox({ rateLimitPerMinute: 100_000 });
  dataDir = join(await tempDir('ferry-first-launch-'), 'user-data');
});
after(() => sandbox.close());

function bridgeServices(): FerryServices {
  // As the web host builds them: no FERRY_VAULT_PASSPHRASE, a page that can ask for one.
  return createFerryServices({
    dataDir,
    version: 'test',
    env: {},
    sessionVaultUnlock: true,
    embeddedSandboxUrl: () => sandbox.url,
  });
}

async function dispatch(services: FerryServices, channel: string, request: unknown = {}) {
  return services.dispatcher.dispatch(channel, request);
}

async function value<T = Record<string, unknown>>(
  services: FerryServices,
  channel: string,
  request: unknown = {},
): Promise<T> {
  const result = await dispatch(services, channel, request);
  assert.ok(result.ok, `${channel}: ${result.ok ? '' : `${result.error.code}: ${result.error.message}`}`);
  return result.value as T;
}

async function refusal(services: FerryServices, channel: string, request: unknown = {}) {
  const result = await dispatch(services, channel, request);
  assert.equal(result.ok, false, `${channel} should be refused`);
  return result.ok ? { code: '', message: '' } : result.error;
}

describe('first launch through the browser bridge', () => {
  it('unlocks the vault with a passphrase typed in, makes the key and signs the demo policies', async () => {
    const services = bridgeServices();
    const folder = await ensureDemoWorkspace(services, dataDir);
    assert.ok(folder !== null);
    assert.deepEqual(await value(services, 'vault.status'), {
      unlocked: false,
      exists: false,
      sealedWith: null,
      canUnlock: true,
    });
    const locked = await refusal(services, 'identity.init', { owner: 'Dana Admin' });
    assert.equal(locked.code, 'vault.locked');
    assert.match(locked.message, /unlock it with its passphrase when Ferry asks/);
    assert.equal(
      (await refusal(services, 'vault.unlock', { passphrase: 'short' })).code,
      'vault.passphrase-weak',
    );
    assert.equal(
      (await value(services, 'vault.unlock', { passphrase: 'correct horse battery' })).unlocked,
      true,
    );

    const identity = await value<{ owner: string; keyId: string }>(services, 'identity.init', {
      owner: 'Dana Admin',
    });
    assert.equal(identity.owner, 'Dana Admin');
    const vaultFile = await readFile(join(dataDir, 'vault.json'), 'utf8');
    assert.doesNotMatch(vaultFile, /correct horse battery/);
    assert.match(vaultFile, /"cipher": "passphrase"/);

    const trust = await value<{
      state: string;
      environments: Record<string, { policy: Record<string, unknown> }>;
    }>(services, 'trust.status');
    assert.equal(trust.state, 'verified');
    const prod = await value<Record<string, unknown>>(services, 'policies.get', { environment: 'prod' });
    assert.equal(prod.approvalsRequired, 1);
    assert.equal(prod.allowSelfApproval, false);
    assert.equal((prod.denyWindows as { name: string }[])[0]?.name, 'Weekday peak hours');
    const uat = await value<Record<string, unknown>>(services, 'policies.get', { environment: 'uat' });
    assert.equal(uat.approvalsRequired, 1);
    assert.equal(
      services.workspace.author().name,
      'Dana Admin',
      'commits carry the key owner, not the OS user',
    );
  });

  it('asks for the passphrase again after a restart and names a wrong one', async () => {
    const services = bridgeServices();
    await services.workspace.open(join(dataDir, 'demo-workspace'));
    const status = await value<{ unlocked: boolean; exists: boolean; sealedWith: string }>(
      services,
      'vault.status',
    );
    assert.deepEqual([status.unlocked, status.exists, status.sealedWith], [false, true, 'passphrase']);
    const wrong = await refusal(services, 'vault.unlock', { passphrase: 'not the passphrase' });
    assert.equal(wrong.code, 'vault.wrong-passphrase');
    assert.doesNotMatch(JSON.stringify(wrong), /not the passphrase/);
    assert.equal(
      (await value(services, 'vault.unlock', { passphrase: 'correct horse battery' })).unlocked,
      true,
    );
  });

  it('lets Rita, the demo approver, give the second approval in the demo workspace only', async () => {
    const services = bridgeServices();
    await services.workspace.open(join(dataDir, 'demo-workspace'));
    await value(services, 'vault.unlock', { passphrase: 'correct horse battery' });
    const before = await value<{ available: boolean; enabled: boolean }>(services, 'demo.approver');
    assert.deepEqual([before.available, before.enabled], [true, false]);
    const enabled = await value<{ enabled: boolean; owner: string }>(services, 'demo.approver.enable');
    assert.equal(enabled.enabled, true);
    assert.match(enabled.owner, /demo approver/);

    const document = await value<{ changeset: Record<string, unknown> }>(services, 'changesets.create', {
      title: 'Demo change',
    });
    const changeset = {
      ...document.changeset,
      operations: [
        {
          op: 'create',
          type: 'routing.wrapupcode',
          key: 'Demo Code',
          body: { name: 'Demo Code', division: { $ref: 'authorization.division', name: 'Home' } },
        },
      ],
    };
    await value(services, 'changesets.save', { changeset });
    const created = { id: String(document.changeset.id) };
    type Preview = { passed: boolean; gates: { gate: string; passed: boolean; reason: string }[] };
    const approvalsGate = async () => {
      const preview = await value<Preview>(services, 'promotions.plan', {
        changesetId: created.id,
        environment: 'uat',
      });
      return preview.gates.find((gate) => gate.gate === 'approvals');
    };
    await value(services, 'approvals.approve', { changesetId: created.id, decision: 'approved' });
    const alone = await approvalsGate();
    assert.equal(alone?.passed, false, `the author's own approval is not enough: ${alone?.reason ?? ''}`);
    const rita = await value<{ counts: boolean; status: string }>(services, 'demo.approver.approve', {
      changesetId: created.id,
    });
    assert.equal(rita.counts, true, rita.status);
    const withRita = await approvalsGate();
    assert.equal(withRita?.passed, true, withRita?.reason);

    // Any other workspace: no Rita.
    await services.workspace.create(join(dataDir, '..', 'real-workspace'), 'Real');
    assert.equal((await value<{ available: boolean }>(services, 'demo.approver')).available, false);
    assert.equal((await refusal(services, 'demo.approver.enable')).code, 'demo.only');
  });
});
