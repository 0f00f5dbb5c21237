import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CommitAuthor } from '../../../electron/services/workspace/workspace-git';
import { nativeGit } from '../../support/native-git';
import { sandboxWorkspace, type SandboxWorkspace } from '../../support/sandbox-workspace';

/** A sandbox workspace whose runs can be signed: a vault (by passphrase) and this machine's key. */
export async function promotingWorkspace(options: {
  prefix: string;
  author: CommitAuthor;
  orgs: ('dev' | 'uat' | 'prod')[];
}): Promise<SandboxWorkspace> {
  const world = await sandboxWorkspace({
    ...options,
    env: { FERRY_VAULT_PASSPHRASE: `${options.prefix}passphrase` },
  });
  await world.services.identity.keys.init({ owner: options.author.name });
  return world;
}

/** Every file of the workspace's working tree (not `.git`, whose objects are compressed). */
export async function workspaceFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name === '.git') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await workspaceFiles(path)));
    else found.push(path);
  }
  return found;
}

/** The text is in no file of the workspace and in no commit of its history (read by native git). */
export async function assertNowhereInWorkspace(dir: string, text: string): Promise<void> {
  for (const file of await workspaceFiles(dir)) {
    assert.ok(!(await readFile(file, 'utf8')).includes(text), `${file} holds the secret value`);
  }
  assert.ok(!nativeGit(dir, 'log', '-p', '--all').includes(text), 'a commit holds the secret value');
}
