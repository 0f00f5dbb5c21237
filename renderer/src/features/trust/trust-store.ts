import { create } from 'zustand';
import { isFerryError } from '../../../../shared/api/api-error';
import type { SigningIdentityWire } from '../../../../shared/model/promotion-wire';
import type { TrustProposeResultWire, TrustStatusWire } from '../../../../shared/model/trust-wire';
import { call, errorMessage } from '../../api/ferry-client';
import { environmentList, type AddKeyDraft, type Refusal } from './trust-model';

interface TrustState {
  /** This machine's signing key (public half); null until one is made. */
  identity: SigningIdentityWire | null;
  status: TrustStatusWire | null;
  loaded: boolean;
  loading: boolean;
  /** The channel call under way, to disable its button. */
  busy: string | null;
  /** The last refusal, shown in full until dismissed or the next action. */
  refusal: Refusal | null;
  /** Why the status could not be read (e.g. `trust.unverified`): stays until a load succeeds. */
  loadRefusal: Refusal | null;
  notice: string | null;
  load(): Promise<void>;
  createIdentity(owner: string): Promise<boolean>;
  init(): Promise<boolean>;
  addKey(draft: AddKeyDraft): Promise<boolean>;
  revoke(keyId: string, reason: string): Promise<boolean>;
  setThreshold(threshold: number): Promise<boolean>;
  sign(version: number): Promise<boolean>;
  withdraw(version: number): Promise<boolean>;
  pin(fingerprint: string): Promise<boolean>;
  dismiss(): void;
}

export function toRefusal(error: unknown): Refusal {
  if (isFerryError(error)) {
    return {
      code: error.code,
      message: error.message,
      ...(error.details !== undefined ? { details: error.details } : {}),
    };
  }
  return { code: 'internal', message: errorMessage(error) };
}

/** What a proposal did, in the words the CLI uses. */
export function proposalNotice(result: TrustProposeResultWire): string {
  return result.applied
    ? `Trust root version ${result.version} is in effect: ${result.summary}`
    : `Proposed trust root version ${result.version}: ${result.summary}. It needs ${result.needs ?? 'more signatures'} before it takes effect.`;
}

/** The Trust page: this machine's key and the workspace's signed trust root, read and changed. */
export const useTrustStore = create<TrustState>((set, get) => {
  /** Runs one change, then reads the root again: every change is a new version or proposal. */
  async function change<T>(
    name: string,
    act: () => Promise<T>,
    notice: (value: T) => string,
  ): Promise<boolean> {
    set({ busy: name, refusal: null, notice: null });
    try {
      const value = await act();
      set({ notice: notice(value) });
      await get().load();
      return true;
    } catch (error) {
      set({ refusal: toRefusal(error) });
      return false;
    } finally {
      set({ busy: null });
    }
  }

  return {
    identity: null,
    status: null,
    loaded: false,
    loading: false,
    busy: null,
    refusal: null,
    loadRefusal: null,
    notice: null,
    load: async () => {
      set({ loading: true });
      try {
        const identity = await call('identity.info', {});
        set({ identity });
        const status = await call('trust.status', {});
        set({ status, loadRefusal: null });
      } catch (error) {
        // A root that does not verify is not shown at all: nothing in it can be believed.
        set({ status: null, loadRefusal: toRefusal(error) });
      } finally {
        set({ loading: false, loaded: true });
      }
    },
    createIdentity: (owner) =>
      change(
        'identity',
        () => call('identity.init', { owner: owner.trim() }),
        (made) => `Signing key created for ${made.owner}`,
      ),
    init: () =>
      change(
        'init',
        () => call('trust.init', {}),
        (result) => `${proposalNotice(result)}. You are its first admin.`,
      ),
    addKey: (draft) =>
      change(
        'addKey',
        () =>
          call('trust.addKey', {
            publicKey: draft.publicKey.trim(),
            owner: draft.owner.trim(),
            roles: draft.roles,
            environments: environmentList(draft.environments),
          }),
        proposalNotice,
      ),
    revoke: (keyId, reason) =>
      change('revoke', () => call('trust.revoke', { keyId, reason: reason.trim() }), proposalNotice),
    setThreshold: (threshold) =>
      change('threshold', () => call('trust.setThreshold', { threshold }), proposalNotice),
    sign: (version) => change(`sign:${version}`, () => call('trust.sign', { version }), proposalNotice),
    withdraw: (version) =>
      change(
        `withdraw:${version}`,
        () => call('trust.withdraw', { version }),
        (result) => `Withdrew the proposal for trust root version ${result.version}`,
      ),
    pin: (fingerprint) =>
      change(
        'pin',
        () => call('trust.pin', { fingerprint: fingerprint.trim() }),
        (status) =>
          `Pinned trust root version ${status.pinned?.version ?? '?'} on this machine; the chain to version ${status.version ?? '?'} verifies.`,
      ),
    dismiss: () => set({ refusal: null, notice: null }),
  };
});
