import type { SyncProgress } from '../../../../shared/sync/sync-wire';
import type { EventHub } from '../../../services/events/event-hub';
import type { RemoteService, TransferControl } from '../../../services/sync/remote-service';
import type { SyncService } from '../../../services/sync/sync-service';
import type { ChannelHandlers } from '../dispatcher';

export interface SyncHandlerDeps {
  remotes: RemoteService;
  sync: SyncService;
  events: EventHub;
}

type SyncChannels =
  | 'sync.remotes'
  | 'sync.addRemote'
  | 'sync.removeRemote'
  | 'sync.login'
  | 'sync.logout'
  | 'sync.status'
  | 'sync.pull'
  | 'sync.push'
  | 'sync.sync'
  | 'sync.clone'
  | 'sync.conflicts'
  | 'sync.resolve'
  | 'sync.history'
  | 'sync.cancel';

/** What a host that takes a token as the password expects when no user name is given (as the CLI). */
const TOKEN_USERNAME = 'git';

/** At most this often per phase, a transfer's progress goes to the renderer: a pack can report per object. */
const PROGRESS_INTERVAL_MS = 100;

/**
 * Remotes and team sync onto RemoteService and SyncService; no behaviour here beyond carrying a
 * transfer's progress out as `sync.progress` events and its cancel in.
 */
export function createSyncHandlers({
  remotes,
  sync,
  events,
}: SyncHandlerDeps): Pick<ChannelHandlers, SyncChannels> {
  const running = new Set<AbortController>();

  /** A transfer's control: its progress as events, and an abort `sync.cancel` can reach. */
  async function transfer<T>(
    remote: string | undefined,
    work: (control: TransferControl) => Promise<T>,
  ): Promise<T> {
    const controller = new AbortController();
    running.add(controller);
    let last: { phase: string; at: number } | null = null;
    const onProgress = (progress: SyncProgress) => {
      // isomorphic-git leaves the total out while it does not know it: 0 says "not known yet".
      const total = Number.isFinite(progress.total) ? progress.total : 0;
      const loaded = Number.isFinite(progress.loaded) ? progress.loaded : 0;
      const now = Date.now();
      const done = total > 0 && loaded >= total;
      if (!done && last !== null && last.phase === progress.phase && now - last.at < PROGRESS_INTERVAL_MS)
        return;
      last = { phase: progress.phase, at: now };
      try {
        events.emit('sync.progress', {
          operation: progress.operation,
          phase: String(progress.phase),
          loaded,
          total,
        });
      } catch {
        /* progress is only shown: a report the contract refuses must not fail the transfer itself */
      }
    };
    try {
      return await work({
        signal: controller.signal,
        onProgress,
        ...(remote !== undefined ? { remote } : {}),
      });
    } finally {
      running.delete(controller);
    }
  }

  return {
    'sync.remotes': () => remotes.list(),
    'sync.addRemote': ({ name, url }) => remotes.add(name, url),
    'sync.removeRemote': async ({ name }) => {
      await remotes.remove(name);
      return null;
    },
    'sync.login': async ({ target, username, password, acceptUnprotected }) => ({
      origin: await remotes.login(
        target,
        {
          username: username !== undefined && username.trim() !== '' ? username.trim() : TOKEN_USERNAME,
          password,
        },
        acceptUnprotected === true,
      ),
    }),
    'sync.logout': async ({ target }) => ({ origin: await remotes.logout(target) }),
    'sync.status': ({ remote, offline }) =>
      offline === true
        ? sync.status({ offline: true, ...(remote !== undefined ? { remote } : {}) })
        : transfer(remote, (control) => sync.status(control)),
    'sync.pull': ({ remote }) => transfer(remote, (control) => sync.pull(control)),
    'sync.push': ({ remote }) => transfer(remote, (control) => sync.push(control)),
    'sync.sync': ({ remote }) => transfer(remote, (control) => sync.sync(control)),
    'sync.clone': ({ url, path }) => transfer(undefined, (control) => sync.clone(url, path, control)),
    'sync.conflicts': ({ remote }) => transfer(remote, (control) => sync.conflicts(control)),
    'sync.resolve': ({ remote, resolutions, theirsCommit }) =>
      transfer(remote, (control) => sync.resolve(resolutions, { ...control, theirsCommit })),
    'sync.history': () => sync.history(),
    'sync.cancel': async () => {
      const cancelled = running.size;
      for (const controller of running) controller.abort();
      return { cancelled };
    },
  };
}
