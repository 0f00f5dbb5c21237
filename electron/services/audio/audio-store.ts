import { constants } from 'node:fs';
import { lstat, mkdir, open } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { FerryError } from '../../../shared/api/api-error';
import { changesetIdSchema } from '../../../shared/model/changeset-wire';
import { environmentNameSchema } from '../../../shared/model/environment';
import {
  AUDIO_MAX_BYTES,
  changesetAudioPath,
  sha256HexSchema,
  snapshotAudioPath,
  type AudioAttachResult,
  type AudioDescriptor,
  type AudioFile,
  type AudioSource,
} from '../../../shared/model/prompt-audio';
import { writeFileAtomic } from '../fs/atomic-write';
import { refuseSymlinksInsideWorkspace, SYMLINK_REFUSED } from '../fs/symlink-guard';
import { readBlobAt, resolveHead } from '../git/repository';
import type { WorkspaceService } from '../workspace/workspace-service';
import { commitFiles } from '../workspace/workspace-git';
import { audioSha256, checkAudioHash, describeWav } from './audio-bytes';

export interface WorkspaceAudio {
  bytes: Uint8Array;
  descriptor: AudioDescriptor;
  /** The workspace path it was read from. */
  file: string;
}

/**
 * One audio file of the workspace by hash: from an environment's snapshot as committed (at a
 * commit, or HEAD), or from a changeset's audio folder. Its bytes must hash to the name and be a
 * WAV; anything else is refused, so a tampered file never reaches an org or a person's speakers.
 */
export async function readWorkspaceAudio(
  dir: string,
  source: AudioSource,
  sha256: string,
): Promise<WorkspaceAudio> {
  if (!sha256HexSchema.safeParse(sha256).success) {
    throw new FerryError('request.invalid', `"${sha256}" is not a sha256 of audio`);
  }
  const file =
    source.kind === 'snapshot'
      ? snapshotAudioPath(checkedName(source.environment), sha256)
      : changesetAudioPath(checkedChangesetId(source.changesetId), sha256);
  const bytes =
    source.kind === 'snapshot'
      ? await readCommitted(dir, source.commit, file)
      : await readWorkspaceFile(dir, file);
  if (bytes === null) {
    throw new FerryError(
      'audio.not-found',
      source.kind === 'snapshot'
        ? `The snapshot of ${source.environment} has no audio ${sha256.slice(0, 12)}… (${file})`
        : `Changeset ${source.changesetId} has no attached audio ${sha256.slice(0, 12)}… (${file})`,
      { file },
    );
  }
  checkAudioHash(bytes, sha256, file);
  return { bytes, descriptor: describeWav(bytes, file), file };
}

/** The `audio.read` and `audio.attach` channels' service. */
export class AudioStore {
  constructor(
    private readonly workspace: WorkspaceService,
    /** Checks that a changeset exists (and is readable) before audio is attached to it. */
    private readonly changesetExists: (id: string) => Promise<unknown>,
  ) {}

  async read(source: AudioSource, sha256: string): Promise<AudioFile> {
    const found = await readWorkspaceAudio(this.workspace.requirePath(), source, sha256);
    return {
      descriptor: found.descriptor,
      mediaType: 'audio/wav',
      base64: Buffer.from(found.bytes).toString('base64'),
    };
  }

  /**
   * Keeps a WAV file a person picked in `changesets/<id>.audio/<sha256>.wav`, committed like the
   * changeset itself. The same bytes attached twice are one file and one commit.
   */
  async attach(changesetId: string, fileName: string, base64: string): Promise<AudioAttachResult> {
    await this.changesetExists(checkedChangesetId(changesetId));
    const bytes = decodeBase64(base64, fileName);
    const descriptor = describeWav(bytes, `"${fileName}"`);
    const file = changesetAudioPath(changesetId, descriptor.sha256);
    const dir = this.workspace.requirePath();
    const commit = await this.workspace.writeLock.run(async () => {
      const present = await readWorkspaceFile(dir, file);
      if (present !== null && audioSha256(present) === descriptor.sha256) return null;
      // Before mkdir, which would otherwise create the audio folder wherever a linked
      // `changesets` folder points.
      await refuseSymlinksInsideWorkspace(join(dir, file));
      await mkdir(dirname(join(dir, file)), { recursive: true });
      await writeFileAtomic(join(dir, file), bytes);
      return commitFiles(
        dir,
        [file],
        `changeset ${changesetId}: attach audio ${descriptor.sha256.slice(0, 12)} ("${wordsOnly(fileName)}")`,
        this.workspace.author(),
        this.workspace.now(),
      );
    });
    return { descriptor, file, commit };
  }
}

async function readCommitted(
  dir: string,
  commit: string | undefined,
  file: string,
): Promise<Uint8Array | null> {
  let blob: Uint8Array;
  try {
    const oid = commit ?? (await resolveHead(dir));
    blob = await readBlobAt(dir, oid, file);
  } catch {
    return null;
  }
  if (blob.byteLength > AUDIO_MAX_BYTES) throw tooBig(file, blob.byteLength);
  return blob;
}

/** O_NOFOLLOW: the last check against a link swapped in after the lstat walk (0 where absent). */
const READ_NO_FOLLOW = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0);

/**
 * The bytes of `file` (a workspace path) as a regular file, or null when it is not there. Each
 * folder on the way and the file itself are looked at without following links: git checks out a
 * committed `changesets/x.audio -> /elsewhere` as a link, and a teammate controls what it points
 * at. A link, something other than a file, or a file too big to be a prompt is refused in words
 * rather than reported as missing.
 */
async function readWorkspaceFile(dir: string, file: string): Promise<Uint8Array | null> {
  const parts = file.split('/');
  let path = dir;
  for (const [index, part] of parts.entries()) {
    path = join(path, part);
    let info: Awaited<ReturnType<typeof lstat>>;
    try {
      info = await lstat(path);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return null;
      throw error;
    }
    const where = parts.slice(0, index + 1).join('/');
    if (info.isSymbolicLink()) {
      throw new FerryError(
        SYMLINK_REFUSED,
        `Ferry does not read audio through ${where}: it is a symbolic link in the workspace, which a teammate may have committed. Remove the link (git rm) and attach or snapshot the audio again.`,
        { path: where },
      );
    }
    if (index === parts.length - 1 && !info.isFile()) {
      throw new FerryError('audio.invalid', `${where} is not a file, so it cannot be prompt audio`, {
        file: where,
      });
    }
  }
  const handle = await open(path, READ_NO_FOLLOW);
  try {
    const { size } = await handle.stat();
    if (size > AUDIO_MAX_BYTES) throw tooBig(file, size);
    const bytes = new Uint8Array(await handle.readFile());
    // The file may have grown since the stat.
    if (bytes.byteLength > AUDIO_MAX_BYTES) throw tooBig(file, bytes.byteLength);
    return bytes;
  } finally {
    await handle.close();
  }
}

function tooBig(file: string, bytes: number): FerryError {
  return new FerryError(
    'audio.invalid',
    `${file} is ${bytes} bytes; prompt audio is at most ${AUDIO_MAX_BYTES / (1024 * 1024)} MiB, so it was not read`,
    { file, bytes },
  );
}

/** A file name as one line of a commit message: control characters and line separators become spaces. */
function wordsOnly(fileName: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is being removed
  return fileName.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]/g, ' ');
}

function decodeBase64(base64: string, fileName: string): Uint8Array {
  // Buffer.from ignores characters that are not base64; a strict check keeps a damaged upload out.
  if (base64.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) {
    throw new FerryError('audio.invalid', `"${fileName}" did not arrive as base64; pick the file again`);
  }
  return new Uint8Array(Buffer.from(base64, 'base64'));
}

function checkedName(environment: string): string {
  if (!environmentNameSchema.safeParse(environment).success) {
    throw new FerryError('request.invalid', `"${environment}" is not an environment name`);
  }
  return environment;
}

function checkedChangesetId(id: string): string {
  if (!changesetIdSchema.safeParse(id).success) {
    throw new FerryError('request.invalid', `"${id}" is not a changeset id`);
  }
  return id;
}
