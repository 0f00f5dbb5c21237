import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyPath, emptyFacts, summarizePull } from '../../../electron/services/sync/pull-summary';

describe('a pull in words (issue 16)', () => {
  it('says who approved what, then environments, changesets and trust, flagged files last', () => {
    const facts = emptyFacts();
    facts.approvals = [
      { changesetId: 'video', title: 'Video support', approver: 'Rita', decision: 'approved', stale: false },
      { changesetId: 'hours', title: 'Holiday hours', approver: 'Rita', decision: 'approved', stale: false },
      { changesetId: 'old', title: 'Old idea', approver: 'Bob', decision: 'rejected', stale: false },
    ];
    facts.snapshots = ['prod'];
    facts.runs = [{ runId: 'r1', environment: 'prod', by: 'the release admin', rollback: false }];
    facts.changesets.changed = [
      { id: 'video', title: 'Video support' },
      { id: 'hours', title: 'Holiday hours' },
    ];
    facts.trust = { version: 3, changes: ['adds Bob (abc) as approver for all environments'] };
    facts.policy = ['changes prod: approvalsRequired 1 → 2'];
    facts.flagged = [
      { path: 'changesets/x.approvals/k.json', kind: 'approval', reason: 'it claims to be Rita’s approval' },
      { path: 'changesets/y.approvals/k.json', kind: 'approval', reason: 'another' },
    ];
    const summary = summarizePull(facts);
    assert.deepEqual(summary.sentences, [
      'Rita approved Video support and Holiday hours',
      'Bob rejected Old idea',
      'prod snapshot updated',
      '1 run by the release admin (prod)',
      '2 changesets changed (Video support, Holiday hours)',
      'trust root updated to version 3: adds Bob (abc) as approver for all environments',
      'signed policy changed: changes prod: approvalsRequired 1 → 2',
      '2 approvals did not verify and are ignored: changesets/x.approvals/k.json: it claims to be Rita’s approval; changesets/y.approvals/k.json: another',
    ]);
    assert.deepEqual(summary.approvals, [
      { changesetId: 'video', title: 'Video support', approver: 'Rita' },
      { changesetId: 'hours', title: 'Holiday hours', approver: 'Rita' },
    ]);
    assert.deepEqual(summary.changesets.changed, ['video', 'hours']);
    assert.deepEqual(summary.runs, [{ runId: 'r1', environment: 'prod', by: 'the release admin' }]);
    assert.equal(summary.flagged.length, 2);
  });

  it('names runs by several promoters one by one, and a stale approval as not counting', () => {
    const facts = emptyFacts();
    facts.runs = [
      { runId: 'a', environment: 'uat', by: 'Ada', rollback: false },
      { runId: 'b', environment: 'prod', by: 'Bob', rollback: true },
    ];
    facts.approvals = [{ changesetId: 'c', title: 'C', approver: 'Rita', decision: 'approved', stale: true }];
    facts.snapshots = ['uat', 'prod'];
    facts.other = 1;
    const summary = summarizePull(facts);
    assert.deepEqual(summary.sentences, [
      'Rita approved an earlier version of C (it has changed since, so that does not count)',
      'uat and prod snapshots updated',
      '2 runs (Ada: uat, Bob: a rollback of prod)',
      '1 other file changed',
    ]);
    assert.deepEqual(summary.approvals, [], 'a stale approval is not news of an approval');
  });

  it('knows the workspace layout', () => {
    assert.deepEqual(classifyPath('changesets/abc.json'), { kind: 'changeset', changesetId: 'abc' });
    assert.deepEqual(classifyPath('changesets/abc.approvals/k1.json'), {
      kind: 'approval',
      changesetId: 'abc',
      keyId: 'k1',
    });
    assert.deepEqual(classifyPath('environments/prod/snapshot/routing.queue/q.json'), {
      kind: 'snapshot',
      environment: 'prod',
    });
    assert.deepEqual(classifyPath('environments/prod/ids.json'), { kind: 'snapshot', environment: 'prod' });
    assert.deepEqual(classifyPath('environments/prod/parameters.json'), {
      kind: 'parameters',
      environment: 'prod',
    });
    assert.deepEqual(classifyPath('runs/r1/result.json'), { kind: 'run', runId: 'r1' });
    assert.deepEqual(classifyPath('trust/root/3.json'), { kind: 'trust-root', version: 3 });
    assert.deepEqual(classifyPath('audit/k.jsonl'), { kind: 'audit', keyId: 'k' });
    assert.deepEqual(classifyPath('README.md'), { kind: 'other' });
  });
});
