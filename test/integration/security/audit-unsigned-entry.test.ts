import assert from 'node:assert/strict';
import { appendFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import {
  auditEntryHash,
  auditSignedBytes,
  serializeAuditEntry,
  type AuditEntry,
} from '../../../electron/services/audit/audit-entry';
import { encodeBase64 } from '../../../shared/signing/base64';
import { nativeGit } from '../../support/native-git';
import { commitAsTeammate } from '../../support/teammate';
import { adaWithThreeEntries, cliAuditVerify } from './audit-attack-fixture';

/** The entry that would follow `last` in the chain, correctly hashed: all a pusher can compute. */
function nextEntry(last: AuditEntry, subject: string): AuditEntry {
  const unhashed = {
    seq: last.seq + 1,
    at: '2026-03-01T10:00:00.000Z',
    actor: last.actor,
    action: 'approve',
    subject,
    details: {},
    prev: last.hash,
  };
  return { ...unhashed, hash: auditEntryHash(unhashed) };
}

describe('attack: audit entries nobody trusted signed', () => {
  it('an appended unsigned but correctly chained entry fails `ferry audit verify` (exit 1)', async () => {
    const { ada, workspace, keyId, file, path, lines } = await adaWithThreeEntries('ferry-audit-unsigned-');
    const last = JSON.parse((await lines())[2] ?? '{}') as AuditEntry;
    await appendFile(path, serializeAuditEntry(nextEntry(last, 'changeset/forged')));
    commitAsTeammate(workspace, 'docs: typo');

    const result = await ada.identity.audit.verify();
    assert.equal(result.ok, false);
    assert.deepEqual(result.problems, [{ file, line: 4, problem: 'entry seq 4 is unsigned' }]);

    const cli = await cliAuditVerify(workspace, ada.dataDir);
    assert.equal(cli.code, 1, cli.stdout + cli.stderr);
    const [problemLine, ...rest] = cli.stdout.trimEnd().split('\n');
    assert.equal(problemLine, `${file}:4: entry seq 4 is unsigned`);
    assert.match(rest.join('\n'), /To fix:\n {2}- find the commit that added the damaged or unsigned lines/);
    assert.match(rest.join('\n'), new RegExp(`git log -p -- ${file}`));
    assert.equal(nativeGit(workspace, 'status', '--porcelain'), '', 'verify changes nothing');

    const json = await cliAuditVerify(workspace, ada.dataDir, true);
    assert.equal(json.code, 1);
    const data = JSON.parse(json.stdout) as { ok: boolean; unsigned: number; problems: unknown[] };
    assert.equal(data.ok, false);
    assert.equal(data.unsigned, 1);
    assert.equal(data.problems.length, 1);

    // Ada's machine will not vouch for the forged entry by chaining a signed one onto it.
    await assert.rejects(ada.identity.audit.append(keyId, { action: 'promote', subject: 'run/2' }), {
      code: 'audit.corrupt',
    });
  });

  it('an entry signed by a key nobody trusted fails, in its own file or forged into another', async () => {
    const { ada, workspace, keyId, machine, file, path, lines } =
      await adaWithThreeEntries('ferry-audit-untrusted-');
    const mallory = await machine('Mallory');
    const malloryKey = await mallory.identity.keys.init({ owner: 'Mallory' });
    // Her own chain, signed with her own (untrusted) key.
    await mallory.identity.audit.append(malloryKey.keyId, { action: 'approve', subject: 'changeset/a' });
    // And an entry in Ada's chain, correctly chained, signed with Mallory's key.
    const last = JSON.parse((await lines())[2] ?? '{}') as AuditEntry;
    const forged = nextEntry(last, 'changeset/forged');
    const sig = encodeBase64(await mallory.identity.keys.sign(auditSignedBytes(forged.hash)));
    await appendFile(path, serializeAuditEntry({ ...forged, sig }));
    commitAsTeammate(workspace, 'audit: catch up');

    const result = await ada.identity.audit.verify();
    assert.equal(result.ok, false);
    const malloryFile = `audit/${malloryKey.keyId}.jsonl`;
    assert.deepEqual(
      result.problems.map((problem) => `${problem.file}:${problem.line}: ${problem.problem}`).sort(),
      [
        `${file}:4: entry seq 4 has a bad signature: it was not signed by key ${keyId}`,
        `${malloryFile}:1: entry seq 1 is signed by key ${malloryKey.keyId} which is not trusted`,
      ].sort(),
    );
    assert.ok(
      result.remedies.some((remedy) => remedy.startsWith(`key ${malloryKey.keyId} is not trusted here`)),
      result.remedies.join('\n'),
    );
    const cli = await cliAuditVerify(workspace, ada.dataDir);
    assert.equal(cli.code, 1);
    assert.ok(
      cli.stdout.includes(
        `${malloryFile}:1: entry seq 1 is signed by key ${malloryKey.keyId} which is not trusted`,
      ),
    );
  });
});
