import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFerryServices, type FerryServices } from '../../electron/host/core/ferry-services';
import type { CommitAuthor } from '../../electron/services/workspace/workspace-git';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox';
import { tempDir } from './temp-dir';

const BIN = fileURLToPath(new URL('../../bin/ferry.mjs', import.meta.url));
const TIERS = { dev: 'dev', uat: 'test', prod: 'prod' } as const;

export interface SandboxWorkspace {
  sandbox: SandboxHandle;
  services: FerryServices;
  /** The workspace folder. */
  dir: string;
  /** The app data folder the services and the CLI share. */
  dataDir: string;
  /** Runs `ferry -w <dir> …` in a child process with the same data folder. */
  cli(args: string[], env?: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }>;
  close(): Promise<void>;
}

/**
 * A workspace whose dev, uat and prod environments are the sandbox's orgs, each with a
 * snapshot: where most integration tests start.
 */
export async function sandboxWorkspace(options: {
  prefix: string;
  author: CommitAuthor;
  orgs?: readonly (keyof typeof TIERS)[];
  env?: NodeJS.ProcessEnv;
}): Promise<SandboxWorkspace> {
  const sandbox = await startSandbox({});
  const root = await tempDir(options.prefix);
  const dataDir = join(root, 'data');
  const services = createFerryServices({
    dataDir,
    version: 'test',
    env: options.env ?? {},
    author: options.author,
  });
  const dir = join(root, 'ws');
  await services.workspace.create(dir, 'Sandbox workspace');
  for (const org of options.orgs ?? (['dev', 'uat', 'prod'] as const)) {
    await services.environments.save(
      { name: org, kind: 'sandbox', url: sandbox.url, org, tier: TIERS[org] },
      undefined,
    );
    await services.snapshots.run(org);
  }
  const cli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [BIN, '-w', dir, ...args],
        { env: { ...process.env, ...options.env, ...env, FERRY_DATA_DIR: dataDir } },
        (error, stdout, stderr) =>
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
      );
    });
  return { sandbox, services, dir, dataDir, cli, close: () => sandbox.close() };
}
