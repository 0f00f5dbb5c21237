import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createFerryServices, type FerryServices } from '../../../electron/host/core/ferry-services';
import { InsightsReader } from '../../../electron/services/insights/insights-reader';
import { SEEDED_DRIFT } from '../../../electron/sandbox';
import { sandboxWorkspace, type SandboxWorkspace } from '../../support/sandbox-workspace';
import { tempDir } from '../../support/temp-dir';

const VAULT = { FERRY_VAULT_PASSPHRASE: 'insights reader test passphrase' };
export const T0 = new Date('2026-11-02T10:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
/** Rita's approver key is valid for ten days after T0. */
export const RITA_NOT_AFTER = new Date(T0.getTime() + 10 * DAY);

export interface ReaderFixture {
  workspace: SandboxWorkspace;
  ada: FerryServices;
  rita: FerryServices;
  clock: { now: Date };
  /** The promoted changeset and its run. */
  changesetId: string;
  runId: string;
  ritaKeyId: string;
  /** A reader over the workspace with this machine's trust; `dataDir` turns the cache on. */
  reader(dataDir?: string | null): InsightsReader;
}

/**
 * A real workspace with real signed records: Ada (first admin: author, approver, promoter) and
 * Rita (approver until RITA_NOT_AFTER) on the sandbox; one changeset approved by Rita and promoted
 * to uat; one changeset file nobody signed.
 */
export async function readerFixture(prefix: string): Promise<ReaderFixture> {
  const clock = { now: T0 };
  const workspace = await sandboxWorkspace({
    prefix,
    author: { name: 'Ada', email: 'ada@example.test' },
    orgs: ['dev', 'uat'],
    env: VAULT,
  });
  const make = (dataDir: string, name: string) =>
    createFerryServices({
      dataDir,
      version: 'test',
      env: VAULT,
      author: { name, email: `${name.toLowerCase()}@example.test` },
      clock: () => clock.now,
    });
  const ada = make(workspace.dataDir, 'Ada');
  await ada.workspace.open(workspace.dir);
  const rita = make(join(await tempDir(`${prefix}rita-`), 'data'), 'Rita');
  await rita.workspace.open(workspace.dir);
  const adaKey = await ada.identity.keys.init({ owner: 'Ada' });
  const ritaKey = await rita.identity.keys.init({ owner: 'Rita' });
  await ada.identity.trust.add(adaKey.publicKey, { owner: 'Ada', roles: ['author', 'approver', 'promoter'] });
  await ada.identity.trust.add(ritaKey.publicKey, {
    owner: 'Rita',
    roles: ['approver'],
    notAfter: RITA_NOT_AFTER.toISOString(),
  });
  const created = await ada.authoring.addPicks({
    a: 'uat',
    b: 'dev',
    title: 'Video skill',
    picks: [{ type: 'routing.skill', key: SEEDED_DRIFT.devOnly.skill }],
  });
  const changesetId = created.changeset.id;
  clock.now = new Date(T0.getTime() + 60 * 60 * 1000);
  await rita.identity.approvals.approve(changesetId, { decision: 'approved', comment: 'ok' });
  clock.now = new Date(T0.getTime() + 2 * 60 * 60 * 1000);
  const { result } = await ada.promotions.promote(changesetId, 'uat');
  if (result.status !== 'succeeded')
    throw new Error(`promotion ${result.status}: ${result.failure?.message}`);
  // A changeset file nobody signed (as a teammate could commit by hand).
  const { changeset } = await ada.changesets.get(changesetId);
  await writeFile(
    join(workspace.dir, 'changesets', 'unsigned-change.json'),
    `${JSON.stringify({ ...changeset, id: 'unsigned-change', title: 'Nobody signed me' }, null, 2)}\n`,
  );
  return {
    workspace,
    ada,
    rita,
    clock,
    changesetId,
    runId: result.runId,
    ritaKeyId: ritaKey.keyId,
    reader: (dataDir = null) =>
      new InsightsReader({
        workspaceDir: () => workspace.dir,
        now: () => clock.now,
        trustRoot: () => ada.identity.trust.root(),
        environments: async () => (await ada.environments.configs()).map((environment) => environment.name),
        lastSnapshotAt: async (name) => (await ada.snapshots.store().lastSnapshot(name))?.takenAt ?? null,
        dataDir,
      }),
  };
}
