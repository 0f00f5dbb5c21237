import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FerryError } from '../../../shared/api/api-error';
import { nativeGit } from '../../support/native-git';
import { sandboxWorkspace, type SandboxWorkspace } from '../../support/sandbox-workspace';

/**
 * Names that are properties of every JavaScript object (`__proto__`, `toString`) given where a
 * parameter, a type or a mapped name is expected (an IPC request, the CLI): not found, nothing
 * written, no commit.
 */
const author = { name: 'Pia Proto', email: 'pia@example.test' };

describe('prototype names (issue 15 attack)', () => {
  let world: SandboxWorkspace;
  before(async () => {
    world = await sandboxWorkspace({ prefix: 'ferry-attack-proto-', author, orgs: ['uat'] });
    await world.services.parameters.set({ environment: 'uat', name: 'alpha', value: 'a' });
  });
  after(() => world.close());

  const head = () => nativeGit(world.dir, 'rev-parse', 'HEAD').trim();
  const notFound = (error: unknown) => error instanceof FerryError && error.code === 'parameter.not-found';

  it('unmap of an inherited type or name is refused with nothing committed', async () => {
    const before = head();
    await assert.rejects(world.services.parameters.unmap('uat', '__proto__', 'toString'), notFound);
    await assert.rejects(world.services.parameters.unmap('uat', 'constructor', 'name'), notFound);
    await assert.rejects(world.services.parameters.unset('uat', 'toString'), notFound);
    await assert.rejects(world.services.parameters.unset('uat', '__proto__'), notFound);
    assert.equal(head(), before);
  });
});
