import { join } from 'node:path';
import assert from 'node:assert/strict';
import { FerryError } from '../../../shared/api/api-error';
import { exitCodeFor } from '../../../electron/host/cli/exit-codes';
import { createFerryServices, type FerryServices } from '../../../electron/host/core/ferry-services';
import { SEEDED_DRIFT } from '../../../electron/sandbox';
import { sandboxWorkspace, type SandboxWorkspace } from '../../support/sandbox-workspace';
import { listOrg } from '../../support/sandbox-http';
import { tempDir } from '../../support/temp-dir';

/**
 * A team of three on one shared workspace, each on her own machine (data folder, signing key):
 * Ada the admin, Rita a reviewer, Mallory a teammate with push access and nothing else. The
 * attacks of issue 11 are played by Mallory's hand edits, committed with native git.
 */
export const PASSPHRASE = 'governance attack passphrase';
export const VAULT = { FERRY_VAULT_PASSPHRASE: PASSPHRASE };

export interface Team {
  workspace: SandboxWorkspace;
  ada: FerryServices;
  rita: FerryServices;
  mallory: FerryServices;
  keys: { ada: string; rita: string; mallory: string };
  publicKeys: { ada: string; rita: string; mallory: string };
  close(): Promise<void>;
}

async function member(workspace: SandboxWorkspace, name: string, dataDir?: string): Promise<FerryServices> {
  const services = createFerryServices({
    dataDir: dataDir ?? join(await tempDir(`ferry-${name.toLowerCase()}-`), 'data'),
    version: 'test',
    env: VAULT,
    author: { name, email: `${name.toLowerCase()}@example.test` },
  });
  await services.workspace.open(workspace.dir);
  return services;
}

/**
 * dev (tier dev) and uat (tier test) on the sandbox; Ada's trust root signs uat's policy as one
 * approval, no self-approval. Rita is trusted as approver; Mallory's key exists but is not trusted.
 */
export async function team(prefix: string): Promise<Team> {
  const workspace = await sandboxWorkspace({
    prefix,
    author: { name: 'Ada', email: 'ada@example.test' },
    orgs: ['dev', 'uat'],
    env: VAULT,
  });
  const ada = await member(workspace, 'Ada', workspace.dataDir);
  const rita = await member(workspace, 'Rita');
  const mallory = await member(workspace, 'Mallory');
  const adaKey = await ada.identity.keys.init({ owner: 'Ada' });
  const ritaKey = await rita.identity.keys.init({ owner: 'Rita' });
  const malloryKey = await mallory.identity.keys.init({ owner: 'Mallory' });
  await ada.identity.trust.init();
  await ada.identity.trust.add(ritaKey.publicKey, { owner: 'Rita', roles: ['approver'] });
  await ada.identity.trust.setPolicy('uat', { tier: 'test', policy: { approvalsRequired: 1 } });
  return {
    workspace,
    ada,
    rita,
    mallory,
    keys: { ada: adaKey.keyId, rita: ritaKey.keyId, mallory: malloryKey.keyId },
    publicKeys: { ada: adaKey.publicKey, rita: ritaKey.publicKey, mallory: malloryKey.publicKey },
    close: () => workspace.close(),
  };
}

/** A changeset made by `author` that creates dev's only skill in uat. */
export async function skillChangeset(author: FerryServices, title: string): Promise<string> {
  const created = await author.authoring.addPicks({
    a: 'uat',
    b: 'dev',
    title,
    picks: [{ type: 'routing.skill', key: SEEDED_DRIFT.devOnly.skill }],
  });
  return created.changeset.id;
}

/** Asserts a refusal with this code, exit class 3, and a message matching `reason`. */
export async function refusedWith(
  promise: Promise<unknown>,
  code: string,
  reason: RegExp,
): Promise<FerryError> {
  let caught: FerryError | null = null;
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof FerryError, String(error));
    assert.equal(error.code, code, error.message);
    assert.equal(exitCodeFor(error.code), 3, `${code} exits 3 in the CLI`);
    assert.match(error.message, reason);
    caught = error;
    return true;
  });
  return caught as unknown as FerryError;
}

/** The dev-only skill as the sandbox's uat org holds it, read over HTTP: null when absent. */
export async function uatSkill(workspace: SandboxWorkspace): Promise<unknown> {
  const skills = await listOrg(workspace.sandbox, 'uat', '/api/v2/routing/skills');
  return skills.find((skill) => skill.name === SEEDED_DRIFT.devOnly.skill) ?? null;
}
