import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { nativeGit } from '../../support/native-git';
import { skillChangeset, syncTeam, type SyncTeam } from './sync-team-fixture';

/**
 * Issue 16, "status at a glance": a pull says what it brought in words (who approved what, runs,
 * snapshots, changesets, trust), and status counts the approvals made here that a teammate is
 * waiting for, online and offline. Two machines through a real git server.
 */

let team: SyncTeam;
let changesetId = '';

before(async () => {
  team = await syncTeam('ferry-pull-summary-');
});
after(() => team.close());

describe('what a pull brought, in words', () => {
  it('names a new changeset by its title when the reviewer pulls it', async () => {
    const { ada, rita } = team;
    changesetId = await skillChangeset(ada.services, 'Video support');
    const pushed = await ada.services.sync.push();
    assert.equal(pushed.outcome, 'pushed');

    const pulled = await rita.services.sync.pull();
    assert.equal(pulled.outcome, 'fast-forward');
    assert.deepEqual(pulled.summary.changesets.added, [changesetId]);
    assert.ok(
      pulled.summary.sentences.includes('1 new changeset (Video support)'),
      pulled.summary.sentences.join(' | '),
    );
    assert.deepEqual(pulled.summary.flagged, []);
    assert.deepEqual(pulled.summary.approvals, []);
  });

  it("counts the reviewer's approval as unpushed until she pushes, online and offline", async () => {
    const { rita } = team;
    const before = await rita.services.sync.status();
    assert.deepEqual(before.unpushedApprovals, []);

    await rita.services.identity.approvals.approve(changesetId, { decision: 'approved', comment: 'ok' });
    const waiting = await rita.services.sync.status();
    assert.equal(waiting.ahead, 1);
    assert.deepEqual(waiting.unpushedApprovals, [
      { changesetId, title: 'Video support', approver: 'Rita', environment: 'dev, uat' },
    ]);
    const offline = await rita.services.sync.status({ offline: true });
    assert.deepEqual(offline.unpushedApprovals, waiting.unpushedApprovals);

    // The CLI says it in words: the team is waiting.
    const cli = await rita.cli(['remote', 'status', '--offline']);
    assert.equal(cli.code, 0, cli.stderr);
    assert.match(cli.stdout, /1 approval not pushed yet: your teammates are waiting: ferry push/);
    assert.match(cli.stdout, /Rita approved Video support/);

    assert.equal((await rita.services.sync.push()).outcome, 'pushed');
    const after = await rita.services.sync.status({ offline: true });
    assert.deepEqual([after.ahead, after.unpushedApprovals], [0, []]);
  });

  it('tells the author who approved what when she pulls', async () => {
    const { ada } = team;
    const pulled = await ada.services.sync.pull();
    assert.equal(pulled.outcome, 'fast-forward');
    assert.deepEqual(pulled.summary.approvals, [{ changesetId, title: 'Video support', approver: 'Rita' }]);
    assert.equal(pulled.summary.sentences[0], 'Rita approved Video support');
    assert.deepEqual(pulled.summary.flagged, [], 'a genuine approval and its audit entry verify');
    assert.deepEqual(pulled.summary.changesets, { added: [], changed: [], removed: [] });
  });

  it('tells the reviewer about the run and the snapshot after the author promotes, through `ferry pull`', async () => {
    const { ada, rita } = team;
    await ada.services.promotions.promote(changesetId, 'uat');
    await ada.services.snapshots.run('uat');
    await ada.services.sync.push();

    const cli = await rita.cli(['pull']);
    assert.equal(cli.code, 0, cli.stderr);
    assert.match(cli.stdout, /Pulled origin\/main/);
    assert.match(cli.stdout, /1 run by Ada \(uat\)/);
    assert.match(cli.stdout, /uat snapshot updated/);
    assert.doesNotMatch(cli.stdout, /did not verify/);
    assert.equal(
      nativeGit(rita.dir, 'rev-parse', 'HEAD').trim(),
      nativeGit(ada.dir, 'rev-parse', 'HEAD').trim(),
    );
  });

  it('says what a new trust root changes, keys and policy apart', async () => {
    const { ada, rita } = team;
    await ada.services.identity.trust.setPolicy('uat', { tier: 'test', policy: { approvalsRequired: 2 } });
    await ada.services.sync.push();
    const pulled = await rita.services.sync.pull();
    const text = pulled.summary.sentences.join(' | ');
    assert.match(text, /signed policy changed: changes uat: approvalsRequired 1 → 2/);
    assert.deepEqual(pulled.summary.flagged, []);
  });
});
