import { lstat, readlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { FerryError } from '../../../shared/api/api-error';
import { WORKSPACE_CONFIG_FILE } from '../../../shared/model/workspace';

export const SYMLINK_REFUSED = 'workspace.symlink-refused';

/**
 * Refuses a write to `filePath` when the file, or any folder on the way to it, is a symbolic link
 * that sits inside a Ferry workspace. The workspace is shared through git, and git happily
 * checks out a committed `changesets -> /etc` or `ferry.json -> ~/.bashrc`: following one would
 * let a teammate aim Ferry's writes anywhere the user can write.
 *
 * "Inside a workspace" means a folder above the link holds `ferry.json`. Links above the workspace
 * (a workspace opened through `~/ws -> /data/ws`, macOS's `/var -> /private/var`) are the user's
 * own choice and stay allowed. Every component is checked with lstat, never followed.
 */
export async function refuseSymlinksInsideWorkspace(filePath: string): Promise<void> {
  const chain: string[] = [];
  for (let current = resolve(filePath); ; current = dirname(current)) {
    chain.push(current);
    if (dirname(current) === current) break;
  }
  // chain[0] is the file, the last entry the filesystem root (which is never a link).
  for (let index = 0; index < chain.length - 1; index += 1) {
    const component = chain[index] ?? '';
    if (!(await isSymlink(component))) continue;
    const workspace = await enclosingWorkspace(chain.slice(index + 1));
    if (workspace === null) continue;
    const pointsTo = await readlink(component).catch(() => 'somewhere else');
    throw new FerryError(
      SYMLINK_REFUSED,
      `Ferry does not write through ${component}: it is a symbolic link inside the workspace ${workspace} (it points to ${pointsTo}), which a teammate may have committed. Remove the link from the workspace (git rm) and try again.`,
      { path: component, workspace },
    );
  }
}

async function isSymlink(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isSymbolicLink();
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return false;
    throw error;
  }
}

/** The nearest of `ancestors` that holds ferry.json, or null when none does. */
async function enclosingWorkspace(ancestors: string[]): Promise<string | null> {
  for (const folder of ancestors) {
    try {
      await lstat(join(folder, WORKSPACE_CONFIG_FILE));
      return folder;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
    }
  }
  return null;
}
