import assert from 'node:assert/strict';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  SYNC_HISTORY_FILE,
  SYNC_HISTORY_LIMIT,
  appendSyncHistory,
  cleanSummary,
  readSyncHistory,
} from '../../../electron/services/sync/sync-history';
import type { SyncHistoryEntry } from '../../../shared/sync/sync-wire';
import { nativeGit } from '../../support/native-git';
import { tempDir } from '../../support/temp-dir';

async function repository(): Promise<string> {
  const dir = await tempDir('ferry-sync-history-');
  nativeGit(dir, 'init', '-q');
  return dir;
}

function entry(index: number, outcome: SyncHistoryEntry['outcome'] = 'ok'): SyncHistoryEntry {
  return {
    at: new Date(Date.UTC(2026, 11, 6, 12, 0, index)).toISOString(),
    operation: 'pull',
    remote: 'origin',
    outcome,
    summary: `pull ${index}`,
  };
}

describe('sync history (issue 16)', () => {
  it('keeps entries inside .git, newest first, and none when there are none', async () => {
    const dir = await repository();
    assert.deepEqual(await readSyncHistory(dir), []);
    await appendSyncHistory(dir, entry(1));
    await appendSyncHistory(dir, entry(2, 'failed'));
    assert.deepEqual(
      (await readSyncHistory(dir)).map((found) => [found.summary, found.outcome]),
      [
        ['pull 2', 'failed'],
        ['pull 1', 'ok'],
      ],
    );
    assert.deepEqual(await readSyncHistory(dir, 1), [entry(2, 'failed')]);
    assert.match(await readFile(join(dir, '.git', SYNC_HISTORY_FILE), 'utf8'), /"pull 1"/);
    assert.equal(nativeGit(dir, 'status', '--porcelain'), '', 'git never sees it');
  });

  it(`is bounded: the last ${SYNC_HISTORY_LIMIT} are kept`, async () => {
    const dir = await repository();
    // Appends queued at once must all land (one file, rewritten in turn).
    await Promise.all(
      Array.from({ length: SYNC_HISTORY_LIMIT + 5 }, (_, index) => appendSyncHistory(dir, entry(index))),
    );
    const kept = await readSyncHistory(dir);
    assert.equal(kept.length, SYNC_HISTORY_LIMIT);
    assert.equal(kept[0]?.summary, `pull ${SYNC_HISTORY_LIMIT + 4}`);
    assert.equal(kept[kept.length - 1]?.summary, 'pull 5');
    const lines = (await readFile(join(dir, '.git', SYNC_HISTORY_FILE), 'utf8')).split('\n');
    assert.equal(lines.filter((line) => line !== '').length, SYNC_HISTORY_LIMIT);
  });

  it('skips lines that are not entries, and never keeps a password an address carried', async () => {
    const dir = await repository();
    await mkdir(join(dir, '.git', 'ferry'), { recursive: true });
    await appendFile(join(dir, '.git', SYNC_HISTORY_FILE), 'not json\n{"at":"yesterday"}\n');
    await appendSyncHistory(dir, {
      ...entry(1, 'failed'),
      summary: 'Push failed: https://rita:s3cret-PW@git.example.com/team.git refused\n  the push',
    });
    const [only, ...rest] = await readSyncHistory(dir);
    assert.deepEqual(rest, []);
    assert.equal(only?.summary, 'Push failed: https://git.example.com/team.git refused the push');
    assert.doesNotMatch(await readFile(join(dir, '.git', SYNC_HISTORY_FILE), 'utf8'), /s3cret/);
    assert.equal(cleanSummary('x'.repeat(5000)).length, 1000);
  });
});
