import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createFerryServices, type FerryServices } from '../../../electron/host/core/ferry-services';
import { describeImport, describeReport } from '../../../electron/host/cli/commands/package-command';
import { PackageService } from '../../../electron/services/packages/package-service';
import { FerryError } from '../../../shared/api/api-error';
import { sandboxWorkspace, type SandboxWorkspace } from '../../support/sandbox-workspace';
import { tempDir } from '../../support/temp-dir';
import { VAULT, failed, partsOf } from './package-fixture';

/**
 * Issue 15 across workspaces: a changeset that uses a parameter and a secret parameter is exported
 * as a signed package and imported somewhere else. The package names both (with their types) and
 * holds neither value; the importing workspace is told what its prod still needs. Real services,
 * git workspaces on disk, the vault and the sandbox server.
 */
const UAT_NUMBER = '+441130000001';
const PROD_NUMBER = '+442079460000';
const CRM_TOKEN = 'crm-tok-7e3a91-never-in-a-package';
/** The calling number every seeded voice queue has, in each org. */
const SEEDED_NUMBER = '+443306000000';

describe('a package of a changeset with parameters (issue 15)', () => {
  let world: SandboxWorkspace;
  let ada: FerryServices;
  let rita: FerryServices;
  let importer: FerryServices;
  let changesetId: string;
  let packageText = '';

  before(async () => {
    world = await sandboxWorkspace({
      prefix: 'ferry-package-params-',
      author: { name: 'Ada', email: 'ada@example.test' },
      orgs: ['uat', 'prod'],
      env: VAULT,
    });
    const machine = (dataDir: string, name: string) =>
      createFerryServices({
        dataDir,
        version: 'test',
        env: VAULT,
        author: { name, email: `${name.toLowerCase()}@example.test` },
      });
    ada = machine(world.dataDir, 'Ada');
    await ada.workspace.open(world.dir);
    rita = machine(join(await tempDir('ferry-package-params-rita-'), 'data'), 'Rita');
    await rita.workspace.open(world.dir);
    const adaKey = await ada.identity.keys.init({ owner: 'Ada' });
    const ritaKey = await rita.identity.keys.init({ owner: 'Rita' });
    await ada.identity.trust.add(adaKey.publicKey, { owner: 'Ada', roles: ['author', 'approver'] });
    await ada.identity.trust.add(ritaKey.publicKey, { owner: 'Rita', roles: ['approver'] });
    await ada.identity.trust.setPolicy('prod', { policy: { approvalsRequired: 1 } });

    await ada.parameters.set({
      environment: 'uat',
      name: 'billingCallingNumber',
      value: UAT_NUMBER,
      type: 'phone',
    });
    await ada.parameters.set({
      environment: 'prod',
      name: 'billingCallingNumber',
      value: PROD_NUMBER,
      type: 'phone',
    });
    await ada.parameters.set({ environment: 'prod', name: 'crmToken', value: CRM_TOKEN, type: 'secret' });
    for (const environment of ['uat', 'prod'])
      await ada.parameters.set({ environment, name: 'mainNumber', value: SEEDED_NUMBER, type: 'phone' });
    await ada.parameters.map('prod', 'authorization.division', 'Customer Service', 'Customer Care');

    const created = await ada.changesets.create({
      title: 'Billing line',
      description: 'A queue whose calling number and CRM token are each environment’s own',
      operations: [
        {
          op: 'create',
          type: 'routing.queue',
          key: 'Billing Line',
          body: {
            name: 'Billing Line',
            callingPartyNumber: { $param: 'billingCallingNumber' },
            description: { $param: 'crmToken' },
            division: { $ref: 'authorization.division', name: 'Customer Service' },
          },
        },
        {
          // A precondition that is each environment's own: judged against a snapshot only once resolved.
          op: 'update',
          type: 'routing.queue',
          key: 'Billing - Voice',
          changes: [
            {
              path: 'callingPartyNumber',
              before: { $param: 'mainNumber' },
              after: { $param: 'billingCallingNumber' },
            },
          ],
        },
      ],
    });
    changesetId = created.changeset.id;
    await rita.identity.approvals.approve(changesetId, { decision: 'approved', comment: 'values checked' });

    // Somewhere else: a release workspace whose prod has none of the parameters yet.
    const importRoot = await tempDir('ferry-package-params-import-');
    importer = machine(join(importRoot, 'data'), 'Ivan');
    await importer.workspace.create(join(importRoot, 'ws'), 'Release workspace');
    await importer.identity.keys.init({ owner: 'Ivan' });
    await importer.identity.trust.add(adaKey.publicKey, { owner: 'Ada', roles: ['author', 'approver'] });
    await importer.identity.trust.add(ritaKey.publicKey, { owner: 'Rita', roles: ['approver'] });
    for (const name of ['uat', 'prod'] as const) {
      await importer.environments.save(
        { name, kind: 'sandbox', url: world.sandbox.url, org: name, tier: name === 'prod' ? 'prod' : 'test' },
        undefined,
      );
    }
    await importer.identity.trust.setPolicy('prod', { tier: 'prod', policy: { approvalsRequired: 1 } });
    // Verification judges the changeset against this stored snapshot of prod.
    await importer.snapshots.run('prod');
    // uat here already has the calling number, of the right type.
    await importer.parameters.set({
      environment: 'uat',
      name: 'billingCallingNumber',
      value: UAT_NUMBER,
      type: 'phone',
    });
  });
  after(() => world.close());

  it('exports the parameters by name and type, and no value of any environment', async () => {
    const exported = await new PackageService(ada).export({ changesetId, targets: ['prod'], source: 'uat' });
    packageText = exported.text;
    assert.equal(exported.report.ok, true, JSON.stringify(failed(exported.report)));
    assert.deepEqual(exported.report.summary.parameters, [
      { name: 'billingCallingNumber', type: 'phone' },
      { name: 'crmToken', type: 'secret' },
      { name: 'mainNumber', type: 'phone' },
    ]);
    // prod's own values met its snapshot: the update's precondition holds there.
    assert.match(
      exported.report.checks.find((check) => check.check === 'base-snapshot:prod')?.detail ?? '',
      /matches every precondition: 2 to write/,
    );
    assert.deepEqual(exported.report.summary.mappings, [
      { type: 'authorization.division', names: ['Customer Service'] },
    ]);
    // What `ferry package verify` prints: the list, by name and type, and the mapped name.
    const printed = describeReport(exported.report);
    assert.match(
      printed,
      /parameters each target supplies: billingCallingNumber \(phone\), crmToken \(secret\), mainNumber \(phone\)/,
    );
    assert.match(printed, /relies on mapping division "Customer Service"/);
    const parts = partsOf(packageText);
    assert.deepEqual(parts.statement.predicate.parameters, exported.report.summary.parameters);
    // The bytes as shipped and every decoded artifact and envelope payload: no value anywhere.
    const decoded = [
      packageText,
      ...parts.artifacts.map((artifact) => artifact.bytes.toString('utf8')),
      JSON.stringify(parts.statement),
      ...parts.approvals.map((envelope) => Buffer.from(envelope.payload, 'base64').toString('utf8')),
    ];
    for (const text of decoded) {
      for (const value of [CRM_TOKEN, PROD_NUMBER, UAT_NUMBER, SEEDED_NUMBER, 'Customer Care'])
        assert.ok(!text.includes(value), `the package holds ${value}`);
    }
    const document = parts.artifacts.find((artifact) => artifact.name === 'change-control.md');
    assert.match(document?.bytes.toString('utf8') ?? '', /- `crmToken` \(secret, kept in each vault\)/);
  });

  it('refuses to export a changeset whose parameter no environment has', async () => {
    const other = await ada.changesets.create({
      title: 'Needs email',
      operations: [
        {
          op: 'create',
          type: 'routing.queue',
          key: 'Support Line',
          body: { name: 'Support Line', callingPartyName: { $param: 'supportCallerName' } },
        },
      ],
    });
    await assert.rejects(
      new PackageService(ada).export({ changesetId: other.changeset.id, targets: ['prod'] }),
      (error: unknown) =>
        error instanceof FerryError &&
        error.code === 'package.parameter-types' &&
        /supportCallerName is set in no environment/.test(error.message),
    );
  });

  it('imports, and says what each environment here still needs', async () => {
    const imported = await new PackageService(importer).import(packageText);
    assert.equal(imported.changed, true);
    // prod here lacks the values, so the update's precondition is left to the plan, not a conflict.
    assert.match(
      imported.report.checks.find((check) => check.check === 'base-snapshot:prod')?.detail ?? '',
      /0 to write, 0 already so; 2 not judged \(they need parameters prod does not have here yet/,
    );
    const prod = imported.needs.find((needs) => needs.environment === 'prod');
    assert.deepEqual(prod?.missing, [
      { name: 'billingCallingNumber', type: 'phone' },
      { name: 'crmToken', type: 'secret' },
      { name: 'mainNumber', type: 'phone' },
    ]);
    assert.deepEqual(prod?.unmapped, [{ type: 'authorization.division', name: 'Customer Service' }]);
    const uat = imported.needs.find((needs) => needs.environment === 'uat');
    assert.deepEqual(uat?.missing, [
      { name: 'crmToken', type: 'secret' },
      { name: 'mainNumber', type: 'phone' },
    ]);
    const human = describeImport(imported, '/tmp/x.ferrypkg.json');
    assert.match(human, /^prod still needs: billingCallingNumber \(phone\), crmToken \(secret\)/m);
    assert.match(
      human,
      /^parameters each target supplies: billingCallingNumber \(phone\), crmToken \(secret\)/m,
    );

    // The plan to prod here stops on exactly those, until they are set.
    await assert.rejects(
      importer.engine.plan((await importer.changesets.get(changesetId)).changeset, 'prod'),
      (error: unknown) => error instanceof FerryError && error.code === 'parameter.unresolved',
    );
  });
});
