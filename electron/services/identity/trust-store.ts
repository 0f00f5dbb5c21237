import {
  TRUST_FORMAT_VERSION,
  type TrustFile,
  type TrustRole,
  type TrustedKey,
} from '../../../shared/model/trust';
import type { Tier } from '../../../shared/model/environment';
import type { EnvironmentPolicy } from '../../../shared/promotion/policy';
import {
  effectivePolicy,
  type EffectivePolicy,
  type TrustRootDocument,
} from '../../../shared/trust/trust-root';
import { setEnvironmentPolicy } from './trust/environment-policy';
import { setPipelines, setStandardChanges } from './trust/governance-definitions';
import { addKey, revokeKey, setAdminThreshold } from './trust/key-grants';
import { signProposal, withdrawProposal } from './trust/pending-proposal';
import { initRoot } from './trust/propose-version';
import { firstSight, pinFingerprint } from './trust/root-pins';
import { trustStatus } from './trust/trust-status';
import type {
  ProposeResult,
  TrustAudit,
  TrustContext,
  TrustKeyOptions,
  TrustStatus,
  TrustStoreOptions,
} from './trust/trust-types';
import { verifiedRoot } from './trust/verify-root';
import { TrustPins } from './trust-pins';

export type {
  ProposeResult,
  TrustAudit,
  TrustKeyOptions,
  TrustProposal,
  TrustStatus,
  TrustStoreOptions,
} from './trust/trust-types';

/**
 * The team's trust, read only through the signed trust root (DESIGN §7b): keys, roles and policy
 * take effect only in versions signed by a threshold of admins, verified from the version this
 * machine pinned. `trust.json` from earlier builds is never read. Every method that answers "who
 * is trusted" verifies the chain first and refuses with `trust.unverified` when it does not hold.
 *
 * This class is the store's one public face; each phase is a file in ./trust/: verify-root (the
 * chain from the pin), root-pins, proposal-list, propose-version, pending-proposal (sign and
 * withdraw), sign-and-store (the one writer of versions), key-grants, environment-policy and
 * trust-status.
 */
export class TrustStore {
  private audit: TrustAudit | null = null;
  private readonly context: TrustContext;

  constructor(options: TrustStoreOptions) {
    const pins = new TrustPins(options.dataDir);
    const audit = (): TrustAudit | null => this.audit;
    // Getters, so each phase sees the audit log once it is set, as the methods always did.
    this.context = {
      get workspace() {
        return options.workspace;
      },
      get keys() {
        return options.keys;
      },
      pins,
      get audit() {
        return audit();
      },
    };
  }

  /** The audit log records trust changes; it is built after this store (it reads keys from it). */
  setAudit(audit: TrustAudit): void {
    this.audit = audit;
  }

  // ── Reading ─────────────────────────────────────────────────────────────────────────────────

  /** The verified root document, or null when the workspace has none (and this machine pinned none). */
  async root(): Promise<TrustRootDocument | null> {
    return (await verifiedRoot(this.context))?.current.document ?? null;
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
    return firstSight(this.context);
  }

  async status(): Promise<TrustStatus> {
    return trustStatus(this.context);
  }

  // ── Changing ────────────────────────────────────────────────────────────────────────────────

  /**
   * Makes version 1 with this machine's key as the only admin (threshold 1) and signs the tiers
   * and policies ferry.json declares now: the moment an admin adopts them, after which hand edits
   * of ferry.json no longer count.
   */
  async init(input: { ownRoles?: TrustRole[]; environments?: string[] } = {}): Promise<ProposeResult> {
    return initRoot(this.context, input);
  }

  /** Trusts a public key (its id is computed here from the key itself) in the next root version. */
  async add(publicKeyPem: string, options: TrustKeyOptions): Promise<ProposeResult & { key: TrustedKey }> {
    return addKey(this.context, publicKeyPem, options);
  }

  /** Revocation is permanent and kept in the root (not a deletion), so old signatures stay explainable. */
  async revoke(keyId: string, reason: string): Promise<ProposeResult & { key: TrustedKey }> {
    return revokeKey(this.context, keyId, reason);
  }

  /** Signs a tier and policy for an environment into the next version. */
  async setPolicy(
    environment: string,
    input: { tier?: Tier; policy: unknown },
  ): Promise<ProposeResult & { policy: EnvironmentPolicy }> {
    return setEnvironmentPolicy(this.context, environment, input);
  }

  /** Issue 20: signs the whole list of standard change templates into the next version. */
  async setStandardChanges(raw: unknown, source?: string) {
    return setStandardChanges(this.context, raw, source);
  }

  /** Issue 20: signs the whole list of promotion pipelines into the next version. */
  async setPipelines(raw: unknown, source?: string) {
    return setPipelines(this.context, raw, source);
  }

  /** How many admins must sign each later version. */
  async setThreshold(threshold: number): Promise<ProposeResult> {
    return setAdminThreshold(this.context, threshold);
  }

  /** Adds this machine's admin signature to a pending proposal; applies it once every threshold is met. */
  async sign(version: number): Promise<ProposeResult> {
    return signProposal(this.context, version);
  }

  /** Withdraws a pending proposal (any admin may): one commit removing it, audited. */
  async withdraw(version: number): Promise<{ version: number; commit: string }> {
    return withdrawProposal(this.context, version);
  }

  /**
   * Pins the root whose fingerprint an admin read out. The fingerprint may be of any version in
   * the workspace; the chain from it must verify. Replaces an earlier pin: this is how a machine
   * recovers after a refusal, deliberately.
   */
  async pin(fingerprint: string): Promise<TrustStatus> {
    await pinFingerprint(this.context, fingerprint);
    return this.status();
  }
}
