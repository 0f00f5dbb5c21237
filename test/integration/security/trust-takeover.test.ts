import assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { buildEnvelope } from '../../../shared/signing/dsse-envelope';
import { decodeCanonicalBase64 } from '../../../shared/signing/base64';
import { preAuthEncoding } from '../../../shared/signing/pae';
import {
  TRUST_ROOT_PAYLOAD_TYPE,
  rootVersionFile,
  trustRootDigest,
  trustRootPayload,
  type TrustRootDocument,
} from '../../../shared/trust/trust-root';
import type { FerryServices } from '../../../electron/host/core/ferry-services';
import { nativeGit } from '../../support/native-git';
import { commitAsTeammate } from '../../support/teammate';
import { refusedWith, skillChangeset, team, uatSkill, type Team } from './governance-fixture';

/**
 * Issue 11, "Trust takeover" and Deliver 1: trust lives only in trust-root versions signed by a
 * threshold of admins, verified from the version this machine pinned. Every hand edit a teammate
 * with push access can make is refused with `trust.unverified`, naming the file and the commit.
 */

let world: Team;
let dir = '';
let cleanHead = '';
/** A package exported while the root was sound (approvals are made before the honest head is taken). */
let packaged = '';

before(async () => {
  world = await team('ferry-trust-takeover-');
  dir = world.workspace.dir;
  const changesetId = await skillChangeset(world.ada, 'Packaged before the takeover');
  await world.rita.identity.approvals.approve(changesetId, { decision: 'approved' });
  packaged = (await world.ada.packages.export({ changesetId, targets: ['uat'] })).text;
  cleanHead = nativeGit(dir, 'rev-parse', 'HEAD').trim();
});
after(() => world.close());
beforeEach(() => {
  // Each attack starts from the same honest workspace.
  const attacked = nativeGit(dir, 'rev-parse', 'HEAD').trim();
  nativeGit(dir, 'reset', '-q', '--hard', cleanHead);
  nativeGit(dir, 'clean', '-qfd');
  // ...with the audit log it has grown since: a refused promotion is recorded in it (issue 19), each
  // machine pins its own chain's head, and a workspace that lost those entries is a cut chain.
  if (nativeGit(dir, 'diff', '--name-only', cleanHead, attacked, '--', 'audit').trim() !== '') {
    nativeGit(dir, 'checkout', attacked, '--', 'audit');
    commitAsTeammate(dir, 'keep the audit log', 'Ada');
  }
});

async function newestRoot(): Promise<{ version: number; document: TrustRootDocument; text: string }> {
  const status = await world.ada.identity.trust.status();
  const version = status.version ?? 0;
  const text = await readFile(join(dir, rootVersionFile(version)), 'utf8');
  const envelope = JSON.parse(text) as { payload: string };
  const payload = decodeCanonicalBase64(envelope.payload);
  assert.ok(payload);
  return { version, document: JSON.parse(new TextDecoder().decode(payload)) as TrustRootDocument, text };
}

/** A version signed by `signer`, whatever her standing. */
async function signedVersion(signer: FerryServices, document: TrustRootDocument): Promise<string> {
  const payload = trustRootPayload(document);
  const identity = await signer.identity.keys.requireIdentity();
  const sig = await signer.identity.keys.sign(preAuthEncoding(TRUST_ROOT_PAYLOAD_TYPE, payload));
  return `${JSON.stringify(buildEnvelope(TRUST_ROOT_PAYLOAD_TYPE, payload, [{ keyid: identity.keyId, sig }]), null, 2)}\n`;
}

function malloryAsApprover(document: TrustRootDocument): TrustRootDocument {
  return {
    ...document,
    keys: [
      ...document.keys,
      {
        keyId: world.keys.mallory,
        algorithm: 'ed25519',
        publicKey: world.publicKeys.mallory,
        owner: 'Mallory',
        roles: ['approver', 'admin'],
        environments: [],
      },
    ],
  };
}

/** Every trust-dependent service path refuses, and the org and the workspace are unchanged. */
async function everythingRefuses(services: FerryServices, changesetId: string, file: RegExp): Promise<void> {
  const before = nativeGit(dir, 'rev-parse', 'HEAD').trim();
  await refusedWith(services.identity.approvals.list(changesetId), 'trust.unverified', file);
  await refusedWith(services.promotions.plan(changesetId, 'uat'), 'trust.unverified', file);
  await refusedWith(services.promotions.promote(changesetId, 'uat'), 'trust.unverified', file);
  await refusedWith(services.identity.trust.policy('uat'), 'trust.unverified', file);
  assert.equal(await uatSkill(world.workspace), null, 'nothing reached the uat org');
  assert.equal(nativeGit(dir, 'rev-parse', 'HEAD').trim(), before, 'nothing was committed');
}

describe('trust takeover by hand edits: refused', () => {
  it('ignores keys appended to a trust.json: they approve nothing', async () => {
    const changesetId = await skillChangeset(world.ada, 'Takeover via trust.json');
    const legacy = {
      formatVersion: 1,
      keys: [
        {
          keyId: world.keys.mallory,
          algorithm: 'ed25519',
          publicKey: world.publicKeys.mallory,
          owner: 'Mallory',
          roles: ['approver'],
          environments: [],
        },
      ],
    };
    await writeFile(join(dir, 'trust.json'), `${JSON.stringify(legacy, null, 2)}\n`);
    commitAsTeammate(dir, 'docs: typo');
    await world.mallory.identity.approvals.approve(changesetId, { decision: 'approved' });
    const approvals = await world.ada.identity.approvals.list(changesetId, undefined, { environment: 'uat' });
    assert.deepEqual(
      approvals.map((approval) => approval.status),
      ['untrusted'],
    );
    await refusedWith(world.ada.promotions.promote(changesetId, 'uat'), 'gate.refused', /0 of 1 approval/);
    assert.equal(await uatSkill(world.workspace), null);
  });

  it('refuses a hand-edited version (a key appended to its payload), naming the file and the commit', async () => {
    const changesetId = await skillChangeset(world.ada, 'Takeover by editing the root');
    const { version, document, text } = await newestRoot();
    const envelope = JSON.parse(text) as { payload: string };
    envelope.payload = Buffer.from(trustRootPayload(malloryAsApprover(document))).toString('base64');
    await writeFile(join(dir, rootVersionFile(version)), `${JSON.stringify(envelope, null, 2)}\n`);
    const commit = commitAsTeammate(dir, 'docs: typo');
    const error = await refusedWith(
      world.ada.identity.trust.list(),
      'trust.unverified',
      new RegExp(`trust/root/${version}\\.json .*replaced|trust/root/${version}\\.json`),
    );
    assert.match(error.message, new RegExp(`commit ${commit}`), 'names the commit that brought it');
    assert.match(error.message, /docs: typo/);
    await everythingRefuses(world.ada, changesetId, new RegExp(`trust/root/${version}\\.json`));
  });

  it('refuses package verify and import while the root does not verify', async () => {
    const { version, document, text } = await newestRoot();
    const envelope = JSON.parse(text) as { payload: string };
    envelope.payload = Buffer.from(trustRootPayload(malloryAsApprover(document))).toString('base64');
    await writeFile(join(dir, rootVersionFile(version)), `${JSON.stringify(envelope, null, 2)}\n`);
    commitAsTeammate(dir, 'docs: typo');
    const before = nativeGit(dir, 'rev-parse', 'HEAD').trim();
    await refusedWith(
      world.ada.packages.verify(packaged, { target: 'uat' }),
      'trust.unverified',
      /trust\/root/,
    );
    await refusedWith(
      world.ada.packages.import(packaged, { target: 'uat' }),
      'trust.unverified',
      /trust\/root/,
    );
    assert.equal(nativeGit(dir, 'rev-parse', 'HEAD').trim(), before, 'nothing was imported');
  });

  it('refuses the same edit left uncommitted in the working tree', async () => {
    const { version, document, text } = await newestRoot();
    const envelope = JSON.parse(text) as { payload: string };
    envelope.payload = Buffer.from(trustRootPayload(malloryAsApprover(document))).toString('base64');
    await writeFile(join(dir, rootVersionFile(version)), `${JSON.stringify(envelope, null, 2)}\n`);
    const error = await refusedWith(
      world.ada.identity.trust.list(),
      'trust.unverified',
      /uncommitted change/,
    );
    assert.match(error.message, new RegExp(`trust/root/${version}\\.json`));
  });

  it('refuses a next version signed by a teammate who is not an admin', async () => {
    const changesetId = await skillChangeset(world.ada, 'Takeover by a forged version');
    const { version, document, text } = await newestRoot();
    const previousPayload = decodeCanonicalBase64((JSON.parse(text) as { payload: string }).payload);
    assert.ok(previousPayload);
    const forged = {
      ...malloryAsApprover(document),
      version: version + 1,
      previous: trustRootDigest(previousPayload),
      proposedBy: world.keys.mallory,
      summary: 'add Mallory',
    };
    await writeFile(join(dir, rootVersionFile(version + 1)), await signedVersion(world.mallory, forged));
    commitAsTeammate(dir, 'chore: tidy');
    await everythingRefuses(
      world.ada,
      changesetId,
      new RegExp(`trust/root/${version + 1}\\.json is signed by 0 of the 1 admin key`),
    );
  });

  it('refuses an older root put back (the newest version removed)', async () => {
    const { version } = await newestRoot();
    await rm(join(dir, rootVersionFile(version)));
    commitAsTeammate(dir, 'revert trust');
    await refusedWith(world.ada.identity.trust.list(), 'trust.unverified', /older root put back/);
  });

  it('refuses a deleted trust root', async () => {
    await rm(join(dir, 'trust'), { recursive: true });
    commitAsTeammate(dir, 'remove trust');
    await refusedWith(world.ada.identity.trust.list(), 'trust.unverified', /trust\/root\/1\.json is missing/);
  });

  it("refuses a genesis replaced by one of Mallory's own, on a machine that pinned the real one", async () => {
    const { document } = await newestRoot();
    const genesis = {
      ...malloryAsApprover({ ...document, keys: [] }),
      version: 1,
      previous: null,
      proposedBy: world.keys.mallory,
      summary: 'new root',
      adminThreshold: 1,
      environments: {},
    };
    await rm(join(dir, 'trust'), { recursive: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(join(dir, 'trust/root'), { recursive: true }));
    await writeFile(join(dir, rootVersionFile(1)), await signedVersion(world.mallory, genesis));
    commitAsTeammate(dir, 'reset trust');
    await refusedWith(
      world.ada.identity.trust.list(),
      'trust.unverified',
      /not the version this machine pinned|older root put back/,
    );
  });
});

describe('the signed trust root: first use, pinning, a threshold of admins', () => {
  it('pins version 1 on a machine that first sees the workspace, and confirms it by fingerprint', async () => {
    const status = await world.rita.identity.trust.status();
    assert.equal(status.state, 'verified');
    assert.equal(status.pinned?.version, 1);
    const adaStatus = await world.ada.identity.trust.status();
    await refusedWith(world.rita.identity.trust.pin('0000'), 'trust.unverified', /never/).catch(
      () => undefined,
    );
    await assert.rejects(
      world.rita.identity.trust.pin('ab'.repeat(32)),
      /No trust root version .* has the fingerprint/,
    );
    const genesisFingerprint = adaStatus.pinned?.fingerprint ?? '';
    const confirmed = await world.rita.identity.trust.pin(genesisFingerprint);
    assert.equal(confirmed.pinned?.confirmed, true);
  });

  it('needs the threshold of admins for a change, and the co-admin signs it to take effect', async () => {
    const { ada, rita } = world;
    const added = await ada.identity.trust.add(world.publicKeys.rita, {
      owner: 'Rita',
      roles: ['approver', 'admin'],
    });
    assert.equal(added.applied, true);
    const threshold = await ada.identity.trust.setThreshold(2);
    assert.equal(threshold.applied, false, 'raising the threshold to 2 already needs 2 signatures');
    assert.match(threshold.needs ?? '', /1 more admin signature .*Rita/);
    const signed = await rita.identity.trust.sign(threshold.version);
    assert.equal(signed.applied, true);
    const proposal = await ada.identity.trust.add(world.publicKeys.mallory, {
      owner: 'Mallory',
      roles: ['approver'],
    });
    assert.equal(proposal.applied, false);
    assert.ok(
      !(await ada.identity.trust.list()).some((key) => key.keyId === world.keys.mallory),
      'a pending proposal trusts nobody',
    );
    // Mallory cannot add her own signature to push it through.
    await assert.rejects(world.mallory.identity.trust.sign(proposal.version), /not an admin/);
    const done = await rita.identity.trust.sign(proposal.version);
    assert.equal(done.applied, true);
    assert.ok((await ada.identity.trust.list()).some((key) => key.keyId === world.keys.mallory));
    const status = await ada.identity.trust.status();
    assert.equal(status.proposals.length, 0);
    assert.equal(status.adminThreshold, 2);
  });
});

describe('re-granting a key', () => {
  it('says plainly when a grant would take the admin role from the last admin', async () => {
    const lone = await team('ferry-trust-regrant-');
    try {
      await assert.rejects(
        lone.ada.identity.trust.add(lone.publicKeys.ada, { owner: 'Ada', roles: ['author', 'approver'] }),
        /take the admin role from Ada, leaving 0 admins where 1 must sign.*--roles admin,author,approver/,
      );
    } finally {
      await lone.close();
    }
  });
});
