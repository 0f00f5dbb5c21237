import { isAbsolute, relative, resolve, sep } from 'node:path';
import { ErrorCode, FerryError } from '../../../shared/api/api-error';

/** Resolves a user-supplied folder path, refusing relative paths and NUL bytes. */
export function resolveAbsolutePath(input: string, what = 'path'): string {
  if (input.includes('\u0000')) {
    throw new FerryError(ErrorCode.pathInvalid, `The ${what} contains a NUL byte`, { path: what });
  }
  if (!isAbsolute(input)) {
    throw new FerryError(ErrorCode.pathInvalid, `The ${what} "${input}" is not an absolute path`, {
      path: input,
    });
  }
  return resolve(input);
}

/**
 * Joins `relativePath` under `root` and proves the result stays inside it, so no name read from a
 * file or a request can make a write land elsewhere (`..`, absolute parts, drive letters).
 */
export function resolveInside(root: string, relativePath: string): string {
  if (relativePath.includes('\u0000') || isAbsolute(relativePath)) {
    throw new FerryError(ErrorCode.pathInvalid, `"${relativePath}" is not a relative path inside ${root}`);
  }
  const target = resolve(root, relativePath);
  const rel = relative(root, target);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) {
    throw new FerryError(ErrorCode.pathInvalid, `"${relativePath}" escapes ${root}`);
  }
  return target;
}
