import { FerryError } from '../../../shared/api/api-error';
import { readTreeEntries, treeOfCommit } from '../git/remote-transfer';

/**
 * The shape check every tree that comes from a remote passes before a single file of it is
 * written (clone, pull, resolve). A teammate with push access controls every byte of the remote,
 * and a Ferry workspace is plain files in plain folders, so anything else is refused whole:
 *
 * - a symbolic link (mode 120000): Ferry reads and writes workspace files by path, so a link
 *   named `changesets/x.json` pointing at ~/.bashrc would have the next edit written there;
 * - a submodule (gitlink, mode 160000): a commit of another repository, never Ferry's data;
 * - two names in one folder that differ only in case (or Unicode normalisation): on macOS and
 *   Windows they are one file, so the second silently overwrites the first;
 * - a name git itself forbids (`.git`, `..`, a slash, their NTFS/HFS aliases): isomorphic-git
 *   refuses to read such a tree; that refusal is turned into this one, in words.
 *
 * Only folders that differ from this workspace's own are read: a pull touching three files of a
 * workspace with tens of thousands reads a handful of trees.
 */

/** Entries read at most: far beyond a workspace's, so only a tree built to exhaust memory stops here. */
const MAX_ENTRIES = 1_000_000;
/** Problems named in the refusal; the rest are counted. */
const MAX_NAMED = 10;

const LINK_MODE = '120000';
const GITLINK_MODE = '160000';

/** Refuses `theirs` when its tree holds anything a workspace must not have (see above). */
export async function refuseUnsafeTree(
  dir: string,
  theirs: string,
  ours: string | null,
  remote: string,
): Promise<void> {
  const problems = await unsafeEntries(dir, theirs, ours);
  if (problems.length === 0) return;
  const named = problems.slice(0, MAX_NAMED).join('; ');
  const more = problems.length > MAX_NAMED ? ` (and ${problems.length - MAX_NAMED} more)` : '';
  throw new FerryError(
    'sync.unsafe-remote',
    `${remote} has entries a Ferry workspace never holds, so nothing was written and the workspace is as it was: ${named}${more}. Ask whoever pushed them to remove them from the remote branch`,
    { remote, commit: theirs, entries: problems.slice(0, MAX_NAMED) },
  );
}

/** What is wrong with `theirs`'s tree, one sentence per entry; empty when nothing is. */
export async function unsafeEntries(dir: string, theirs: string, ours: string | null): Promise<string[]> {
  const problems: string[] = [];
  let budget = MAX_ENTRIES;
  const walk = async (prefix: string, tree: string, mine: string | null): Promise<void> => {
    // A folder identical to ours is already in the workspace: nothing new to check.
    if (tree === mine) return;
    let entries;
    try {
      entries = await readTreeEntries(dir, tree);
    } catch (error) {
      if (codeOf(error) !== 'UnsafeFilepathError') throw error;
      const name = error instanceof Error ? error.message : '';
      problems.push(
        `${prefix === '' ? 'the top folder' : prefix.slice(0, -1)} holds a name git itself refuses (${printable(name)})`,
      );
      return;
    }
    budget -= entries.length;
    if (budget < 0) {
      problems.push(`more than ${MAX_ENTRIES} entries`);
      return;
    }
    const mineByName = new Map(
      (mine === null ? [] : await readTreeEntries(dir, mine)).map((e) => [e.name, e]),
    );
    const folded = new Map<string, string>();
    for (const entry of entries) {
      const path = `${prefix}${entry.name}`;
      const key = entry.name.normalize('NFC').toLowerCase();
      const clash = folded.get(key);
      if (clash !== undefined) {
        problems.push(`${printable(path)} and ${printable(`${prefix}${clash}`)} differ only in case`);
      } else {
        folded.set(key, entry.name);
      }
      if ([...entry.name].some((char) => (char.codePointAt(0) ?? 0) < 0x20 || char === '\u007f')) {
        problems.push(`${printable(path)} has a control character in its name`);
      }
      if (entry.mode === LINK_MODE) {
        problems.push(`${printable(path)} is a symbolic link`);
      } else if (entry.mode === GITLINK_MODE || entry.type === 'commit') {
        problems.push(`${printable(path)} is a submodule`);
      } else if (entry.type === 'tree') {
        const own = mineByName.get(entry.name);
        await walk(`${path}/`, entry.oid, own?.type === 'tree' ? own.oid : null);
      }
      if (problems.length > MAX_NAMED * 10) return;
    }
  };
  await walk('', await treeOfCommit(dir, theirs), ours === null ? null : await treeOfCommit(dir, ours));
  return problems;
}

/**
 * Refuses a pull whose changed paths swap a file and a folder (`notes/plain` a file here, a
 * folder of theirs): isomorphic-git's checkout cannot make that change in place, and a checkout
 * that fails half-way is what a pull must never leave. Refused before anything is written, with
 * the paths named, rather than attempted and undone.
 */
export function refuseShapeSwaps(files: readonly string[], remote: string): void {
  const all = new Set(files);
  const swapped = files.filter((path) => {
    for (let slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
      if (all.has(path.slice(0, slash))) return true;
    }
    return false;
  });
  if (swapped.length === 0) return;
  // Sorted: the order the paths arrived in (a merge's walk, a fast-forward's diff) is not one a
  // person or a test should depend on.
  const folders = [
    ...new Set(swapped.map((path) => files.find((file) => path.startsWith(`${file}/`)) ?? path)),
  ].sort();
  throw new FerryError(
    'sync.unsafe-remote',
    `${remote} turned ${folders.map(printable).join(', ')} from a file into a folder or back, which a pull cannot change in place, so nothing was written and the workspace is as it was: ask whoever pushed it to put it back under another name`,
    { remote, entries: folders.slice(0, MAX_NAMED) },
  );
}

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const { code } = error as { code: unknown };
  return typeof code === 'string' ? code : undefined;
}

/** A name as JSON would quote it, so a control character or a terminal escape is shown, not obeyed. */
function printable(text: string): string {
  return JSON.stringify(text);
}
