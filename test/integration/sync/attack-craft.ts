import { execFileSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FerryError } from '../../../shared/api/api-error';
import { nativeGit } from '../../support/native-git';

/**
 * A teammate with push access, as an attacker: builds commits object by object in the remote's
 * bare repository with native git (hash-object, mktree, commit-tree, update-ref), so a tree can
 * hold what no ordinary `git add` would make (`.git`, `..`, links, submodules, names that clash).
 */

export interface CraftEntry {
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  oid: string;
  name: string;
}

function gitWithInput(dir: string, input: string | Buffer, ...args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], { input, encoding: 'utf8' }).trim();
}

export function blob(bare: string, content: string | Buffer): string {
  return gitWithInput(bare, content, 'hash-object', '-w', '--stdin');
}

export function lsTree(bare: string, tree: string): CraftEntry[] {
  const out = execFileSync('git', ['-C', bare, 'ls-tree', '-z', tree], { encoding: 'utf8' });
  return out
    .split('\0')
    .filter((line) => line !== '')
    .map((line) => {
      const tab = line.indexOf('\t');
      const [mode = '', type = '', oid = ''] = line.slice(0, tab).split(' ');
      return { mode, type: type as CraftEntry['type'], oid, name: line.slice(tab + 1) };
    });
}

/** `git mktree --missing` (a gitlink names a commit the repository does not have). */
export function mktree(bare: string, entries: readonly CraftEntry[]): string {
  const input = entries.map((entry) => `${entry.mode} ${entry.type} ${entry.oid}\t${entry.name}\0`).join('');
  return gitWithInput(bare, input, 'mktree', '-z', '--missing');
}

/**
 * `tree` with `entries` added inside the folder `folder` (segments; [] for the top), replacing
 * entries of the same name; `remove` names entries of that folder to drop first.
 */
export function treeWith(
  bare: string,
  tree: string | null,
  folder: readonly string[],
  entries: readonly CraftEntry[],
  remove: readonly string[] = [],
): string {
  const current = tree === null ? [] : lsTree(bare, tree);
  const [head, ...rest] = folder;
  if (head === undefined) {
    const dropped = new Set([...remove, ...entries.map((entry) => entry.name)]);
    return mktree(bare, [...current.filter((entry) => !dropped.has(entry.name)), ...entries]);
  }
  const existing = current.find((entry) => entry.name === head && entry.type === 'tree');
  const sub = treeWith(bare, existing?.oid ?? null, rest, entries, remove);
  return mktree(bare, [
    ...current.filter((entry) => entry.name !== head),
    { mode: '040000', type: 'tree', oid: sub, name: head },
  ]);
}

export function rev(dir: string, ref: string): string {
  return nativeGit(dir, 'rev-parse', ref).trim();
}

/** A commit of `tree` on top of `parents`, made the remote's main (as a push would). */
export function commitAsMain(
  bare: string,
  tree: string,
  parents: readonly string[],
  message: string,
): string {
  const commit = execFileSync(
    'git',
    [
      '-C',
      bare,
      '-c',
      'user.name=Mallory',
      '-c',
      'user.email=mallory@example.test',
      'commit-tree',
      tree,
      ...parents.flatMap((parent) => ['-p', parent]),
      '-m',
      message,
    ],
    { encoding: 'utf8' },
  ).trim();
  nativeGit(bare, 'update-ref', 'refs/heads/main', commit);
  return commit;
}

export async function rejection(promise: Promise<unknown>): Promise<FerryError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof FerryError, `expected a FerryError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a refusal');
}

/** HEAD, branch, index and working tree as native git sees them: "changed nothing" compares these. */
export function gitState(dir: string): { head: string; branch: string; status: string; index: string } {
  return {
    head: rev(dir, 'HEAD'),
    branch: nativeGit(dir, 'symbolic-ref', 'HEAD').trim(),
    status: nativeGit(dir, 'status', '--porcelain', '--ignored'),
    index: nativeGit(dir, 'ls-files', '--stage'),
  };
}

/** Every file under `dir` (links not followed) whose bytes hold `secret`, relative to `dir`. */
export async function filesHolding(dir: string, secret: string): Promise<string[]> {
  const found: string[] = [];
  const needles = [secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')];
  const walk = async (folder: string, depth: number): Promise<void> => {
    if (depth > 40) return;
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path, depth + 1);
      else if (entry.isFile()) {
        const text = (await readFile(path)).toString('latin1');
        if (needles.some((needle) => text.includes(needle))) found.push(path.slice(dir.length + 1));
      }
    }
  };
  await walk(dir, 0);
  return found;
}
