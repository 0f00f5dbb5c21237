import './sync.css';
import { useEffect } from 'react';
import { useNavigationStore } from '../../stores/navigation-store';
import { useWorkspaceStore } from '../../stores/workspace-store';
import { indicatorText, statusSentence } from './sync-model';
import { useSyncStore } from './sync-store';

/**
 * How often the sidebar recounts ahead/behind from what the last transfer brought: no network, so
 * it may run often. Asking the remote happens on the Sync page and with every transfer.
 */
const OFFLINE_REFRESH_MS = 30_000;

/** The sidebar's "↑2 ↓1": shown only when the workspace has a remote; opens the Sync page. */
export function SyncIndicator() {
  const head = useWorkspaceStore((state) => state.current?.head);
  const path = useWorkspaceStore((state) => state.current?.path);
  const remotes = useSyncStore((state) => state.remotes);
  const status = useSyncStore((state) => state.status);
  const waiting = useSyncStore((state) => state.status?.unpushedApprovals.length ?? 0);
  const load = useSyncStore((state) => state.load);
  const reset = useSyncStore((state) => state.reset);
  const refreshStatus = useSyncStore((state) => state.refreshStatus);
  const go = useNavigationStore((state) => state.go);
  const page = useNavigationStore((state) => state.page);

  // Nothing shown belongs to another workspace.
  useEffect(() => {
    reset();
  }, [reset, path]);

  // Another workspace, a new commit here, or another section (an approval made there commits
  // without changing what the shell knows): count again, offline, so it costs no network.
  useEffect(() => {
    void load();
  }, [load, path, head, page]);

  useEffect(() => {
    const timer = window.setInterval(() => void refreshStatus(), OFFLINE_REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [refreshStatus]);

  if (remotes === null || remotes.length === 0 || status === null) return null;
  const label = `Sync: ${statusSentence(status)}${waiting > 0 ? ` ${waiting} approval${waiting === 1 ? '' : 's'} not pushed yet.` : ''}`;
  return (
    <button
      type="button"
      className={waiting > 0 ? 'sync-indicator waiting' : 'sync-indicator'}
      onClick={() => go('sync')}
      title={label}
      data-testid="sync-indicator"
      data-ahead={status.ahead}
      data-behind={status.behind}
    >
      {/* The arrows are for the eye; a screen reader hears the same counts in words. */}
      <span aria-hidden="true">{indicatorText(status)}</span>
      <span className="sync-hidden">{label}</span>
    </button>
  );
}
