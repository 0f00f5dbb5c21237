import { readCommitChanges, readCommitFileTexts } from '../../../services/workspace/commit-changes';
import type { WorkspaceService } from '../../../services/workspace/workspace-service';
import type { ChannelHandlers } from '../dispatcher';

type HistoryChannels = 'workspace.commitChanges' | 'workspace.commitFile';

/** The History page's commit channels onto the open workspace; no behaviour here. */
export function createHistoryHandlers(workspace: WorkspaceService): Pick<ChannelHandlers, HistoryChannels> {
  return {
    'workspace.commitChanges': ({ commit }) => readCommitChanges(workspace.requirePath(), commit),
    'workspace.commitFile': ({ commit, path }) => readCommitFileTexts(workspace.requirePath(), commit, path),
  };
}
