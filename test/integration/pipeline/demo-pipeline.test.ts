import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startSandbox, type SandboxHandle } from '../../../electron/sandbox';
import { createFerryServices } from '../../../electron/host/core/ferry-services';
import { ensureDemoWorkspace } from '../../../electron/services/demo/demo-workspace';
import { tempDir } from '../../support/temp-dir';

/**
 * Issue 20: the demo workspace declares pipeline "main" (dev → uat → prod with a soak, no drift
 * and off-peak windows), risk-based approvals for prod and the standard change "add a wrap-up code
 * to any queue"; the first admin's trust root adopts them as it adopts the policies.
 */
let sandbox: SandboxHandle;
before(async () => {
  sandbox = await startSandbox({});
});
after(() => sandbox.close());

describe('demo workspace governance (issue 20)', () => {
  it('adopts the declared pipeline, standard change and approvals by risk into the first trust root', async () => {
    const dataDir = join(await tempDir('ferry-demo-pipeline-'), 'data');
    const services = createFerryServices({
      dataDir,
      version: 'test',
      env: { FERRY_VAULT_PASSPHRASE: 'demo pipeline passphrase' },
      embeddedSandboxUrl: () => sandbox.url,
    });
    const folder = await ensureDemoWorkspace(services, dataDir);
    assert.ok(folder !== null);
    await services.identity.keys.init({ owner: 'Dana Admin' });
    const created = await services.identity.trust.init();
    assert.match(created.summary, /pipelines main, standard changes add-queue-wrapup-code/);
    const [pipeline, ...others] = await services.pipelines.list();
    assert.equal(others.length, 0);
    assert.deepEqual(
      pipeline?.stages.map((stage) => stage.environment),
      ['dev', 'uat', 'prod'],
    );
    const prod = pipeline?.stages[2];
    assert.equal(prod?.soakHours, 1);
    assert.equal(prod?.requireNoDrift, true);
    assert.ok((prod?.windows ?? []).length > 0);
    const root = await services.identity.trust.root();
    assert.deepEqual(
      root?.standardChanges?.map((template) => template.name),
      ['Add a wrap-up code to any queue'],
    );
    const policy = await services.identity.trust.policy('prod');
    assert.deepEqual(policy.policy.approvalsByRisk, { low: 0, medium: 1, high: 2 });
  });
});
