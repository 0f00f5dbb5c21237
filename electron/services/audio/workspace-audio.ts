import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { FerryError } from '../../../shared/api/api-error';
import { changesetAudioPath } from '../../../shared/model/prompt-audio';
import { readTreeAt, resolveHead } from '../git/repository';
import { readWorkspaceAudio } from './audio-store';

/**
 * The bytes of the audio with hash `sha256`, wherever the workspace keeps them: a changeset's
 * audio folder (a person attached it) or an environment's snapshot (it was read from an org, so a
 * promotion copies it and a rollback puts it back). Content is named by its hash, so any copy is
 * the same audio; a copy that does not hash to its name is refused, never skipped for another.
 */
export async function findWorkspaceAudio(dir: string, sha256: string): Promise<Uint8Array> {
  for (const changesetId of await changesetsWithAudio(dir)) {
    const present = await lstat(join(dir, changesetAudioPath(changesetId, sha256))).then(
      () => true,
      () => false,
    );
    if (present) return (await readWorkspaceAudio(dir, { kind: 'changeset', changesetId }, sha256)).bytes;
  }
  for (const environment of await environmentsAtHead(dir)) {
    try {
      return (await readWorkspaceAudio(dir, { kind: 'snapshot', environment }, sha256)).bytes;
    } catch (error) {
      if (error instanceof FerryError && error.code === 'audio.not-found') continue;
      throw error;
    }
  }
  throw new FerryError(
    'audio.not-found',
    `The workspace has no audio ${sha256.slice(0, 12)}… (no changeset attached it and no snapshot holds it); take a snapshot of the environment it comes from, or attach the file to the changeset`,
    { sha256 },
  );
}

async function changesetsWithAudio(dir: string): Promise<string[]> {
  const names = await readdir(join(dir, 'changesets')).catch(() => [] as string[]);
  return names
    .filter((name) => name.endsWith('.audio'))
    .map((name) => name.slice(0, -'.audio'.length))
    .filter((id) => /^[a-z0-9][a-z0-9-]{2,80}$/.test(id))
    .sort();
}

async function environmentsAtHead(dir: string): Promise<string[]> {
  try {
    const head = await resolveHead(dir);
    const entries = await readTreeAt(dir, head, 'environments');
    return entries
      .filter((entry) => entry.type === 'tree' && /^[a-z][a-z0-9-]{0,31}$/.test(entry.path))
      .map((entry) => entry.path)
      .sort();
  } catch {
    return [];
  }
}
