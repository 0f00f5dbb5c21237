import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { FerryError } from '../../../shared/api/api-error';
import type { EnvironmentConfig } from '../../../shared/model/environment';
import { DEMO_CLIENTS } from '../../../electron/sandbox';
import {
  CredentialSource,
  secretDestination,
} from '../../../electron/services/environments/credential-source';
import { CredentialVault } from '../../../electron/services/vault/credential-vault';
import { headlessCipherFactory } from '../../../electron/services/vault/headless-cipher';
import { tempDir } from '../../support/temp-dir';

const PASSPHRASE = 'correct horse battery staple';
const WORKSPACE = 'ws-1234';

const sandboxProd: EnvironmentConfig = {
  name: 'prod',
  kind: 'sandbox',
  url: 'embedded',
  org: 'prod',
  tier: 'prod',
  clientId: DEMO_CLIENTS.prod.clientId,
  policy: {},
};
const cloudUat: EnvironmentConfig = {
  name: 'cloud-uat',
  kind: 'genesys-cloud',
  region: 'eu-west-1',
  tier: 'test',
  clientId: 'real-client-id',
  policy: {},
};

async function noSecretFor(source: CredentialSource, environment: EnvironmentConfig, variable: string) {
  assert.equal(await source.hasSecret(WORKSPACE, environment), false);
  await assert.rejects(source.secret(WORKSPACE, environment), (error: unknown) => {
    assert.ok(error instanceof FerryError);
    assert.equal(error.code, 'environment.no-credentials');
    assert.ok(error.message.includes(variable), error.message);
    assert.deepEqual(error.details, { environment: environment.name });
    return true;
  });
}

describe('CredentialSource', () => {
  let vault: CredentialVault;
  let source: (env: NodeJS.ProcessEnv) => CredentialSource;

  before(async () => {
    vault = new CredentialVault(
      join(await tempDir('ferry-credentials-'), 'vault.json'),
      headlessCipherFactory({ FERRY_VAULT_PASSPHRASE: PASSPHRASE }),
    );
    source = (env) => new CredentialSource(vault, env);
  });

  it('keys vault entries by workspace and environment', () => {
    assert.equal(source({}).vaultKey(WORKSPACE, 'prod'), `${WORKSPACE}/prod`);
  });

  it('falls back to the published demo secret for a sandbox org with its demo client', async () => {
    assert.equal(await source({}).secret(WORKSPACE, sandboxProd), DEMO_CLIENTS.prod.clientSecret);
    assert.equal(await source({}).hasSecret(WORKSPACE, sandboxProd), true);
  });

  it('gives the demo secret to a sandbox environment that leaves the client id to its org', async () => {
    const { clientId: _omitted, ...withoutClientId } = sandboxProd;
    void _omitted;
    assert.equal(await source({}).secret(WORKSPACE, withoutClientId), DEMO_CLIENTS.prod.clientSecret);
  });

  it('offers no demo secret when the client id is not the demo client, nor for a real org', async () => {
    await noSecretFor(source({}), { ...sandboxProd, clientId: 'someone-else' }, 'FERRY_CLIENT_SECRET_PROD');
    await noSecretFor(source({}), cloudUat, 'FERRY_CLIENT_SECRET_CLOUD_UAT');
  });

  it('gives a Genesys Cloud environment the secret stored for its destination', async () => {
    await vault.storeBound(
      source({}).vaultKey(WORKSPACE, 'cloud-uat'),
      'stored-uat-secret',
      secretDestination(WORKSPACE, cloudUat),
    );
    assert.equal(await source({}).secret(WORKSPACE, cloudUat), 'stored-uat-secret');
    assert.equal(await source({}).hasSecret(WORKSPACE, cloudUat), true);
  });

  it('never gives a sandbox environment a stored or pipeline secret (issue 11)', async () => {
    await vault.storeBound(
      source({}).vaultKey(WORKSPACE, 'prod'),
      'stored-prod-secret',
      secretDestination(WORKSPACE, { ...cloudUat, name: 'prod' }),
    );
    await assert.rejects(source({}).secret(WORKSPACE, sandboxProd), {
      code: 'vault.secret-destination-changed',
    });
    assert.equal(await source({}).hasSecret(WORKSPACE, sandboxProd), false);
    await vault.remove(source({}).vaultKey(WORKSPACE, 'prod'));
    await assert.rejects(
      source({ FERRY_CLIENT_SECRET_PROD: 'pipeline-prod' }).secret(WORKSPACE, sandboxProd),
      {
        code: 'environment.secret-not-for-sandbox',
      },
    );
    assert.equal(await source({}).secret(WORKSPACE, sandboxProd), DEMO_CLIENTS.prod.clientSecret);
  });

  it('prefers FERRY_CLIENT_SECRET_<ENV> to the vault, with dashes as underscores', async () => {
    const env = { FERRY_CLIENT_SECRET_CLOUD_UAT: 'pipeline-uat' };
    assert.equal(await source(env).secret(WORKSPACE, cloudUat), 'pipeline-uat');
  });

  it('ignores an empty variable and another environment’s variable', async () => {
    const env = { FERRY_CLIENT_SECRET_CLOUD_UAT: '', FERRY_CLIENT_SECRET_PROD: 'pipeline-prod' };
    assert.equal(await source(env).secret(WORKSPACE, cloudUat), 'stored-uat-secret');
  });

  it('does not use a secret stored for another workspace', async () => {
    assert.equal(await source({}).hasSecret('another-workspace', cloudUat), false);
    await assert.rejects(source({}).secret('another-workspace', cloudUat), {
      code: 'environment.no-credentials',
    });
  });

  it('uses the environment variable and the demo secret when there is no vault', async () => {
    const locked = new CredentialVault(
      join(await tempDir('ferry-credentials-'), 'vault.json'),
      headlessCipherFactory({}),
    );
    const withoutVault = (env: NodeJS.ProcessEnv) => new CredentialSource(locked, env);
    assert.equal(await withoutVault({}).secret(WORKSPACE, sandboxProd), DEMO_CLIENTS.prod.clientSecret);
    assert.equal(
      await withoutVault({ FERRY_CLIENT_SECRET_CLOUD_UAT: 'pipeline-uat' }).secret(WORKSPACE, cloudUat),
      'pipeline-uat',
    );
    await noSecretFor(withoutVault({}), cloudUat, 'FERRY_CLIENT_SECRET_CLOUD_UAT');
  });

  it('never puts a secret into its error', async () => {
    const env = { FERRY_CLIENT_SECRET_PROD: 'pipeline-prod-secret' };
    await assert.rejects(
      source(env).secret(WORKSPACE, { ...cloudUat, name: 'staging' }),
      (error: unknown) => {
        assert.ok(error instanceof FerryError);
        const text = `${error.message} ${JSON.stringify(error.toApiError())}`;
        assert.ok(!text.includes('pipeline-prod-secret') && !text.includes('stored-uat-secret'));
        return true;
      },
    );
  });
});
