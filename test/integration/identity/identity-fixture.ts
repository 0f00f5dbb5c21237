import { join } from 'node:path';
import { createFerryServices, type FerryServices } from '../../../electron/host/core/ferry-services';
import {
  createIdentityServices,
  type IdentityServices,
} from '../../../electron/services/identity/identity-services';
import { tempDir } from '../../support/temp-dir';

export const PASSPHRASE = 'test passphrase';

/** A shared clock the tests can move, e.g. past a key's not-after date. */
export class TestClock {
  constructor(public current = new Date('2026-03-01T09:00:00.000Z')) {}
  now = (): Date => new Date(this.current);
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface Machine {
  name: string;
  dataDir: string;
  services: FerryServices;
  identity: IdentityServices;
}

/** One person's machine: its own data folder (vault, signing key) on the shared workspace. */
export async function machine(
  root: string,
  name: string,
  workspace: string,
  clock: TestClock,
  create = false,
): Promise<Machine> {
  const dataDir = join(root, `data-${name.toLowerCase()}`);
  const services = createFerryServices({
    dataDir,
    version: 'test',
    env: { FERRY_VAULT_PASSPHRASE: PASSPHRASE },
    author: { name, email: `${name.toLowerCase()}@example.test` },
    clock: clock.now,
  });
  if (create) await services.workspace.create(workspace, 'Identity');
  else await services.workspace.open(workspace);
  return { name, dataDir, services, identity: createIdentityServices(services, dataDir) };
}

/** A workspace made by Ada (who authors changesets), with a fresh temp root for more machines. */
export async function teamWorkspace(prefix: string) {
  const root = await tempDir(prefix);
  const workspace = join(root, 'ws');
  const clock = new TestClock();
  const ada = await machine(root, 'Ada', workspace, clock, true);
  return { root, workspace, clock, ada, machine: (name: string) => machine(root, name, workspace, clock) };
}
