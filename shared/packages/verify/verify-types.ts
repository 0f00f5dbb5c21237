/**
 * What package verification takes and gives between its two pure steps: the inspection's context
 * and the facts it finds, and what the caller gathers from its workspace for the judgement.
 * Apart because both steps, the signer list and the report all speak in these shapes.
 */
import type { SignatureVerifier } from '../../approvals/approval-checks';
import type { Changeset } from '../../model/changeset';
import type { PackageCheck, PackageSigner } from '../../model/package-wire';
import type { TrustedKey } from '../../model/trust';
import type { EnvironmentPolicy } from '../../promotion/policy';
import type { ApprovalPredicate } from '../../signing/approval-statement';
import type { PackageStatement } from '../package-format';
import type { OpenedEnvelope } from '../read-package';

export type { SignatureVerifier } from '../../approvals/approval-checks';

export interface InspectContext {
  trusted: readonly TrustedKey[];
  now: Date;
  verify: SignatureVerifier;
  /** Judge the package for this environment only; it must be one the package names. */
  target?: string;
}

export interface ApprovalFact {
  /** 1-based, as the checks name it (`approval-1-signature`). */
  index: number;
  signer: TrustedKey | null;
  /** The key id the envelope states (unauthenticated), or the signer's. */
  keyId: string;
  predicate: ApprovalPredicate | null;
  /** Signature, statement, binding, decision, validity and time all passed. */
  sound: boolean;
  /** sha256 of the envelope's payload bytes. */
  payloadSha256: string;
  envelope: OpenedEnvelope['envelope'];
}

export interface PackageFacts {
  statement: PackageStatement | null;
  authorSigner: TrustedKey | null;
  authorKeyId: string | null;
  changeset: Changeset | null;
  /** `sha256:<hex>` of the changeset artifact, which is the changeset's digest once it is canonical. */
  changesetDigest: string | null;
  /** sha256 of the author envelope's payload: names this package in provenance. */
  authorStatementSha256: string;
  approvals: ApprovalFact[];
  /** The targets judged: the package's, or only the one asked for. */
  targets: string[];
}

export interface InspectResult {
  checks: PackageCheck[];
  facts: PackageFacts;
  signers: PackageSigner[];
}

/** What the workspace knows about one target, gathered by the caller. */
export interface TargetContext {
  environment: string;
  /** Null when the environment is not configured here. */
  policy: EnvironmentPolicy | null;
  /** Why the policy could not be read, when it could not. */
  problem: string | null;
  /** The target's latest snapshot judged against the changeset; null without a snapshot. */
  snapshot: {
    commit: string;
    conflicts: string[];
    writes: number;
    noops: number;
    /** Operations not judged: they need parameters the target lacks here (issue 15). */
    unresolved?: number;
  } | null;
  /** Runs that already applied this changeset digest to the target. */
  appliedBy: { runId: string; finishedAt: string | null }[];
}

export interface JudgeContext {
  now: Date;
  targets: readonly TargetContext[];
  /** The changeset of the same id already in this workspace, if any. */
  local: { digest: string } | null;
  /** Whether the source snapshot commit is in this workspace's history (null: none recorded). */
  sourceCommitKnown: boolean | null;
}
