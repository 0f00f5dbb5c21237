import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { refuseSymlinksInsideWorkspace } from './symlink-guard';

/**
 * Appends to a file inside the workspace without ever following a link: the folders on the way are
 * checked (a committed `audit -> ~` is refused) and the file itself is opened with O_NOFOLLOW (a
 * committed `audit/<key>.jsonl -> ~/.bashrc` fails to open instead of growing the user's shell rc).
 */
export async function appendFileNoFollow(path: string, data: string): Promise<void> {
  await refuseSymlinksInsideWorkspace(path);
  const handle = await open(
    path,
    constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW,
    0o644,
  );
  try {
    await handle.write(data);
  } finally {
    await handle.close();
  }
}

/** Opens a file for appending with the same rules, for writers that keep it open (run journals). */
export async function openForAppendNoFollow(path: string) {
  await refuseSymlinksInsideWorkspace(path);
  return open(
    path,
    constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW,
    0o644,
  );
}
