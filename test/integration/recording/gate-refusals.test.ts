import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createFerryServices } from '../../../electron/host/core/ferry-services';
import type { AuditEntry } from '../../../electron/services/audit/audit-entry';
import { GATE_REFUSED_ACTION, gateRefusedDetailsSchema } from '../../../shared/insights/insights-audit';
import { nativeGit } from '../../support/native-git';
import { refusedWith, skillChangeset, team, VAULT, type Team } from '../security/governance-fixture';

/**
 * Issue 19: a promotion the gates (or the promoter role) refused leaves a signed `gate-refused`
 * entry in the refused promoter's audit chain, which Insights counts as "changes refused by gates,
 * and why". Ada is the admin (a promoter) with uat needing one approval; Rita is only an approver.
 */
let crew: Team;
let changesetId = '';

before(async () => {
  crew = await team('ferry-recording-gates-');
  changesetId = await skillChangeset(crew.ada, 'Video skill');
});
after(() => crew.close());

async function refusals(keyId: string, services = crew.ada): Promise<AuditEntry[]> {
  return (await services.identity.audit.entries(keyId)).filter(
    (entry) => entry.action === GATE_REFUSED_ACTION,
  );
}

describe('refused promotions in the audit log', () => {
  it('a preview records nothing, even when its gates fail', async () => {
    const preview = await crew.ada.promotions.plan(changesetId, 'uat');
    assert.equal(preview.decision.passed, false);
    assert.deepEqual(await refusals(crew.keys.ada), []);
  });

  it('records each failed gate and its reason, signed, chained and committed', async () => {
    await refusedWith(crew.ada.promotions.promote(changesetId, 'uat'), 'gate.refused', /approvals: .*0 of 1/);
    const entries = await refusals(crew.keys.ada);
    assert.equal(entries.length, 1);
    const [entry] = entries;
    assert.equal(entry?.subject, `changeset/${changesetId}`);
    const details = gateRefusedDetailsSchema.parse(entry?.details);
    assert.equal(details.environment, 'uat');
    assert.equal(details.changesetDigest, (await crew.ada.changesets.get(changesetId)).digest);
    assert.deepEqual(
      details.gates.map((gate) => gate.gate),
      ['approvals'],
    );
    assert.match(details.gates[0]?.reason ?? '', /0 of 1/);
    assert.match(
      nativeGit(crew.workspace.dir, 'log', '-1', '--format=%s'),
      new RegExp(`audit: gate-refused changeset/${changesetId}`),
    );
    assert.equal(nativeGit(crew.workspace.dir, 'status', '--porcelain'), '');
    const verification = await crew.ada.identity.audit.verify();
    assert.ok(verification.ok, JSON.stringify(verification.problems));
  });

  it('records a key that may not promote as the promoter gate, in the refused key’s own chain', async () => {
    await refusedWith(
      crew.rita.promotions.promote(changesetId, 'uat'),
      'gate.refused',
      /not trusted as a promoter for uat/,
    );
    const entries = await refusals(crew.keys.rita, crew.rita);
    assert.equal(entries.length, 1);
    assert.equal(entries[0]?.actor, crew.keys.rita);
    assert.deepEqual(gateRefusedDetailsSchema.parse(entries[0]?.details).gates, [
      { gate: 'promoter', reason: `key ${crew.keys.rita.slice(0, 16)} is not trusted as a promoter for uat` },
    ]);
    // Rita's key is in the trust root (as an approver), so her entry verifies on Ada's machine too.
    const verification = await crew.ada.identity.audit.verify();
    assert.ok(verification.ok, JSON.stringify(verification.problems));
    assert.ok(verification.signaturesChecked >= 2);
  });

  it('throws the same refusal when it cannot be recorded, and logs why', async () => {
    const warnings: string[] = [];
    const ada = createFerryServices({
      dataDir: crew.workspace.dataDir,
      version: 'test',
      env: VAULT,
      author: { name: 'Ada', email: 'ada@example.test' },
      logger: { info() {}, warn: (message) => warnings.push(message), error() {} },
    });
    await ada.workspace.open(crew.workspace.dir);
    const file = join(crew.workspace.dir, 'audit', `${crew.keys.ada}.jsonl`);
    const original = await readFile(file, 'utf8');
    // A damaged last line: the audit log refuses to chain onto it, so nothing can be recorded.
    await writeFile(file, `${original}not an entry\n`);
    try {
      const error = await refusedWith(
        ada.promotions.promote(changesetId, 'uat'),
        'gate.refused',
        /approvals: /,
      );
      assert.match(error.message, new RegExp(`^Promotion of ${changesetId} to uat refused: approvals: `));
      assert.equal(warnings.length, 1);
      assert.match(warnings[0] ?? '', /Could not record the refused promotion .*ferry audit verify/);
    } finally {
      await writeFile(file, original);
    }
    assert.equal((await refusals(crew.keys.ada)).length, 1, 'nothing was added to the damaged chain');
  });

  it('records nothing for a teammate without a signing key, who is refused as before', async () => {
    const before = nativeGit(crew.workspace.dir, 'rev-parse', 'HEAD').trim();
    const nobody = createFerryServices({
      dataDir: join(crew.workspace.dataDir, '..', 'nobody-data'),
      version: 'test',
      env: VAULT,
      author: { name: 'Nobody', email: 'nobody@example.test' },
    });
    await nobody.workspace.open(crew.workspace.dir);
    await assert.rejects(nobody.promotions.promote(changesetId, 'uat'));
    assert.equal(nativeGit(crew.workspace.dir, 'rev-parse', 'HEAD').trim(), before);
  });
});
