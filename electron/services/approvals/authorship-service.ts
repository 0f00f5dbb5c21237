import { lstat, mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FerryError } from '../../../shared/api/api-error';
import {
  AUTHOR_PREDICATE_TYPE,
  authorsFolder,
  type AuthorStatement,
} from '../../../shared/signing/author-statement';
import { changesetSubjectName } from '../../../shared/signing/approval-statement';
import { IN_TOTO_PAYLOAD_TYPE, buildEnvelope } from '../../../shared/signing/dsse-envelope';
import { IN_TOTO_STATEMENT_TYPE } from '../../../shared/signing/in-toto-statement';
import { preAuthEncoding } from '../../../shared/signing/pae';
import type { AuditLog } from '../audit/audit-log';
import type { ChangesetStore } from '../changesets/changeset-store';
import { writeFileAtomic } from '../fs/atomic-write';
import type { KeyService } from '../identity/key-service';
import type { TrustStore } from '../identity/trust-store';
import type { WorkspaceService } from '../workspace/workspace-service';
import { commitFiles } from '../workspace/workspace-git';
import { judgeAuthorSignature, type AuthorSignature } from './author-signature';

export type { AuthorSignature } from './author-signature';

const MAX_AUTHOR_FILE_BYTES = 64 * 1024;

/** The authorship of the current version: who signed it (valid signatures only). */
export interface Authorship {
  digest: string;
  /** Valid signatures over the current version. */
  authors: { keyId: string; owner: string; signedAt: string }[];
  /** Trusted keys that signed any version as author: none of them may count as a reviewer. */
  contributors: { keyId: string; owner: string }[];
  signatures: AuthorSignature[];
}

export interface AuthorshipServiceOptions {
  workspace: WorkspaceService;
  changesets: ChangesetStore;
  keys: KeyService;
  trust: TrustStore;
  audit: AuditLog;
}

/**
 * Author signatures (DESIGN §7b): saving a changeset signs its digest with the author's key, in
 * `changesets/<id>.authors/<key id>.json`. Self-approval is judged from these keys only.
 */
export class AuthorshipService {
  constructor(private readonly options: AuthorshipServiceOptions) {}

  /**
   * The envelope this machine's key would store for `digest`, or null when it cannot sign here
   * (no key yet, or the vault is locked): saving a changeset must not fail for that; the gate
   * later says it needs signing.
   */
  async envelopeFor(changesetId: string, digest: string): Promise<{ path: string; text: string } | null> {
    const { keys, workspace } = this.options;
    const identity = await keys.identity().catch(() => null);
    if (!identity) return null;
    const statement: AuthorStatement = {
      _type: IN_TOTO_STATEMENT_TYPE,
      subject: [
        { name: changesetSubjectName(changesetId), digest: { sha256: digest.slice('sha256:'.length) } },
      ],
      predicateType: AUTHOR_PREDICATE_TYPE,
      predicate: {
        changesetId,
        signedAt: workspace.now().toISOString(),
        author: { keyId: identity.keyId, owner: identity.owner },
        auditHead: await this.options.audit.head(identity.keyId).catch(() => null),
      },
    };
    const payload = new TextEncoder().encode(JSON.stringify(statement));
    let sig: Uint8Array;
    try {
      sig = await keys.sign(preAuthEncoding(IN_TOTO_PAYLOAD_TYPE, payload));
    } catch (error) {
      if (error instanceof FerryError) return null;
      throw error;
    }
    const envelope = buildEnvelope(IN_TOTO_PAYLOAD_TYPE, payload, [{ keyid: identity.keyId, sig }]);
    return {
      path: `${authorsFolder(changesetId)}/${identity.keyId}.json`,
      text: `${JSON.stringify(envelope, null, 2)}\n`,
    };
  }

  /** `ferry changeset sign <id>`: this machine's key signs the changeset as it is now, as its author. */
  async sign(changesetId: string): Promise<{ file: string; commit: string; authorship: Authorship }> {
    const { workspace, changesets, keys, audit } = this.options;
    const identity = await keys.requireIdentity();
    const { changeset, digest } = await changesets.get(changesetId);
    const signed = await this.envelopeFor(changeset.id, digest);
    if (!signed) {
      throw new FerryError(
        'vault.locked',
        'The signing key is sealed in the vault, which is locked: unlock it with its passphrase when Ferry asks (for the CLI, set FERRY_VAULT_PASSPHRASE), then try again',
      );
    }
    const dir = workspace.requirePath();
    const commit = await workspace.writeLock.run(async () => {
      const staged = await audit.stage(identity.keyId, {
        action: 'author-sign',
        subject: `changeset/${changeset.id}`,
        details: { digest, file: signed.path },
      });
      await mkdir(join(dir, authorsFolder(changeset.id)), { recursive: true });
      await writeFileAtomic(join(dir, signed.path), signed.text);
      return commitFiles(
        dir,
        [signed.path, staged.file],
        `changeset ${changeset.id}: signed as author by ${identity.owner} (${identity.keyId.slice(0, 16)}, ${digest.slice(0, 19)})`,
        workspace.author(),
        workspace.now(),
      );
    });
    return { file: signed.path, commit, authorship: await this.authorship(changeset.id, digest) };
  }

  /** Every author signature of the changeset, judged against the signed trust root now. */
  async authorship(changesetId: string, digest?: string): Promise<Authorship> {
    const { workspace, changesets, trust } = this.options;
    const current = digest ?? (await changesets.get(changesetId)).digest;
    const folder = authorsFolder(changesetId);
    const dir = join(workspace.requirePath(), folder);
    let names: string[] = [];
    try {
      if ((await lstat(dir)).isDirectory()) {
        names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
      }
    } catch {
      names = [];
    }
    const trusted = await trust.list();
    const now = workspace.now();
    const signatures: AuthorSignature[] = [];
    for (const name of names) {
      const text = await readBounded(join(dir, name));
      signatures.push(
        judgeAuthorSignature({
          file: `${folder}/${name}`,
          fileKeyId: name.slice(0, -'.json'.length),
          text,
          changesetId,
          digest: current,
          trusted,
          now,
        }),
      );
    }
    const authors = signatures
      .filter((signature) => signature.status === 'valid')
      .map((signature) => ({
        keyId: signature.keyId,
        owner: signature.owner ?? '',
        signedAt: signature.signedAt ?? '',
      }));
    const contributors = signatures
      .filter((signature) => signature.status === 'valid' || signature.status === 'stale')
      .map((signature) => ({ keyId: signature.keyId, owner: signature.owner ?? '' }));
    return { digest: current, authors, contributors, signatures };
  }
}

async function readBounded(path: string): Promise<string | null> {
  try {
    const info = await lstat(path);
    if (!info.isFile() || info.size > MAX_AUTHOR_FILE_BYTES) return null;
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}
