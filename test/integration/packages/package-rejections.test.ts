import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { PackageReport } from '../../../shared/model/package-wire';
import { stableStringify } from '../../../shared/model/canonical/stable-stringify';
import { tempDir } from '../../support/temp-dir';
import {
  approvalEnvelope,
  assemble,
  failed,
  partsOf,
  rawSigner,
  sha256,
  team,
  textOf,
  type Envelope,
  type Signer,
  type Team,
} from './package-fixture';

const DAY = 24 * 60 * 60 * 1000;

let t: Team;
let good = '';
let digestHex = '';
const mallory = rawSigner('Mallory');
const carl = rawSigner('Carl');
const bob = rawSigner('Bob');
const eve = rawSigner('Eve');
const otto = rawSigner('Otto');

before(async () => {
  t = await team('ferry-package-rejections-');
  const trust = t.importer.identity.trust;
  await trust.add(carl.publicKey, { owner: 'Carl', roles: ['author'] });
  await trust.add(bob.publicKey, { owner: 'Bob', roles: ['approver'], environments: ['prod'] });
  await trust.add(eve.publicKey, { owner: 'Eve', roles: ['approver'] });
  await trust.revoke(eve.keyId, 'laptop stolen');
  await trust.add(otto.publicKey, {
    owner: 'Otto',
    roles: ['approver'],
    notBefore: new Date(t.clock.now.getTime() - 60 * DAY).toISOString(),
    notAfter: new Date(t.clock.now.getTime() - 30 * DAY).toISOString(),
  });
  const exported = await t.exporting.export({ changesetId: t.changesetId, targets: ['uat'], source: 'dev' });
  good = exported.text;
  digestHex = (await t.ada.changesets.get(t.changesetId)).digest.slice('sha256:'.length);
});
after(() => t.closeSandbox());

const verify = (text: string, target?: string) =>
  t.importing.verify(text, target !== undefined ? { target } : {});

/** The report refuses the package, and `check` is among the failures with a detail like `reason`. */
function refuses(report: PackageReport, check: string, reason: RegExp): void {
  assert.equal(report.ok, false, 'the package is refused');
  if (process.env.PKG_DEBUG)
    console.log(
      check,
      '=>',
      failed(report)
        .map((f) => `${f.check}: ${f.detail}`)
        .join('\n   '),
    );
  const found = failed(report).find((item) => item.check === check);
  assert.ok(found, `${check} should fail; failed: ${JSON.stringify(failed(report), null, 2)}`);
  assert.match(found.detail, reason);
}

const now = () => t.clock.now.toISOString();

function approval(
  signer: Signer,
  overrides: { decision?: string; changesetId?: string; digestHex?: string } = {},
) {
  return approvalEnvelope(signer, {
    changesetId: overrides.changesetId ?? t.changesetId,
    digestHex: overrides.digestHex ?? digestHex,
    decision: overrides.decision ?? 'approved',
    approvedAt: now(),
  });
}

describe('a package is refused, each for its own reason', () => {
  it('accepts the good package the others are made from', async () => {
    const report = await verify(good);
    assert.equal(report.ok, true, JSON.stringify(failed(report), null, 2));
  });

  it('oversized file', async () => {
    refuses(
      await verify(good + ' '.repeat(8 * 1024 * 1024)),
      'size',
      /more than a package may be .*8 MiB.*not read/,
    );
    const file = join(await tempDir('ferry-big-'), 'big.ferrypkg.json');
    await writeFile(file, Buffer.alloc(8 * 1024 * 1024 + 1, 0x20));
    refuses(await t.importing.verifyFile(file), 'size', /8388609 bytes/);
  });

  it('truncated file or trailing garbage', async () => {
    refuses(await verify(good.slice(0, Math.floor(good.length / 2))), 'json', /truncated/);
    refuses(await verify(`${good}{"more": 1}`), 'json', /trailing garbage/);
  });

  it('unknown media type or version', async () => {
    const v2 = good.replace('json;version=1', 'json;version=2');
    refuses(await verify(v2), 'media-type', /format version "2"; this Ferry reads version 1/);
    refuses(
      await verify(good.replace(/"mediaType": "[^"]*"/, '"mediaType": "application/zip"')),
      'media-type',
      /not a Ferry change package/,
    );
  });

  it('duplicate JSON keys at any level', async () => {
    refuses(
      await verify(good.replace('"mediaType":', '"mediaType": "application/zip",\n  "mediaType":')),
      'duplicate-keys',
      /"mediaType" appears twice/,
    );
    refuses(
      await verify(
        good.replace('"name": "changeset.json",', '"name": "evil.json", "name": "changeset.json",'),
      ),
      'duplicate-keys',
      /"name" appears twice/,
    );
  });

  it('__proto__ or constructor keys', async () => {
    refuses(
      await verify(good.replace('"author": {', '"author": { "__proto__": { "polluted": true },')),
      'forbidden-keys',
      /"__proto__" is not allowed/,
    );
    refuses(
      await verify(good.replace('{', '{ "constructor": 1,')),
      'forbidden-keys',
      /"constructor" is not allowed/,
    );
  });

  it('non-canonical base64', async () => {
    const container = JSON.parse(good);
    container.artifacts[0].data = `${container.artifacts[0].data.slice(0, 8)}\n${container.artifacts[0].data.slice(8)}`;
    refuses(
      await verify(JSON.stringify(container)),
      'base64',
      /artifacts\[0\]\.data \(changeset\.json\) is not canonical/,
    );
    // A signature whose spare padding bits are set: the same bytes, spelled a second way.
    const spare = JSON.parse(good);
    const sig: string = spare.author.signatures[0].sig;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const last = sig.length - 3;
    spare.author.signatures[0].sig =
      sig.slice(0, last) + alphabet[alphabet.indexOf(sig[last] ?? 'A') | 1] + sig.slice(last + 1);
    refuses(await verify(JSON.stringify(spare)), 'base64', /author\.signatures\[0\]\.sig is not canonical/);
  });

  it('wrong payloadType', async () => {
    const text = await assemble(partsOf(good), t.adaSigner, { payloadType: 'application/json' });
    refuses(
      await verify(text),
      'author-payload-type',
      /payloadType is "application\/json", not application\/vnd\.in-toto\+json/,
    );
  });

  it('wrong _type', async () => {
    const parts = partsOf(good);
    parts.statement._type = 'https://in-toto.io/Statement/v0.1';
    refuses(
      await verify(await assemble(parts, t.adaSigner)),
      'author-statement-type',
      /_type is "https:\/\/in-toto\.io\/Statement\/v0\.1"/,
    );
  });

  it('wrong predicateType', async () => {
    const parts = partsOf(good);
    parts.statement.predicateType = 'https://ferry.dev/change-package/v2';
    refuses(
      await verify(await assemble(parts, t.adaSigner)),
      'author-predicate-type',
      /predicateType is "https:\/\/ferry\.dev\/change-package\/v2"/,
    );
  });

  it('tampered payload or payloadType', async () => {
    const parts = partsOf(good);
    parts.statement.predicate.targetEnvironments = ['uat', 'prod'];
    const payload = Buffer.from(JSON.stringify(parts.statement)).toString('base64');
    refuses(
      await verify(textOf({ ...parts, author: { ...parts.author, payload } })),
      'author-signature',
      /changed after signing/,
    );
    const retyped = partsOf(good);
    const author = { ...retyped.author, payloadType: 'application/vnd.in-toto+json; charset=utf-8' };
    refuses(
      await verify(textOf({ ...retyped, author })),
      'author-signature',
      /does not verify with Ada's key/,
    );
  });

  it('tampered artifact (digest mismatch)', async () => {
    const parts = partsOf(good);
    const document = parts.artifacts[1];
    assert.equal(document?.name, 'change-control.md');
    document.bytes = Buffer.from(document.bytes.toString('utf8').replace('Video skill', 'Harmless skill'));
    refuses(
      await verify(textOf(parts)),
      'artifact:change-control.md',
      /the author signed [0-9a-f]{64}: the artifact was altered/,
    );
  });

  it('a subject with no artifact (missing)', async () => {
    const parts = partsOf(good);
    parts.artifacts = parts.artifacts.filter((artifact) => artifact.name !== 'change-control.md');
    refuses(await verify(textOf(parts)), 'artifacts-present', /lacks change-control\.md/);
  });

  it('an artifact no subject signs (extra)', async () => {
    const parts = partsOf(good);
    parts.artifacts.push({ name: 'notes.txt', bytes: Buffer.from('run this first') });
    refuses(await verify(textOf(parts)), 'artifacts-signed', /notes\.txt is in the package but not signed/);
  });

  it('an artifact twice (duplicate)', async () => {
    const parts = partsOf(good);
    const first = parts.artifacts[0];
    assert.ok(first);
    parts.artifacts.push({ name: first.name, bytes: Buffer.from('{}') });
    refuses(
      await verify(textOf(parts)),
      'artifacts-unique',
      /artifact changeset\.json appears more than once/,
    );
  });

  it('wrong key: signed by another trusted key than the author the statement names', async () => {
    const text = await assemble(partsOf(good), t.ritaSigner);
    refuses(
      await verify(text),
      'author-identity',
      /says its author is Ada .* but Rita's key .* signed it: signed with the wrong key/,
    );
  });

  it('spoofed keyid', async () => {
    const parts = partsOf(good);
    parts.statement.predicate.author = { keyId: carl.keyId, owner: 'Carl' };
    const text = await assemble(parts, carl, { keyid: t.adaSigner.keyId });
    refuses(
      await verify(text),
      'author-keyid',
      /keyid says .*\(Ada\), but the signature is by Carl's key .*: the keyid is spoofed/,
    );
    // A stranger's signature under Ada's keyid does not verify with her key.
    const stranger = await assemble(partsOf(good), mallory, { keyid: t.adaSigner.keyId });
    refuses(await verify(stranger), 'author-signature', /another key signed it under that keyid/);
  });

  it('unknown key', async () => {
    const parts = partsOf(good);
    parts.statement.predicate.author = { keyId: mallory.keyId, owner: 'Mallory' };
    refuses(
      await verify(await assemble(parts, mallory)),
      'author-trusted',
      /no key in the trust root made this signature/,
    );
  });

  it('key used outside its role', async () => {
    const parts = partsOf(good);
    parts.statement.predicate.author = { keyId: t.ritaSigner.keyId, owner: 'Rita' };
    refuses(
      await verify(await assemble(parts, t.ritaSigner)),
      'author-role',
      /trusted as approver, not as author/,
    );
    const limited = partsOf(good);
    limited.approvals.push(await approval(bob));
    refuses(
      await verify(await assemble(limited, t.adaSigner)),
      'approval-2-role',
      /approver for prod only, not for uat/,
    );
  });

  it('revoked or expired key', async () => {
    const revoked = partsOf(good);
    revoked.approvals.push(await approval(eve));
    refuses(
      await verify(await assemble(revoked, t.adaSigner)),
      'approval-2-key-validity',
      /Eve's key .* was revoked on .*: laptop stolen/,
    );
    const expired = partsOf(good);
    expired.approvals.push(await approval(otto));
    refuses(
      await verify(await assemble(expired, t.adaSigner)),
      'approval-2-key-validity',
      /Otto's key .* expired on .*, before it signed/,
    );
  });

  it('the same key counted twice toward a threshold', async () => {
    const parts = partsOf(good);
    parts.approvals.push(await approval(t.ritaSigner));
    refuses(
      await verify(await assemble(parts, t.adaSigner)),
      'approvals-distinct',
      /Rita's key .* signed approvals 1 and 2: a key counts once/,
    );
  });

  it('too few approvals', async () => {
    const parts = partsOf(good);
    parts.approvals = [];
    refuses(
      await verify(await assemble(parts, t.adaSigner)),
      'approvals:uat',
      /uat requires 1 approval .* the package has 0 that count \(too few\)/,
    );
  });

  it('self-approval', async () => {
    const parts = partsOf(good);
    parts.approvals.push(await approval(t.adaSigner));
    refuses(
      await verify(await assemble(parts, t.adaSigner)),
      'approval-2-self-approval',
      /Ada approved their own change .* does not allow self-approval/,
    );
  });

  it('approval taken from another change (replay)', async () => {
    const other = await t.ada.changesets.create({ title: 'Another change' });
    const made = await t.rita.identity.approvals.approve(other.changeset.id, {
      decision: 'approved',
      comment: 'other',
    });
    const replayed = JSON.parse(await readFile(join(t.workspace.dir, made.file), 'utf8')) as Envelope;
    const parts = partsOf(good);
    parts.approvals = [replayed];
    refuses(
      await verify(await assemble(parts, t.adaSigner)),
      'approval-1-binding',
      new RegExp(
        `approval is of changeset "${other.changeset.id}", not "${t.changesetId}": taken from another change \\(replayed\\)`,
      ),
    );
    // An approval of another version of the same change does not carry over either.
    const version = partsOf(good);
    version.approvals = [await approval(t.ritaSigner, { digestHex: sha256('an earlier version') })];
    refuses(
      await verify(await assemble(version, t.adaSigner)),
      'approval-1-binding',
      /approves another version \(replayed\)/,
    );
  });

  it('an approval added or removed after the author signed', async () => {
    const parts = partsOf(good);
    parts.approvals.push(await approval(rawSigner('Zed')));
    refuses(
      await verify(textOf(parts)),
      'approvals-listed',
      /approval 2 is not among the approvals the author's statement lists \(added after signing\)/,
    );
  });

  it('decision other than approved', async () => {
    const parts = partsOf(good);
    parts.approvals = [await approval(t.ritaSigner, { decision: 'rejected' })];
    refuses(
      await verify(await assemble(parts, t.adaSigner)),
      'approval-1-decision',
      /the decision is "rejected", not "approved"/,
    );
  });

  it('expired package', async () => {
    const parts = partsOf(good);
    parts.statement.predicate.createdAt = new Date(t.clock.now.getTime() - 40 * DAY).toISOString();
    parts.statement.predicate.expiresAt = new Date(t.clock.now.getTime() - 10 * DAY).toISOString();
    refuses(await verify(await assemble(parts, t.adaSigner)), 'expires-at', /the package expired at/);
  });

  it("older than the target's policy accepts", async () => {
    const parts = partsOf(good);
    parts.statement.predicate.createdAt = new Date(t.clock.now.getTime() - 31 * DAY).toISOString();
    refuses(
      await verify(await assemble(parts, t.adaSigner)),
      'package-age:uat',
      /31 days old; uat's policy accepts packages up to 30 days/,
    );
  });

  it('createdAt in the future', async () => {
    const parts = partsOf(good);
    parts.statement.predicate.createdAt = new Date(t.clock.now.getTime() + DAY).toISOString();
    refuses(await verify(await assemble(parts, t.adaSigner)), 'created-at', /is in the future/);
  });

  it('wrong target environment', async () => {
    refuses(
      await verify(good, 'prod'),
      'target-environment',
      /the package is for uat, not for prod: wrong target environment/,
    );
  });

  it('base snapshot that no longer matches the target', async () => {
    // The changeset expects a skill uat holds to be otherwise: made against a state uat no longer has.
    const catalog = await t.importer.authoring.catalog('uat');
    const key = catalog.keys['routing.skill']?.[0];
    assert.ok(key);
    const current = await t.importer.authoring.targetObject('uat', 'routing.skill', key);
    assert.ok(current);
    const parts = partsOf(good);
    const changeset = JSON.parse(parts.artifacts[0]?.bytes.toString('utf8') ?? '{}');
    changeset.operations = [
      {
        op: 'update',
        type: 'routing.skill',
        key,
        changes: [{ path: 'name', before: `${key} (old)`, after: `${key} (new)` }],
      },
    ];
    const bytes = Buffer.from(stableStringify(changeset));
    parts.artifacts[0] = { name: 'changeset.json', bytes };
    parts.approvals = [await approval(t.ritaSigner, { digestHex: sha256(bytes) })];
    refuses(
      await verify(await assemble(parts, t.adaSigner)),
      'base-snapshot:uat',
      /uat's latest snapshot \([0-9a-f]{12}\) no longer matches what the changeset expects: operation 1 \(update routing\.skill/,
    );
  });

  it('artifact names that are not plain file names', async () => {
    for (const name of ['../change-control.md', '.hidden', 'a'.repeat(65), 'dir/file.md']) {
      const parts = partsOf(good);
      const document = parts.artifacts[1];
      assert.ok(document);
      document.name = name;
      refuses(
        await verify(await assemble(parts, t.adaSigner)),
        'artifact-names',
        /is not allowed: names are 1–64 characters/,
      );
    }
  });

  it('change already applied', async () => {
    const { result } = await t.ada.promotions.promote(t.changesetId, 'uat');
    assert.equal(result.status, 'succeeded', result.failure?.message);
    const report = await t.exporting.verify(good);
    refuses(
      report,
      'not-applied:uat',
      new RegExp(`run ${result.runId} already applied this changeset .* to uat`),
    );
    assert.deepEqual(report.alreadyApplied, ['uat']);
    await assert.rejects(t.exporting.import(good), /not-applied:uat/);
  });
});
