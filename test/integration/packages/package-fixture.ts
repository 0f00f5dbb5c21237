import assert from 'node:assert/strict';
import { createHash, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { join } from 'node:path';
import { createFerryServices, type FerryServices } from '../../../electron/host/core/ferry-services';
import { PackageService } from '../../../electron/services/packages/package-service';
import { SEEDED_DRIFT } from '../../../electron/sandbox';
import type { JsonObject } from '../../../shared/model/canonical/json-value';
import type { Changeset } from '../../../shared/model/changeset';
import type { PackageReport } from '../../../shared/model/package-wire';
import { sandboxWorkspace, type SandboxWorkspace } from '../../support/sandbox-workspace';
import { tempDir } from '../../support/temp-dir';

/**
 * Two people on one workspace (Ada authors and exports, Rita approves) and a second workspace,
 * somewhere else, that imports. Everything about DSSE here is written from the spec, not taken
 * from the production code, so the tests check the format and not the code against itself.
 */

export const VAULT = { FERRY_VAULT_PASSPHRASE: 'long enough passphrase' };

export interface Clock {
  now: Date;
}

/** Anything that can sign PAE bytes under a key id. */
export interface Signer {
  keyId: string;
  owner: string;
  publicKey: string;
  sign(bytes: Uint8Array): Promise<Uint8Array>;
}

export interface Team {
  workspace: SandboxWorkspace;
  clock: Clock;
  ada: FerryServices;
  rita: FerryServices;
  adaSigner: Signer;
  ritaSigner: Signer;
  /** The importing workspace (its own repository, its own signed trust root and policies). */
  importer: FerryServices;
  importDir: string;
  importDataDir: string;
  exporting: PackageService;
  importing: PackageService;
  changesetId: string;
  closeSandbox(): Promise<void>;
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** DSSE's PAE, from the spec: "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body. */
export function pae(type: string, body: Uint8Array): Buffer {
  return Buffer.concat([
    Buffer.from(`DSSEv1 ${Buffer.byteLength(type, 'utf8')} ${type} ${body.length} `, 'utf8'),
    Buffer.from(body),
  ]);
}

/** An independent DSSE verifier: Node's crypto over a hand-made PAE, nothing from Ferry. */
export function dsseVerifies(
  envelope: { payload: string; payloadType: string; signatures: { sig: string }[] },
  publicKeyPem: string,
): boolean {
  const body = Buffer.from(envelope.payload, 'base64');
  const key = createPublicKey(publicKeyPem);
  return envelope.signatures.some((signature) =>
    verify(null, pae(envelope.payloadType, body), key, Buffer.from(signature.sig, 'base64')),
  );
}

export function keyIdOfPem(pem: string): string {
  return sha256(createPublicKey(pem).export({ type: 'spki', format: 'der' }));
}

/** A key made here, outside any vault: for strangers and extra team members. */
export function rawSigner(owner: string): Signer {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return {
    keyId: keyIdOfPem(pem),
    owner,
    publicKey: pem,
    sign: async (bytes) => new Uint8Array(sign(null, bytes, privateKey)),
  };
}

async function serviceSigner(services: FerryServices): Promise<Signer> {
  const identity = await services.identity.keys.requireIdentity();
  return {
    keyId: identity.keyId,
    owner: identity.owner,
    publicKey: identity.publicKey,
    sign: (bytes) => services.identity.keys.sign(bytes),
  };
}

export async function team(prefix: string): Promise<Team> {
  const clock: Clock = { now: new Date() };
  const workspace = await sandboxWorkspace({
    prefix,
    author: { name: 'Ada', email: 'ada@example.test' },
    orgs: ['dev', 'uat'],
    env: VAULT,
  });
  try {
    return await teamOn(workspace, clock, prefix);
  } catch (error) {
    // A set-up that fails must not leave the sandbox server holding the test process open.
    await workspace.close();
    throw error;
  }
}

async function teamOn(workspace: SandboxWorkspace, clock: Clock, prefix: string): Promise<Team> {
  const machine = (dataDir: string, name: string) =>
    createFerryServices({
      dataDir,
      version: 'test',
      env: VAULT,
      author: { name, email: `${name.toLowerCase()}@example.test` },
      clock: () => clock.now,
    });
  const ada = machine(workspace.dataDir, 'Ada');
  await ada.workspace.open(workspace.dir);
  const rita = machine(join(await tempDir(`${prefix}rita-`), 'data'), 'Rita');
  await rita.workspace.open(workspace.dir);
  const adaKey = await ada.identity.keys.init({ owner: 'Ada' });
  const ritaKey = await rita.identity.keys.init({ owner: 'Rita' });
  await ada.identity.trust.add(adaKey.publicKey, { owner: 'Ada', roles: ['author', 'approver'] });
  await ada.identity.trust.add(ritaKey.publicKey, { owner: 'Rita', roles: ['approver'] });
  // Policy counts only when an admin signs it into the trust root (Ada is its first admin).
  await ada.identity.trust.setPolicy('uat', { policy: { approvalsRequired: 1 } });

  const created = await ada.authoring.addPicks(
    {
      a: 'uat',
      b: 'dev',
      title: 'Video skill',
      picks: [{ type: 'routing.skill', key: SEEDED_DRIFT.devOnly.skill }],
    },
    { description: 'Adds the video support skill | with a pipe', ticket: 'CHG-7' },
  );
  const changesetId = created.changeset.id;
  await rita.identity.approvals.approve(changesetId, {
    decision: 'approved',
    comment: 'reviewed against dev',
  });

  // Somewhere else: a workspace of its own that trusts the same keys and governs uat.
  const importRoot = await tempDir(`${prefix}import-`);
  const importDataDir = join(importRoot, 'data');
  const importer = machine(importDataDir, 'Ivan');
  const importDir = join(importRoot, 'ws');
  await importer.workspace.create(importDir, 'Release workspace');
  // Ivan administers the release workspace: his key makes its trust root, which trusts Ada and Rita.
  await importer.identity.keys.init({ owner: 'Ivan' });
  await importer.identity.trust.add(adaKey.publicKey, { owner: 'Ada', roles: ['author', 'approver'] });
  await importer.identity.trust.add(ritaKey.publicKey, { owner: 'Rita', roles: ['approver'] });
  await importer.environments.save(
    { name: 'uat', kind: 'sandbox', url: workspace.sandbox.url, org: 'uat', tier: 'test' },
    undefined,
  );
  await importer.identity.trust.setPolicy('uat', {
    tier: 'test',
    policy: { approvalsRequired: 1, maxPackageAgeDays: 30 },
  });
  // Set-up only: verification reads this stored snapshot, never the sandbox.
  await importer.snapshots.run('uat');

  let open = true;
  return {
    workspace,
    clock,
    ada,
    rita,
    adaSigner: await serviceSigner(ada),
    ritaSigner: await serviceSigner(rita),
    importer,
    importDir,
    importDataDir,
    exporting: new PackageService(ada),
    importing: new PackageService(importer),
    changesetId,
    closeSandbox: async () => {
      if (open) await workspace.close();
      open = false;
    },
  };
}

export function failed(report: PackageReport): { check: string; detail: string }[] {
  return report.checks.filter((check) => !check.passed).map(({ check, detail }) => ({ check, detail }));
}

// ---------------------------------------------------------------------------------------------
// Crafting packages by hand (JSON and base64 from Node, PAE and signatures from the spec).

export interface Envelope {
  payload: string;
  payloadType: string;
  signatures: { keyid?: string; sig: string }[];
}

export interface Parts {
  mediaType: string;
  artifacts: { name: string; bytes: Buffer }[];
  /** The author's statement, parsed: edit it, then `assemble` signs it again. */
  statement: {
    _type: string;
    subject: { name: string; digest: { sha256: string } }[];
    predicateType: string;
    predicate: Record<string, unknown> & { approvals: { keyId: string; sha256: string }[] };
  };
  author: Envelope;
  approvals: Envelope[];
}

export function partsOf(text: string): Parts {
  const container = JSON.parse(text) as {
    mediaType: string;
    artifacts: { name: string; data: string }[];
    author: Envelope;
    approvals: Envelope[];
  };
  return {
    mediaType: container.mediaType,
    artifacts: container.artifacts.map((artifact) => ({
      name: artifact.name,
      bytes: Buffer.from(artifact.data, 'base64'),
    })),
    statement: JSON.parse(
      Buffer.from(container.author.payload, 'base64').toString('utf8'),
    ) as Parts['statement'],
    author: container.author,
    approvals: container.approvals,
  };
}

export interface StatementShape {
  _type: string;
  subject: { name: string; digest: { sha256: string } }[];
  predicateType: string;
  predicate: Record<string, unknown>;
}

export function envelopeStatement(envelope: Envelope): StatementShape {
  return JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8')) as StatementShape;
}

export async function signEnvelope(
  signer: Signer,
  statement: unknown,
  options: { payloadType?: string; keyid?: string } = {},
): Promise<Envelope> {
  const payloadType = options.payloadType ?? 'application/vnd.in-toto+json';
  const body = Buffer.from(JSON.stringify(statement), 'utf8');
  const sig = await signer.sign(pae(payloadType, body));
  return {
    payload: body.toString('base64'),
    payloadType,
    signatures: [{ keyid: options.keyid ?? signer.keyId, sig: Buffer.from(sig).toString('base64') }],
  };
}

/** A Ferry approval statement (https://ferry.dev/approval/v1), signed by `signer`. */
export function approvalEnvelope(
  signer: Signer,
  input: { changesetId: string; digestHex: string; decision?: string; approvedAt: string; comment?: string },
): Promise<Envelope> {
  return signEnvelope(signer, {
    _type: 'https://in-toto.io/Statement/v1',
    subject: [{ name: `changesets/${input.changesetId}.json`, digest: { sha256: input.digestHex } }],
    predicateType: 'https://ferry.dev/approval/v1',
    predicate: {
      changesetId: input.changesetId,
      decision: input.decision ?? 'approved',
      comment: input.comment ?? '',
      approvedAt: input.approvedAt,
      approver: { keyId: signer.keyId, owner: signer.owner },
    },
  });
}

/**
 * The package text from its parts, the author's statement signed again by `signer`: subjects
 * follow the artifacts and the approval list follows the approvals unless told otherwise.
 */
export async function assemble(
  parts: Parts,
  signer: Signer,
  options: { resubject?: boolean; relist?: boolean; payloadType?: string; keyid?: string } = {},
): Promise<string> {
  const statement = structuredClone(parts.statement);
  if (options.resubject !== false) {
    statement.subject = parts.artifacts.map((artifact) => ({
      name: artifact.name,
      digest: { sha256: sha256(artifact.bytes) },
    }));
  }
  if (options.relist !== false) {
    statement.predicate.approvals = parts.approvals.map((approval) => ({
      keyId: (envelopeStatement(approval).predicate.approver as { keyId: string }).keyId,
      sha256: sha256(Buffer.from(approval.payload, 'base64')),
    }));
  }
  const author = await signEnvelope(signer, statement, {
    ...(options.payloadType !== undefined ? { payloadType: options.payloadType } : {}),
    ...(options.keyid !== undefined ? { keyid: options.keyid } : {}),
  });
  return textOf({ ...parts, author });
}

/** The package text from its parts as they are: nothing signed again. */
export function textOf(parts: Pick<Parts, 'mediaType' | 'artifacts' | 'author' | 'approvals'>): string {
  return `${JSON.stringify(
    {
      mediaType: parts.mediaType,
      artifacts: parts.artifacts.map((artifact) => ({
        name: artifact.name,
        data: artifact.bytes.toString('base64'),
      })),
      author: parts.author,
      approvals: parts.approvals,
    },
    null,
    2,
  )}\n`;
}

/**
 * Ada's changeset that writes prompt audio two ways: VideoWhisper picked from dev (its recording
 * only dev's snapshot holds) and a new take attached to uat's HoldMusicAcme (only the changeset's
 * audio folder holds it); Rita approves it. The audio packages and their attacks start here.
 */
export async function approvedPromptAudioChangeset(
  t: Team,
  take: { title: string; fileName: string; bytes: Uint8Array },
): Promise<Changeset> {
  const created = await t.ada.authoring.addPicks({
    a: 'uat',
    b: 'dev',
    title: take.title,
    picks: [{ type: 'architect.prompt', key: 'VideoWhisper' }],
  });
  const attached = await t.ada.audio.attach(
    created.changeset.id,
    take.fileName,
    Buffer.from(take.bytes).toString('base64'),
  );
  const hold = await t.ada.authoring.targetObject('uat', 'architect.prompt', 'HoldMusicAcme');
  assert.ok(hold, "uat's snapshot has the hold music prompt");
  const resources = hold.resources as JsonObject[];
  const saved = await t.ada.changesets.save({
    ...created.changeset,
    operations: [
      ...created.changeset.operations,
      {
        op: 'update',
        type: 'architect.prompt',
        key: 'HoldMusicAcme',
        changes: [
          {
            path: 'resources',
            before: resources,
            after: resources.map((resource) => ({ ...resource, audio: attached.descriptor })),
          },
        ],
      },
    ],
  });
  await t.rita.identity.approvals.approve(saved.changeset.id, { decision: 'approved', comment: 'listened' });
  return saved.changeset;
}
