import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { nativeGit } from '../../support/native-git';
import { sandboxWorkspace, type SandboxWorkspace } from '../../support/sandbox-workspace';

/**
 * A pipeline gives a secret parameter as FERRY_PARAM_<ENV>_<NAME>, and with environments "prod"
 * and "prod-eu" the variable FERRY_PARAM_PROD_EU_TOKEN is prod-eu's `token` and prod's `eu_token`
 * alike. A teammate who declares a secret `eu_token` in prod's parameters.json must not get
 * prod-eu's token sent to prod's org (or anywhere a prod changeset puts it).
 */
const author = { name: 'Paula Pipeline', email: 'paula@example.test' };
const EU_TOKEN = 'tok-prod-eu-only-31415926';

describe('pipeline secret variables shared by two environments (issue 15 attack)', () => {
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
      prefix: 'ferry-attack-pipeline-',
      author,
      orgs: ['uat', 'prod'],
      env: { FERRY_PARAM_PROD_EU_TOKEN: EU_TOKEN },
    });
    const uat = await world.services.environments.get('uat');
    assert.equal(uat.kind, 'sandbox');
    await world.services.environments.save({ ...uat, name: 'prod-eu', tier: 'prod' }, undefined);
    await declare('prod-eu', { token: { type: 'secret' } });
  });
  after(() => world.close());

  it('prod-eu gets its token from the pipeline while nothing else could claim the variable', async () => {
    assert.equal((await world.services.parameters.secretValues('prod-eu')).get('token'), EU_TOKEN);
  });

  it("prod's look-alike secret does not get prod-eu's token", async () => {
    await declare('prod', { eu_token: { type: 'secret' } });
    const prod = await world.services.parameters.secretValues('prod');
    assert.equal(prod.get('eu_token'), undefined);
    const { secrets } = await world.services.parameters.values('prod', ['eu_token']);
    assert.deepEqual([...secrets], []);
    const [view] = await world.services.parameters.list('prod');
    assert.equal(view?.parameters.find((parameter) => parameter.name === 'eu_token')?.hasValue, false);
  });
});
