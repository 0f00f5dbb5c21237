import { create } from 'zustand';
import type { VaultStatusWire } from '../../../../shared/model/trust-wire';
import { call, errorMessage, setVaultUnlocker } from '../../api/ferry-client';

interface VaultState {
  /** The dialog is showing; a call that needs the vault waits for it. */
  open: boolean;
  status: VaultStatusWire | null;
  busy: boolean;
  /** Stays until the next attempt or until the dialog closes: a person must be able to read it. */
  error: string | null;
  /** Opens the dialog; true once unlocked, false when the person cancels or it cannot be unlocked here. */
  request: () => Promise<boolean>;
  submit: (passphrase: string, confirmation: string | null) => Promise<void>;
  cancel: () => void;
}

let pending: ((unlocked: boolean) => void)[] = [];

function settle(unlocked: boolean): void {
  const waiting = pending;
  pending = [];
  for (const resolve of waiting) resolve(unlocked);
}

/**
 * The vault holds the signing key and client secrets. In the browser bridge nothing opens it for
 * the person (no system key store, no FERRY_VAULT_PASSPHRASE), so the page asks for its passphrase
 * the first time something needs it: a new vault is set up with one, an existing one opens with
 * it, for this session only. The call that needed it then goes on by itself.
 */
export const useVaultStore = create<VaultState>((set, get) => ({
  open: false,
  status: null,
  busy: false,
  error: null,
  request: async () => {
    let status: VaultStatusWire;
    try {
      status = await call('vault.status', {});
    } catch {
      return false;
    }
    if (status.unlocked) return true;
    if (!status.canUnlock) return false;
    return new Promise<boolean>((resolve) => {
      pending.push(resolve);
      set({ open: true, status, error: null });
    });
  },
  submit: async (passphrase, confirmation) => {
    const { status } = get();
    if (status !== null && !status.exists && confirmation !== null && confirmation !== passphrase) {
      set({ error: 'The two passphrases differ; type the same one twice.' });
      return;
    }
    set({ busy: true, error: null });
    try {
      const next = await call('vault.unlock', { passphrase });
      set({ status: next, open: !next.unlocked, busy: false });
      if (next.unlocked) settle(true);
    } catch (error) {
      set({ busy: false, error: errorMessage(error) });
    }
  },
  cancel: () => {
    set({ open: false, error: null, busy: false });
    settle(false);
  },
}));

setVaultUnlocker(() => useVaultStore.getState().request());
