import assert from 'node:assert/strict';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { FerryError } from '../../../shared/api/api-error';
import { approvalsFolder } from '../../../electron/services/approvals/approval-service';
import type { ApprovalVerification } from '../../../electron/services/approvals/approval-verifier';
import { nativeGit } from '../../support/native-git';
import { teamWorkspace, type Machine, type TestClock } from './identity-fixture';

let workspace: string;
let clock: TestClock;
let ada: Machine;
let bob: Machine;
let newMachine: (name: string) => Promise<Machine>;

/** A machine with a key, trusted by Ada with the given roles (or not at all). */
async function person(
  name: string,
  trust?: { roles: ('author' | 'approver')[]; environments?: string[]; notAfter?: string },
): Promise<Machine & { keyId: string }> {
  const who = await newMachine(name);
  const identity = await who.identity.keys.init({ owner: name });
  if (trust) await ada.identity.trust.add(identity.publicKey, { owner: name, ...trust });
  return { ...who, keyId: identity.keyId };
}

async function changeset(title: string) {
  return (await ada.services.changesets.create({ title })).changeset;
}

function only(items: ApprovalVerification[], keyId: string): ApprovalVerification {
  const found = items.filter((item) => item.keyId === keyId);
  assert.equal(found.length, 1, JSON.stringify(items, null, 2));
  return found[0] as ApprovalVerification;
}

function approvalPath(changesetId: string, keyId: string): string {
  return join(workspace, approvalsFolder(changesetId), `${keyId}.json`);
}

before(async () => {
  const team = await teamWorkspace('ferry-approvals-');
  ({ workspace, clock, ada } = team);
  newMachine = team.machine;
  await ada.identity.keys.init({ owner: 'Ada' });
  // An approval names the environments it covers (all the workspace's by default), so there are two.
  for (const [name, tier] of [
    ['uat', 'test'],
    ['prod', 'prod'],
  ] as const) {
    await ada.services.environments.save(
      { name, kind: 'sandbox', url: 'embedded', org: name, tier },
      undefined,
    );
  }
  bob = await person('Bob', { roles: ['approver'] });
});

describe('approvals', () => {
  it('signs the current digest as an in-toto statement in a DSSE envelope, one commit with its audit entry', async () => {
    const cs = await changeset('Raise ACW timeout');
    const bobId = await bob.identity.keys.keyId();
    const result = await bob.identity.approvals.approve(cs.id, {
      decision: 'approved',
      comment: 'looks right',
    });
    assert.equal(result.file, `changesets/${cs.id}.approvals/${bobId}.json`);

    const envelope = JSON.parse(await readFile(join(workspace, result.file), 'utf8'));
    assert.equal(envelope.payloadType, 'application/vnd.in-toto+json');
    assert.deepEqual(
      envelope.signatures.map((s: { keyid: string }) => s.keyid),
      [bobId],
    );
    const statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8'));
    const { digest } = await ada.services.changesets.get(cs.id);
    assert.deepEqual(statement.subject, [
      { name: `changesets/${cs.id}.json`, digest: { sha256: digest.slice(7) } },
    ]);
    assert.equal(statement._type, 'https://in-toto.io/Statement/v1');
    assert.equal(statement.predicateType, 'https://ferry.dev/approval/v1');
    assert.deepEqual(statement.predicate, {
      changesetId: cs.id,
      decision: 'approved',
      comment: 'looks right',
      approvedAt: clock.now().toISOString(),
      approver: { keyId: bobId, owner: 'Bob' },
      environments: ['prod', 'uat'],
      // Bob's audit chain is empty before this approval: there is no head to anchor yet.
      auditHead: null,
    });

    const changed = nativeGit(workspace, 'show', '--name-only', '--format=%s', 'HEAD').trim().split('\n');
    assert.match(
      changed[0] ?? '',
      new RegExp(`^changeset ${cs.id}: approved by Bob \\(${bobId.slice(0, 16)}, sha256:`),
    );
    assert.deepEqual(changed.slice(2).sort(), [`audit/${bobId}.jsonl`, result.file].sort());
    assert.equal(nativeGit(workspace, 'status', '--porcelain'), '');

    const [listed] = await ada.identity.approvals.list(cs.id, digest);
    assert.equal(listed?.status, 'valid');
    assert.equal(listed?.counts, true);
    assert.equal(listed?.keyId, bobId);
    assert.equal(listed?.keyVerified, true);
    assert.equal(listed?.owner, 'Bob');
    // Self-approval is judged by author signatures: Ada's key signed the changeset when she made it.
    const authorship = await ada.identity.authorship.authorship(cs.id);
    assert.deepEqual(
      authorship.authors.map((author) => author.owner),
      ['Ada'],
    );
    assert.deepEqual(result.verification.status, 'valid');
  });

  it('turns stale when the changeset is edited, and re-approving replaces the one file', async () => {
    const cs = await changeset('Add video skill');
    const bobId = bob.identity.keys;
    await bob.identity.approvals.approve(cs.id, { decision: 'approved' });
    const edited = await ada.services.changesets.save({ ...cs, title: 'Add video and chat skills' });
    const stale = only(await ada.identity.approvals.list(cs.id, edited.digest), await bobId.keyId());
    assert.equal(stale.status, 'stale');
    assert.equal(stale.counts, false);
    assert.notEqual(stale.signedDigest, edited.digest);
    assert.match(stale.reason, /earlier version/);

    await bob.identity.approvals.approve(cs.id, { decision: 'approved', comment: 'again' });
    const listed = await ada.identity.approvals.list(cs.id);
    assert.equal(listed.length, 1, 'one file per approver key');
    assert.equal(listed[0]?.status, 'valid');
    assert.equal(listed[0]?.comment, 'again');
  });

  it('reports untrusted, revoked, not-approver, rejected and expired keys', async () => {
    const cs = await changeset('Rename wrap-up codes');
    const carol = await person('Carol');
    const dave = await person('Dave', { roles: ['approver'] });
    const erin = await person('Erin', { roles: ['author'] });
    const finn = await person('Finn', { roles: ['approver'], environments: ['uat'] });
    const gina = await person('Gina', {
      roles: ['approver'],
      notAfter: new Date(clock.current.getTime() + 60 * 60 * 1000).toISOString(),
    });
    for (const who of [carol, dave, erin, finn, gina]) {
      await who.identity.approvals.approve(cs.id, { decision: 'approved' });
    }
    await bob.identity.approvals.approve(cs.id, { decision: 'rejected', comment: 'touches prod queues' });
    await ada.identity.trust.revoke(dave.keyId, 'left the team');

    const listed = await ada.identity.approvals.list(cs.id);
    assert.equal(only(listed, carol.keyId).status, 'untrusted');
    assert.equal(only(listed, carol.keyId).keyVerified, false);
    assert.equal(only(listed, dave.keyId).status, 'revoked');
    assert.match(only(listed, dave.keyId).reason, /left the team/);
    assert.equal(only(listed, erin.keyId).status, 'not-approver');
    assert.match(only(listed, erin.keyId).reason, /not as approver/);
    assert.equal(only(listed, finn.keyId).status, 'valid', 'no environment asked: the limit is not applied');
    assert.equal(only(listed, gina.keyId).status, 'valid');
    const rejected = only(listed, await bob.identity.keys.keyId());
    assert.equal(rejected.status, 'rejected');
    assert.equal(rejected.decision, 'rejected');
    assert.equal(rejected.counts, false);

    const forProd = await ada.identity.approvals.list(cs.id, undefined, { environment: 'prod' });
    assert.equal(only(forProd, finn.keyId).status, 'not-approver');
    assert.match(only(forProd, finn.keyId).reason, /may approve for uat, not for prod/);
    const forUat = await ada.identity.approvals.list(cs.id, undefined, { environment: 'uat' });
    assert.equal(only(forUat, finn.keyId).status, 'valid');

    clock.advance(2 * 60 * 60 * 1000);
    assert.equal(only(await ada.identity.approvals.list(cs.id), gina.keyId).status, 'expired');
  });

  it('catches a tampered payload, a spoofed keyid, a copy under another key and a replay from another changeset', async () => {
    const cs = await changeset('Tighten service levels');
    const other = await changeset('Something else entirely');
    const bobId = await bob.identity.keys.keyId();
    const mallory = await person('Mallory');
    await bob.identity.approvals.approve(cs.id, { decision: 'rejected', comment: 'no' });
    const path = approvalPath(cs.id, bobId);
    const envelope = JSON.parse(await readFile(path, 'utf8'));
    const statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8'));
    statement.predicate.decision = 'approved';
    envelope.payload = Buffer.from(JSON.stringify(statement)).toString('base64');
    await writeFile(path, JSON.stringify(envelope));
    const tampered = only(await ada.identity.approvals.list(cs.id), bobId);
    assert.equal(tampered.status, 'bad-signature');
    assert.equal(tampered.keyVerified, false);

    // Mallory signs with her own (untrusted) key and claims to be Bob.
    await mallory.identity.approvals.approve(cs.id, { decision: 'approved' });
    const malloryPath = approvalPath(cs.id, mallory.keyId);
    const spoof = JSON.parse(await readFile(malloryPath, 'utf8'));
    spoof.signatures[0].keyid = bobId;
    await writeFile(path, JSON.stringify(spoof));
    assert.equal(only(await ada.identity.approvals.list(cs.id), bobId).status, 'bad-signature');

    // Bob's genuine approval copied under a second name must not count twice.
    await bob.identity.approvals.approve(cs.id, { decision: 'approved' });
    await copyFile(path, malloryPath);
    const listed = await ada.identity.approvals.list(cs.id);
    assert.equal(listed.find((item) => item.file.endsWith(`${bobId}.json`))?.status, 'valid');
    assert.equal(listed.filter((item) => item.counts).length, 1);
    const duplicate = listed.find((item) => item.file.endsWith(`${mallory.keyId}.json`));
    assert.equal(duplicate?.status, 'invalid');
    assert.equal(duplicate?.keyId, bobId, 'the key that really signed it, not the file name');
    assert.match(duplicate?.reason ?? '', /stored or named as/);

    await mkdir(join(workspace, approvalsFolder(other.id)), { recursive: true });
    await copyFile(path, approvalPath(other.id, bobId));
    const replayed = only(await ada.identity.approvals.list(other.id), bobId);
    assert.equal(replayed.status, 'invalid');
    assert.match(replayed.reason, /is for changeset ".*", not ".*" \(copied from another change\)/);

    await writeFile(path, '{"payload": "a", "payload": "b"}');
    const broken = (await ada.identity.approvals.list(cs.id)).find((item) =>
      item.file.endsWith(`${bobId}.json`),
    );
    assert.equal(broken?.status, 'invalid');
    assert.match(broken?.reason ?? '', /"payload" appears twice/);
  });

  it('refuses to sign without a key, or for a changeset that does not exist', async () => {
    const cs = await changeset('Unsigned');
    const nobody = await newMachine('Nobody');
    await assert.rejects(
      nobody.identity.approvals.approve(cs.id, { decision: 'approved' }),
      (error: unknown) => {
        assert.ok(error instanceof FerryError);
        assert.equal(error.code, 'key.none');
        return true;
      },
    );
    await assert.rejects(
      bob.identity.approvals.approve('no-such-changeset', { decision: 'approved' }),
      /No changeset/,
    );
    assert.deepEqual(await ada.identity.approvals.list(cs.id), []);
  });
});
