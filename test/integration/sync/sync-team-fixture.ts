import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFerryServices, type FerryServices } from '../../../electron/host/core/ferry-services';
import { SEEDED_DRIFT } from '../../../electron/sandbox';
import { startGitHttpServer, type GitHttpServer } from '../../support/git-http-server';
import { sandboxWorkspace, type SandboxWorkspace } from '../../support/sandbox-workspace';
import { tempDir } from '../../support/temp-dir';

/**
 * A team of three sharing one workspace through a real git server (native `git http-backend` on
 * 127.0.0.1 with basic auth), each on her own machine (workspace folder, data folder, signing
 * key): Ada the admin and promoter, whose workspace the team cloned; Rita, trusted as approver;
 * Mallory, who has push access and a key nobody trusts.
 */
const BIN = fileURLToPath(new URL('../../../bin/ferry.mjs', import.meta.url));
export const PASSPHRASE = 'sync team fixture passphrase';
export const VAULT = { FERRY_VAULT_PASSPHRASE: PASSPHRASE };
export const GIT_USER = 'team';
/** Distinctive, so finding it anywhere it must not be is certain. */
export const GIT_PASSWORD = 'sync-Team-Pass-7c21e0-DO-NOT-LEAK';

export interface Member {
  services: FerryServices;
  dir: string;
  dataDir: string;
  keyId: string;
  /** `ferry -w <dir> …` as this member, in a child process. */
  cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
}

export interface SyncTeam {
  workspace: SandboxWorkspace;
  server: GitHttpServer;
  ada: Member;
  rita: Member;
  mallory: Member;
  close(): Promise<void>;
}

function cliFor(dir: string, dataDir: string) {
  return (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [BIN, '-w', dir, ...args],
        { env: { ...process.env, ...VAULT, FERRY_DATA_DIR: dataDir } },
        (error, stdout, stderr) =>
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
      );
    });
}

async function teammate(
  name: string,
): Promise<{ services: FerryServices; dataDir: string; keyId: string; publicKey: string }> {
  const dataDir = join(await tempDir(`ferry-sync-${name.toLowerCase()}-`), 'data');
  const services = createFerryServices({
    dataDir,
    version: 'test',
    env: VAULT,
    author: { name, email: `${name.toLowerCase()}@example.test` },
  });
  const key = await services.identity.keys.init({ owner: name });
  return { services, dataDir, keyId: key.keyId, publicKey: key.publicKey };
}

/** Ada's workspace on the server; Rita and Mallory have cloned it through SyncService. */
export async function syncTeam(prefix: string): Promise<SyncTeam> {
  const workspace = await sandboxWorkspace({
    prefix,
    author: { name: 'Ada', email: 'ada@example.test' },
    orgs: ['dev', 'uat'],
    env: VAULT,
  });
  const ada = workspace.services;
  const adaKey = await ada.identity.keys.init({ owner: 'Ada' });
  const rita = await teammate('Rita');
  const mallory = await teammate('Mallory');
  await ada.identity.trust.init();
  await ada.identity.trust.add(rita.publicKey, { owner: 'Rita', roles: ['approver'] });
  await ada.identity.trust.setPolicy('uat', { tier: 'test', policy: { approvalsRequired: 1 } });

  const server = await startGitHttpServer({ user: GIT_USER, password: GIT_PASSWORD });
  await ada.remotes.add('origin', server.url);
  for (const member of [ada, rita.services, mallory.services]) {
    await member.remotes.login(server.url, { username: GIT_USER, password: GIT_PASSWORD });
  }
  await ada.sync.push();
  const root = await tempDir(`${prefix}clones-`);
  const ritaDir = join(root, 'rita');
  const malloryDir = join(root, 'mallory');
  await rita.services.sync.clone(server.url, ritaDir);
  await mallory.services.sync.clone(server.url, malloryDir);
  return {
    workspace,
    server,
    ada: {
      services: ada,
      dir: workspace.dir,
      dataDir: workspace.dataDir,
      keyId: adaKey.keyId,
      cli: cliFor(workspace.dir, workspace.dataDir),
    },
    rita: { ...rita, dir: ritaDir, cli: cliFor(ritaDir, rita.dataDir) },
    mallory: { ...mallory, dir: malloryDir, cli: cliFor(malloryDir, mallory.dataDir) },
    close: async () => {
      await server.close();
      await workspace.close();
    },
  };
}

/** A changeset by Ada that creates dev's only skill in uat (the sandbox's seeded drift). */
export async function skillChangeset(ada: FerryServices, title: string): Promise<string> {
  const created = await ada.authoring.addPicks({
    a: 'uat',
    b: 'dev',
    title,
    picks: [{ type: 'routing.skill', key: SEEDED_DRIFT.devOnly.skill }],
  });
  return created.changeset.id;
}
