/**
 * How the trust store reads the workspace's `trust/` folders: listing without following links,
 * and reading a version only when it is a regular file of bounded size. Apart because both the
 * verification and the proposal listing read through these, and the bounds are part of what makes
 * a hostile push unable to stall or redirect verification.
 */
import { lstat, readFile, readdir } from 'node:fs/promises';
import { RootVersionError } from '../../../../shared/trust/trust-chain';
import { MAX_TRUST_ROOT_BYTES } from '../../../../shared/trust/trust-root';

/** A root version's or a proposal's file name: `<version>.json`, version 1 to 999999. */
export const VERSION_FILE_NAME = /^([1-9][0-9]{0,5})\.json$/;

/** The visible entries of a folder, sorted; none when it is missing or not a folder. */
export async function listJson(folder: string): Promise<string[]> {
  try {
    const info = await lstat(folder);
    if (!info.isDirectory()) return [];
    return (await readdir(folder)).filter((name) => !name.startsWith('.')).sort();
  } catch {
    return [];
  }
}

export async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

/** Reads a trust file that must be a regular file of bounded size (a symlink is refused). */
export async function readBoundedText(path: string, file: string): Promise<string> {
  const info = await lstat(path);
  if (!info.isFile()) throw new RootVersionError(file, 'is not a regular file');
  if (info.size > MAX_TRUST_ROOT_BYTES) {
    throw new RootVersionError(file, `is ${info.size} bytes, more than a trust root version can be`);
  }
  return readFile(path, 'utf8');
}
