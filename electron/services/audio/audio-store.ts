import { lstat, mkdir, readFile } from 'node:fs/promises';
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
      : await readRegularBytes(join(dir, file));
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
      const present = await readRegularBytes(join(dir, file));
      if (present !== null && audioSha256(present) === descriptor.sha256) return null;
      await mkdir(dirname(join(dir, file)), { recursive: true });
      await writeFileAtomic(join(dir, file), bytes);
      return commitFiles(
        dir,
        [file],
        `changeset ${changesetId}: attach audio ${descriptor.sha256.slice(0, 12)} ("${fileName.replace(/[\r\n]/g, ' ')}")`,
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
  try {
    const oid = commit ?? (await resolveHead(dir));
    const blob = await readBlobAt(dir, oid, file);
    return blob.byteLength > AUDIO_MAX_BYTES ? null : blob;
  } catch {
    return null;
  }
}

/** A regular file's bytes (never through a link), or null when missing, not a file or too big. */
async function readRegularBytes(path: string): Promise<Uint8Array | null> {
  try {
    const info = await lstat(path);
    if (!info.isFile() || info.size > AUDIO_MAX_BYTES) return null;
    return new Uint8Array(await readFile(path));
  } catch {
    return null;
  }
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
