import type { RecentWorkspace } from './workspace';

/** What to do at start when no workspace is open yet. */
export type StartChoice =
  { action: 'reopen'; workspace: RecentWorkspace } | { action: 'welcome'; gone: RecentWorkspace | null };

/**
 * Reopens the workspace used last (the recent list is newest first), unless the person chose the
 * welcome page in this window (Switch workspace…, then a reload) or it is gone from disk: then
 * the welcome page, saying which one went missing.
 */
export function startChoice(recent: readonly RecentWorkspace[], welcomeChosen: boolean): StartChoice {
  const last = recent[0];
  if (welcomeChosen || last === undefined) return { action: 'welcome', gone: null };
  return last.available ? { action: 'reopen', workspace: last } : { action: 'welcome', gone: last };
}
