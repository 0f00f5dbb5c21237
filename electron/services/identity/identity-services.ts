import { join } from 'node:path';
import { FerryError } from '../../../shared/api/api-error';
import { ApprovalService } from '../approvals/approval-service';
import { AuthorshipService } from '../approvals/authorship-service';
import { AuditLog } from '../audit/audit-log';
import type { ChangesetStore } from '../changesets/changeset-store';
import type { CredentialVault } from '../vault/credential-vault';
import type { WorkspaceService } from '../workspace/workspace-service';
import { KeyService } from './key-service';
import { TrustStore } from './trust-store';

/** The core services the identity services are built on. */
export interface IdentityFoundation {
  workspace: WorkspaceService;
  vault: CredentialVault;
  changesets: ChangesetStore;
  dataDir?: string;
}

export interface IdentityServices {
  keys: KeyService;
  trust: TrustStore;
  audit: AuditLog;
  approvals: ApprovalService;
  authorship: AuthorshipService;
}

/** The public identity file, beside the vault in the app's data folder. */
export function identityFilePath(dataDir: string): string {
  return join(dataDir, 'signing-identity.json');
}

/**
 * Builds the signing, trust, approval and audit services on top of the core ones. `dataDir` is the
 * same folder the core services were made with; it may be omitted when `services` carries it.
 */
export function createIdentityServices(services: IdentityFoundation, dataDir?: string): IdentityServices {
  const folder = dataDir ?? services.dataDir;
  if (folder === undefined) {
    throw new FerryError('internal', 'createIdentityServices needs the data folder the vault lives in');
  }
  const { workspace, vault, changesets } = services;
  const keys = new KeyService({
    vault,
    identityFile: identityFilePath(folder),
    clock: () => workspace.now(),
  });
  const trust = new TrustStore({ workspace, keys, dataDir: folder });
  const audit = new AuditLog({ workspace, keys, trust, dataDir: folder });
  trust.setAudit({ stage: (keyId, input) => audit.stage(keyId, input), head: (keyId) => audit.head(keyId) });
  const approvals = new ApprovalService({ workspace, changesets, keys, trust, audit });
  const authorship = new AuthorshipService({ workspace, changesets, keys, trust, audit });
  return { keys, trust, audit, approvals, authorship };
}
