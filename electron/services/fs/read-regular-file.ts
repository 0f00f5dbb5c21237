import { lstat, readFile } from 'node:fs/promises';

/**
 * Reads a file the workspace holds, only if it is a regular file no bigger than `maxBytes`. A
 * committed link (`changesets/x.json -> ~/.ssh/id_ed25519`) is never followed: its target's first
 * bytes would otherwise reach a parse error shown in the app and the CLI. Null when the path is
 * missing, a link, not a regular file, or too big.
 */
export async function readRegularFile(path: string, maxBytes: number): Promise<string | null> {
  try {
    const info = await lstat(path);
    if (!info.isFile() || info.size > maxBytes) return null;
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}
