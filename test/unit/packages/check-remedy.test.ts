import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PackageReport } from '../../../shared/model/package-wire';
import { checkRemedy, orderChecks } from '../../../renderer/src/features/packages/check-remedy';
import { exportBlocker } from '../../../renderer/src/features/packages/package-format';

const RITA_KEY = 'b'.repeat(64);

function report(checks: PackageReport['checks']): PackageReport {
  return {
    ok: checks.every((check) => check.passed),
    summary: {
      changesetId: 'video-skill-abc123',
      title: 'Video skill',
      changesetDigest: null,
      operations: 1,
      sourceEnvironment: null,
      sourceCommit: null,
      targetEnvironments: ['uat'],
      createdAt: null,
      expiresAt: null,
    },
    signers: [
      {
        keyId: 'a'.repeat(64),
        owner: 'Ada',
        role: 'author',
        trusted: true,
        decision: null,
        at: null,
        comment: null,
      },
      {
        keyId: RITA_KEY,
        owner: null,
        role: 'approver',
        trusted: false,
        decision: 'approved',
        at: null,
        comment: null,
      },
    ],
    checks,
    alreadyImported: false,
    alreadyApplied: [],
  };
}

describe('what to do about a failed package check', () => {
  const untrusted = {
    check: 'approval-1-trusted',
    passed: false,
    detail: 'no key in the trust root made this signature',
  };

  it('offers to trust an unknown key, with its fingerprint and both ways to do it', () => {
    const remedy = checkRemedy(untrusted, report([untrusted]), 'import');
    assert.equal(remedy.kind, 'trust-key');
    assert.ok(remedy.kind === 'trust-key');
    assert.equal(remedy.fingerprint, RITA_KEY);
    assert.equal(remedy.role, 'approver');
    assert.match(remedy.text, /Trust page/);
    assert.match(remedy.text, /ferry trust add <public-key-file> --name <name> --roles approver/);
    assert.doesNotMatch(remedy.text, /Ask the sender for a new package/);
  });

  it('says how to get the approvals a target needs, by who can act', () => {
    const approvals = { check: 'approvals:uat', passed: false, detail: 'uat requires 1; 0 counted' };
    assert.match(
      checkRemedy(approvals, report([approvals]), 'export').text,
      /approve the changeset.*export again/,
    );
    assert.match(checkRemedy(approvals, report([approvals]), 'import').text, /ask the sender/);
  });

  it('sends a missing target environment to Environments, not back to the sender', () => {
    const target = {
      check: 'target:uat',
      passed: false,
      detail: 'uat is not an environment of this workspace',
    };
    const text = checkRemedy(target, report([target]), 'import').text;
    assert.match(text, /^Add uat in Environments/);
    assert.doesNotMatch(text, /sender/);
  });

  it('tells the receiver not to use an altered file', () => {
    const altered = { check: 'artifact:changeset.json', passed: false, detail: 'altered' };
    assert.match(checkRemedy(altered, report([altered]), 'import').text, /do not use it/);
  });

  it('asks for a fresh export when the declared parameters disagree with the changeset (issue 15)', () => {
    const parameters = { check: 'parameters', passed: false, detail: 'the changeset uses crmToken, …' };
    assert.match(
      checkRemedy(parameters, report([parameters]), 'import').text,
      /does not list every parameter its changeset uses.*export it again/,
    );
  });

  it('puts failed checks first, in the order they ran', () => {
    const checks = [
      { check: 'size', passed: true, detail: '' },
      { check: 'b', passed: false, detail: '' },
      { check: 'json', passed: true, detail: '' },
      { check: 'a', passed: false, detail: '' },
    ];
    const ordered = orderChecks(checks);
    assert.deepEqual(
      ordered.failed.map((check) => check.check),
      ['b', 'a'],
    );
    assert.deepEqual(
      ordered.passed.map((check) => check.check),
      ['size', 'json'],
    );
  });
});

describe('why Export is off', () => {
  const ready = { changesetId: 'video-skill-abc123', targets: ['uat'], environments: 2, expiresInDays: '' };

  it('names the missing step', () => {
    assert.equal(exportBlocker({ ...ready, changesetId: null }), 'Choose the changeset to export first.');
    assert.equal(
      exportBlocker({ ...ready, targets: [], environments: 0 }),
      'Add the target environments in Environments first.',
    );
    assert.equal(
      exportBlocker({ ...ready, targets: [] }),
      'Tick at least one environment the package is for.',
    );
    assert.match(
      exportBlocker({ ...ready, expiresInDays: '400' }) ?? '',
      /^Fix the expiry first: Enter a whole number/,
    );
    assert.equal(exportBlocker(ready), null);
  });
});
