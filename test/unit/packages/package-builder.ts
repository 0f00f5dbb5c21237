import { createHash, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import type { Changeset } from '../../../shared/model/changeset';
import type { DeclaredMapping, DeclaredParameter } from '../../../shared/model/package-wire';
import type { TrustedKey } from '../../../shared/model/trust';
import {
  authorStatement,
  bundledApproval,
  changesetArtifactBytes,
  packageText,
} from '../../../shared/packages/build-package';
import { readPackage } from '../../../shared/packages/read-package';
import {
  inspectPackage,
  judgePackage,
  type InspectResult,
  type TargetContext,
} from '../../../shared/packages/verify-package';
import { environmentPolicySchema } from '../../../shared/promotion/policy';
import type { DsseEnvelope } from '../../../shared/signing/dsse-envelope';

/** Pure-level fixtures: keys from Node's crypto, envelopes signed over a PAE written from the spec. */

export const NOW = new Date('2026-11-24T12:00:00.000Z');
const encoder = new TextEncoder();

export interface TestKey {
  owner: string;
  keyId: string;
  pem: string;
  sign(data: Uint8Array): Uint8Array;
}

export function testKey(owner: string): TestKey {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return {
    owner,
    keyId: createHash('sha256').update(der).digest('hex'),
    pem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    sign: (data) => new Uint8Array(sign(null, data, privateKey)),
  };
}

export function trusted(key: TestKey, extra: Partial<TrustedKey> = {}): TrustedKey {
  return {
    keyId: key.keyId,
    algorithm: 'ed25519',
    publicKey: key.pem,
    owner: key.owner,
    roles: ['author', 'approver'],
    environments: [],
    ...extra,
  };
}

function pae(type: string, body: Uint8Array): Uint8Array {
  return Buffer.concat([Buffer.from(`DSSEv1 ${Buffer.byteLength(type)} ${type} ${body.length} `), body]);
}

export function envelope(key: TestKey, statement: unknown): DsseEnvelope {
  const body = encoder.encode(JSON.stringify(statement));
  const type = 'application/vnd.in-toto+json';
  return {
    payload: Buffer.from(body).toString('base64'),
    payloadType: type,
    signatures: [{ keyid: key.keyId, sig: Buffer.from(key.sign(pae(type, body))).toString('base64') }],
  };
}

export const nodeVerify = (pem: string, data: Uint8Array, signature: Uint8Array): boolean => {
  try {
    return verify(null, data, createPublicKey(pem), signature);
  } catch {
    return false;
  }
};

export function changeset(extra: Partial<Changeset> = {}): Changeset {
  return {
    formatVersion: 1,
    id: 'video-skill-abc123',
    title: 'Video skill',
    description: 'Adds a skill',
    ticket: 'CHG-1',
    author: 'Ada',
    createdAt: '2026-11-20T10:00:00.000Z',
    operations: [{ op: 'create', type: 'routing.skill', key: 'Video', body: { name: 'Video' } }],
    ...extra,
  };
}

export function approvalStatement(
  approver: TestKey,
  input: {
    changesetId: string;
    digestHex: string;
    decision?: string;
    approvedAt?: string;
    environments?: string[];
  },
) {
  return {
    _type: 'https://in-toto.io/Statement/v1',
    subject: [{ name: `changesets/${input.changesetId}.json`, digest: { sha256: input.digestHex } }],
    predicateType: 'https://ferry.dev/approval/v1',
    predicate: {
      changesetId: input.changesetId,
      decision: input.decision ?? 'approved',
      comment: '',
      approvedAt: input.approvedAt ?? '2026-11-23T10:00:00.000Z',
      approver: { keyId: approver.keyId, owner: approver.owner },
      environments: input.environments ?? ['dev', 'uat', 'prod'],
    },
  };
}

export interface Built {
  text: string;
  changeset: Changeset;
  digestHex: string;
}

/** A package as Ferry exports it, authored by `author`, approved by each of `approvers`. */
export function buildPackage(input: {
  author: TestKey;
  approvers: TestKey[];
  changeset?: Changeset;
  changesetBytes?: Uint8Array;
  createdAt?: string;
  expiresAt?: string;
  targets?: string[];
  /** What the statement declares; `'absent'` signs a statement as Ferry wrote it before parameters. */
  parameters?: DeclaredParameter[] | 'absent';
  mappings?: DeclaredMapping[];
  /** Fields set on the predicate after it is built, as a hand-made or tampered statement would. */
  predicate?: Record<string, unknown>;
}): Built {
  const cs = input.changeset ?? changeset();
  const bytes = input.changesetBytes ?? changesetArtifactBytes(cs);
  const digestHex = createHash('sha256').update(bytes).digest('hex');
  const approvals = input.approvers.map((approver) =>
    envelope(approver, approvalStatement(approver, { changesetId: cs.id, digestHex })),
  );
  const artifacts = [
    { name: 'changeset.json', bytes },
    { name: 'change-control.md', bytes: encoder.encode('# Change control\n') },
  ];
  const statement = authorStatement({
    changeset: cs,
    artifacts,
    author: { keyId: input.author.keyId, owner: input.author.owner },
    sourceEnvironment: 'dev',
    sourceSnapshotCommit: 'a'.repeat(40),
    targetEnvironments: input.targets ?? ['uat'],
    createdAt: input.createdAt ?? '2026-11-24T11:00:00.000Z',
    expiresAt: input.expiresAt ?? '2026-12-24T11:00:00.000Z',
    approvals: approvals.map((approval, index) =>
      bundledApproval(input.approvers[index]?.keyId ?? '', Buffer.from(approval.payload, 'base64')),
    ),
    parameters: input.parameters === 'absent' ? [] : (input.parameters ?? []),
    mappings: input.mappings ?? [],
  });
  if (input.parameters === 'absent') {
    const { parameters: _parameters, mappings: _mappings, ...older } = statement.predicate;
    void _parameters;
    void _mappings;
    statement.predicate = older;
  }
  if (input.predicate !== undefined) Object.assign(statement.predicate, input.predicate);
  const author = envelope(input.author, statement);
  return { text: packageText({ artifacts, author, approvals }), changeset: cs, digestHex };
}

export function target(
  environment: string,
  policy: unknown = {},
  extra: Partial<TargetContext> = {},
): TargetContext {
  return {
    environment,
    policy: environmentPolicySchema.parse(policy),
    problem: null,
    snapshot: null,
    appliedBy: [],
    ...extra,
  };
}

/** Reads, inspects and judges a package as the service does, with the given trust and targets. */
export function verifyText(
  text: string,
  keys: TrustedKey[],
  targets: TargetContext[],
  options: { now?: Date; target?: string } = {},
): { checks: { check: string; passed: boolean; detail: string }[]; inspected: InspectResult | null } {
  const read = readPackage(text);
  if (!read.opened) return { checks: read.checks, inspected: null };
  const now = options.now ?? NOW;
  const inspected = inspectPackage(read.opened, {
    trusted: keys,
    now,
    verify: nodeVerify,
    ...(options.target !== undefined ? { target: options.target } : {}),
  });
  const judged = judgePackage(inspected.facts, { now, targets, local: null, sourceCommitKnown: false });
  return { checks: [...read.checks, ...inspected.checks, ...judged], inspected };
}

export function failures(checks: readonly { check: string; passed: boolean; detail: string }[]) {
  return checks.filter((check) => !check.passed);
}
