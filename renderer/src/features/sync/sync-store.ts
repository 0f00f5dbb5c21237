import { create } from 'zustand';
import { FerryError } from '../../../../shared/api/api-error';
import type {
  ConflictChoice,
  PullResultWire,
  RemoteViewWire,
  SyncConflict,
  SyncHistoryEntry,
  SyncProgress,
  SyncStatusWire,
} from '../../../../shared/sync/sync-wire';
import { call, errorMessage, onEvent } from '../../api/ferry-client';
import { pullOutcomeSentence, pushOutcomeSentence, syncFailureText, type SyncOperation } from './sync-model';

/** A failure on the Sync page, in the page's terms. */
function failureText(error: unknown): string {
  return error instanceof FerryError
    ? syncFailureText(error.code, errorMessage(error), 'page')
    : errorMessage(error);
}

/** How a credentials form ended: it clears its fields only when `stored`. */
export type LoginOutcome = 'stored' | 'failed' | 'needs-confirmation';

interface Transfer {
  operation: SyncOperation;
  cancelling: boolean;
}

interface SyncState {
  /** The open workspace's remotes; null until read. */
  remotes: RemoteViewWire[] | null;
  status: SyncStatusWire | null;
  /** Why the status could not be read (the remote unreachable, say); the page says it, the sidebar stays quiet. */
  statusError: string | null;
  history: SyncHistoryEntry[];
  /** The transfer running from this window, if any. */
  transfer: Transfer | null;
  /** The latest `sync.progress` of whatever transfer runs (the clone dialog reads it too). */
  progress: SyncProgress | null;
  /** What the last pull of this session brought in. */
  lastPull: PullResultWire | null;
  /** A finished transfer, in a sentence. */
  notice: string | null;
  error: string | null;
  /** The conflict dialog: open while not null. */
  conflicts: SyncConflict[] | null;
  conflictsLoading: boolean;
  conflictError: string | null;
  remoteError: string | null;
  loginError: string | null;
  /** The remote whose login dialog is open; null when none is. */
  loginFor: string | null;
  /** The vault cannot protect the credentials here: the person confirms or gives up. */
  unprotectedWarning: string | null;
  /** Remotes, status without the network, and history: cheap enough for the sidebar's timer. */
  load(): Promise<void>;
  /** Ahead/behind; `online` asks the remote (a fetch), otherwise from the last transfer. */
  refreshStatus(online?: boolean): Promise<void>;
  pull(): Promise<void>;
  push(): Promise<void>;
  sync(): Promise<void>;
  cancel(): Promise<void>;
  addRemote(name: string, url: string): Promise<boolean>;
  removeRemote(name: string): Promise<void>;
  login(
    target: string,
    username: string,
    password: string,
    acceptUnprotected?: boolean,
  ): Promise<LoginOutcome>;
  logout(target: string): Promise<void>;
  openLogin(remote: string | null): void;
  closeLogin(): void;
  openConflicts(): Promise<void>;
  closeConflicts(): void;
  resolve(chosen: Readonly<Record<string, ConflictChoice>>): Promise<void>;
  dismiss(): void;
  /** Another workspace opened: nothing shown belongs to it. */
  reset(): void;
}

/** Nothing read yet; a function so no two states share one history array. */
const empty = (): Pick<
  SyncState,
  | 'remotes'
  | 'status'
  | 'statusError'
  | 'history'
  | 'transfer'
  | 'progress'
  | 'lastPull'
  | 'notice'
  | 'error'
  | 'conflicts'
  | 'conflictsLoading'
  | 'conflictError'
  | 'remoteError'
  | 'loginError'
  | 'loginFor'
  | 'unprotectedWarning'
> => ({
  remotes: null,
  status: null,
  statusError: null,
  history: [],
  transfer: null,
  progress: null,
  lastPull: null,
  notice: null,
  error: null,
  conflicts: null,
  conflictsLoading: false,
  conflictError: null,
  remoteError: null,
  loginError: null,
  loginFor: null,
  unprotectedWarning: null,
});

let subscribed = false;

const REMOTE_MOVED = 'sync.remote-moved';
/** Said in the conflict dialog when a resolve was refused because a teammate pushed meanwhile. */
export const REMOTE_MOVED_NOTICE =
  'The remote changed since you looked; here are the conflicts as they are now. Nothing was merged: choose again for each.';

export const CONFLICT_BANNER =
  'Nothing was pulled: you and a teammate changed the same files. Open Conflicts… to choose what to keep for each, then pull.';

/** Progress events reach every store that shows a transfer; subscribed once for the window. */
export function followSyncProgress(): void {
  if (subscribed) return;
  subscribed = true;
  onEvent('sync.progress', (progress) => useSyncStore.setState({ progress }));
}

export const useSyncStore = create<SyncState>((set, get) => {
  /** Runs one transfer at a time; a pull refused by a conflict opens the conflict dialog. */
  async function transfer(operation: SyncOperation, work: () => Promise<string>): Promise<void> {
    if (get().transfer !== null) return;
    followSyncProgress();
    set({ transfer: { operation, cancelling: false }, progress: null, notice: null, error: null });
    try {
      set({ notice: await work() });
    } catch (error) {
      if (error instanceof FerryError && error.code === 'sync.conflict') {
        // The dialog says what to do, in the app's terms; the banner stays for after it is closed.
        set({ transfer: null, error: CONFLICT_BANNER });
        await get().openConflicts();
      } else {
        set({ error: failureText(error) });
        // Refused credentials: the way to give the right ones opens at once.
        if (error instanceof FerryError && error.code === 'sync.auth-failed') get().openLogin(loginTarget());
      }
    } finally {
      set({ transfer: null, progress: null });
      await Promise.all([get().refreshStatus(), readHistory()]);
    }
  }

  /** The remote a transfer used: the status's, else the only (or first) one. */
  function loginTarget(): string | null {
    return get().status?.remote ?? get().remotes?.[0]?.name ?? null;
  }

  /**
   * Reads the conflicts from the remote into the dialog, with `note` shown above them once read; a
   * failure to read replaces the note.
   */
  async function reloadConflicts(note: string | null): Promise<void> {
    set({ conflictsLoading: true, conflictError: null });
    try {
      set({ conflicts: await call('sync.conflicts', {}), conflictError: note });
    } catch (error) {
      set({ conflictError: errorMessage(error) });
    } finally {
      set({ conflictsLoading: false });
    }
  }

  async function readHistory(): Promise<void> {
    try {
      set({ history: await call('sync.history', {}) });
    } catch {
      /* the history is a convenience: a failure to read it must not hide the transfer's outcome */
    }
  }

  async function readRemotes(): Promise<RemoteViewWire[]> {
    const remotes = await call('sync.remotes', {});
    set({ remotes });
    return remotes;
  }

  return {
    ...empty(),
    load: async () => {
      try {
        const remotes = await readRemotes();
        if (remotes.length === 0) {
          set({ status: null, statusError: null });
          return;
        }
      } catch (error) {
        set({ error: errorMessage(error) });
        return;
      }
      await Promise.all([get().refreshStatus(), readHistory()]);
    },
    refreshStatus: async (online = false) => {
      if ((get().remotes ?? []).length === 0) return;
      if (online) {
        if (get().transfer !== null) return;
        set({ transfer: { operation: 'check', cancelling: false }, progress: null });
      }
      try {
        set({ status: await call('sync.status', online ? {} : { offline: true }), statusError: null });
      } catch (error) {
        set({ statusError: failureText(error) });
      } finally {
        if (online) set({ transfer: null, progress: null });
      }
    },
    pull: () =>
      transfer('pull', async () => {
        const result = await call('sync.pull', {});
        set({ lastPull: result });
        return pullOutcomeSentence(result);
      }),
    push: () => transfer('push', async () => pushOutcomeSentence(await call('sync.push', {}))),
    sync: () =>
      transfer('sync', async () => {
        const { pull, push } = await call('sync.sync', {});
        set({ lastPull: pull });
        return `${pullOutcomeSentence(pull)} ${pushOutcomeSentence(push)}`;
      }),
    cancel: async () => {
      const running = get().transfer;
      if (running === null) return;
      set({ transfer: { ...running, cancelling: true } });
      try {
        await call('sync.cancel', {});
      } catch (error) {
        set({ error: errorMessage(error) });
      }
    },
    addRemote: async (name, url) => {
      set({ remoteError: null });
      try {
        await call('sync.addRemote', { name, url });
        await get().load();
        return true;
      } catch (error) {
        set({ remoteError: errorMessage(error) });
        return false;
      }
    },
    removeRemote: async (name) => {
      set({ remoteError: null });
      try {
        await call('sync.removeRemote', { name });
        await get().load();
      } catch (error) {
        set({ remoteError: errorMessage(error) });
      }
    },
    login: async (target, username, password, acceptUnprotected = false) => {
      set({ loginError: null, unprotectedWarning: null });
      try {
        await call('sync.login', {
          target,
          password,
          ...(username.trim() !== '' ? { username: username.trim() } : {}),
          ...(acceptUnprotected ? { acceptUnprotected: true } : {}),
        });
        await readRemotes();
        return 'stored';
      } catch (error) {
        if (error instanceof FerryError && error.code === 'vault.unprotected') {
          set({ unprotectedWarning: error.message });
          return 'needs-confirmation';
        }
        set({ loginError: errorMessage(error) });
        return 'failed';
      }
    },
    logout: async (target) => {
      set({ remoteError: null });
      try {
        await call('sync.logout', { target });
        await readRemotes();
      } catch (error) {
        set({ remoteError: errorMessage(error) });
      }
    },
    openConflicts: async () => {
      set({ conflicts: [] });
      await reloadConflicts(null);
    },
    openLogin: (loginFor) => set({ loginFor, loginError: null, unprotectedWarning: null }),
    closeLogin: () => set({ loginFor: null, loginError: null, unprotectedWarning: null }),
    closeConflicts: () => set({ conflicts: null, conflictError: null }),
    resolve: async (chosen) => {
      const resolutions = Object.entries(chosen).map(([path, choice]) => ({ path, choice }));
      if (resolutions.length === 0 || get().transfer !== null) return;
      followSyncProgress();
      set({ transfer: { operation: 'resolve', cancelling: false }, progress: null, conflictError: null });
      try {
        // The remote commit the shown conflicts were worked out against: if the remote has moved on
        // since, the resolve is refused rather than applied to files the person has not seen.
        const theirsCommit = get().conflicts?.[0]?.theirsCommit;
        const result = await call('sync.resolve', {
          resolutions,
          ...(theirsCommit !== undefined ? { theirsCommit } : {}),
        });
        set({ lastPull: result, conflicts: null, error: null, notice: pullOutcomeSentence(result) });
      } catch (error) {
        if (error instanceof FerryError && error.code === REMOTE_MOVED) {
          // Nothing was merged: the files the person chose for are not the remote's any more. The
          // dialog shows the conflicts as they are now, so the next choice is made on what is there.
          await reloadConflicts(REMOTE_MOVED_NOTICE);
        } else {
          set({ conflictError: errorMessage(error) });
        }
      } finally {
        set({ transfer: null, progress: null });
        await Promise.all([get().refreshStatus(), readHistory()]);
      }
    },
    dismiss: () => set({ notice: null, error: null }),
    reset: () => set(empty()),
  };
});
