import { ErrorCode, FerryError } from '../../../shared/api/api-error';
import type { CommitChanges, CommitFileChange, CommitFileTexts } from '../../../shared/model/commit-changes';
import { forEachChangedFile, readBlobAt, readCommit } from '../git/repository';

/** A commit lists at most this many files; a snapshot of a large org can change tens of thousands. */
export const MAX_LISTED_FILES = 2000;
/** A side larger than this is not sent to be shown (a diff view of megabytes helps nobody). */
export const MAX_SHOWN_BYTES = 1024 * 1024;

async function readCommitOrRefuse(dir: string, commit: string) {
  try {
    return await readCommit(dir, commit);
  } catch {
    throw new FerryError(
      ErrorCode.requestInvalid,
      `This workspace has no commit ${commit.slice(0, 7)}. Open a commit from the History list.`,
      { commit },
    );
  }
}

/** The files a commit changed against its first parent (every file, for the first commit). */
export async function readCommitChanges(dir: string, commit: string): Promise<CommitChanges> {
  const read = await readCommitOrRefuse(dir, commit);
  const parent = read.commit.parent[0] ?? null;
  const files: CommitFileChange[] = [];
  let totalFiles = 0;
  const record = (path: string, change: CommitFileChange['change']) => {
    totalFiles += 1;
    if (files.length < MAX_LISTED_FILES) files.push({ path, change });
  };
  await forEachChangedFile(dir, parent, commit, record);
  files.sort((left, right) => left.path.localeCompare(right.path));
  return {
    commit,
    parent,
    message: read.commit.message.trim(),
    author: read.commit.author.name,
    timestamp: new Date(read.commit.author.timestamp * 1000).toISOString(),
    files,
    totalFiles,
  };
}

/** One file's text before and after the commit, as stored (canonical JSON for objects). */
export async function readCommitFileTexts(
  dir: string,
  commit: string,
  path: string,
): Promise<CommitFileTexts> {
  const read = await readCommitOrRefuse(dir, commit);
  const parent = read.commit.parent[0] ?? null;
  let tooLarge = false;
  const textAt = async (oid: string | null): Promise<string | null> => {
    if (oid === null) return null;
    let blob: Uint8Array;
    try {
      blob = await readBlobAt(dir, oid, path);
    } catch {
      return null;
    }
    if (blob.byteLength > MAX_SHOWN_BYTES) {
      tooLarge = true;
      return null;
    }
    return new TextDecoder('utf-8', { fatal: false }).decode(blob);
  };
  const [before, after] = await Promise.all([textAt(parent), textAt(commit)]);
  return { before, after, tooLarge };
}
