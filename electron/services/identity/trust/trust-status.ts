/**
 * `trust status`: the verified root as people read it (version, fingerprint, this machine's pin,
 * admins, keys, environments) with the proposals waiting against it. Apart because it is the one
 * full report of the store, read-only, and it states "no root" rather than refusing.
 */
import { activeAdmins, fingerprintText } from '../../../../shared/trust/trust-root';
import { listProposals } from './proposal-list';
import type { TrustContext, TrustStatus } from './trust-types';
import { verifiedRoot } from './verify-root';

export async function trustStatus(context: TrustContext): Promise<TrustStatus> {
  const verified = await verifiedRoot(context);
  const proposals = await listProposals(context, verified?.current ?? null);
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
