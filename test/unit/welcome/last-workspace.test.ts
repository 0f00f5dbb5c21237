import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startChoice } from '../../../shared/model/last-workspace';

const entry = (name: string, available: boolean) => ({
  path: `/work/${name}`,
  name,
  openedAt: '2026-12-06T08:00:00.000Z',
  available,
});

describe('which workspace opens at start', () => {
  it('reopens the workspace used last', () => {
    const last = entry('contact-centre', true);
    assert.deepEqual(startChoice([last, entry('older', true)], false), { action: 'reopen', workspace: last });
  });

  it('shows the welcome page when there is none', () => {
    assert.deepEqual(startChoice([], false), { action: 'welcome', gone: null });
  });

  it('shows the welcome page, naming it, when the last one is gone; never an older one instead', () => {
    const gone = entry('moved', false);
    assert.deepEqual(startChoice([gone, entry('older', true)], false), { action: 'welcome', gone });
  });

  it('stays on the welcome page the person switched to', () => {
    assert.deepEqual(startChoice([entry('contact-centre', true)], true), { action: 'welcome', gone: null });
  });
});
