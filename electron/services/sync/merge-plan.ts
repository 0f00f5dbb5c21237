import { changesetDigest } from '../../../shared/model/changeset-digest';
import { forEachChangedFile } from '../git/repository';
import { fileEntryAt, lastChangeTime } from '../git/remote-transfer';
import { changesetIdOf, parseChangeset, textAt } from './merge-files';

export type MergeSide = 'mine' | 'theirs';

/** Both sides took a snapshot of the same environment: the newer one is kept whole. */
export interface SnapshotChoice {
  environment: string;
  kept: MergeSide;
  /** Snapshot times (seconds since the epoch) on each side: the last commit that changed it. */
  mineAt: number | null;
  theirsAt: number | null;
}

/** How the two sides of a pull combine, before anything is written. */
export interface MergePlan {
  base: string;
  ours: string;
  theirs: string;
  /** Paths whose merged version is theirs (their own changes, and the snapshots they win), in tree order. */
  takeTheirs: string[];
  /** Paths both sides changed, each differently: a person chooses. */
  conflicts: string[];
  /**
   * A conflicting changeset's own signatures (its approvals and author signatures) that both sides
   * changed too: they follow the choice made for the changeset rather than being asked about
   * apart, since each signs one side's version. Keyed by the changeset's path.
   */
  companions: Map<string, string[]>;
  snapshots: SnapshotChoice[];
}

/**
 * The environment whose snapshot `path` belongs to: its object files and ids.json. Other files of
 * the environment's folder (parameters.json) are authored by people, so they merge like any file.
 */
export function snapshotEnvironmentOf(path: string): string | null {
  const match = /^environments\/([^/]+)\/(?:snapshot\/.+|ids\.json)$/.exec(path);
  return match?.[1] ?? null;
}

/** What a snapshot's time is read from on each side: the history of these paths. */
function snapshotPaths(environment: string): string[] {
  return [`environments/${environment}/snapshot`, `environments/${environment}/ids.json`];
}

export async function changedPaths(dir: string, before: string, after: string): Promise<string[]> {
  const files: string[] = [];
  await forEachChangedFile(dir, before, after, (path) => files.push(path));
  return files;
}

/**
 * Compares both sides with their merge base. A file only one side changed takes that side; a
 * file both changed to the same content is no conflict; an environment snapshot both sides took is
 * kept whole from the newer one (its snapshot time being that of the last commit that changed it,
 * as the app shows it), since mixing object files of two snapshots would describe no org at all;
 * any other file both changed is a conflict.
 */
export async function planMerge(dir: string, base: string, ours: string, theirs: string): Promise<MergePlan> {
  const incoming = await changedPaths(dir, base, theirs);
  const local = await changedPaths(dir, base, ours);
  const localSet = new Set(local);
  const environmentsOf = (paths: string[]) =>
    new Set(paths.map(snapshotEnvironmentOf).filter((env): env is string => env !== null));
  const localEnvironments = environmentsOf(local);
  const snapshots: SnapshotChoice[] = [];
  for (const environment of environmentsOf(incoming)) {
    if (!localEnvironments.has(environment)) continue;
    const [mineAt, theirsAt] = await Promise.all([
      lastChangeTime(dir, ours, snapshotPaths(environment)),
      lastChangeTime(dir, theirs, snapshotPaths(environment)),
    ]);
    // A tie keeps theirs: it is what the rest of the team already has.
    const kept: MergeSide = (mineAt ?? -Infinity) > (theirsAt ?? -Infinity) ? 'mine' : 'theirs';
    snapshots.push({ environment, kept, mineAt, theirsAt });
  }
  const contested = new Map(snapshots.map((choice) => [choice.environment, choice.kept]));

  const takeTheirs = new Set<string>();
  const conflicts: string[] = [];
  for (const path of incoming) {
    const environment = snapshotEnvironmentOf(path);
    const winner = environment === null ? undefined : contested.get(environment);
    if (winner !== undefined) {
      if (winner === 'theirs') takeTheirs.add(path);
    } else if (!localSet.has(path)) {
      takeTheirs.add(path);
    } else if (await sameFile(dir, ours, theirs, path)) {
      // Nothing to choose.
    } else if (await sameChangeset(dir, ours, theirs, path)) {
      // The same changeset written differently (key order, spacing): its digest, which approvals
      // sign, is the same. Theirs' bytes are taken so both sides converge on one file.
      takeTheirs.add(path);
    } else {
      conflicts.push(path);
    }
  }
  // Where their snapshot wins, files only mine changed go back to theirs too: it is kept whole.
  for (const path of local) {
    const environment = snapshotEnvironmentOf(path);
    if (environment !== null && contested.get(environment) === 'theirs') takeTheirs.add(path);
  }
  const companions = new Map<string, string[]>();
  const own = conflicts.filter((path) => {
    const owner = signatureOwner(path);
    if (owner === null || !conflicts.includes(owner)) return true;
    companions.set(owner, [...(companions.get(owner) ?? []), path]);
    return false;
  });
  return {
    base,
    ours,
    theirs,
    takeTheirs: [...takeTheirs].sort(),
    conflicts: own,
    companions,
    snapshots: snapshots.sort((a, b) => a.environment.localeCompare(b.environment)),
  };
}

/** The changeset file an approval or author signature belongs to, from its folder's name. */
function signatureOwner(path: string): string | null {
  const id = /^changesets\/([^/]+)\.(?:approvals|authors)\/[^/]+$/.exec(path)?.[1];
  return id === undefined ? null : `changesets/${id}.json`;
}

async function sameChangeset(dir: string, ours: string, theirs: string, path: string): Promise<boolean> {
  const id = changesetIdOf(path);
  if (id === null) return false;
  const [mine, their] = await Promise.all([textAt(dir, ours, path), textAt(dir, theirs, path)]);
  const a = parseChangeset(mine, id);
  const b = parseChangeset(their, id);
  return a !== null && b !== null && changesetDigest(a) === changesetDigest(b);
}

async function sameFile(dir: string, ours: string, theirs: string, path: string): Promise<boolean> {
  const [mine, their] = await Promise.all([fileEntryAt(dir, ours, path), fileEntryAt(dir, theirs, path)]);
  if (mine === null || their === null) return mine === their;
  return mine.oid === their.oid && mine.mode === their.mode;
}
