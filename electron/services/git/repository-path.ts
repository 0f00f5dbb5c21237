import { ErrorCode, FerryError } from '../../../shared/api/api-error';

function refusePath(path: string, what: string, why: string): never {
  throw new FerryError(ErrorCode.pathInvalid, `${what} "${path}" is not a valid path: ${why}`, { path });
}

/**
 * Splits a repository-relative path ('a/b/c.json') into its segments, refusing anything git or
 * the file system would read differently from what the caller meant: absolute paths, empty or
 * dot segments, backslashes (a separator on Windows), control characters and `.git` in any of
 * the spellings git itself refuses.
 */
export function splitRepositoryPath(path: string, what: string): string[] {
  if (path.length === 0) refusePath(path, what, 'it is empty');
  if (path.startsWith('/')) refusePath(path, what, 'it must be relative');
  const segments = path.split('/');
  for (const segment of segments) checkSegment(segment, path, what);
  return segments;
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const FORBIDDEN_CHARACTERS = /[\u0000-\u001f\u007f\\]/;

/** One path segment (a folder or file name); `path` and `what` only serve the error message. */
function checkSegment(segment: string, path: string, what: string): void {
  if (segment === '') refusePath(path, what, 'it has an empty segment');
  if (FORBIDDEN_CHARACTERS.test(segment))
    refusePath(path, what, 'it contains a backslash or control character');
  const first = segment.charCodeAt(0);
  // Only names starting with '.', 'g' or 'G' can be dangerous; this runs for every file.
  if (first !== 0x2e && first !== 0x67 && first !== 0x47) return;
  if (segment === '.' || segment === '..') refusePath(path, what, `it has a "${segment}" segment`);
  const folded = segment.toLowerCase();
  if (folded === '.git' || folded === 'git~1' || /^\.git[. ]+$/.test(folded)) {
    refusePath(path, what, 'it names a .git folder');
  }
}

/**
 * Validates many paths that share few folders (a snapshot: thousands of files in a handful of
 * type folders): each distinct folder is checked once, and each file only for its own name.
 */
export class RepositoryPathChecker {
  private readonly checkedFolders = new Set<string>();

  constructor(private readonly what: string) {}

  /** Checks `path` and returns where its folder part ends (-1 for a file at the top). */
  check(path: string): number {
    const slash = path.lastIndexOf('/');
    try {
      if (slash >= 0) {
        const folder = path.slice(0, slash);
        if (!this.checkedFolders.has(folder)) {
          splitRepositoryPath(folder, this.what);
          this.checkedFolders.add(folder);
        }
      }
      checkSegment(slash >= 0 ? path.slice(slash + 1) : path, path, this.what);
    } catch (error) {
      // A path is valid exactly when its folder and its name are: this throws, naming all of it.
      splitRepositoryPath(path, this.what);
      throw error;
    }
    return slash;
  }
}
