import assert from 'node:assert/strict';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { auditEntryHash, type AuditEntry } from '../../../electron/services/audit/audit-entry';
import { nativeGit } from '../../support/native-git';
import { commitAsTeammate } from '../../support/teammate';
import {
  adaWithThreeEntries,
  cliAuditVerify,
  sameKeyWithoutPin,
  signedDocumentWithHead,
  writeAndCommit,
} from './audit-attack-fixture';

describe('attack: trimming the audit trail', () => {
  it('a cut-off last entry is caught by the head a later signed document anchored', async () => {
    const team = await adaWithThreeEntries('ferry-audit-cut-anchor-');
    const { ada, workspace, keyId, file, path, lines, root, clock } = team;
    const head = await ada.identity.audit.head(keyId);
    assert.ok(head);
    assert.equal(head.seq, 3);
    await mkdir(join(workspace, 'changesets', 'x.approvals'), { recursive: true });
    const anchor = `changesets/x.approvals/${keyId}.json`;
    await writeAndCommit(
      workspace,
      anchor,
      await signedDocumentWithHead(ada, head, 'statement'),
      'approve x',
    );

    const all = await lines();
    await writeFile(path, `${all.slice(0, 2).join('\n')}\n`);
    commitAsTeammate(workspace, 'audit: tidy');

    // Ada's key on a machine with no pin: only the signed document can tell.
    const laptop = await sameKeyWithoutPin(root, ada, workspace, clock);
    const result = await laptop.identity.audit.verify();
    assert.equal(result.ok, false);
    assert.equal(result.anchorsChecked, 1);
    assert.deepEqual(result.problems, [
      {
        file,
        line: 0,
        problem: `entries removed after seq 2: ${anchor} (signed by Ada, key ${keyId}) records seq 3 hash ${head.hash}`,
      },
    ]);
    const cli = await cliAuditVerify(workspace, laptop.dataDir);
    assert.equal(cli.code, 1);
    assert.match(cli.stdout, new RegExp(`restore ${file} from git history: \`git log --all -- ${file}\``));
  });

  it("a cut-off last entry is caught by this machine's pin, and nothing more is recorded on top", async () => {
    const { ada, workspace, keyId, file, path, lines } = await adaWithThreeEntries('ferry-audit-cut-pin-');
    const all = await lines();
    await writeFile(path, `${all.slice(0, 2).join('\n')}\n`);
    commitAsTeammate(workspace, 'audit: tidy');

    const result = await ada.identity.audit.verify();
    assert.equal(result.anchorsChecked, 0);
    assert.deepEqual(result.problems, [
      {
        file,
        line: 0,
        problem: 'the audit log of your key was cut: this machine recorded seq 3, the workspace has 2',
      },
    ]);
    const cli = await cliAuditVerify(workspace, ada.dataDir);
    assert.equal(cli.code, 1);
    assert.match(cli.stdout, /this machine recorded seq 3, the workspace has 2/);

    await assert.rejects(ada.identity.audit.append(keyId, { action: 'promote', subject: 'run/2' }), {
      code: 'audit.trimmed',
    });
    assert.equal((await lines()).length, 2, 'nothing was appended to the cut chain');

    // A replaced end, as long as the pinned chain but not the same: caught by the pinned hash.
    const pinned = JSON.parse(all[2] ?? '{}') as AuditEntry;
    const { seq, at, actor, action, details, prev } = pinned;
    const content = { seq, at, actor, action, subject: 'run/forged', details, prev };
    const replacement = { ...content, hash: auditEntryHash(content) };
    await writeFile(path, `${[...all.slice(0, 2), JSON.stringify(replacement)].join('\n')}\n`);
    assert.deepEqual(
      (await ada.identity.audit.verify()).problems.map((problem) => `${problem.line}: ${problem.problem}`),
      [
        '3: entry seq 3 is unsigned',
        `3: the audit log of your key was rewritten: this machine recorded seq 3 with hash ${pinned.hash}, the workspace's seq 3 has ${replacement.hash}`,
      ],
    );
  });

  it('a deleted audit file is detected, and restoring it from git history makes verify pass', async () => {
    const { ada, workspace, keyId, file, path } = await adaWithThreeEntries('ferry-audit-deleted-');
    const head = await ada.identity.audit.head(keyId);
    assert.ok(head);
    await mkdir(join(workspace, 'runs', 'r1'), { recursive: true });
    const anchor = 'runs/r1/result.json';
    await writeAndCommit(workspace, anchor, await signedDocumentWithHead(ada, head, 'top-level'), 'run r1');

    await rm(path);
    commitAsTeammate(workspace, 'chore: remove generated files');

    const result = await ada.identity.audit.verify();
    assert.equal(result.ok, false);
    assert.deepEqual(
      result.problems.map((problem) => problem.problem),
      [
        `audit file deleted: ${anchor} (signed by Ada, key ${keyId}) records seq 3 hash ${head.hash}`,
        `audit file deleted: this machine recorded your key's audit log up to seq 3 (hash ${head.hash}), the workspace has none of it`,
      ],
    );
    assert.ok(result.problems.every((problem) => problem.file === file));
    const cli = await cliAuditVerify(workspace, ada.dataDir);
    assert.equal(cli.code, 1);
    assert.match(cli.stdout, new RegExp(`git log --all -- ${file}`));

    // What the message says to do: find the file in history and put it back.
    const [deletion] = nativeGit(workspace, 'log', '--all', '--format=%H', '--', file).trim().split('\n');
    await writeFile(path, nativeGit(workspace, 'show', `${deletion ?? 'HEAD'}^:${file}`));
    commitAsTeammate(workspace, 'audit: restore');
    const restored = await ada.identity.audit.verify();
    assert.deepEqual(restored.problems, []);
    assert.equal(restored.ok, true);
    assert.equal(restored.anchorsChecked, 1);
    assert.equal((await cliAuditVerify(workspace, ada.dataDir)).code, 0);
    assert.equal((await readFile(path, 'utf8')).trimEnd().split('\n').length, 3);
  });

  it('a document that names a head its signer did not sign anchors nothing', async () => {
    const { ada, workspace, keyId, machine } = await adaWithThreeEntries('ferry-audit-fake-anchor-');
    const mallory = await machine('Mallory');
    await mallory.identity.keys.init({ owner: 'Mallory' });
    await mkdir(join(workspace, 'runs', 'r9'), { recursive: true });
    // Claims Ada's chain reached seq 99, signed by Mallory under Ada's key id.
    const fake = { keyId, seq: 99, hash: `sha256:${'0'.repeat(64)}` };
    await writeAndCommit(
      workspace,
      'runs/r9/result.json',
      await signedDocumentWithHead(mallory, fake, 'top-level', { keyid: keyId }),
      'run r9',
    );
    const result = await ada.identity.audit.verify();
    assert.deepEqual(result.problems, []);
    assert.equal(result.anchorsChecked, 0);
  });
});
