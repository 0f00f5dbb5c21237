import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { nativeGit } from '../../support/native-git';
import { sandboxWorkspace, type SandboxWorkspace } from '../../support/sandbox-workspace';

/**
 * A text value or a mapped name with a newline or a terminal escape (pasted from an org field,
 * or from a compare) must not shape the commit that records it: no forged second paragraph or
 * trailer, nothing that redraws a reviewer's `git log`. The value itself is kept as given.
 */
const author = { name: 'Cora Commit', email: 'cora@example.test' };

describe('parameter commits with control characters (issue 15 attack)', () => {
  let world: SandboxWorkspace;
  before(async () => {
    world = await sandboxWorkspace({ prefix: 'ferry-attack-commit-', author, orgs: ['uat'] });
  });
  after(() => world.close());

  const lastMessage = () => nativeGit(world.dir, 'log', '-1', '--format=%B').trimEnd();

  it('a value set with a newline and an escape commits one line, the value intact', async () => {
    const value = 'Welcome\n\nApproved-by: Head of Ops\u001b[2K';
    const view = await world.services.parameters.set({ environment: 'uat', name: 'greeting', value });
    assert.equal(view.parameters.find((parameter) => parameter.name === 'greeting')?.value, value);
    const message = lastMessage();
    assert.equal(message.split('\n').length, 1, message);
    assert.ok(!message.includes('\u001b'));
    assert.match(message, /Welcome\\u000a\\u000aApproved-by/);
  });

  it('a mapped name with a newline commits one line', async () => {
    await world.services.parameters.map(
      'uat',
      'authorization.division',
      'Customer Service',
      'Care\nSigned-off-by: x',
    );
    assert.equal(lastMessage().split('\n').length, 1, lastMessage());
    await world.services.parameters.unmap('uat', 'authorization.division', 'Customer Service');
    assert.equal(lastMessage().split('\n').length, 1, lastMessage());
  });
});
