import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { isFerryError } from '../../../shared/api/api-error';
import { keepLeaseAlive } from '../../../electron/services/locks/lease-keeper';
import { RemoteLease } from '../../../electron/services/locks/remote-lease';
import { startGitHttpServer, type GitHttpServer } from '../../support/git-http-server';

/** A long run's lease kept alive by renewals, and the run told at once when it is taken from it. */

const USERNAME = 'release-admin';
const PASSWORD = 'keeper-secret-5e1d';
let server: GitHttpServer;

before(async () => {
  server = await startGitHttpServer({ user: USERNAME, password: PASSWORD });
});
after(() => server.close());

function leaseOn(url: string, clock?: () => Date): RemoteLease {
  return new RemoteLease({
    url,
    credentials: () => Promise.resolve({ username: USERNAME, password: PASSWORD }),
    ...(clock ? { clock } : {}),
  });
}

describe('keeping a remote lease alive', () => {
  it('renews a short lease past its first expiry, so another machine stays refused', async () => {
    server.createRepository('kept');
    const url = server.urlOf('kept');
    const held = await leaseOn(url).acquire('prod', {
      holder: 'Rita Admin',
      runId: 'run-1',
      purpose: '',
      ttlMs: 2_000,
    });
    const firstExpiry = held.record.expiresAt;
    const lost: unknown[] = [];
    const keeper = keepLeaseAlive(held, { everyMs: 500, onLost: (error) => lost.push(error) });
    await delay(2_600);
    await assert.rejects(
      leaseOn(url).acquire('prod', { holder: 'Sam Release', runId: 'run-2', purpose: '', ttlMs: 2_000 }),
      (error: unknown) =>
        isFerryError(error) && error.code === 'environment.locked' && /Rita Admin/.test(error.message),
    );
    await keeper.stop();
    assert.ok(Date.parse(held.record.expiresAt) > Date.parse(firstExpiry), 'renewed');
    assert.deepEqual(lost, []);
    assert.equal((await held.release()).released, true);
  });

  it('tells the run when its lease was broken and taken, and stops renewing', async () => {
    server.createRepository('taken');
    const url = server.urlOf('taken');
    const held = await leaseOn(url).acquire('prod', {
      holder: 'Rita Admin',
      runId: 'run-1',
      purpose: '',
      ttlMs: 60_000,
    });
    // Another machine, whose clock is past the expiry, breaks it with a reason and takes it.
    const later = () => new Date(Date.now() + 2 * 60 * 60_000);
    await leaseOn(url, later).acquire('prod', {
      holder: 'Sam Release',
      runId: 'run-2',
      purpose: '',
      ttlMs: 60_000,
      breakExpired: 'Rita is on leave',
    });
    const lost = new Promise<unknown>((resolve) => {
      const keeper = keepLeaseAlive(held, {
        everyMs: 200,
        onLost: (error) => {
          void keeper.stop();
          resolve(error);
        },
      });
    });
    const error = await lost;
    assert.ok(isFerryError(error) && error.code === 'lease.lost', String(error));
    assert.match(error.message, /Sam Release/);
  });
});
