import { create } from 'zustand';
import type { AuthorshipWire } from '../../../../shared/model/trust-wire';
import { call } from '../../api/ferry-client';
import type { Refusal } from './trust-model';
import { toRefusal } from './trust-store';

export interface AuthorshipEntry {
  authorship: AuthorshipWire | null;
  loading: boolean;
  signing: boolean;
  refusal: Refusal | null;
}

interface AuthorshipState {
  /** By changeset id: the editor and a plan may show the same changeset. */
  entries: Record<string, AuthorshipEntry>;
  load(changesetId: string): Promise<void>;
  /** Signs the changeset as it is now with this machine's key; true when it worked. */
  sign(changesetId: string): Promise<boolean>;
}

const EMPTY: AuthorshipEntry = { authorship: null, loading: false, signing: false, refusal: null };

export function authorshipEntry(state: AuthorshipState, changesetId: string): AuthorshipEntry {
  return state.entries[changesetId] ?? EMPTY;
}

/** Who signed a changeset as its author, as the services judge it against the trust root. */
export const useAuthorshipStore = create<AuthorshipState>((set) => {
  function update(changesetId: string, fields: Partial<AuthorshipEntry>): void {
    set((state) => ({
      entries: { ...state.entries, [changesetId]: { ...(state.entries[changesetId] ?? EMPTY), ...fields } },
    }));
  }
  return {
    entries: {},
    load: async (changesetId) => {
      update(changesetId, { loading: true });
      try {
        update(changesetId, {
          authorship: await call('changesets.authorship', { changesetId }),
          refusal: null,
        });
      } catch (error) {
        update(changesetId, { authorship: null, refusal: toRefusal(error) });
      } finally {
        update(changesetId, { loading: false });
      }
    },
    sign: async (changesetId) => {
      update(changesetId, { signing: true, refusal: null });
      try {
        update(changesetId, { authorship: await call('changesets.signAsAuthor', { changesetId }) });
        return true;
      } catch (error) {
        update(changesetId, { refusal: toRefusal(error) });
        return false;
      } finally {
        update(changesetId, { signing: false });
      }
    },
  };
});
