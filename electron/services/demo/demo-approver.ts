import { realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { FerryError } from '../../../shared/api/api-error';
import { ApprovalService } from '../approvals/approval-service';
import type { ApprovalVerification } from '../approvals/approval-verifier';
import { AuditLog } from '../audit/audit-log';
import type { ChangesetStore } from '../changesets/changeset-store';
import type { IdentityServices } from '../identity/identity-services';
import { KeyService } from '../identity/key-service';
import type { CredentialVault } from '../vault/credential-vault';
import type { WorkspaceService } from '../workspace/workspace-service';
import { DEMO_WORKSPACE_FOLDER } from './demo-workspace';

/** Named so that nobody takes Rita's approvals for a real person's. */
export const DEMO_APPROVER_OWNER = 'Rita Reviewer (demo approver)';
const DEMO_APPROVER_VAULT_ENTRY = 'demo-approver-signing-key';

export interface DemoApproverStatus {
  /** Only in the demo workspace the app made in its own data folder. */
  available: boolean;
  /** Rita's key exists and the trust root names it as an approver. */
  enabled: boolean;
  owner: string;
  keyId: string | null;
}

/**
 * A second person for the demo workspace only, so one person can walk the two-person rule: Rita's
 * key lives in this machine's vault beside the user's, the user (as the workspace's admin) signs
 * her into the trust root as an approver, and her approvals are signed with her own key. Outside
 * the demo workspace none of this exists.
 */
export class DemoApprover {
  private readonly keys: KeyService;
  private readonly approvals: ApprovalService;

  constructor(
    private readonly options: {
      dataDir: string;
      workspace: WorkspaceService;
      changesets: ChangesetStore;
      vault: CredentialVault;
      identity: IdentityServices;
    },
  ) {
    const folder = join(options.dataDir, 'demo-approver');
    this.keys = new KeyService({
      vault: options.vault,
      identityFile: join(folder, 'signing-identity.json'),
      vaultEntry: DEMO_APPROVER_VAULT_ENTRY,
      clock: () => options.workspace.now(),
    });
    const { trust } = options.identity;
    const audit = new AuditLog({ workspace: options.workspace, keys: this.keys, trust, dataDir: folder });
    this.approvals = new ApprovalService({
      workspace: options.workspace,
      changesets: options.changesets,
      keys: this.keys,
      trust,
      audit,
    });
  }

  async status(): Promise<DemoApproverStatus> {
    const available = await this.inDemoWorkspace();
    const identity = available ? await this.keys.identity() : null;
    const trusted =
      identity !== null ? await this.options.identity.trust.find(identity.keyId).catch(() => null) : null;
    return {
      available,
      enabled: trusted !== null && trusted.roles.includes('approver'),
      owner: DEMO_APPROVER_OWNER,
      keyId: identity?.keyId ?? null,
    };
  }

  /** Makes Rita's key (once) and signs her into the trust root as an approver of every environment. */
  async enable(): Promise<DemoApproverStatus> {
    await this.requireDemo();
    const identity = (await this.keys.identity()) ?? (await this.keys.init({ owner: DEMO_APPROVER_OWNER }));
    const trusted = await this.options.identity.trust.find(identity.keyId).catch(() => null);
    if (trusted === null) {
      const result = await this.options.identity.trust.add(identity.publicKey, {
        owner: DEMO_APPROVER_OWNER,
        roles: ['approver'],
      });
      if (!result.applied) {
        throw new FerryError(
          'trust.proposal-pending',
          `Rita is proposed in trust root version ${result.version} and waits for more admin signatures (${result.needs ?? ''})`,
        );
      }
    }
    return this.status();
  }

  /** Rita's signed approval of the changeset as it is now. */
  async approve(changesetId: string, environments?: string[]): Promise<ApprovalVerification> {
    await this.requireDemo();
    if ((await this.status()).enabled === false) {
      throw new FerryError(
        'demo.approver-off',
        'Add Rita, the demo approver, first (Trust page → "Add Rita as a demo approver")',
      );
    }
    const result = await this.approvals.approve(changesetId, {
      decision: 'approved',
      comment: 'Approved by the demo approver (demo workspace only)',
      ...(environments !== undefined ? { environments } : {}),
    });
    return result.verification;
  }

  private async requireDemo(): Promise<void> {
    if (!(await this.inDemoWorkspace())) {
      throw new FerryError(
        'demo.only',
        'Rita, the demo approver, exists only in the demo workspace; in a real workspace a second person approves with their own key',
      );
    }
  }

  private async inDemoWorkspace(): Promise<boolean> {
    let open: string;
    try {
      open = this.options.workspace.requirePath();
    } catch {
      return false;
    }
    try {
      const [here, demo] = await Promise.all([
        realpath(open),
        realpath(join(this.options.dataDir, DEMO_WORKSPACE_FOLDER)),
      ]);
      return here === demo;
    } catch {
      return false;
    }
  }
}
