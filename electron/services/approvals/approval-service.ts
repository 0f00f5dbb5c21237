import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { FerryError } from '../../../shared/api/api-error';
import {
  APPROVAL_PREDICATE_TYPE,
  approvalDecisionSchema,
  changesetSubjectName,
  type ApprovalDecision,
  type ApprovalStatement,
} from '../../../shared/signing/approval-statement';
import {
  IN_TOTO_PAYLOAD_TYPE,
  buildEnvelope,
  type DsseEnvelope,
} from '../../../shared/signing/dsse-envelope';
import { IN_TOTO_STATEMENT_TYPE } from '../../../shared/signing/in-toto-statement';
import { preAuthEncoding } from '../../../shared/signing/pae';
import type { AuditLog } from '../audit/audit-log';
import type { ChangesetStore } from '../changesets/changeset-store';
import { writeFileAtomic } from '../fs/atomic-write';
import { readRegularFile } from '../fs/read-regular-file';
import type { KeyService } from '../identity/key-service';
import type { TrustStore } from '../identity/trust-store';
import type { WorkspaceService } from '../workspace/workspace-service';
import { commitFiles } from '../workspace/workspace-git';
import { verifyApproval, type ApprovalVerification } from './approval-verifier';

/** An approval is a few hundred bytes; a much larger file is not one, and is not parsed. */
const MAX_APPROVAL_BYTES = 64 * 1024;
const MAX_COMMENT_LENGTH = 4000;

export interface ApprovalServiceOptions {
  workspace: WorkspaceService;
  changesets: ChangesetStore;
  keys: KeyService;
  trust: TrustStore;
  /** Each approval is also recorded in the local key's audit file, in the same commit. */
  audit: AuditLog;
}

export function approvalsFolder(changesetId: string): string {
  return `changesets/${changesetId}.approvals`;
}

/**
 * Approvals as DSSE envelopes over in-toto statements, one file per approver key beside the
 * changeset. What is signed is the changeset's digest, so any later edit leaves the approval
 * visible but stale.
 */
export class ApprovalService {
  constructor(private readonly options: ApprovalServiceOptions) {}

  /** Signs this machine's decision on the changeset as it is now; a second decision replaces the first. */
  async approve(
    changesetId: string,
    input: { decision: ApprovalDecision; comment?: string; environments?: string[] },
  ): Promise<{ file: string; envelope: DsseEnvelope; commit: string; verification: ApprovalVerification }> {
    const { workspace, changesets, keys, audit } = this.options;
    const decision = approvalDecisionSchema.safeParse(input.decision);
    if (!decision.success) {
      throw new FerryError(
        'request.invalid',
        `The decision is "approved" or "rejected", not "${String(input.decision)}"`,
      );
    }
    const comment = (input.comment ?? '').trim();
    if (comment.length > MAX_COMMENT_LENGTH) {
      throw new FerryError('request.invalid', `The comment is longer than ${MAX_COMMENT_LENGTH} characters`);
    }
    const { changeset, digest } = await changesets.get(changesetId);
    const identity = await keys.requireIdentity();
    // Read before anything is written, so a trust root that does not verify refuses the command
    // instead of failing it after the approval was already committed.
    const trusted = await this.options.trust.list();
    const environments = await this.coveredEnvironments(input.environments);
    const auditHead = await audit.head(identity.keyId);
    const statement: ApprovalStatement = {
      _type: IN_TOTO_STATEMENT_TYPE,
      subject: [
        { name: changesetSubjectName(changeset.id), digest: { sha256: digest.slice('sha256:'.length) } },
      ],
      predicateType: APPROVAL_PREDICATE_TYPE,
      predicate: {
        changesetId: changeset.id,
        decision: decision.data,
        comment,
        approvedAt: workspace.now().toISOString(),
        approver: { keyId: identity.keyId, owner: identity.owner },
        environments,
        auditHead,
      },
    };
    const payload = new TextEncoder().encode(JSON.stringify(statement));
    const sig = await keys.sign(preAuthEncoding(IN_TOTO_PAYLOAD_TYPE, payload));
    const envelope = buildEnvelope(IN_TOTO_PAYLOAD_TYPE, payload, [{ keyid: identity.keyId, sig }]);
    const file = `${approvalsFolder(changeset.id)}/${identity.keyId}.json`;
    const dir = workspace.requirePath();
    const verb = decision.data === 'approved' ? 'approve' : 'reject';
    const commit = await workspace.writeLock.run(async () => {
      // The audit entry first: `stage` refuses a damaged audit file before writing anything, so
      // that refusal leaves no uncommitted approval behind.
      const staged = await audit.stage(identity.keyId, {
        action: verb,
        subject: `changeset/${changeset.id}`,
        details: { digest, file, ...(comment ? { comment } : {}) },
      });
      await mkdir(join(dir, approvalsFolder(changeset.id)), { recursive: true });
      await writeFileAtomic(join(dir, file), `${JSON.stringify(envelope, null, 2)}\n`);
      return commitFiles(
        dir,
        [file, staged.file],
        `changeset ${changeset.id}: ${decision.data} by ${identity.owner} (${identity.keyId.slice(0, 16)}, ${digest.slice(0, 19)})`,
        workspace.author(),
        workspace.now(),
      );
    });
    const verification = verifyApproval({
      file,
      fileKeyId: identity.keyId,
      text: JSON.stringify(envelope),
      changesetId: changeset.id,
      currentDigest: digest,
      changesetAuthor: changeset.author,
      trusted,
      now: workspace.now(),
    });
    return { file, envelope, commit, verification };
  }

  /**
   * The environments an approval names: those asked for, each of which must exist; by default
   * every environment the workspace declares or the trust root governs.
   */
  private async coveredEnvironments(asked: readonly string[] | undefined): Promise<string[]> {
    const config = await this.options.workspace.readConfig();
    const declared = config.environments
      .map((entry) => entry.name)
      .filter((name): name is string => typeof name === 'string');
    const governed = Object.keys((await this.options.trust.root())?.environments ?? {});
    const known = [...new Set([...declared, ...governed])].sort();
    if (asked === undefined || asked.length === 0) {
      if (known.length === 0) {
        throw new FerryError(
          'request.invalid',
          'This workspace has no environments for an approval to cover; add one first',
        );
      }
      return known;
    }
    const unknown = asked.filter((name) => !known.includes(name));
    if (unknown.length > 0) {
      throw new FerryError(
        'request.invalid',
        `An approval can only cover environments of this workspace (${known.join(', ')}), not ${unknown.join(', ')}`,
      );
    }
    return [...new Set(asked)].sort();
  }

  /**
   * Every stored approval of the changeset, each judged against the signed trust root now. `currentDigest`
   * defaults to the changeset as on disk; `environment` adds the key's environment limits.
   */
  async list(
    changesetId: string,
    currentDigest?: string,
    options: { environment?: string; maxAgeDays?: number; historical?: boolean } = {},
  ): Promise<ApprovalVerification[]> {
    const { workspace, changesets, trust } = this.options;
    const { changeset, digest } = await changesets.get(changesetId);
    // Verified first: a trust root that does not verify refuses, even with nothing to count.
    const trusted = await trust.list();
    const folder = approvalsFolder(changeset.id);
    const dir = join(workspace.requirePath(), folder);
    let names: string[];
    try {
      names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
    } catch {
      return [];
    }
    const now = workspace.now();
    return Promise.all(
      names.map(async (name) =>
        verifyApproval({
          file: `${folder}/${name}`,
          fileKeyId: name.slice(0, -'.json'.length),
          text: await readBounded(join(dir, name)),
          changesetId: changeset.id,
          currentDigest: currentDigest ?? digest,
          changesetAuthor: changeset.author,
          trusted,
          now,
          ...(options.environment !== undefined ? { environment: options.environment } : {}),
          ...(options.maxAgeDays !== undefined ? { maxAgeDays: options.maxAgeDays } : {}),
          // Each key judged when it signed (approval-verifier.ts), for history such as follow-ups.
          ...(options.historical === true ? { historical: true } : {}),
        }),
      ),
    );
  }
}

function readBounded(path: string): Promise<string | null> {
  return readRegularFile(path, MAX_APPROVAL_BYTES);
}
