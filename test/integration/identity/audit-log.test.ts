import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FerryError } from '../../../shared/api/api-error';
import { auditEntryHash } from '../../../electron/services/audit/audit-entry';
import { nativeGit } from '../../support/native-git';
import { teamWorkspace } from './identity-fixture';

/** A workspace whose local key has appended four entries, and the lines of its file. */
async function fourEntries() {
  const team = await teamWorkspace('ferry-audit-');
  const { ada, workspace } = team;
  const keyId = (await ada.identity.keys.init({ owner: 'Ada' })).keyId;
  for (const [action, subject] of [
    ['approve', 'changeset/a'],
    ['promote', 'run/1'],
    ['override', 'run/1'],
    ['rollback', 'run/1'],
  ] as const) {
    await ada.identity.audit.append(keyId, { action, subject, details: { n: subject.length } });
    team.clock.advance(1000);
  }
  const file = `audit/${keyId}.jsonl`;
  const path = join(workspace, file);
  const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
  const rewrite = (next: string[]) => writeFile(path, `${next.join('\n')}\n`);
  return { ...team, keyId, file, path, lines, rewrite };
}

describe('audit log', () => {
  it('appends hash-chained, signed entries, one commit each, and verifies them', async () => {
    const { ada, workspace, keyId, lines, file } = await fourEntries();
    const entries = lines.map((line) => JSON.parse(line));
    assert.deepEqual(
      entries.map((entry) => entry.seq),
      [1, 2, 3, 4],
    );
    assert.equal(entries[0].prev, null);
    for (let index = 1; index < entries.length; index += 1) {
      assert.equal(entries[index].prev, entries[index - 1].hash);
    }
    assert.deepEqual(Object.keys(entries[0]), [
      'seq',
      'at',
      'actor',
      'action',
      'subject',
      'details',
      'prev',
      'hash',
      'sig',
    ]);
    assert.ok(entries.every((entry) => entry.actor === keyId && /^sha256:[0-9a-f]{64}$/.test(entry.hash)));
    assert.equal(nativeGit(workspace, 'log', '-1', '--format=%s').trim(), 'audit: rollback run/1');
    assert.equal(nativeGit(workspace, 'log', '--format=%s', '--', file).trim().split('\n').length, 4);
    assert.deepEqual(await ada.identity.audit.entries(keyId), entries);

    const result = await ada.identity.audit.verify();
    assert.deepEqual(result.problems, []);
    assert.equal(result.ok, true);
    assert.equal(result.entries, 4);
    assert.equal(result.signaturesChecked, 4);
  });

  it('fails on an edited entry, saying it was edited', async () => {
    const { ada, lines, rewrite, file } = await fourEntries();
    await rewrite(lines.map((line, index) => (index === 1 ? line.replace('"run/1"', '"run/2"') : line)));
    const result = await ada.identity.audit.verify();
    assert.equal(result.ok, false);
    assert.deepEqual(result.problems, [
      { file, line: 2, problem: 'entry seq 2 was edited: its content no longer matches its hash' },
    ]);
  });

  it('fails on a removed entry, saying which seq is missing', async () => {
    const { ada, lines, rewrite, file } = await fourEntries();
    await rewrite(lines.filter((_line, index) => index !== 1));
    const result = await ada.identity.audit.verify();
    assert.deepEqual(result.problems, [
      { file, line: 2, problem: 'entries removed: seq 2 is missing before seq 3' },
    ]);
  });

  it('fails on reordered entries, saying they are out of order', async () => {
    const { ada, lines, rewrite, file } = await fourEntries();
    const [first, second, third, fourth] = lines as [string, string, string, string];
    await rewrite([first, third, second, fourth]);
    const result = await ada.identity.audit.verify();
    assert.deepEqual(result.problems, [
      { file, line: 3, problem: 'entries out of order: seq 2 comes after seq 3 (line 2)' },
    ]);
  });

  it('fails on a rewritten entry whose hash was recomputed: the chain and the signature both break', async () => {
    const { ada, lines, rewrite, keyId } = await fourEntries();
    const forged = JSON.parse(lines[1] ?? '{}');
    forged.subject = 'run/999';
    forged.hash = auditEntryHash(forged);
    await rewrite(lines.map((line, index) => (index === 1 ? JSON.stringify(forged) : line)));
    const problems = (await ada.identity.audit.verify()).problems.map(
      (problem) => `${problem.line}: ${problem.problem}`,
    );
    assert.deepEqual(problems, [
      `2: entry seq 2 has a bad signature: it was not signed by key ${keyId}`,
      '3: chain broken: seq 3 does not point to the hash of seq 2 (line 2)',
    ]);
  });

  it('refuses to append on top of a damaged last line', async () => {
    const { ada, lines, rewrite, keyId } = await fourEntries();
    await rewrite([...lines, '{"seq": 5']);
    await assert.rejects(
      ada.identity.audit.append(keyId, { action: 'promote', subject: 'run/2' }),
      (error: unknown) => {
        assert.ok(error instanceof FerryError);
        assert.equal(error.code, 'audit.corrupt');
        assert.match(error.message, /line 5 is not a valid audit entry/);
        return true;
      },
    );
    const result = await ada.identity.audit.verify();
    assert.equal(result.problems.length, 1);
    assert.match(result.problems[0]?.problem ?? '', /^not a valid audit entry: not valid JSON/);
  });

  it("fails on a teammate's entries until her key is trusted, then checks them against it", async () => {
    const { ada, machine } = await fourEntries();
    const bob = await machine('Bob');
    const bobKey = await bob.identity.keys.init({ owner: 'Bob' });
    await bob.identity.audit.append(bobKey.keyId, { action: 'approve', subject: 'changeset/a' });
    const before = await ada.identity.audit.verify();
    assert.equal(before.ok, false, "Bob's key is not known to Ada yet");
    assert.deepEqual(before.problems, [
      {
        file: `audit/${bobKey.keyId}.jsonl`,
        line: 1,
        problem: `entry seq 1 is signed by key ${bobKey.keyId} which is not trusted`,
      },
    ]);
    assert.equal(before.signaturesUnverifiable, 1);
    await ada.identity.trust.add(bobKey.publicKey, { owner: 'Bob', roles: ['approver'] });
    const after = await ada.identity.audit.verify();
    assert.deepEqual(after.problems, []);
    assert.equal(after.signaturesUnverifiable, 0);
    assert.equal(after.signaturesChecked, after.entries);
  });

  it("refuses to write an entry for any key but this machine's own", async () => {
    const { machine, keyId, path } = await fourEntries();
    const bob = await machine('Bob');
    await bob.identity.keys.init({ owner: 'Bob' });
    const before = await readFile(path, 'utf8');
    await assert.rejects(
      bob.identity.audit.append(keyId, { action: 'promote', subject: 'run/7' }),
      (error: unknown) => {
        assert.ok(error instanceof FerryError);
        assert.equal(error.code, 'audit.foreign-actor');
        assert.match(error.message, new RegExp(`not for ${keyId}`));
        return true;
      },
    );
    assert.equal(await readFile(path, 'utf8'), before, 'nothing was written');
  });

  it('reports the head of a chain, and null for an actor with no entries', async () => {
    const { ada, keyId, lines, machine } = await fourEntries();
    const last = JSON.parse(lines[3] ?? '{}');
    assert.deepEqual(await ada.identity.audit.head(keyId), { keyId, seq: 4, hash: last.hash });
    const bob = await machine('Bob');
    const bobKey = await bob.identity.keys.init({ owner: 'Bob' });
    assert.equal(await ada.identity.audit.head(bobKey.keyId), null);
  });
});
