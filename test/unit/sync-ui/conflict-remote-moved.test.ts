// The renderer's global `window.ferry`, which the client under test reads, for this (node) project.
import type {} from '../../../renderer/src/api/window-ferry';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApiError } from '../../../shared/api/api-error';
import type { ChannelName } from '../../../shared/api/channels';
import { buildWindowApi } from '../../../shared/api/window-api';
import type { SyncConflict } from '../../../shared/sync/sync-wire';
import { installFerryApi } from '../../../renderer/src/api/ferry-client';
import { REMOTE_MOVED_NOTICE, useSyncStore } from '../../../renderer/src/features/sync/sync-store';

const BEFORE = 'a'.repeat(40);
const AFTER = 'b'.repeat(40);

function conflictAt(theirsCommit: string, theirs: string): SyncConflict {
  return {
    path: 'environments/prod/parameters.json',
    kind: 'other',
    changesetId: null,
    title: null,
    base: '{}',
    mine: '{"a":1}',
    theirs,
    choices: ['mine', 'theirs'],
    approvals: { mine: [], theirs: [] },
    theirsCommit,
  };
}

/** Every call the store makes; the remote's conflicts move on between the first and second listing. */
const calls: { channel: ChannelName; request: Record<string, unknown> }[] = [];
const listings = [[conflictAt(BEFORE, '{"a":2}')], [conflictAt(AFTER, '{"a":3}')]];
const moved: ApiError = {
  code: 'sync.remote-moved',
  message: 'The remote changed since you looked at the conflicts; nothing was merged.',
};

const ferry = buildWindowApi({
  invoke: async (channel, request) => {
    calls.push({ channel, request: request as Record<string, unknown> });
    if (channel === 'sync.conflicts') {
      const listing = listings.shift();
      if (listing !== undefined) return { ok: true, value: listing };
    }
    if (channel === 'sync.resolve') return { ok: false, error: moved };
    return { ok: false, error: { code: 'internal', message: `not answered in this test: ${channel}` } };
  },
  subscribe: () => () => undefined,
});
Object.assign(globalThis, { window: { ferry } });
installFerryApi();

describe('a resolve refused because the remote moved on (issue 16)', () => {
  it('reloads the conflicts in the dialog and says why, instead of leaving the stale ones with an error', async () => {
    const store = useSyncStore.getState();
    await store.openConflicts();
    assert.equal(useSyncStore.getState().conflicts?.[0]?.theirsCommit, BEFORE);

    await useSyncStore.getState().resolve({ 'environments/prod/parameters.json': 'mine' });

    const resolve = calls.find((call) => call.channel === 'sync.resolve');
    assert.equal(resolve?.request.theirsCommit, BEFORE, 'the resolve named the commit the person looked at');
    const listed = calls.filter((call) => call.channel === 'sync.conflicts');
    assert.equal(listed.length, 2, 'the conflicts were read again after the refusal');
    const state = useSyncStore.getState();
    assert.equal(state.conflicts?.[0]?.theirsCommit, AFTER);
    assert.equal(state.conflicts?.[0]?.theirs, '{"a":3}');
    assert.equal(state.conflictError, REMOTE_MOVED_NOTICE);
    assert.match(
      state.conflictError ?? '',
      /The remote changed since you looked; here are the conflicts as they are now/,
    );
    assert.equal(state.conflictsLoading, false);
    assert.equal(state.transfer, null);
    assert.equal(state.lastPull, null, 'nothing was merged');
  });
});
