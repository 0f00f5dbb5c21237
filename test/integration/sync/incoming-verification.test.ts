import assert from 'node:assert/strict';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FerryError } from '../../../shared/api/api-error';
import {
  APPROVAL_PREDICATE_TYPE,
  changesetSubjectName,
  type ApprovalStatement,
} from '../../../shared/signing/approval-statement';
import { IN_TOTO_PAYLOAD_TYPE, buildEnvelope } from '../../../shared/signing/dsse-envelope';
import { IN_TOTO_STATEMENT_TYPE } from '../../../shared/signing/in-toto-statement';
import { preAuthEncoding } from '../../../shared/signing/pae';
import { commitAsTeammate } from '../../support/teammate';
import { skillChangeset, syncTeam, type SyncTeam } from './sync-team-fixture';

/**
 * Issue 16, "incoming is verified": approvals, runs, audit files and trust roots that arrive by
 * pull are checked with the machinery local ones are, against the root pinned on the puller's
 * machine. What does not verify is flagged in words and never acted on: Mallory, who can push but
 * whose key nobody trusts, forges an approval, tampers with a run and an audit file, and pushes a
 * trust root of her own.
 */

let team: SyncTeam;
let changesetId = '';

before(async () => {
  team = await syncTeam('ferry-incoming-verification-');
  changesetId = await skillChangeset(team.ada.services, 'Holiday hours');
  await team.ada.services.sync.push();
  await team.mallory.services.sync.pull();
});
after(() => team.close());

async function refusal(promise: Promise<unknown>): Promise<FerryError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof FerryError, `expected a FerryError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a refusal');
}

/** Mallory's own commit of whatever she changed, pushed as any teammate's would be. */
async function malloryPushes(message: string): Promise<void> {
  commitAsTeammate(team.mallory.dir, message);
  assert.equal((await team.mallory.services.sync.push()).outcome, 'pushed');
}

describe('signed files that arrive by pull', () => {
  it("flags an approval forged in Rita's name, and the gate still refuses the promotion", async () => {
    const { mallory, rita, ada } = team;
    const { digest } = await mallory.services.changesets.get(changesetId);
    const statement: ApprovalStatement = {
      _type: IN_TOTO_STATEMENT_TYPE,
      subject: [
        { name: changesetSubjectName(changesetId), digest: { sha256: digest.slice('sha256:'.length) } },
      ],
      predicateType: APPROVAL_PREDICATE_TYPE,
      predicate: {
        changesetId,
        decision: 'approved',
        comment: 'looks fine',
        approvedAt: new Date().toISOString(),
        approver: { keyId: rita.keyId, owner: 'Rita' },
        environments: ['dev', 'uat'],
      },
    };
    const payload = new TextEncoder().encode(JSON.stringify(statement));
    // Signed with Mallory's key, stored and named as Rita's.
    const sig = await mallory.services.identity.keys.sign(preAuthEncoding(IN_TOTO_PAYLOAD_TYPE, payload));
    const envelope = buildEnvelope(IN_TOTO_PAYLOAD_TYPE, payload, [{ keyid: rita.keyId, sig }]);
    const file = `changesets/${changesetId}.approvals/${rita.keyId}.json`;
    await mkdir(join(mallory.dir, `changesets/${changesetId}.approvals`), { recursive: true });
    await writeFile(join(mallory.dir, file), `${JSON.stringify(envelope, null, 2)}\n`);
    await malloryPushes(`changeset ${changesetId}: approved by Rita`);

    const pulled = await ada.services.sync.pull();
    assert.equal(pulled.outcome, 'fast-forward');
    assert.deepEqual(pulled.summary.approvals, [], "the forged approval is nobody's approval");
    assert.equal(pulled.summary.flagged.length, 1, JSON.stringify(pulled.summary.flagged));
    const [flag] = pulled.summary.flagged;
    assert.equal(flag?.path, file);
    assert.equal(flag?.kind, 'approval');
    assert.match(flag?.reason ?? '', /claims to be Rita's approval of "Holiday hours"/);
    assert.match(flag?.reason ?? '', /does not verify with Rita's key/);
    assert.match(flag?.reason ?? '', /does not count towards any promotion/);
    assert.ok(
      pulled.summary.sentences.some((sentence) =>
        sentence.startsWith('1 approval did not verify and is ignored: '),
      ),
      pulled.summary.sentences.join(' | '),
    );
    assert.ok(!pulled.summary.sentences.some((sentence) => sentence.startsWith('Rita approved')));

    // Never acted on: the promotion that needs one approval is refused with none counted.
    const refused = await refusal(ada.services.promotions.promote(changesetId, 'uat'));
    assert.equal(refused.code, 'gate.refused');
    assert.match(refused.message, /0 of 1 approval/);

    // Rita sees the same through `ferry pull`, clearly set apart.
    const cli = await rita.cli(['pull']);
    assert.equal(cli.code, 0, cli.stderr);
    assert.match(cli.stdout, /Did not verify \(1\)/);
    assert.match(cli.stdout, new RegExp(`! ${file.replace(/\./g, '\\.')}: it claims to be Rita's approval`));
    const json = await rita.cli(['pull', '--json']);
    assert.equal(json.code, 0, json.stderr);
    assert.equal((JSON.parse(json.stdout) as { outcome: string }).outcome, 'up-to-date');
  });

  it('flags a run whose result was edited and an audit file with an edited entry; the run is never rolled back', async () => {
    const { ada, rita, mallory } = team;
    // Rita's genuine approval replaces the forgery; Ada promotes and pushes.
    await rita.services.identity.approvals.approve(changesetId, { decision: 'approved' });
    await rita.services.sync.push();
    const genuine = await ada.services.sync.pull();
    assert.deepEqual(genuine.summary.approvals, [{ changesetId, title: 'Holiday hours', approver: 'Rita' }]);
    assert.deepEqual(genuine.summary.flagged, []);
    const promoted = await ada.services.promotions.promote(changesetId, 'uat');
    const runId = promoted.result.runId;
    await ada.services.sync.push();

    await mallory.services.sync.pull();
    const resultFile = join(mallory.dir, 'runs', runId, 'result.json');
    const result = JSON.parse(await readFile(resultFile, 'utf8')) as Record<string, unknown>;
    await writeFile(resultFile, `${JSON.stringify({ ...result, status: 'rolled-back' }, null, 2)}\n`);
    const auditFile = join(mallory.dir, 'audit', `${rita.keyId}.jsonl`);
    const lines = (await readFile(auditFile, 'utf8')).split('\n').filter((line) => line !== '');
    const last = JSON.parse(lines[lines.length - 1] ?? '{}') as Record<string, unknown>;
    lines[lines.length - 1] = JSON.stringify({ ...last, action: 'reject' });
    await writeFile(auditFile, `${lines.join('\n')}\n`);
    await malloryPushes('tidy run and audit');

    const pulled = await ada.services.sync.pull();
    const byKind = new Map(pulled.summary.flagged.map((flag) => [flag.kind, flag]));
    assert.equal(byKind.get('run')?.path, `runs/${runId}`);
    assert.match(byKind.get('run')?.reason ?? '', /result\.json was changed after it was signed/);
    assert.match(byKind.get('run')?.reason ?? '', /will not resume it, roll it back/);
    assert.equal(byKind.get('audit')?.path, `audit/${rita.keyId}.jsonl`);
    assert.match(byKind.get('audit')?.reason ?? '', /was edited/);
    assert.deepEqual(pulled.summary.runs, [], "a run that does not verify is nobody's run");
    const text = pulled.summary.sentences.join(' | ');
    assert.match(text, /1 run did not verify and will never be resumed or rolled back/);
    assert.match(text, /1 audit file did not verify/);

    const rollback = await refusal(ada.services.promotions.rollback(runId));
    assert.equal(rollback.code, 'run.unverified');
  });

  it('flags a policy typed into ferry.json: only the signed one counts', async () => {
    const { ada, mallory } = team;
    await mallory.services.sync.pull();
    const file = join(mallory.dir, 'ferry.json');
    const config = JSON.parse(await readFile(file, 'utf8')) as { environments: Record<string, unknown>[] };
    for (const environment of config.environments) {
      if (environment.name === 'uat') environment.policy = { approvalsRequired: 0 };
    }
    await writeFile(file, `${JSON.stringify(config, null, 2)}\n`);
    await malloryPushes('docs: typo');

    const pulled = await ada.services.sync.pull();
    assert.deepEqual(
      pulled.summary.flagged.map((flag) => [flag.path, flag.kind]),
      [['ferry.json', 'policy']],
    );
    assert.match(
      pulled.summary.flagged[0]?.reason ?? '',
      /changes uat's policy by hand, which nobody signed/,
    );
    assert.match(pulled.summary.flagged[0]?.reason ?? '', /uat still needs 1 approval, no self-approval/);
    assert.match(pulled.summary.sentences.join(' | '), /1 policy change did not verify and is ignored/);
    assert.equal((await ada.services.identity.trust.policy('uat')).policy.approvalsRequired, 1);
  });

  it('flags a trust root version that does not chain to the pinned root, and nothing needing trust is done', async () => {
    const { ada, mallory } = team;
    await mallory.services.sync.pull();
    const status = await mallory.services.identity.trust.status();
    const version = status.version ?? 0;
    assert.ok(version > 0);
    // A copy of the current version stored as the next one: it claims to be what it is not.
    await copyFile(
      join(mallory.dir, 'trust', 'root', `${version}.json`),
      join(mallory.dir, 'trust', 'root', `${version + 1}.json`),
    );
    await malloryPushes('trust: next version');

    const pulled = await ada.services.sync.pull();
    assert.equal(pulled.outcome, 'fast-forward');
    const [flag] = pulled.summary.flagged;
    assert.equal(pulled.summary.flagged.length, 1, JSON.stringify(pulled.summary.flagged));
    assert.equal(flag?.kind, 'trust');
    assert.equal(flag?.path, `trust/root/${version + 1}.json`);
    assert.match(flag?.reason ?? '', /Nothing that depends on trust/);
    assert.match(pulled.summary.sentences.join(' | '), /the trust root that arrived does not verify/);

    const refused = await refusal(ada.services.identity.approvals.list(changesetId));
    assert.equal(refused.code, 'trust.unverified');
  });
});
