/**
 * The shapes the trust store speaks in: what callers pass and get back (re-exported unchanged by
 * trust-store.ts, so importers keep their paths), and the context every phase of the store works
 * in. Apart because each phase file (verify, pins, proposals, keys, policy, status) needs them and
 * none of them owns them.
 */
import type { TrustRole, TrustedKey } from '../../../../shared/model/trust';
import type { AuditHead } from '../../../../shared/signing/audit-head';
import type { ParsedRootVersion } from '../../../../shared/trust/trust-chain';
import type { TrustRootDocument } from '../../../../shared/trust/trust-root';
import type { WorkspaceService } from '../../workspace/workspace-service';
import type { KeyService } from '../key-service';
import type { TrustPin, TrustPins } from '../trust-pins';

export interface TrustKeyOptions {
  owner: string;
  roles: TrustRole[];
  /** Empty or absent: every environment. */
  environments?: string[];
  /** RFC 3339 UTC. */
  notBefore?: string;
  notAfter?: string;
  /**
   * Approver groups (issue 20), e.g. ["cab"]: a risk level may need approvals from a group.
   * Absent or empty: none.
   */
  groups?: string[];
}

/** A proposal waiting for admin signatures. */
export interface TrustProposal {
  version: number;
  file: string;
  summary: string;
  /** What it changes, computed from the documents (the summary is only the proposer's words). */
  changes: string[];
  proposedBy: string;
  createdAt: string;
  digest: string;
  /** Admin key ids that have signed so far (verified). */
  signedBy: string[];
  /** What is still needed, in words: "1 more admin of version 2". */
  needs: string;
  /** False when the root moved on since it was proposed: it can no longer be applied. */
  applicable: boolean;
  document: TrustRootDocument;
}

export interface TrustStatus {
  /** `none`: the workspace has no trust root yet; `verified`: the chain from the pin verifies. */
  state: 'none' | 'verified';
  version: number | null;
  digest: string | null;
  fingerprint: string | null;
  pinned: { version: number; fingerprint: string; confirmed: boolean; pinnedAt: string } | null;
  /** True when this call pinned the root for the first time (trust on first use): show it. */
  pinnedNow: boolean;
  adminThreshold: number | null;
  admins: { keyId: string; owner: string }[];
  keys: TrustedKey[];
  environments: TrustRootDocument['environments'];
  proposals: TrustProposal[];
}

export interface ProposeResult {
  version: number;
  /** True when the caller's signature met every threshold and the version took effect. */
  applied: boolean;
  file: string;
  commit: string;
  summary: string;
  needs: string | null;
  /** What it changes, computed from the documents. */
  changes: string[];
  /** The version as proposed or applied. */
  document: TrustRootDocument;
}

/** The audit log as the trust store uses it (the log is built after the store: it reads keys from it). */
export interface TrustAudit {
  /** Stages an entry while the caller holds the workspace write lock; returns the file to commit. */
  stage(
    keyId: string,
    input: { action: string; subject: string; details?: Record<string, unknown> },
  ): Promise<{ file: string }>;
  /** The signer's chain head, anchored in each version she proposes. */
  head(keyId: string): Promise<AuditHead | null>;
}

export interface TrustStoreOptions {
  workspace: WorkspaceService;
  keys: KeyService;
  /** The app data folder: where this machine pins each workspace's trust root. */
  dataDir: string;
}

/** The newest root version, verified from this machine's pin, and that pin as it now stands. */
export interface VerifiedRoot {
  current: ParsedRootVersion;
  pin: TrustPin;
  pinnedNow: boolean;
}

/** What a proposed change sets in the next version, and the proposer's one-line summary of it. */
export type RootChange = (root: TrustRootDocument) => Partial<
  Pick<TrustRootDocument, 'keys' | 'environments' | 'adminThreshold' | 'standardChanges' | 'pipelines'>
> & {
  summary: string;
};

/** What every phase of the trust store works with: the workspace, this machine's key, its pins. */
export interface TrustContext {
  readonly workspace: WorkspaceService;
  readonly keys: KeyService;
  readonly pins: TrustPins;
  /** Null until the audit log is built (it is built after the store, as it reads keys from it). */
  readonly audit: TrustAudit | null;
}
