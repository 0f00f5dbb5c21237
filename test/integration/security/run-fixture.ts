import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandbox, type SandboxHandle } from '../../../electron/sandbox';
import { createFerryServices, type FerryServices } from '../../../electron/host/core/ferry-services';
import { nativeGit } from '../../support/native-git';
import { listOrg } from '../../support/sandbox-http';
import { tempDir } from '../../support/temp-dir';
import { FAST_RETRY } from '../promotion/promotion-test-support';

const BIN = fileURLToPath(new URL('../../../bin/ferry.mjs', import.meta.url));
export const PASSPHRASE = 'run test passphrase';

/**
 * Makes this machine's key the workspace's trusted promoter. The one place the tests of issue 11
 * point 4 set up trust: if the trust root's API moves, this is what to change.
 */
export async function trustThisMachine(services: FerryServices, owner: string): Promise<string> {
  const identity = await services.identity.keys.init({ owner });
  await services.identity.trust.init();
  return identity.keyId;
}

/** The signed policy of `environment` asks no approval (trust root API: see `trustThisMachine`). */
export async function allowUnapprovedPromotion(services: FerryServices, environment: string): Promise<void> {
  await services.identity.trust.setPolicy(environment, { tier: 'test', policy: { approvalsRequired: 0 } });
}

export interface RunWorld {
  sandbox: SandboxHandle;
  services: FerryServices;
  dir: string;
  dataDir: string;
  keyId: string;
  cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
  close(): Promise<void>;
}

/** A sandbox, a workspace with `uat` and `prod` on it (snapshots taken), and this machine trusted. */
export async function runWorld(prefix: string, options: { latency?: string } = {}): Promise<RunWorld> {
  const sandbox = await startSandbox({
    rateLimitPerMinute: 100_000,
    ...(options.latency ? { faults: options.latency } : {}),
  });
  const root = await tempDir(prefix);
  const dataDir = join(root, 'data');
  const env = { FERRY_VAULT_PASSPHRASE: PASSPHRASE };
  const services = createFerryServices({
    dataDir,
    version: 'test',
    env,
    author: { name: 'Rene Release', email: 'rene@example.test' },
    transport: { retry: FAST_RETRY },
  });
  const dir = join(root, 'ws');
  await services.workspace.create(dir, 'Runs');
  const keyId = await trustThisMachine(services, 'Rene Release');
  for (const [org, tier] of [
    ['uat', 'test'],
    ['prod', 'prod'],
  ] as const) {
    await services.environments.save({ name: org, kind: 'sandbox', url: sandbox.url, org, tier }, undefined);
    await services.snapshots.run(org);
  }
  // uat promotes without approvals (signed policy), so a genuine run needs no second person.
  await allowUnapprovedPromotion(services, 'uat');
  const cli = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [BIN, '-w', dir, ...args],
        { env: { ...process.env, ...env, FERRY_DATA_DIR: dataDir } },
        (error, stdout, stderr) =>
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
      );
    });
  return { sandbox, services, dir, dataDir, keyId, cli, close: () => sandbox.close() };
}

/** Every wrap-up code of an org read over HTTP, by name: what the sandbox holds, not what Ferry thinks. */
export async function codesInOrg(sandbox: SandboxHandle, org: 'uat' | 'prod'): Promise<Map<string, unknown>> {
  const codes = await listOrg(sandbox, org, '/api/v2/routing/wrapupcodes');
  return new Map<string, unknown>(codes.map((code) => [code.name, code]));
}

/** The workspace as git sees it: HEAD and every change in the working tree. */
export function gitState(dir: string): { head: string; status: string } {
  return {
    head: nativeGit(dir, 'rev-parse', 'HEAD').trim(),
    status: nativeGit(dir, 'status', '--porcelain', '--untracked-files=all'),
  };
}

/**
 * The real CLI promotes `changesetId` to uat and is killed with SIGKILL once `lines` journal lines
 * are on disk: a genuine, signed, interrupted run. Returns its id. Bounded: 60 s of 5 ms polls.
 */
export async function promoteAndKill(
  world: Pick<RunWorld, 'dir' | 'dataDir'>,
  changesetId: string,
  marker: string,
  lines: number,
): Promise<string> {
  const child = spawn(
    process.execPath,
    [BIN, '-w', world.dir, 'promote', changesetId, '--to', 'uat', '--concurrency', '1'],
    {
      env: { ...process.env, FERRY_VAULT_PASSPHRASE: PASSPHRASE, FERRY_DATA_DIR: world.dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let ended = false;
  void exited.then(() => (ended = true));
  const runs = join(world.dir, 'runs');
  let runId: string | undefined;
  for (let poll = 0; poll < 12_000 && !ended; poll += 1) {
    const name = existsSync(runs) ? (await readdir(runs)).find((entry) => entry.includes(marker)) : undefined;
    if (name !== undefined) {
      const text = await readFile(join(runs, name, 'journal.jsonl'), 'utf8').catch(() => '');
      if (text.split('\n').length - 1 >= lines) {
        child.kill('SIGKILL');
        runId = name;
        break;
      }
    }
    await delay(5);
  }
  const code = await exited;
  assert.equal(code, null, `the CLI was killed mid-run, not ended on its own: ${stderr}`);
  assert.ok(runId !== undefined, 'the run started');
  return runId;
}
