import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  everyConflictChosen,
  indicatorText,
  progressPercent,
  progressText,
  pullOutcomeSentence,
  resolvedSentence,
  staleApprovals,
  staleApprovalWarning,
  statusSentence,
  syncFailureText,
} from '../../../renderer/src/features/sync/sync-model';

describe('sync model (what the Sync page and the sidebar say)', () => {
  it('counts ahead and behind as arrows, and in words for screen readers', () => {
    assert.equal(indicatorText({ ahead: 2, behind: 1 }), '↑2 ↓1');
    assert.equal(indicatorText({ ahead: 0, behind: 3 }), '↓3');
    assert.equal(indicatorText({ ahead: 0, behind: 0 }), '✓');
    assert.equal(
      statusSentence({ ahead: 1, behind: 2, remote: 'origin' }),
      '1 commit to push, 2 commits to pull (origin).',
    );
    assert.equal(statusSentence({ ahead: 0, behind: 0, remote: 'origin' }), 'Up to date with origin.');
  });

  it('shows progress without a known total as a count, never as a percentage', () => {
    const progress = { operation: 'fetch' as const, phase: 'Receiving objects', loaded: 40, total: 0 };
    assert.equal(progressPercent(progress), null);
    assert.equal(progressText(progress), 'Receiving objects: 40');
    assert.equal(progressPercent({ ...progress, total: 160 }), 25);
    assert.equal(progressText({ ...progress, total: 160 }), 'Receiving objects: 40 of 160');
    assert.equal(progressPercent({ ...progress, loaded: 200, total: 160 }), 100);
    assert.equal(progressText(null), 'Starting…');
  });

  it('says what a pull did', () => {
    assert.match(
      pullOutcomeSentence({ outcome: 'up-to-date', remote: 'origin', files: [] }),
      /already has everything/,
    );
    assert.equal(
      pullOutcomeSentence({ outcome: 'fast-forward', remote: 'origin', files: ['a', 'b'] }),
      'Pulled from origin: 2 files updated.',
    );
  });

  it('names the approvals a conflict choice makes stale: those of the version not kept', () => {
    const conflict = { approvals: { mine: ['Rita'], theirs: ['Bob', 'Eve'] } };
    assert.deepEqual(staleApprovals(conflict, 'mine'), ['Bob', 'Eve']);
    assert.deepEqual(staleApprovals(conflict, 'theirs'), ['Rita']);
    // Both keeps theirs at its id; mine becomes a copy with a new id, which no approval covers.
    assert.deepEqual(staleApprovals(conflict, 'both'), ['Rita']);
    assert.match(
      staleApprovalWarning(conflict, 'mine') ?? '',
      /^Bob, Eve’s approvals of their version will be stale/,
    );
    assert.equal(staleApprovalWarning({ approvals: { mine: [], theirs: [] } }, 'theirs'), null);
  });

  it('offers Resolve only once every conflict has a choice it allows', () => {
    const conflicts = [
      { path: 'changesets/a.json', choices: ['mine', 'theirs', 'both'] as const },
      { path: 'ferry.json', choices: ['mine', 'theirs'] as const },
    ].map((conflict) => ({ ...conflict, choices: [...conflict.choices] }));
    assert.equal(everyConflictChosen(conflicts, { 'changesets/a.json': 'both' }), false);
    assert.equal(
      everyConflictChosen(conflicts, { 'changesets/a.json': 'both', 'ferry.json': 'both' }),
      false,
    );
    assert.equal(
      everyConflictChosen(conflicts, { 'changesets/a.json': 'both', 'ferry.json': 'theirs' }),
      true,
    );
  });

  it('says where "both" put your version', () => {
    assert.match(
      resolvedSentence({
        path: 'changesets/video.json',
        choice: 'both',
        changesetId: 'video',
        title: 'Video',
        copy: {
          changesetId: 'video-copy-1a2b3c',
          path: 'changesets/video-copy-1a2b3c.json',
          title: 'Video (your copy)',
        },
      }),
      /^Video: took the remote’s version and saved yours as “Video \(your copy\)” \(video-copy-1a2b3c\)/,
    );
  });

  it('words refusals for the app, not with the CLI commands the service names', () => {
    const cli = 'x refused: store them with `ferry remote login x`';
    assert.doesNotMatch(syncFailureText('sync.auth-failed', cli, 'page'), /ferry/);
    assert.match(syncFailureText('sync.auth-failed', cli, 'clone'), /fill them in below/);
    assert.match(syncFailureText('sync.behind', cli, 'page'), /pull first, or use Sync/);
    assert.equal(syncFailureText('sync.unreachable', 'The fetch failed.', 'page'), 'The fetch failed.');
  });
});
