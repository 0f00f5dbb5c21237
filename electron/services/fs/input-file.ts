import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { ErrorCode, FerryError } from '../../../shared/api/api-error';

/**
 * What a person named as a file (a package, a public key, a policy) before it is read: a folder
 * or a device given by mistake is named with its path, not met later as EISDIR or a read that
 * never ends. Follows links: the path is the person's own choice, not workspace content.
 */
export async function inputFileStats(path: string, what: string): Promise<Stats> {
  let info: Stats;
  try {
    info = await stat(path);
  } catch {
    throw new FerryError(ErrorCode.pathInvalid, `No ${what} at ${path}: check the path`, { path });
  }
  if (info.isDirectory()) {
    throw new FerryError(
      ErrorCode.pathInvalid,
      `${path} is a folder, not ${what}: give the path of the file itself`,
      { path },
    );
  }
  if (!info.isFile()) {
    throw new FerryError(ErrorCode.pathInvalid, `${path} is not a regular file, so it is not ${what}`, {
      path,
    });
  }
  return info;
}
