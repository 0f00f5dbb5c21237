import fs from 'node:fs';
import type { CommitSummary } from '../../../shared/model/workspace';
import {
  commitStaged,
  createRepository,
  findRepositoryRoot,
  logCommits,
  resolveHead,
  stageFile,
  unstageFile,
} from '../git/repository';

export interface CommitAuthor {
  name: string;
  email: string;
}

export const DEFAULT_BRANCH = 'main';

export async function initRepository(dir: string): Promise<void> {
  await createRepository(dir, DEFAULT_BRANCH);
}

/** Stages the named files (each already on disk) and commits them as one human-readable change. */
export async function commitFiles(
  dir: string,
  filepaths: readonly string[],
  message: string,
  author: CommitAuthor,
  now: Date,
): Promise<string> {
  for (const filepath of filepaths) await stageFile(dir, filepath);
  return commitIndex(dir, message, author, now);
}

/** Removes the named files (already deleted on disk) from the index and commits that. */
export async function commitRemovals(
  dir: string,
  filepaths: readonly string[],
  message: string,
  author: CommitAuthor,
  now: Date,
): Promise<string> {
  for (const filepath of filepaths) await unstageFile(dir, filepath);
  return commitIndex(dir, message, author, now);
}

/** Commits what the index holds, author and committer alike, in UTC like the snapshot writer. */
function commitIndex(dir: string, message: string, author: CommitAuthor, now: Date): Promise<string> {
  const signature = { ...author, timestamp: Math.floor(now.getTime() / 1000), timezoneOffset: 0 };
  return commitStaged(dir, message, signature, signature);
}

export async function isRepository(dir: string): Promise<boolean> {
  try {
    await findRepositoryRoot(dir);
    return fs.existsSync(`${dir}/.git`);
  } catch {
    return false;
  }
}

export async function headCommit(dir: string): Promise<string | null> {
  try {
    return await resolveHead(dir);
  } catch {
    return null;
  }
}

export async function readHistory(dir: string, limit: number): Promise<CommitSummary[]> {
  if ((await headCommit(dir)) === null) return [];
  const entries = await logCommits(dir, { depth: limit });
  return entries.map((entry) => ({
    oid: entry.oid,
    message: entry.commit.message.trim(),
    author: entry.commit.author.name,
    timestamp: new Date(entry.commit.author.timestamp * 1000).toISOString(),
  }));
}
