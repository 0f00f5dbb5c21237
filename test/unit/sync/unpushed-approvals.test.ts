import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { unpushedApprovals } from '../../../electron/services/sync/unpushed-approvals';
import { APPROVAL_PREDICATE_TYPE, type ApprovalStatement } from '../../../shared/signing/approval-statement';
import { IN_TOTO_PAYLOAD_TYPE, buildEnvelope } from '../../../shared/signing/dsse-envelope';
import { IN_TOTO_STATEMENT_TYPE } from '../../../shared/signing/in-toto-statement';
import { nativeGit } from '../../support/native-git';
import { commitAsTeammate } from '../../support/teammate';
import { tempDir } from '../../support/temp-dir';

const RITA = 'a'.repeat(64);
const BOB = 'b'.repeat(64);

/** An approval file as Ferry stores it; the signature is not checked here (status only reports). */
async function approvalFile(
  dir: string,
  changesetId: string,
  keyId: string,
  owner: string,
  options: { decision?: 'approved' | 'rejected'; named?: string; environments?: string[] } = {},
): Promise<void> {
  const statement: ApprovalStatement = {
    _type: IN_TOTO_STATEMENT_TYPE,
    subject: [{ name: `changesets/${changesetId}.json`, digest: { sha256: 'c'.repeat(64) } }],
    predicateType: APPROVAL_PREDICATE_TYPE,
    predicate: {
      changesetId: options.named ?? changesetId,
      decision: options.decision ?? 'approved',
      comment: '',
      approvedAt: '2026-12-01T10:00:00.000Z',
      approver: { keyId, owner },
      environments: options.environments ?? ['uat'],
    },
  };
  const envelope = buildEnvelope(IN_TOTO_PAYLOAD_TYPE, new TextEncoder().encode(JSON.stringify(statement)), [
    { keyid: keyId, sig: new Uint8Array(64) },
  ]);
  await mkdir(join(dir, 'changesets', `${changesetId}.approvals`), { recursive: true });
  await writeFile(
    join(dir, 'changesets', `${changesetId}.json`),
    JSON.stringify({ title: `Title of ${changesetId}` }),
  );
  await writeFile(
    join(dir, 'changesets', `${changesetId}.approvals`, `${keyId}.json`),
    JSON.stringify(envelope),
  );
}

describe('approvals not pushed yet (issue 16)', () => {
  it('counts approvals only on this side of history, named by trust when it knows the key', async () => {
    const dir = await tempDir('ferry-unpushed-');
    nativeGit(dir, 'init', '-q', '--initial-branch=main');
    await mkdir(join(dir, 'environments', 'uat', 'snapshot'), { recursive: true });
    await writeFile(join(dir, 'environments', 'uat', 'snapshot', 'x.json'), '{}');
    await approvalFile(dir, 'video', RITA, 'Rita', { environments: ['dev', 'uat'] });
    await approvalFile(dir, 'old', BOB, 'Bob', { decision: 'rejected' });
    await approvalFile(dir, 'copied', BOB, 'Bob', { named: 'video' });
    commitAsTeammate(dir, 'first', 'Rita');
    const first = nativeGit(dir, 'rev-parse', 'HEAD').trim();
    const ownerOf = (keyId: string) => Promise.resolve(keyId === RITA ? 'Rita (trusted)' : null);

    // Nothing pushed yet: every approval here is waiting; rejections and misplaced files are not.
    assert.deepEqual(await unpushedApprovals({ dir, head: first, remoteHead: null, ownerOf }), [
      { changesetId: 'video', title: 'Title of video', approver: 'Rita (trusted)', environment: 'dev, uat' },
    ]);

    await approvalFile(dir, 'hours', BOB, 'Bob');
    commitAsTeammate(dir, 'second', 'Bob');
    const second = nativeGit(dir, 'rev-parse', 'HEAD').trim();
    assert.deepEqual(await unpushedApprovals({ dir, head: second, remoteHead: first, ownerOf }), [
      { changesetId: 'hours', title: 'Title of hours', approver: 'Bob', environment: 'uat' },
    ]);
    assert.deepEqual(await unpushedApprovals({ dir, head: second, remoteHead: second, ownerOf }), []);
  });
});
