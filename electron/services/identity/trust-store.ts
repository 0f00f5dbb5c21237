import { lstat, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { FerryError } from '../../../shared/api/api-error';
import { describeIssues, toFieldIssues } from '../../../shared/api/issues';
import {
  TRUST_FORMAT_VERSION,
  trustedKeySchema,
  type TrustFile,
  type TrustRole,
  type TrustedKey,
} from '../../../shared/model/trust';
import { parseEnvironmentPolicy, type EnvironmentPolicy } from '../../../shared/promotion/policy';
import { buildEnvelope, type DsseEnvelope } from '../../../shared/signing/dsse-envelope';
import { preAuthEncoding } from '../../../shared/signing/pae';
import {
  RootVersionError,
  parseRootVersion,
  signersAmong,
  thresholdProblem,
  verifyTrustChain,
  type ParsedRootVersion,
  type RootVersionFile,
} from '../../../shared/trust/trust-chain';
import {
  MAX_TRUST_ROOT_BYTES,
  TRUST_PROPOSALS_FOLDER,
  TRUST_ROOT_FOLDER,
  TRUST_ROOT_PAYLOAD_TYPE,
  TRUST_ROOT_TYPE,
  activeAdmins,
  effectivePolicy,
  fingerprintText,
  normaliseFingerprint,
  proposalFile,
  rootVersionFile,
  trustRootDigest,
  trustRootDocumentSchema,
  trustRootPayload,
  type EffectivePolicy,
  type TrustRootDocument,
} from '../../../shared/trust/trust-root';
import type { Tier } from '../../../shared/model/environment';
import type { AuditHead } from '../../../shared/signing/audit-head';
import { describeRootChange } from '../../../shared/trust/describe-root-change';
import { writeFileAtomic } from '../fs/atomic-write';
import { fileStatus, logCommits, resolveHead, unstageFile } from '../git/repository';
import type { WorkspaceService } from '../workspace/workspace-service';
import { commitFiles } from '../workspace/workspace-git';
import { readEd25519PublicKey, verifyEd25519 } from './ed25519';
import type { KeyService } from './key-service';
import { TrustPins, type TrustPin } from './trust-pins';

export interface TrustKeyOptions {
  owner: string;
  roles: TrustRole[];
  /** Empty or absent: every environment. */
  environments?: string[];
  /** RFC 3339 UTC. */
  notBefore?: string;
  notAfter?: string;
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

interface VerifiedRoot {
  current: ParsedRootVersion;
  pin: TrustPin;
  pinnedNow: boolean;
}

export interface TrustStoreOptions {
  workspace: WorkspaceService;
  keys: KeyService;
  /** The app data folder: where this machine pins each workspace's trust root. */
  dataDir: string;
}

/**
 * The team's trust, read only through the signed trust root (DESIGN §7b): keys, roles and policy
 * take effect only in versions signed by a threshold of admins, verified from the version this
 * machine pinned. `trust.json` from earlier builds is never read. Every method that answers "who
 * is trusted" verifies the chain first and refuses with `trust.unverified` when it does not hold.
 */
export class TrustStore {
  private readonly pins: TrustPins;
  private audit: TrustAudit | null = null;

  constructor(private readonly options: TrustStoreOptions) {
    this.pins = new TrustPins(options.dataDir);
  }

  /** The audit log records trust changes; it is built after this store (it reads keys from it). */
  setAudit(audit: TrustAudit): void {
    this.audit = audit;
  }

  private get workspace(): WorkspaceService {
    return this.options.workspace;
  }

  // ── Reading ─────────────────────────────────────────────────────────────────────────────────

  /** The verified root document, or null when the workspace has none (and this machine pinned none). */
  async root(): Promise<TrustRootDocument | null> {
    return (await this.verified())?.current.document ?? null;
  }

  /** The trusted keys as a trust file: compatibility view for verifiers. */
  async read(): Promise<TrustFile> {
    const root = await this.root();
    return { formatVersion: TRUST_FORMAT_VERSION, keys: root?.keys ?? [] };
  }

  async list(): Promise<TrustedKey[]> {
    return (await this.read()).keys;
  }

  async find(keyId: string): Promise<TrustedKey | null> {
    return (await this.list()).find((key) => key.keyId === keyId) ?? null;
  }

  /** The policy that governs `environment`: signed in the root, or the secure default. */
  async policy(environment: string): Promise<EffectivePolicy> {
    return effectivePolicy(await this.root(), environment);
  }

  /**
   * Pins the workspace's root when this machine has never seen it, and says so: hosts show the
   * fingerprint once, so it can be compared with an admin's. Null when it was pinned before, when
   * there is no root, or when it does not verify (the command that needs it will say why).
   */
  async firstSight(): Promise<{ version: number; fingerprint: string } | null> {
    if ((await this.pins.read(this.workspace.requirePath()).catch(() => null)) !== null) return null;
    const verified = await this.verified().catch(() => null);
    if (!verified?.pinnedNow) return null;
    return { version: verified.pin.pinned.version, fingerprint: fingerprintText(verified.pin.pinned.digest) };
  }

  async status(): Promise<TrustStatus> {
    const verified = await this.verified();
    const proposals = await this.proposals(verified?.current ?? null);
    if (!verified) {
      return {
        state: 'none',
        version: null,
        digest: null,
        fingerprint: null,
        pinned: null,
        pinnedNow: false,
        adminThreshold: null,
        admins: [],
        keys: [],
        environments: {},
        proposals,
      };
    }
    const { current, pin, pinnedNow } = verified;
    const document = current.document;
    return {
      state: 'verified',
      version: document.version,
      digest: current.digest,
      fingerprint: fingerprintText(current.digest),
      pinned: {
        version: pin.pinned.version,
        fingerprint: fingerprintText(pin.pinned.digest),
        confirmed: pin.confirmed,
        pinnedAt: pin.pinnedAt,
      },
      pinnedNow,
      adminThreshold: document.adminThreshold,
      admins: activeAdmins(document.keys).map((key) => ({ keyId: key.keyId, owner: key.owner })),
      keys: document.keys,
      environments: document.environments,
      proposals,
    };
  }

  /**
   * Reads `trust/root/`, pins version 1 on first sight, and verifies the chain to the newest
   * version. Null only when the workspace has no root and this machine never pinned one for it.
   */
  private async verified(): Promise<VerifiedRoot | null> {
    const dir = this.workspace.requirePath();
    const files = await this.readVersionFiles();
    let pin = await this.pins.read(dir);
    let pinnedNow = false;
    if (files.size === 0 && pin === null) return null;
    if (pin === null) {
      // Trust on first use: pin the genesis version, whose fingerprint admins can read out.
      const first = files.get(1);
      if (!first) {
        throw await this.unverified(
          rootVersionFile(1),
          'is missing: a trust root starts at version 1, and this machine has nothing to pin',
        );
      }
      let genesis: ParsedRootVersion;
      try {
        genesis = parseRootVersion(first, 1);
      } catch (error) {
        if (error instanceof RootVersionError) throw await this.unverified(error.file, error.message);
        throw error;
      }
      const mark = { version: 1, digest: genesis.digest };
      pin = {
        workspace: dir,
        pinned: mark,
        confirmed: false,
        pinnedAt: this.workspace.now().toISOString(),
        lastSeen: mark,
      };
      pinnedNow = true;
    }
    const outcome = verifyTrustChain({
      files,
      pin: pin.pinned,
      lastSeen: pin.lastSeen,
      verify: verifyEd25519,
    });
    if (!outcome.ok) throw await this.unverified(outcome.file, outcome.reason);
    const newest = { version: outcome.current.document.version, digest: outcome.current.digest };
    if (pinnedNow || newest.version !== pin.lastSeen.version || newest.digest !== pin.lastSeen.digest) {
      const { workspace: _workspace, ...rest } = pin;
      void _workspace;
      pin = await this.pins.write(dir, { ...rest, lastSeen: newest });
    }
    return { current: outcome.current, pin, pinnedNow };
  }

  private async readVersionFiles(): Promise<Map<number, RootVersionFile>> {
    const dir = this.workspace.requirePath();
    const files = new Map<number, RootVersionFile>();
    for (const name of await listJson(join(dir, TRUST_ROOT_FOLDER))) {
      const file = `${TRUST_ROOT_FOLDER}/${name}`;
      const match = /^([1-9][0-9]{0,5})\.json$/.exec(name);
      if (!match?.[1]) {
        throw await this.unverified(file, 'is not a trust root version: names must be <version>.json');
      }
      try {
        files.set(Number(match[1]), { file, text: await readBoundedText(join(dir, file), file) });
      } catch (error) {
        if (error instanceof RootVersionError) throw await this.unverified(error.file, error.message);
        throw error;
      }
    }
    return files;
  }

  private async proposals(current: ParsedRootVersion | null): Promise<TrustProposal[]> {
    const dir = this.workspace.requirePath();
    const result: TrustProposal[] = [];
    for (const name of await listJson(join(dir, TRUST_PROPOSALS_FOLDER))) {
      const match = /^([1-9][0-9]{0,5})\.json$/.exec(name);
      if (!match?.[1]) continue;
      const version = Number(match[1]);
      const file = `${TRUST_PROPOSALS_FOLDER}/${name}`;
      let parsed: ParsedRootVersion;
      try {
        parsed = parseRootVersion({ file, text: await readBoundedText(join(dir, file), file) }, version);
      } catch {
        continue; // a damaged proposal decides nothing; `trust status` simply does not list it
      }
      const applicable =
        current === null
          ? version === 1
          : version === current.document.version + 1 && parsed.document.previous === current.digest;
      const previous = current?.document ?? null;
      const signers = new Map<string, string>();
      for (const key of [
        ...signersAmong(parsed, activeAdmins(previous?.keys ?? []), verifyEd25519),
        ...signersAmong(parsed, activeAdmins(parsed.document.keys), verifyEd25519),
      ]) {
        signers.set(key.keyId, key.owner);
      }
      result.push({
        version,
        file,
        summary: parsed.document.summary,
        changes: describeRootChange(current?.document ?? null, parsed.document),
        proposedBy: parsed.document.proposedBy,
        createdAt: parsed.document.createdAt,
        digest: parsed.digest,
        signedBy: [...signers.keys()],
        needs: applicable
          ? (needsText(previous, parsed) ?? 'nothing: it can be applied')
          : 'the trust root moved on since; propose it again',
        applicable,
        document: parsed.document,
      });
    }
    return result;
  }

  /** `trust.unverified`, naming the file and the commit that brought it (or that it is uncommitted). */
  private async unverified(file: string, reason: string): Promise<FerryError> {
    const origin = await fileOrigin(this.workspace.requirePath(), file);
    return new FerryError(
      'trust.unverified',
      `The trust root of this workspace does not verify: ${file} ${reason}. It came from ${origin.text}. Nothing that depends on trust (approvals, plans, promotions, recovery, packages) will run until an admin restores a properly signed root (for example \`git revert ${origin.commit ?? '<commit>'}\`) or you pin another root with \`ferry trust pin <fingerprint>\`.`,
      { file, reason, ...(origin.commit ? { commit: origin.commit } : {}), origin: origin.text },
    );
  }

  // ── Changing ────────────────────────────────────────────────────────────────────────────────

  /**
   * Makes version 1 with this machine's key as the only admin (threshold 1) and signs the tiers
   * and policies ferry.json declares now: the moment an admin adopts them, after which hand edits
   * of ferry.json no longer count.
   */
  async init(input: { ownRoles?: TrustRole[]; environments?: string[] } = {}): Promise<ProposeResult> {
    return this.workspace.writeLock.run(async () => {
      if ((await this.verified()) !== null || (await this.readVersionFiles()).size > 0) {
        throw new FerryError(
          'trust.exists',
          'This workspace already has a trust root; change it with `ferry trust add`, `ferry trust revoke` or `ferry policy set`',
        );
      }
      const identity = await this.options.keys.requireIdentity();
      const roles = [
        ...new Set<TrustRole>(['admin', 'author', 'approver', 'promoter', ...(input.ownRoles ?? [])]),
      ];
      const own = trustedKeySchema.parse({
        keyId: identity.keyId,
        algorithm: 'ed25519',
        publicKey: identity.publicKey,
        owner: identity.owner,
        roles,
        environments: input.environments ?? [],
      });
      const environments = await this.declaredEnvironments();
      const document: TrustRootDocument = trustRootDocumentSchema.parse({
        _type: TRUST_ROOT_TYPE,
        version: 1,
        previous: null,
        createdAt: this.workspace.now().toISOString(),
        proposedBy: identity.keyId,
        summary: `trust root created by ${identity.owner}; adopts the policies of ${Object.keys(environments).join(', ') || 'no environments yet'}`,
        adminThreshold: 1,
        keys: [own],
        environments,
        auditHead: (await this.audit?.head(identity.keyId)) ?? null,
      });
      return this.signAndStore(null, document, null);
    });
  }

  /** Trusts a public key (its id is computed here from the key itself) in the next root version. */
  async add(publicKeyPem: string, options: TrustKeyOptions): Promise<ProposeResult & { key: TrustedKey }> {
    const publicKey = readEd25519PublicKey(publicKeyPem);
    const candidate = trustedKeySchema.safeParse({
      keyId: publicKey.keyId,
      algorithm: 'ed25519',
      publicKey: publicKey.pem,
      owner: options.owner,
      roles: options.roles,
      environments: options.environments ?? [],
      ...(options.notBefore !== undefined ? { notBefore: options.notBefore } : {}),
      ...(options.notAfter !== undefined ? { notAfter: options.notAfter } : {}),
    });
    if (!candidate.success) {
      const issues = toFieldIssues(candidate.error);
      throw new FerryError(
        'request.invalid',
        `The key cannot be trusted as given: ${describeIssues(issues)}`,
        {
          issues,
        },
      );
    }
    const key = candidate.data;
    const started = await this.initIfNone(key);
    const own = started?.document.keys.find((entry) => entry.keyId === key.keyId);
    // A first admin adding her own key: version 1 already trusts it, with every role she asked for.
    if (started && own) return { ...started, key: own };
    const result = await this.propose((root) => {
      const existing = root.keys.find((entry) => entry.keyId === key.keyId);
      if (existing?.revokedAt !== undefined) {
        throw new FerryError(
          'trust.key-revoked',
          `Key ${key.keyId} (${existing.owner}) was revoked on ${existing.revokedAt} and cannot be trusted again; make a new key`,
          { keyId: key.keyId },
        );
      }
      if (existing && sameGrant(existing, key)) {
        throw new FerryError(
          'trust.key-exists',
          `Key ${key.keyId} is already trusted (owner "${existing.owner}", roles ${existing.roles.join(', ')})`,
          { keyId: key.keyId },
        );
      }
      const scope = key.environments.length > 0 ? key.environments.join(', ') : 'all environments';
      if (existing?.roles.includes('admin') && !key.roles.includes('admin')) {
        const left = activeAdmins(root.keys).filter((entry) => entry.keyId !== key.keyId).length;
        if (left < root.adminThreshold) {
          throw new FerryError(
            'request.invalid',
            `That grant would take the admin role from ${existing.owner}, leaving ${left} admin${left === 1 ? '' : 's'} where ${root.adminThreshold} must sign every change. Include admin in the roles (--roles admin,${key.roles.join(',')}), or add another admin first.`,
            { keyId: key.keyId },
          );
        }
      }
      // Re-adding a key changes its grant (roles, environments, dates) in the next version.
      const keys = existing
        ? root.keys.map((entry) => (entry.keyId === key.keyId ? key : entry))
        : [...root.keys, key];
      return {
        keys,
        summary: `${existing ? 'change' : 'add'} ${key.owner} (${key.keyId.slice(0, 16)}) as ${key.roles.join(', ')} for ${scope}`,
      };
    });
    return { ...result, key };
  }

  /** Revocation is permanent and kept in the root (not a deletion), so old signatures stay explainable. */
  async revoke(keyId: string, reason: string): Promise<ProposeResult & { key: TrustedKey }> {
    const why = reason.trim();
    if (why === '') throw new FerryError('request.invalid', 'A revocation needs a reason');
    const revokedAt = this.workspace.now().toISOString();
    const result = await this.propose((root) => {
      const existing = root.keys.find((entry) => entry.keyId === keyId);
      if (!existing) throw new FerryError('trust.key-not-found', `No trusted key ${keyId}`, { keyId });
      if (existing.revokedAt !== undefined) {
        throw new FerryError(
          'trust.key-revoked',
          `Key ${keyId} (${existing.owner}) was already revoked on ${existing.revokedAt}`,
          { keyId },
        );
      }
      const key: TrustedKey = { ...existing, revokedAt, revokedReason: why };
      return {
        keys: root.keys.map((entry) => (entry.keyId === keyId ? key : entry)),
        summary: `revoke ${existing.owner} (${keyId.slice(0, 16)}): ${why}`,
      };
    });
    const key = result.document.keys.find((entry) => entry.keyId === keyId);
    if (!key) throw new FerryError('internal', `Key ${keyId} vanished from the proposed trust root`);
    return { ...result, key };
  }

  /** Signs a tier and policy for an environment into the next version. */
  async setPolicy(
    environment: string,
    input: { tier?: Tier; policy: unknown },
  ): Promise<ProposeResult & { policy: EnvironmentPolicy }> {
    const policy = parseEnvironmentPolicy(input.policy, `environment "${environment}"`);
    const declared = await this.declaredTier(environment);
    await this.initIfNone(null);
    const result = await this.propose((root) => {
      const tier = input.tier ?? root.environments[environment]?.tier ?? declared ?? 'prod';
      return {
        environments: { ...root.environments, [environment]: { tier, policy } },
        summary: `policy of ${environment} (tier ${tier}): ${policySummary(policy)}`,
      };
    }, 'policy-propose');
    return { ...result, policy };
  }

  /** How many admins must sign each later version. */
  async setThreshold(threshold: number): Promise<ProposeResult> {
    return this.propose((root) => ({
      adminThreshold: threshold,
      summary: `admin threshold ${root.adminThreshold} → ${threshold}`,
    }));
  }

  /** Adds this machine's admin signature to a pending proposal; applies it once every threshold is met. */
  async sign(version: number): Promise<ProposeResult> {
    return this.workspace.writeLock.run(async () => {
      const verified = await this.verified();
      const dir = this.workspace.requirePath();
      const file = proposalFile(version);
      let text: string;
      try {
        text = await readBoundedText(join(dir, file), file);
      } catch {
        throw new FerryError(
          'trust.no-proposal',
          `There is no proposal for trust root version ${version} (${file})`,
          {
            version,
          },
        );
      }
      let parsed: ParsedRootVersion;
      try {
        parsed = parseRootVersion({ file, text }, version);
      } catch (error) {
        if (error instanceof RootVersionError) {
          throw new FerryError('trust.invalid', `${error.file} ${error.message}; it cannot be signed`, {
            file,
          });
        }
        throw error;
      }
      const current = verified?.current ?? null;
      const expected = (current?.document.version ?? 0) + 1;
      if (version !== expected || parsed.document.previous !== (current?.digest ?? null)) {
        throw new FerryError(
          'trust.proposal-outdated',
          `The proposal for version ${version} no longer follows the trust root (now at version ${current?.document.version ?? 'none'}); propose the change again`,
          { version },
        );
      }
      return this.signAndStore(current, parsed.document, parsed.envelope);
    });
  }

  /** Withdraws a pending proposal (any admin may): one commit removing it, audited. */
  async withdraw(version: number): Promise<{ version: number; commit: string }> {
    return this.workspace.writeLock.run(async () => {
      const verified = await this.verified();
      const identity = await this.options.keys.requireIdentity();
      const admins = activeAdmins(verified?.current.document.keys ?? []);
      if (!admins.some((key) => key.keyId === identity.keyId)) {
        throw new FerryError('trust.not-admin', 'Only an admin of the trust root can withdraw a proposal');
      }
      const dir = this.workspace.requirePath();
      const file = proposalFile(version);
      if (!(await exists(join(dir, file)))) {
        throw new FerryError(
          'trust.no-proposal',
          `There is no proposal for trust root version ${version} (${file})`,
        );
      }
      await rm(join(dir, file));
      await unstageFile(dir, file);
      const staged = this.audit
        ? await this.audit.stage(identity.keyId, {
            action: 'trust-withdraw',
            subject: `trust/${version}`,
            details: { file },
          })
        : null;
      const commit = await commitFiles(
        dir,
        staged ? [staged.file] : [],
        `trust ${version}: proposal withdrawn by ${identity.owner}`,
        this.workspace.author(),
        this.workspace.now(),
      );
      return { version, commit };
    });
  }

  /**
   * Pins the root whose fingerprint an admin read out. The fingerprint may be of any version in
   * the workspace; the chain from it must verify. Replaces an earlier pin: this is how a machine
   * recovers after a refusal, deliberately.
   */
  async pin(fingerprint: string): Promise<TrustStatus> {
    const digest = normaliseFingerprint(fingerprint);
    if (digest === null) {
      throw new FerryError(
        'request.invalid',
        `"${fingerprint}" is not a fingerprint: it must be 64 hex digits (spaces allowed)`,
      );
    }
    const dir = this.workspace.requirePath();
    const files = await this.readVersionFiles();
    let match: ParsedRootVersion | null = null;
    for (const [version, file] of files) {
      try {
        const parsed = parseRootVersion(file, version);
        if (parsed.digest === digest) match = parsed;
      } catch {
        /* not this one */
      }
    }
    if (!match) {
      throw new FerryError(
        'trust.fingerprint-unknown',
        `No trust root version in this workspace has the fingerprint ${fingerprintText(digest)}; check it with the admin who gave it to you`,
      );
    }
    const mark = { version: match.document.version, digest };
    const outcome = verifyTrustChain({ files, pin: mark, lastSeen: null, verify: verifyEd25519 });
    if (!outcome.ok) throw await this.unverified(outcome.file, outcome.reason);
    await this.pins.write(dir, {
      pinned: mark,
      confirmed: true,
      pinnedAt: this.workspace.now().toISOString(),
      lastSeen: { version: outcome.current.document.version, digest: outcome.current.digest },
    });
    return this.status();
  }

  // ── Internals ───────────────────────────────────────────────────────────────────────────────

  /** Trust operations on a workspace with no root start it, with this machine's key as first admin. */
  private async initIfNone(ownGrant: TrustedKey | null): Promise<ProposeResult | null> {
    if ((await this.verified()) !== null) return null;
    const identity = await this.options.keys.requireIdentity();
    const own = ownGrant?.keyId === identity.keyId ? ownGrant : null;
    return this.init({
      ...(own ? { ownRoles: own.roles, environments: own.environments } : {}),
    });
  }

  private async propose(
    change: (root: TrustRootDocument) => Partial<
      Pick<TrustRootDocument, 'keys' | 'environments' | 'adminThreshold'>
    > & {
      summary: string;
    },
    action = 'trust-propose',
  ): Promise<ProposeResult> {
    return this.workspace.writeLock.run(async () => {
      const verified = await this.verified();
      if (!verified) {
        throw new FerryError(
          'trust.none',
          'This workspace has no trust root yet; run `ferry trust init` to become its first admin',
        );
      }
      const identity = await this.options.keys.requireIdentity();
      const current = verified.current.document;
      if (!activeAdmins(current.keys).some((key) => key.keyId === identity.keyId)) {
        throw new FerryError(
          'trust.not-admin',
          `Only an admin of the trust root can propose a change, and your key (${identity.keyId.slice(0, 16)}) is not one. Ask an admin (${activeAdmins(
            current.keys,
          )
            .map((key) => key.owner)
            .join(', ')}) to make it.`,
        );
      }
      const waiting = (await this.proposals(verified.current)).find((proposal) => proposal.applicable);
      if (waiting) {
        throw new FerryError(
          'trust.proposal-pending',
          `A change to the trust root is already waiting for signatures as version ${waiting.version} ("${waiting.summary}", needs ${waiting.needs}). Sign it first (\`ferry trust sign ${waiting.version}\`) or withdraw it (\`ferry trust withdraw ${waiting.version}\`), then propose this change.`,
          { version: waiting.version },
        );
      }
      const { summary, ...changes } = change(structuredClone(current));
      const candidate = trustRootDocumentSchema.safeParse({
        ...current,
        ...changes,
        version: current.version + 1,
        previous: verified.current.digest,
        createdAt: this.workspace.now().toISOString(),
        proposedBy: identity.keyId,
        summary,
        auditHead: (await this.audit?.head(identity.keyId)) ?? null,
      });
      if (!candidate.success) {
        const issues = toFieldIssues(candidate.error);
        throw new FerryError(
          'request.invalid',
          `That change would make an invalid trust root: ${describeIssues(issues)}`,
          {
            issues,
          },
        );
      }
      return this.signAndStore(verified.current, candidate.data, null, action);
    });
  }

  /**
   * Adds this machine's signature and writes the version: to `trust/root/` when every threshold
   * is met, else to `trust/proposals/`. One commit, and an audit entry. Caller holds the lock.
   */
  private async signAndStore(
    previous: ParsedRootVersion | null,
    document: TrustRootDocument,
    existing: DsseEnvelope | null,
    action = 'trust-propose',
  ): Promise<ProposeResult> {
    const { keys } = this.options;
    const identity = await keys.requireIdentity();
    const payload = trustRootPayload(document);
    const signature = await keys.sign(preAuthEncoding(TRUST_ROOT_PAYLOAD_TYPE, payload));
    const others = (existing?.signatures ?? []).filter((entry) => entry.keyid !== identity.keyId);
    const envelope: DsseEnvelope = {
      ...buildEnvelope(TRUST_ROOT_PAYLOAD_TYPE, payload, [{ keyid: identity.keyId, sig: signature }]),
    };
    envelope.signatures = [...others, ...envelope.signatures];
    const candidate = { envelope, payload, document, digest: trustRootDigest(payload), file: '' };
    const signerIsAdmin = [
      ...activeAdmins(previous?.document.keys ?? []),
      ...activeAdmins(document.keys),
    ].some((key) => key.keyId === identity.keyId);
    if (!signerIsAdmin) {
      throw new FerryError(
        'trust.not-admin',
        `Your key (${identity.keyId.slice(0, 16)}) is not an admin of the trust root, so its signature would not count`,
      );
    }
    const missing = thresholdProblem(previous?.document ?? null, candidate, verifyEd25519);
    const dir = this.workspace.requirePath();
    const version = document.version;
    const target = missing === null ? rootVersionFile(version) : proposalFile(version);
    await mkdir(join(dir, missing === null ? TRUST_ROOT_FOLDER : TRUST_PROPOSALS_FOLDER), {
      recursive: true,
    });
    await writeFileAtomic(join(dir, target), `${JSON.stringify(envelope, null, 2)}\n`);
    const proposalLeft = missing === null && (await exists(join(dir, proposalFile(version))));
    if (proposalLeft) {
      await rm(join(dir, proposalFile(version)));
      await unstageFile(dir, proposalFile(version));
    }
    // Recorded in the proposer's audit chain, in the same commit as the version itself.
    const staged = this.audit
      ? await this.audit.stage(identity.keyId, {
          action: missing === null ? 'trust-apply' : existing ? 'trust-sign' : action,
          subject: `trust/${version}`,
          details: { summary: document.summary, digest: candidate.digest, file: target },
        })
      : null;
    const verb =
      missing === null ? (existing ? 'signed and applied' : 'applied') : existing ? 'signed' : 'proposed';
    const message = `trust ${version}: ${document.summary} (${verb} by ${identity.owner})`;
    const commit = await commitFiles(
      dir,
      staged ? [target, staged.file] : [target],
      message,
      this.workspace.author(),
      this.workspace.now(),
    );
    if (missing === null) {
      // The version this machine just made is verified by construction: remember it.
      await this.rememberApplied(version, candidate.digest, previous === null);
    }
    return {
      version,
      applied: missing === null,
      file: target,
      commit,
      summary: document.summary,
      needs: missing === null ? null : needsText(previous?.document ?? null, candidate),
      changes: describeRootChange(previous?.document ?? null, document),
      document,
    };
  }

  private async rememberApplied(version: number, digest: string, genesis: boolean): Promise<void> {
    const dir = this.workspace.requirePath();
    const pin = await this.pins.read(dir);
    const mark = { version, digest };
    if (pin === null || genesis) {
      await this.pins.write(dir, {
        pinned: genesis ? mark : (pin?.pinned ?? mark),
        confirmed: true,
        pinnedAt: this.workspace.now().toISOString(),
        lastSeen: mark,
      });
      return;
    }
    const { workspace: _workspace, ...rest } = pin;
    void _workspace;
    await this.pins.write(dir, { ...rest, lastSeen: mark });
  }

  private async declaredEnvironments(): Promise<TrustRootDocument['environments']> {
    const config = await this.workspace.readConfig();
    const environments: TrustRootDocument['environments'] = {};
    for (const entry of config.environments) {
      const name = typeof entry.name === 'string' ? entry.name : null;
      const tier = entry.tier === 'dev' || entry.tier === 'test' || entry.tier === 'prod' ? entry.tier : null;
      if (name === null || tier === null) continue;
      const raw = entry.policy ?? config.policies[name];
      environments[name] = {
        tier,
        policy: parseEnvironmentPolicy(raw, `environment "${name}" in ferry.json`),
      };
    }
    return environments;
  }

  private async declaredTier(environment: string): Promise<Tier | null> {
    return (await this.declaredEnvironments())[environment]?.tier ?? null;
  }
}

function sameGrant(left: TrustedKey, right: TrustedKey): boolean {
  return (
    left.owner === right.owner &&
    [...left.roles].sort().join() === [...right.roles].sort().join() &&
    [...left.environments].sort().join() === [...right.environments].sort().join() &&
    left.notBefore === right.notBefore &&
    left.notAfter === right.notAfter
  );
}

function needsText(
  previous: TrustRootDocument | null,
  candidate: Pick<ParsedRootVersion, 'envelope' | 'payload' | 'document'>,
): string | null {
  const parts: string[] = [];
  const checks = [
    ...(previous ? [{ document: previous, label: `version ${previous.version}` }] : []),
    { document: candidate.document, label: `version ${candidate.document.version}` },
  ];
  for (const { document, label } of checks) {
    const admins = activeAdmins(document.keys);
    const have = signersAmong(candidate, admins, verifyEd25519);
    const more = document.adminThreshold - have.length;
    if (more > 0) {
      const who = admins.filter((key) => !have.includes(key)).map((key) => key.owner);
      parts.push(`${more} more admin signature${more === 1 ? '' : 's'} of ${label} (${who.join(', ')})`);
    }
  }
  return parts.length === 0 ? null : parts.join(' and ');
}

function policySummary(policy: EnvironmentPolicy): string {
  const parts = [
    `${policy.approvalsRequired} approval${policy.approvalsRequired === 1 ? '' : 's'}`,
    policy.allowSelfApproval ? 'self-approval allowed' : 'no self-approval',
    `${policy.denyWindows.length} deny window${policy.denyWindows.length === 1 ? '' : 's'}`,
    policy.emergencyOverride.allowed ? 'override with a reason' : 'no override',
  ];
  if (policy.maxApprovalAgeDays !== undefined)
    parts.push(`approvals valid ${policy.maxApprovalAgeDays} days`);
  return parts.join(', ');
}

async function listJson(folder: string): Promise<string[]> {
  try {
    const info = await lstat(folder);
    if (!info.isDirectory()) return [];
    return (await readdir(folder)).filter((name) => !name.startsWith('.')).sort();
  } catch {
    return [];
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

/** Reads a trust file that must be a regular file of bounded size (a symlink is refused). */
async function readBoundedText(path: string, file: string): Promise<string> {
  const info = await lstat(path);
  if (!info.isFile()) throw new RootVersionError(file, 'is not a regular file');
  if (info.size > MAX_TRUST_ROOT_BYTES) {
    throw new RootVersionError(file, `is ${info.size} bytes, more than a trust root version can be`);
  }
  return readFile(path, 'utf8');
}

/** Which commit brought a file as it is now, or that it is an uncommitted change. */
async function fileOrigin(dir: string, file: string): Promise<{ text: string; commit: string | null }> {
  try {
    const status = await fileStatus(dir, file);
    if (status === 'absent') {
      const head = await resolveHead(dir).catch(() => null);
      return {
        text: `its removal: it is in neither the working tree nor the last commit${head ? ` (${head.slice(0, 12)}); \`git log -- ${file}\` shows which commit removed it` : ''}`,
        commit: null,
      };
    }
    if (status !== 'unmodified') {
      return { text: `an uncommitted change in the working tree (git status: ${status})`, commit: null };
    }
    const [entry] = await logCommits(dir, { path: file, depth: 1 });
    if (!entry) return { text: 'no commit', commit: null };
    const subject = entry.commit.message.trim().split('\n')[0] ?? '';
    return {
      text: `commit ${entry.oid.slice(0, 12)} "${subject}" by ${entry.commit.author.name}`,
      commit: entry.oid.slice(0, 12),
    };
  } catch {
    return { text: 'an unknown change (its history could not be read)', commit: null };
  }
}
