import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { refuseSymlinksInsideWorkspace } from './symlink-guard';

/** Created new, never through an existing name or a link (O_NOFOLLOW is 0 where it does not exist). */
const CREATE_NEW = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

/**
 * Replaces `filePath` so that a reader sees the old content or the new, never a torn file:
 * write a sibling temp file, fsync it, rename over the target, fsync the folder. Inside a
 * workspace it never writes through a symbolic link (see symlink-guard).
 */
export async function writeFileAtomic(
  filePath: string,
  data: string | Uint8Array,
  mode = 0o644,
): Promise<void> {
  const folder = dirname(filePath);
  const temp = join(folder, `.${basename(filePath)}.${randomBytes(6).toString('hex')}.tmp`);
  await refuseSymlinksInsideWorkspace(filePath);
  const handle = await open(temp, CREATE_NEW, mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, filePath);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncFolder(folder);
}

async function syncFolder(folder: string): Promise<void> {
  // Directory fsync makes the rename durable; not every platform allows opening a folder.
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    /* best effort */
  }
}
