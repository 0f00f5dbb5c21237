import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { startWebHost } from '../../../electron/host/web/web-host';
import { nativeGit } from '../../support/native-git';
import { tempDir } from '../../support/temp-dir';

describe('embedded default', () => {
  it('on first run creates a demo workspace on the in-process sandbox orgs, and never again', async () => {
    const dataDir = join(await tempDir('ferry-demo-'), 'user-data');
    const first = await startWebHost({
      dataDir,
      rendererDir: dataDir,
      embeddedSandbox: { persist: true },
      demoWorkspace: true,
    });
    try {
      assert.equal(first.demoWorkspace, join(dataDir, 'demo-workspace'));
      assert.ok(first.sandbox?.url.startsWith('http://127.0.0.1:'));
      const environments = await first.services.environments.list();
      assert.deepEqual(
        environments.map((view) => [view.config.name, view.config.tier, view.hasCredentials]),
        [
          ['dev', 'dev', true],
          ['uat', 'test', true],
          ['prod', 'prod', true],
        ],
      );
      const report = await first.services.environments.test('uat');
      assert.equal(report.orgName, 'Acme Telecom (UAT)');
      const snapshot = await first.services.snapshots.run('dev');
      assert.ok(snapshot.commit);
      assert.equal(nativeGit(join(dataDir, 'demo-workspace'), 'status', '--porcelain'), '');
    } finally {
      await first.close();
    }
    const second = await startWebHost({
      dataDir,
      rendererDir: dataDir,
      embeddedSandbox: { persist: true },
      demoWorkspace: true,
    });
    try {
      assert.equal(second.demoWorkspace, null);
      assert.equal(second.services.workspace.recent()[0]?.path, join(dataDir, 'demo-workspace'));
    } finally {
      await second.close();
    }
  });
});
