import type { SigningIdentity } from './key-service';
import type { KeyService } from './key-service';
import type { TrustStore } from './trust-store';

/**
 * The app's "Create my signing key": makes the key and, when the open workspace has no trust root
 * yet, signs version 1 with it, so a one-person team can author, approve and promote from the
 * first launch. A workspace that already has a root is left to its admins.
 */
export async function createKeyAsFirstAdmin(
  services: {
    keys: KeyService;
    trust: TrustStore;
    /** When given, its commits are authored by the new key's owner from now on. */
    workspace?: { useSignerAsAuthor(owner: string): void };
  },
  input: { owner: string; acceptUnprotected?: boolean },
): Promise<{ identity: SigningIdentity; rootVersion: number | null }> {
  const identity = await services.keys.init(input);
  services.workspace?.useSignerAsAuthor(identity.owner);
  let rootVersion: number | null = null;
  const status = await services.trust.status().catch(() => null);
  if (status?.state === 'none' && status.proposals.length === 0) {
    rootVersion = (await services.trust.init()).version;
  }
  return { identity, rootVersion };
}
