import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FerryError } from '../../shared/api/api-error';
import { nativeGit } from '../support/native-git';
import { sandboxWorkspace, type SandboxWorkspace } from '../support/sandbox-workspace';

/*
 * Attack (issue 18): `parameter.secret-elsewhere` refuses a plain value for a name that is a
 * secret in another environment — but it did only for a name new here. A teammate committing
 * `"apiToken": {"type": "string", "value": "x"}` to uat's parameters.json (unsigned workspace
 * text) turned it off: the next `ferry param set uat apiToken <token>` (no --type: the type is the
 * file's), or the Parameters tab showing it as text, wrote the token to the workspace as plain
 * text. Now every plain value of such a name needs --plain (plainOnPurpose), whatever the file says.
 */
describe('attack: a planted plain parameter does not let a secret into the workspace (issue 18)', () => {
  let world: SandboxWorkspace;
  const declare = async (environment: string, parameters: Record<string, unknown>) => {
    await mkdir(join(world.dir, 'environments', environment), { recursive: true });
    await writeFile(
      join(world.dir, 'environments', environment, 'parameters.json'),
      `${JSON.stringify({ formatVersion: 1, parameters, mappings: {} }, null, 2)}\n`,
    );
    nativeGit(world.dir, 'add', '-A');
    nativeGit(world.dir, 'commit', '-qm', `parameters of ${environment}`);
  };
  before(async () => {
    world = await sandboxWorkspace({
      prefix: 'ferry-attack2-param-',
      author: { name: 'Pat Param', email: 'pat@example.test' },
      orgs: ['uat', 'prod'],
    });
    await declare('prod', { apiToken: { type: 'secret' } });
    // What a hostile teammate's commit leaves: the name plain in uat.
    await declare('uat', { apiToken: { type: 'string', value: 'x' } });
  });
  after(() => world.close());

  it('a plain value for a name secret elsewhere is refused though the file says plain', async () => {
    const token = 'uat-real-token-7f3a9c-DO-NOT-LEAK';
    for (const type of [undefined, 'string']) {
      await assert.rejects(
        world.services.parameters.set({
          environment: 'uat',
          name: 'apiToken',
          value: token,
          ...(type === undefined ? {} : { type }),
        }),
        (error: unknown) =>
          error instanceof FerryError &&
          error.code === 'parameter.secret-elsewhere' &&
          /secret in prod/.test(error.message),
      );
    }
    const file = await readFile(join(world.dir, 'environments', 'uat', 'parameters.json'), 'utf8');
    assert.equal(file.includes(token), false, 'the token stays out of the workspace');
    // On purpose it still goes.
    await world.services.parameters.set({
      environment: 'uat',
      name: 'apiToken',
      value: 'not-a-secret-really',
      plainOnPurpose: true,
    });
  });
});
