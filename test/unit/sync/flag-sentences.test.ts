import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyFacts, summarizePull } from '../../../electron/services/sync/pull-summary';
import { sentencesWithoutFlags } from '../../../shared/sync/flag-sentences';

describe('flagged files said once (issue 16)', () => {
  it('leaves out only the sentences about files that did not verify, for hosts that list those apart', () => {
    const facts = emptyFacts();
    facts.snapshots = ['prod'];
    facts.flagged = [
      {
        path: 'changesets/video.approvals/x.json',
        kind: 'approval',
        reason: 'the signature does not verify',
      },
    ];
    const summary = summarizePull(facts);
    assert.ok(summary.sentences.some((sentence) => sentence.includes('did not verify')));
    const plain = sentencesWithoutFlags(summary);
    assert.ok(plain.length > 0, 'the snapshot sentence stays');
    assert.ok(
      plain.every((sentence) => !sentence.includes('did not verify')),
      plain.join(' | '),
    );
    assert.equal(plain.length, summary.sentences.length - 1);
  });
});
