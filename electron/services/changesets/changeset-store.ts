import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { FerryError } from '../../../shared/api/api-error';
import { describeIssues, toFieldIssues } from '../../../shared/api/issues';
import { changesetDigest } from '../../../shared/model/changeset-digest';
import { CHANGESET_FORMAT_VERSION, changesetSchema, type Changeset } from '../../../shared/model/changeset';
import { changesetAudioPath } from '../../../shared/model/prompt-audio';
import { parseStrictJson, StrictJsonError } from '../../../shared/signing/strict-json';
import { audioSha256 } from '../audio/audio-bytes';
import { writeFileAtomic } from '../fs/atomic-write';
import { refuseSymlinksInsideWorkspace } from '../fs/symlink-guard';
import { readRegularFile } from '../fs/read-regular-file';
import type { WorkspaceService } from '../workspace/workspace-service';
import { commitFiles, commitRemovals } from '../workspace/workspace-git';

/** A changeset is a reviewable document: far below this. */
const MAX_CHANGESET_BYTES = 32 * 1024 * 1024;

const FOLDER = 'changesets';
const ID = /^[a-z0-9][a-z0-9-]{2,80}$/;

export interface ChangesetSummary {
  id: string;
  file: string;
  title: string | null;
  ticket: string | null;
  author: string | null;
  createdAt: string | null;
  operations: number;
  digest: string | null;
  /** Why the file cannot be used, when it cannot; listed rather than hidden. */
  problem: string | null;
}

/** Changeset documents in `changesets/<id>.json`; every change is one commit. */
export class ChangesetStore {
  constructor(
    private readonly workspace: WorkspaceService,
    /** The local signing key's id, recorded as the author's; null before `ferry key init`. */
    private readonly authorKeyId: () => Promise<string | null> = async () => null,
    /**
     * This machine's author signature over a version, stored beside it in the same commit; null
     * when it cannot sign here (no key, vault locked).
     */
    private readonly authorSignature: (
      id: string,
      digest: string,
    ) => Promise<{ path: string; text: string } | null> = async () => null,
  ) {}

  async list(): Promise<ChangesetSummary[]> {
    const dir = join(this.workspace.requirePath(), FOLDER);
    let names: string[];
    try {
      names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
    } catch {
      return [];
    }
    return Promise.all(
      names.map(async (name) => {
        const id = name.slice(0, -'.json'.length);
        try {
          const { changeset, digest } = await this.get(id);
          return {
            id,
            file: `${FOLDER}/${name}`,
            title: changeset.title,
            ticket: changeset.ticket,
            author: changeset.author,
            createdAt: changeset.createdAt,
            operations: changeset.operations.length,
            digest,
            problem: null,
          };
        } catch (error) {
          return {
            id,
            file: `${FOLDER}/${name}`,
            title: null,
            ticket: null,
            author: null,
            createdAt: null,
            operations: 0,
            digest: null,
            problem: error instanceof Error ? error.message : String(error),
          };
        }
      }),
    );
  }

  /** Reads and checks one changeset; a bad file is named with the path of what is wrong, and left as it is. */
  async get(id: string): Promise<{ changeset: Changeset; digest: string; file: string }> {
    const file = this.file(id);
    const path = join(this.workspace.requirePath(), file);
    const text = await readRegularFile(path, MAX_CHANGESET_BYTES);
    if (text === null) {
      const present = await lstat(path).then(
        () => true,
        () => false,
      );
      if (present) {
        throw new FerryError(
          'changeset.invalid',
          `${file} is not a regular file of at most ${MAX_CHANGESET_BYTES / (1024 * 1024)} MiB (a link, a folder or too big); Ferry does not read it. Remove it from the workspace (git rm).`,
          { file },
        );
      }
      throw new FerryError('changeset.not-found', `No changeset "${id}" (${file})`, { id });
    }
    let raw: unknown;
    try {
      // Strict, like signed files: with two equal keys a reviewer's diff and the promoter's parse
      // could see different operations in the same bytes.
      raw = parseStrictJson(text);
    } catch (error) {
      const reason = error instanceof Error ? error.message : '';
      throw new FerryError(
        'changeset.invalid',
        error instanceof StrictJsonError && !reason.startsWith('not valid JSON')
          ? `${file} is refused: ${reason}; each key may appear once, so fix that file or remove it`
          : `${file} is not valid JSON: ${reason.replace(/^not valid JSON: /, '')}`,
        { file },
      );
    }
    const parsed = changesetSchema.safeParse(raw);
    if (!parsed.success) {
      const issues = toFieldIssues(parsed.error);
      throw new FerryError(
        'changeset.invalid',
        `${file} is not a valid changeset: ${describeIssues(issues)}`,
        { file, issues },
      );
    }
    if (parsed.data.id !== id) {
      throw new FerryError(
        'changeset.invalid',
        `${file} says its id is "${parsed.data.id}"; it must match the file name`,
        { file },
      );
    }
    return { changeset: parsed.data, digest: changesetDigest(parsed.data), file };
  }

  async create(input: {
    title: string;
    description?: string;
    ticket?: string;
    operations?: Changeset['operations'];
    origin?: string;
    requires?: Changeset['requires'];
    /** Start of the id (a random suffix is added); the title's slug by default. */
    idPrefix?: string;
    /** Commit message; `changeset <id>: create "<title>"` by default. */
    message?: (id: string) => string;
  }): Promise<{ changeset: Changeset; digest: string; file: string }> {
    const id = `${input.idPrefix ?? slug(input.title)}-${randomBytes(3).toString('hex')}`;
    const authorKeyId = await this.authorKeyId();
    const changeset = this.check({
      formatVersion: CHANGESET_FORMAT_VERSION,
      id,
      title: input.title.trim(),
      description: input.description ?? '',
      ticket: input.ticket ?? '',
      author: this.workspace.author().name,
      ...(authorKeyId ? { authorKeyId } : {}),
      createdAt: this.workspace.now().toISOString(),
      ...(input.origin ? { origin: input.origin } : {}),
      operations: input.operations ?? [],
      ...(input.requires && input.requires.length > 0 ? { requires: input.requires } : {}),
    });
    return this.write(changeset, input.message?.(id) ?? `changeset ${id}: create "${changeset.title}"`);
  }

  async save(changeset: unknown): Promise<{ changeset: Changeset; digest: string; file: string }> {
    const checked = this.check(changeset);
    await this.get(checked.id);
    return this.write(checked, `changeset ${checked.id}: save`);
  }

  async duplicate(id: string): Promise<{ changeset: Changeset; digest: string; file: string }> {
    const { changeset } = await this.get(id);
    return this.create({
      title: `Copy of ${changeset.title}`.slice(0, 200),
      description: changeset.description,
      ticket: changeset.ticket,
      operations: changeset.operations,
      ...(changeset.requires ? { requires: changeset.requires } : {}),
      origin: `copy of ${id}`,
    });
  }

  async remove(id: string): Promise<void> {
    const { file } = await this.get(id).catch((error: unknown) => {
      // A damaged file may still be deleted; only a missing one is refused.
      if (error instanceof FerryError && error.code === 'changeset.invalid') return { file: this.file(id) };
      throw error;
    });
    const dir = this.workspace.requirePath();
    // Approvals sign this changeset's digest and mean nothing without it; they go with it.
    const approvalsFolder = `${FOLDER}/${id}.approvals`;
    const approvals = await readdir(join(dir, approvalsFolder)).catch(() => [] as string[]);
    const authorsFolder = `${FOLDER}/${id}.authors`;
    const authors = await readdir(join(dir, authorsFolder)).catch(() => [] as string[]);
    const files = [
      file,
      ...approvals.map((name) => `${approvalsFolder}/${name}`),
      ...authors.map((name) => `${authorsFolder}/${name}`),
    ];
    await this.workspace.writeLock.run(async () => {
      await rm(join(dir, file));
      await rm(join(dir, approvalsFolder), { recursive: true, force: true });
      await rm(join(dir, authorsFolder), { recursive: true, force: true });
      await commitRemovals(
        dir,
        files,
        `changeset ${id}: delete`,
        this.workspace.author(),
        this.workspace.now(),
      );
    });
  }

  /**
   * Writes a changeset under its own id, with approval envelopes beside it, as one commit (a
   * change package's import). What is already here with the same content is left alone, so a
   * second import writes nothing and makes no commit; another changeset under the id is refused.
   */
  async importDocument(
    value: unknown,
    approvals: readonly { keyId: string; text: string }[],
    message: string,
    /** Prompt audio the changeset writes (issue 17), already verified; kept in `<id>.audio/`. */
    audio: readonly { sha256: string; bytes: Uint8Array }[] = [],
  ): Promise<{ changeset: Changeset; digest: string; file: string; written: string[] }> {
    const changeset = this.check(value);
    const file = this.file(changeset.id);
    const digest = changesetDigest(changeset);
    const dir = this.workspace.requirePath();
    const folder = `${FOLDER}/${changeset.id}.approvals`;
    for (const file of audio) {
      // Named by hash: a name that is not a sha256, or bytes that are not it, never become a path.
      if (!/^[0-9a-f]{64}$/.test(file.sha256) || audioSha256(file.bytes) !== file.sha256) {
        throw new FerryError(
          'request.invalid',
          `"${file.sha256.slice(0, 80)}" is not the sha256 of its audio`,
        );
      }
    }
    const written = await this.workspace.writeLock.run(async () => {
      const existing = await this.get(changeset.id).catch((error: unknown) => {
        if (error instanceof FerryError && error.code === 'changeset.not-found') return null;
        throw error;
      });
      if (existing && existing.digest !== digest) {
        throw new FerryError(
          'changeset.exists',
          `${file} already holds another version (${existing.digest.slice(0, 19)}); it is not overwritten`,
          { file },
        );
      }
      const files: string[] = [];
      // Every place the import writes is checked for links first: a linked `<id>.audio` or
      // `.approvals` folder a teammate committed would otherwise be refused only after the
      // changeset and its approvals were on disk, half-written and uncommitted (issue 17).
      for (const target of [
        file,
        folder,
        ...audio.map((entry) => changesetAudioPath(changeset.id, entry.sha256)),
      ]) {
        await refuseSymlinksInsideWorkspace(join(dir, target));
      }
      if (!existing) {
        await mkdir(join(dir, FOLDER), { recursive: true });
        await writeFileAtomic(join(dir, file), `${JSON.stringify(changeset, null, 2)}\n`);
        files.push(file);
      }
      for (const approval of approvals) {
        if (!/^[0-9a-f]{64}$/.test(approval.keyId)) {
          throw new FerryError('request.invalid', `"${approval.keyId}" is not a key id`);
        }
        const path = `${folder}/${approval.keyId}.json`;
        const present = await readFile(join(dir, path)).then(
          () => true,
          () => false,
        );
        if (present) continue;
        await mkdir(join(dir, folder), { recursive: true });
        await writeFileAtomic(join(dir, path), approval.text);
        files.push(path);
      }
      for (const file of audio) {
        const path = changesetAudioPath(changeset.id, file.sha256);
        // Kept only when it is a regular file already holding these bytes; anything else is replaced.
        const info = await lstat(join(dir, path)).catch(() => null);
        if (
          info?.isFile() === true &&
          info.size === file.bytes.byteLength &&
          audioSha256(await readFile(join(dir, path))) === file.sha256
        ) {
          continue;
        }
        await mkdir(join(dir, dirname(path)), { recursive: true });
        await writeFileAtomic(join(dir, path), file.bytes);
        files.push(path);
      }
      if (files.length > 0) {
        await commitFiles(
          dir,
          files,
          `${message} (${digest.slice(0, 19)})`,
          this.workspace.author(),
          this.workspace.now(),
        );
      }
      return files;
    });
    return { changeset, digest, file, written };
  }

  private check(value: unknown): Changeset {
    const parsed = changesetSchema.safeParse(value);
    if (!parsed.success) {
      const issues = toFieldIssues(parsed.error);
      throw new FerryError('request.invalid', `The changeset is not valid: ${describeIssues(issues)}`, {
        issues,
      });
    }
    return parsed.data;
  }

  private file(id: string): string {
    if (!ID.test(id)) throw new FerryError('request.invalid', `"${id}" is not a changeset id`);
    return `${FOLDER}/${id}.json`;
  }

  private async write(changeset: Changeset, message: string) {
    const dir = this.workspace.requirePath();
    const file = this.file(changeset.id);
    const digest = changesetDigest(changeset);
    const signature = await this.authorSignature(changeset.id, digest);
    await this.workspace.writeLock.run(async () => {
      await mkdir(join(dir, FOLDER), { recursive: true });
      await writeFileAtomic(join(dir, file), `${JSON.stringify(changeset, null, 2)}\n`);
      if (signature) {
        await mkdir(join(dir, dirname(signature.path)), { recursive: true });
        await writeFileAtomic(join(dir, signature.path), signature.text);
      }
      await commitFiles(
        dir,
        signature ? [file, signature.path] : [file],
        `${message} (${digest.slice(0, 19)})`,
        this.workspace.author(),
        this.workspace.now(),
      );
    });
    return { changeset, digest, file };
  }
}

export function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'changeset'
  );
}
