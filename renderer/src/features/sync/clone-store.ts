import { create } from 'zustand';
import { FerryError } from '../../../../shared/api/api-error';
import type { WorkspaceInfo } from '../../../../shared/model/workspace';
import { call, errorMessage } from '../../api/ferry-client';
import { syncFailureText } from './sync-model';
import { followSyncProgress, useSyncStore } from './sync-store';

export interface CloneInput {
  url: string;
  path: string;
  username: string;
  /** As typed; passes through to the vault and is kept nowhere here. */
  token: string;
  acceptUnprotected?: boolean;
}

interface CloneState {
  phase: 'idle' | 'storing' | 'cloning' | 'cancelling';
  error: string | null;
  /** The vault cannot protect the token here: the person confirms or gives up. */
  unprotectedWarning: string | null;
  /** Stores the credentials (if any) for the address's host, then clones; answers the workspace opened. */
  clone(input: CloneInput): Promise<WorkspaceInfo | null>;
  cancel(): Promise<void>;
  clear(): void;
}

export const useCloneStore = create<CloneState>((set, get) => ({
  phase: 'idle',
  error: null,
  unprotectedWarning: null,
  clone: async ({ url, path, username, token, acceptUnprotected }) => {
    if (get().phase !== 'idle') return null;
    set({ phase: 'storing', error: null, unprotectedWarning: null });
    try {
      if (token !== '') {
        await call('sync.login', {
          target: url,
          password: token,
          ...(username.trim() !== '' ? { username: username.trim() } : {}),
          ...(acceptUnprotected === true ? { acceptUnprotected: true } : {}),
        });
      }
      followSyncProgress();
      useSyncStore.setState({ progress: null });
      set({ phase: 'cloning' });
      return await call('sync.clone', { url, path });
    } catch (error) {
      if (error instanceof FerryError && error.code === 'vault.unprotected') {
        set({ unprotectedWarning: error.message });
      } else {
        set({
          error:
            error instanceof FerryError
              ? syncFailureText(error.code, errorMessage(error), 'clone')
              : errorMessage(error),
        });
      }
      return null;
    } finally {
      set({ phase: 'idle' });
      useSyncStore.setState({ progress: null });
    }
  },
  cancel: async () => {
    if (get().phase !== 'cloning') return;
    set({ phase: 'cancelling' });
    try {
      await call('sync.cancel', {});
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },
  clear: () => set({ error: null, unprotectedWarning: null }),
}));
