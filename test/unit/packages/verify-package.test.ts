import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stableStringify } from '../../../shared/model/canonical/stable-stringify';
import { MAX_PACKAGE_BYTES } from '../../../shared/packages/package-format';
import { readPackage, sizeCheck, utf8Length } from '../../../shared/packages/read-package';
import {
  NOW,
  buildPackage,
  changeset,
  failures,
  target,
  testKey,
  trusted,
  verifyText,
} from './package-builder';

const ada = testKey('Ada');
const rita = testKey('Rita');
const sam = testKey('Sam');
const keys = [trusted(ada), trusted(rita, { roles: ['approver'] }), trusted(sam, { roles: ['approver'] })];

function only(checks: ReturnType<typeof verifyText>['checks'], name: string) {
  const found = checks.find((check) => check.check === name);
  assert.ok(found, `${name} is reported: ${checks.map((check) => check.check).join(', ')}`);
  return found;
}

describe('reading the container', () => {
  it('measures UTF-8 bytes and refuses more than 8 MiB', () => {
    assert.equal(utf8Length('é'), 2);
    assert.equal(sizeCheck(MAX_PACKAGE_BYTES).passed, true);
    assert.equal(sizeCheck(MAX_PACKAGE_BYTES + 1).passed, false);
  });

  it('refuses unknown fields in the container and a missing approvals list', () => {
    const { text } = buildPackage({ author: ada, approvers: [rita] });
    const extra = readPackage(text.replace('{', '{ "signedBy": "me",'));
    assert.match(failures(extra.checks)[0]?.detail ?? '', /has an unknown field "signedBy"/);
    const container = JSON.parse(text);
    delete container.approvals;
    const missing = readPackage(JSON.stringify(container));
    assert.equal(failures(missing.checks)[0]?.check, 'structure');
    assert.match(failures(missing.checks)[0]?.detail ?? '', /^approvals /);
  });

  it('allows artifact names up to 64 characters of the safe set', () => {
    const { text } = buildPackage({ author: ada, approvers: [] });
    const rename = (name: string) =>
      readPackage(text.replace('"name": "change-control.md"', `"name": ${JSON.stringify(name)}`));
    assert.equal(rename(`a${'b'.repeat(63)}`).opened !== null, true);
    for (const name of [`a${'b'.repeat(64)}`, '-leading-dash', 'space name', 'ü.md', '']) {
      assert.equal(failures(rename(name).checks)[0]?.check, 'artifact-names', name);
    }
  });
});

describe('verifying signatures, statements and approvals', () => {
  it('passes a package as Ferry builds it, with every check named', () => {
    const { text } = buildPackage({ author: ada, approvers: [rita] });
    const { checks, inspected } = verifyText(text, keys, [target('uat', { approvalsRequired: 1 })]);
    assert.deepEqual(failures(checks), []);
    assert.equal(inspected?.facts.changeset?.id, 'video-skill-abc123');
    assert.deepEqual(
      inspected?.signers.map((signer) => [signer.role, signer.owner, signer.trusted]),
      [
        ['author', 'Ada', true],
        ['approver', 'Rita', true],
      ],
    );
  });

  it('counts distinct people against the policy, and self-approval only where allowed', () => {
    const { text } = buildPackage({ author: ada, approvers: [rita, ada] });
    const strict = verifyText(text, keys, [target('uat', { approvalsRequired: 2 })]);
    assert.match(only(strict.checks, 'approvals:uat').detail, /has 1 that count: Rita \(too few\)/);
    assert.equal(only(strict.checks, 'approval-2-self-approval').passed, false);
    const lenient = verifyText(text, keys, [
      target('uat', { approvalsRequired: 2, allowSelfApproval: true }),
    ]);
    assert.deepEqual(failures(lenient.checks), []);
    assert.match(only(lenient.checks, 'approvals:uat').detail, /2 counted: Rita, Ada/);
  });

  it("treats the changeset's own author key as self-approval even when someone else exported it", () => {
    const cs = changeset({ authorKeyId: rita.keyId });
    const { text } = buildPackage({ author: ada, approvers: [rita], changeset: cs });
    const { checks } = verifyText(text, keys, [target('uat', { approvalsRequired: 1 })]);
    assert.equal(only(checks, 'approval-1-self-approval').passed, false);
  });

  it('checks key validity both when the key signed and now', () => {
    const { text } = buildPackage({ author: ada, approvers: [rita] });
    const expiredSince = verifyText(
      text,
      [trusted(ada, { notAfter: '2026-11-24T11:30:00.000Z' }), keys[1] ?? trusted(rita)],
      [target('uat', { approvalsRequired: 1 })],
    );
    assert.match(
      only(expiredSince.checks, 'author-key-validity').detail,
      /expired on 2026-11-24T11:30:00.000Z$/,
    );
    const notYet = verifyText(
      text,
      [trusted(ada, { notBefore: '2026-11-24T11:30:00.000Z' }), keys[1] ?? trusted(rita)],
      [target('uat', { approvalsRequired: 1 })],
    );
    assert.match(
      only(notYet.checks, 'author-key-validity').detail,
      /not valid before .* and it signed at 2026-11-24T11:00/,
    );
  });

  it('refuses a changeset artifact that is not canonical, or not the change the statement names', () => {
    const cs = changeset();
    const pretty = new TextEncoder().encode(JSON.stringify(cs, null, 4));
    const loose = verifyText(
      buildPackage({ author: ada, approvers: [], changesetBytes: pretty }).text,
      keys,
      [],
    );
    assert.match(only(loose.checks, 'changeset').detail, /not in canonical form/);
    const other = new TextEncoder().encode(stableStringify({ ...cs, id: 'another-one' }));
    const renamed = verifyText(
      buildPackage({ author: ada, approvers: [], changesetBytes: other }).text,
      keys,
      [],
    );
    assert.match(
      only(renamed.checks, 'changeset').detail,
      /is changeset "another-one" .* but the statement says "video-skill-abc123"/,
    );
  });

  it('refuses a target it is not configured for, and reports each judged target', () => {
    const { text } = buildPackage({ author: ada, approvers: [rita, sam], targets: ['uat', 'prod'] });
    const { checks } = verifyText(text, keys, [target('uat', { approvalsRequired: 1 })]);
    assert.match(only(checks, 'target:prod').detail, /prod is not an environment of this workspace/);
    const one = verifyText(text, keys, [target('uat', { approvalsRequired: 1 })], { target: 'uat' });
    assert.deepEqual(failures(one.checks), []);
  });

  it('flags a run that already applied the digest, and a conflicting base snapshot', () => {
    const { text } = buildPackage({ author: ada, approvers: [rita] });
    const { checks } = verifyText(text, keys, [
      target(
        'uat',
        { approvalsRequired: 1 },
        {
          appliedBy: [{ runId: 'run-1', finishedAt: '2026-11-23T00:00:00.000Z' }],
          snapshot: {
            commit: 'c'.repeat(40),
            conflicts: ['operation 1 (create routing.skill "Video"): differs'],
            writes: 0,
            noops: 0,
          },
        },
      ),
    ]);
    assert.match(only(checks, 'not-applied:uat').detail, /run run-1 already applied/);
    assert.match(only(checks, 'base-snapshot:uat').detail, /no longer matches .*operation 1/);
  });

  it('is not fooled by a payload that verifies under a key of the same owner name', () => {
    const impostor = testKey('Ada');
    const { text } = buildPackage({ author: impostor, approvers: [rita] });
    const { checks } = verifyText(text, keys, [target('uat', { approvalsRequired: 1 })], { now: NOW });
    assert.match(only(checks, 'author-trusted').detail, /no key in the trust root made this signature/);
  });
});
