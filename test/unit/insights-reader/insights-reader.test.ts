import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SEEDED_DRIFT } from '../../../electron/sandbox';
import { readInsightsFiles } from '../../../electron/services/insights/insights-reader';
import { readerFixture, RITA_NOT_AFTER, T0, type ReaderFixture } from './reader-fixture';

const DAY = 24 * 60 * 60 * 1000;
let fixture: ReaderFixture;

before(async () => {
  fixture = await readerFixture('ferry-insights-reader-');
});
after(() => fixture.workspace.close());

/** Changes a file for one check and puts it back, whatever the check does. */
async function tampered(path: string, edit: (text: string) => string, check: () => Promise<void>) {
  const original = await readFile(path, 'utf8');
  await writeFile(path, edit(original));
  try {
    await check();
  } finally {
    await writeFile(path, original);
  }
}

describe('insights reader over real signed records', () => {
  it('makes a verified run, its changeset and its approval facts; an unsigned changeset is only counted', async () => {
    const input = await fixture.reader().read();
    assert.deepEqual(input.unverified, []);
    assert.deepEqual(input.counts.run, { read: 1, verified: 1, unsigned: 0, unverified: 0 });
    const [run] = input.runs;
    assert.equal(run?.runId, fixture.runId);
    assert.equal(run?.kind, 'promote');
    assert.equal(run?.status, 'succeeded');
    assert.equal(run?.environment, 'uat');
    assert.equal(run?.changesetId, fixture.changesetId);
    assert.equal(run?.override, null);
    assert.deepEqual(run?.objects, [['routing.skill', SEEDED_DRIFT.devOnly.skill]]);

    assert.deepEqual(input.counts.changeset, { read: 2, verified: 1, unsigned: 1, unverified: 0 });
    assert.deepEqual(
      input.changesets.map((changeset) => changeset.changesetId),
      [fixture.changesetId],
      'the changeset nobody signed is not a fact',
    );
    const [changeset] = input.changesets;
    assert.equal(changeset?.title, 'Video skill');
    assert.equal(changeset?.createdAt, T0.toISOString(), 'its author signature covers the current digest');
    assert.ok(changeset?.authorSignedAt);
    assert.equal(run?.changesetDigest, changeset?.digest);
    assert.equal(changeset?.approvals.length, 1);
    assert.equal(changeset?.approvals[0]?.owner, 'Rita');
    assert.equal(changeset?.approvals[0]?.signedDigest, changeset?.digest);
    assert.deepEqual(input.counts.approval, { read: 1, verified: 1, unsigned: 0, unverified: 0 });

    assert.deepEqual(
      input.environments.map((environment) => environment.name),
      ['dev', 'uat'],
    );
    assert.ok(
      input.snapshots.every((snapshot) => snapshot.takenAt !== null),
      'each has a snapshot',
    );
  });

  it('leaves out a run whose result.json was changed after it was signed, and counts it', async () => {
    const file = join(fixture.workspace.dir, 'runs', fixture.runId, 'result.json');
    await tampered(
      file,
      (text) => text.replace('"succeeded"', '"rolled-back"'),
      async () => {
        const input = await fixture.reader().read();
        assert.deepEqual(input.runs, []);
        assert.deepEqual(input.counts.run, { read: 1, verified: 0, unsigned: 0, unverified: 1 });
        const [record] = input.unverified;
        assert.equal(record?.kind, 'run');
        assert.equal(record?.file, `runs/${fixture.runId}/result.json`);
        assert.match(record?.reason ?? '', /changed after it was signed/);
      },
    );
  });

  it('leaves out a run whose journal was edited', async () => {
    const file = join(fixture.workspace.dir, 'runs', fixture.runId, 'journal.jsonl');
    await tampered(
      file,
      (text) => text.replace('"step-done"', '"step-failed"'),
      async () => {
        const input = await fixture.reader().read();
        assert.deepEqual(input.runs, []);
        assert.equal(input.counts.run.unverified, 1);
        assert.equal(input.unverified[0]?.file, `runs/${fixture.runId}/journal.jsonl`);
      },
    );
  });

  it('does not let a deleted result.json hide a finished run', async () => {
    const { rm } = await import('node:fs/promises');
    const file = join(fixture.workspace.dir, 'runs', fixture.runId, 'result.json');
    const original = await readFile(file);
    await rm(file);
    try {
      const input = await fixture.reader().read();
      assert.deepEqual(input.counts.run, { read: 1, verified: 0, unsigned: 0, unverified: 1 });
      assert.match(input.unverified[0]?.reason ?? '', /removed after the run finished/);
    } finally {
      await writeFile(file, original);
    }
  });

  it('counts a run nobody signed as unsigned, not as a fact', async () => {
    const file = join(fixture.workspace.dir, 'runs', fixture.runId, 'plan.dsse.json');
    const original = await readFile(file);
    const { rm } = await import('node:fs/promises');
    await rm(file);
    try {
      const input = await fixture.reader().read();
      assert.deepEqual(input.runs, []);
      assert.deepEqual(input.counts.run, { read: 1, verified: 0, unsigned: 1, unverified: 0 });
    } finally {
      await writeFile(file, original);
    }
  });

  it('leaves out an approval whose signature does not verify, and keeps the changeset', async () => {
    const file = join(
      fixture.workspace.dir,
      'changesets',
      `${fixture.changesetId}.approvals`,
      `${fixture.ritaKeyId}.json`,
    );
    await tampered(
      file,
      (text) => {
        const envelope = JSON.parse(text) as { payload: string };
        const payload = Buffer.from(envelope.payload, 'base64').toString('utf8').replace('"ok"', '"OK"');
        return JSON.stringify({ ...envelope, payload: Buffer.from(payload).toString('base64') });
      },
      async () => {
        const input = await fixture.reader().read();
        assert.deepEqual(input.counts.approval, { read: 1, verified: 0, unsigned: 0, unverified: 1 });
        assert.equal(input.changesets[0]?.approvals.length, 0);
        assert.ok(input.changesets[0]?.createdAt, 'its author signature still vouches for it');
        const [record] = input.unverified;
        assert.equal(record?.kind, 'approval');
        assert.match(record?.reason ?? '', /does not verify/);
      },
    );
  });

  it('leaves out an audit line that was edited', async () => {
    const keyId = (await fixture.ada.identity.keys.requireIdentity()).keyId;
    const file = join(fixture.workspace.dir, 'audit', `${keyId}.jsonl`);
    await tampered(
      file,
      (text) => text.replace('"promote"', '"gate-refused"'),
      async () => {
        const input = await fixture.reader().read();
        assert.equal(input.counts.audit.unverified, 1);
        const record = input.unverified.find((item) => item.kind === 'audit');
        assert.equal(record?.file, `audit/${keyId}.jsonl`);
        assert.match(record?.reason ?? '', /edited/);
        assert.ok(
          !input.audit.some((fact) => fact.action === 'gate-refused'),
          'the forged refusal is no fact',
        );
      },
    );
  });

  it('never follows a link planted in the workspace', async () => {
    const { rm, symlink } = await import('node:fs/promises');
    const file = join(fixture.workspace.dir, 'changesets', 'linked-change.json');
    await symlink(join(fixture.workspace.dir, 'changesets', `${fixture.changesetId}.json`), file);
    try {
      const input = await fixture.reader().read();
      const record = input.unverified.find((item) => item.file === 'changesets/linked-change.json');
      assert.match(record?.reason ?? '', /not a regular file/);
      assert.equal(input.counts.changeset.unverified, 1);
    } finally {
      await rm(file);
    }
  });

  it('keeps the history of a key that expired after it signed', async () => {
    fixture.clock.now = new Date(RITA_NOT_AFTER.getTime() + 5 * DAY);
    const input = await fixture.reader().read();
    assert.deepEqual(input.unverified, []);
    assert.equal(input.changesets[0]?.approvals[0]?.owner, 'Rita');
    assert.equal(input.runs.length, 1);
  });

  it('refuses what a key signed after its revocation, and keeps what it signed before', async () => {
    fixture.clock.now = new Date(RITA_NOT_AFTER.getTime() + 6 * DAY);
    await fixture.ada.identity.trust.revoke(fixture.ritaKeyId, 'laptop stolen');
    const second = await fixture.ada.authoring.addPicks({
      a: 'uat',
      b: 'dev',
      title: 'After the theft',
      picks: [{ type: 'routing.skill', key: SEEDED_DRIFT.devOnly.skill }],
    });
    fixture.clock.now = new Date(RITA_NOT_AFTER.getTime() + 7 * DAY);
    await fixture.rita.identity.approvals.approve(second.changeset.id, {
      decision: 'approved',
      comment: 'ok',
    });
    const input = await fixture.reader().read();
    const first = input.changesets.find((changeset) => changeset.changesetId === fixture.changesetId);
    assert.equal(first?.approvals[0]?.owner, 'Rita', 'signed before the revocation: still history');
    const later = input.changesets.find((changeset) => changeset.changesetId === second.changeset.id);
    assert.deepEqual(later?.approvals, []);
    const record = input.unverified.find((item) => item.kind === 'approval');
    assert.equal(record?.file, `changesets/${second.changeset.id}.approvals/${fixture.ritaKeyId}.json`);
    assert.match(record?.reason ?? '', /revoked/);
  });

  it('keeps an approval of an earlier version as a fact, with the digest it signed', async () => {
    const { changeset, digest: approved } = await fixture.ada.changesets.get(fixture.changesetId);
    await fixture.ada.changesets.save({ ...changeset, description: 'edited after approval' });
    const input = await fixture.reader().read();
    const edited = input.changesets.find((item) => item.changesetId === fixture.changesetId);
    assert.notEqual(edited?.digest, approved);
    assert.equal(edited?.approvals[0]?.signedDigest, approved, 'the approval of the earlier version');
    assert.ok(edited?.createdAt, 'saving signed the new version as its author');
  });

  it('reads the same files for the bench baseline', async () => {
    const { files, bytes } = await readInsightsFiles(fixture.workspace.dir);
    assert.ok(files >= 5 + 3 + 2, `${files} files`);
    assert.ok(bytes > 0);
  });
});
