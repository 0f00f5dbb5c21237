import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { changedFieldMatcher } from '../../../renderer/src/features/changesets/changed-fields';
import { diffRemountKey } from '../../../renderer/src/features/changesets/diff-remount-key';
import {
  changesetStanding,
  matchesChangesetSearch,
} from '../../../renderer/src/features/changesets/changeset-status';
import { formatDateTime } from '../../../shared/format/date-time';
import type { ChangesetSummaryWire } from '../../../shared/model/changeset-wire';
import type { ApprovalWire } from '../../../shared/model/promotion-wire';
import type { RunSummary } from '../../../shared/promotion/engine/run-records';

describe('changed fields in the form', () => {
  const changed = changedFieldMatcher(['acwSettings.timeoutMs', 'mediaSettings.chat', 'wrapupCodes']);
  it('marks the field at, inside or around a change', () => {
    assert.equal(changed('field-acwSettings.timeoutMs'), true);
    assert.equal(changed('field-mediaSettings.chat.alertingTimeoutSeconds'), true, 'a whole object changed');
    assert.equal(changed('field-acwSettings'), true, 'a field holding the change');
    assert.equal(changed('field-wrapupCodes'), true);
  });
  it('leaves other fields alone, including ones whose names only start alike', () => {
    assert.equal(changed('field-acwSettings.wrapupPrompt'), false);
    assert.equal(changed('field-mediaSettings.chatbot'), false);
    assert.equal(changed('field-wrapupCodesExtra'), false);
    assert.equal(changed('acwSettings.timeoutMs'), false, 'only form fields');
  });
});

function run(partial: Partial<RunSummary> & Pick<RunSummary, 'id'>): RunSummary {
  return {
    kind: 'promote',
    rollbackOf: null,
    changesetId: 'cs-1',
    environment: 'uat',
    startedAt: null,
    finishedAt: null,
    status: 'succeeded',
    message: null,
    ...partial,
  };
}

function approval(partial: Partial<ApprovalWire>): ApprovalWire {
  return {
    file: 'a.json',
    status: 'valid',
    counts: true,
    reason: '',
    keyId: 'k1',
    owner: 'Rita',
    decision: 'approved',
    comment: null,
    approvedAt: null,
    signedDigest: 'd',
    currentDigest: 'd',
    ...partial,
  };
}

describe('changeset status in the list', () => {
  it('is promoted once a promotion succeeded and was not rolled back', () => {
    assert.deepEqual(
      changesetStanding('cs-1', [], [run({ id: 'r1' }), run({ id: 'r2', environment: 'prod' })]),
      {
        status: 'promoted',
        text: 'promoted to prod, uat',
      },
    );
    const undone = [run({ id: 'r1' }), run({ id: 'r3', kind: 'rollback', rollbackOf: 'r1' })];
    assert.equal(changesetStanding('cs-1', [], undone).status, 'draft');
    assert.equal(changesetStanding('cs-1', [], [run({ id: 'r1', status: 'stopped' })]).status, 'draft');
    assert.equal(changesetStanding('cs-2', [], [run({ id: 'r1' })]).status, 'draft', 'another changeset');
  });

  it('is approved only by approvals that count, once per key', () => {
    assert.deepEqual(changesetStanding('cs-1', [approval({}), approval({ file: 'b.json' })], []), {
      status: 'approved',
      text: 'approved by 1 key',
    });
    assert.equal(
      changesetStanding('cs-1', [approval({ counts: false, status: 'untrusted' })], []).status,
      'draft',
    );
    assert.equal(changesetStanding('cs-1', [approval({ decision: 'rejected' })], []).status, 'draft');
  });

  it('search matches every word across title, ticket, author, id and status', () => {
    const item: ChangesetSummaryWire = {
      id: 'raise-acw-1a2b3c',
      file: 'changesets/raise-acw-1a2b3c.json',
      title: 'Raise ACW on billing',
      ticket: 'CHG-1042',
      author: 'Ada',
      createdAt: null,
      operations: 1,
      digest: null,
      problem: null,
    };
    const standing = { status: 'approved' as const, text: 'approved by 1 key' };
    assert.equal(matchesChangesetSearch(item, standing, ''), true);
    assert.equal(matchesChangesetSearch(item, standing, 'billing chg-1042'), true);
    assert.equal(matchesChangesetSearch(item, standing, 'approved'), true);
    assert.equal(matchesChangesetSearch(item, standing, 'billing prod'), false);
  });
});

describe('dates for people', () => {
  it('writes year first, a 24-hour clock and the time zone', () => {
    assert.equal(formatDateTime('2026-12-06T14:03:00Z', 'UTC'), '2026-12-06 14:03 UTC');
    assert.equal(formatDateTime('2026-12-06T14:03:00Z', 'Europe/Paris'), '2026-12-06 15:03 CET');
    assert.equal(formatDateTime(Date.UTC(2026, 6, 6, 0, 3), 'America/New_York'), '2026-07-05 20:03 GMT-4');
  });
  it('shows text that is not a date as it is rather than "Invalid Date"', () => {
    assert.equal(formatDateTime('soon'), 'soon');
  });
});

describe('a diff editor is remounted, never fed swapped models', () => {
  it('gets a new key whenever either text changes, and the same key for the same texts', () => {
    const key = diffRemountKey('queue', '{"a":1}', '{"a":2}');
    assert.equal(diffRemountKey('queue', '{"a":1}', '{"a":2}'), key);
    assert.notEqual(diffRemountKey('queue', '{"a":1}', '{"a":3}'), key);
    assert.notEqual(diffRemountKey('queue', null, '{"a":2}'), diffRemountKey('queue', '', '{"a":2}'));
    assert.notEqual(diffRemountKey('ab', 'c'), diffRemountKey('a', 'bc'), 'texts are kept apart');
  });
});
