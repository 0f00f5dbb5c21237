import { constants } from 'node:fs';
import { appendFile, mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ErrorCode, FerryError } from '../../../shared/api/api-error';
import { isObjectId } from './git-object-hash';

const ZERO_OID = '0'.repeat(40);

/** What HEAD names: a branch (possibly not born yet) or, when detached, HEAD itself. */
export interface HeadTarget {
  ref: string;
  symbolic: boolean;
  commit: string | null;
}

function corrupt(message: string, details: Record<string, unknown>): FerryError {
  return new FerryError(ErrorCode.workspaceCorrupt, message, details);
}

/** The git directory of a working tree; only a plain `.git` folder is supported. */
export async function gitDirectoryOf(dir: string): Promise<string> {
  const gitdir = join(dir, '.git');
  const info = await stat(gitdir).catch(() => null);
  if (info === null) {
    throw new FerryError(ErrorCode.workspaceNotFound, `${dir} is not a git repository`, { path: dir });
  }
  if (!info.isDirectory()) {
    throw new FerryError(
      ErrorCode.unsupported,
      `${gitdir} is a file (linked worktree or submodule), which snapshots do not support`,
      { path: gitdir },
    );
  }
  return gitdir;
}

/** Branch names as git accepts them, narrowed to what Ferry could ever create or meet. */
function isBranchRef(ref: string): boolean {
  return (
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
    /^refs\/heads\/[^\s~^:?*[\\\u0000-\u001f\u007f]+$/.test(ref) &&
    !ref.includes('..') &&
    !ref.includes('//') &&
    !ref.includes('@{') &&
    !ref.endsWith('/') &&
    !ref.endsWith('.lock') &&
    !ref.endsWith('.') &&
    !ref.split('/').some((part) => part.startsWith('.'))
  );
}

async function readOptional(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** The commit a branch points at: its loose file wins over `packed-refs`; null if unborn. */
async function readBranch(gitdir: string, ref: string): Promise<string | null> {
  const loose = await readOptional(join(gitdir, ref));
  if (loose !== null) {
    const value = loose.trim();
    if (!isObjectId(value)) throw corrupt(`${ref} does not hold a commit id`, { ref });
    return value;
  }
  const packed = await readOptional(join(gitdir, 'packed-refs'));
  if (packed === null) return null;
  for (const line of packed.split('\n')) {
    if (line.startsWith('#') || line.startsWith('^') || line.length === 0) continue;
    const [oid, name] = line.split(' ');
    if (name !== ref) continue;
    if (oid === undefined || !isObjectId(oid))
      throw corrupt(`packed-refs has a bad line for ${ref}`, { ref });
    return oid;
  }
  return null;
}

export async function readHead(gitdir: string): Promise<HeadTarget> {
  const text = await readOptional(join(gitdir, 'HEAD'));
  if (text === null) throw corrupt(`${gitdir} has no HEAD`, { path: gitdir });
  const value = text.trim();
  if (value.startsWith('ref: ')) {
    const ref = value.slice(5).trim();
    if (!isBranchRef(ref)) throw corrupt(`HEAD points to "${ref}", which is not a branch`, { ref });
    return { ref, symbolic: true, commit: await readBranch(gitdir, ref) };
  }
  if (isObjectId(value)) return { ref: 'HEAD', symbolic: false, commit: value };
  throw corrupt('HEAD is neither a branch reference nor a commit id', { path: gitdir });
}

async function currentValue(gitdir: string, head: HeadTarget): Promise<string | null> {
  return head.symbolic ? readBranch(gitdir, head.ref) : (await readHead(gitdir)).commit;
}

export interface RefUpdate {
  /** Moves the ref; the one step that makes a snapshot visible. */
  commit(): Promise<void>;
  release(): Promise<void>;
}

/**
 * Takes git's lock on the ref and checks nobody moved it since we read it, so the later update
 * is a compare-and-swap rather than a blind overwrite of someone else's commit.
 */
export async function lockRef(gitdir: string, head: HeadTarget, newCommit: string): Promise<RefUpdate> {
  const refPath = join(gitdir, head.ref);
  const lockPath = `${refPath}.lock`;
  await mkdir(dirname(refPath), { recursive: true });
  let handle;
  try {
    handle = await open(lockPath, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new FerryError(ErrorCode.workspaceCorrupt, `${head.ref} is locked by another git process`, {
        path: lockPath,
      });
    }
    throw error;
  }
  let done = false;
  const release = async () => {
    if (done) return;
    done = true;
    await handle.close().catch(() => undefined);
    await rm(lockPath, { force: true });
  };
  try {
    const now = await currentValue(gitdir, head);
    if (now !== head.commit) {
      throw new FerryError(ErrorCode.workspaceCorrupt, `${head.ref} moved while the snapshot was written`, {
        ref: head.ref,
        expected: head.commit,
        found: now,
      });
    }
    await handle.writeFile(`${newCommit}\n`);
    await handle.sync();
  } catch (error) {
    await release();
    throw error;
  }
  return {
    release,
    async commit() {
      if (done) throw new Error('ref lock already released');
      done = true;
      await handle.close();
      await rename(lockPath, refPath);
    },
  };
}

/**
 * Appends the reflog lines native git would write, so `git reflog` tells the same story. The
 * ref has already moved by now, so a failure here is not worth failing the snapshot for.
 */
export async function appendReflogs(
  gitdir: string,
  head: HeadTarget,
  newCommit: string,
  who: { name: string; email: string },
  now: Date,
  subject: string,
): Promise<void> {
  const seconds = Math.floor(now.getTime() / 1000);
  const verb = head.commit === null ? 'commit (initial)' : 'commit';
  const line = `${head.commit ?? ZERO_OID} ${newCommit} ${who.name} <${who.email}> ${seconds} +0000\t${verb}: ${subject}\n`;
  const logs = head.symbolic ? [head.ref, 'HEAD'] : ['HEAD'];
  for (const ref of logs) {
    const path = join(gitdir, 'logs', ref);
    try {
      await mkdir(dirname(path), { recursive: true });
      await appendFile(path, line);
    } catch {
      // Best effort, see above.
    }
  }
}
