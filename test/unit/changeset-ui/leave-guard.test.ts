import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { leavesEditor, useNavigationStore } from '../../../renderer/src/stores/navigation-store';

const navigation = () => useNavigationStore.getState();

describe('leaving the changeset editor waits for a choice when work is unsaved', () => {
  beforeEach(() => {
    useNavigationStore.setState({
      page: 'changesets',
      changesetId: 'cs-1',
      browsing: null,
      leaveGuard: null,
      pendingLeave: null,
    });
  });

  it('knows which navigations close the editor', () => {
    const open = { page: 'changesets' as const, changesetId: 'cs-1', browsing: null };
    assert.equal(leavesEditor(open, { page: 'compare' }), true);
    assert.equal(leavesEditor(open, { page: 'changesets', changesetId: null }), true);
    assert.equal(leavesEditor(open, { page: 'changesets', changesetId: 'cs-2' }), true);
    assert.equal(leavesEditor(open, { page: 'changesets', browsing: null }), false);
    assert.equal(leavesEditor(open, { page: 'environments', browsing: 'uat' }), true);
    assert.equal(leavesEditor({ ...open, changesetId: null }, { page: 'compare' }), false);
  });

  it('holds a sidebar navigation while the guard says there is unsaved work', () => {
    navigation().setLeaveGuard(() => true);
    navigation().go('compare');
    assert.equal(navigation().page, 'changesets');
    assert.notEqual(navigation().pendingLeave, null);
    navigation().resolveLeave('stay');
    assert.equal(navigation().page, 'changesets');
    assert.equal(navigation().pendingLeave, null);

    navigation().openChangeset('cs-2');
    assert.equal(navigation().changesetId, 'cs-1');
    navigation().resolveLeave('proceed');
    assert.equal(navigation().changesetId, 'cs-2');
  });

  it('lets every navigation through when nothing is unsaved, and within the editor always', () => {
    navigation().setLeaveGuard(() => true);
    navigation().go('changesets');
    assert.equal(navigation().pendingLeave, null, 'staying on the same changeset is not leaving');
    navigation().setLeaveGuard(() => false);
    navigation().openDrift('uat');
    assert.equal(navigation().page, 'compare');
  });

  it('guards any action, such as closing the workspace', () => {
    let closed = false;
    navigation().setLeaveGuard(() => true);
    navigation().requestLeave(() => {
      closed = true;
    });
    assert.equal(closed, false);
    navigation().resolveLeave('proceed');
    assert.equal(closed, true);
  });
});
