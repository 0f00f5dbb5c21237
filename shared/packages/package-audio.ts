import type { Changeset } from '../model/changeset';
import { audioDescriptorSchema, type AudioDescriptor } from '../model/prompt-audio';

/**
 * Prompt audio in a change package (issue 17): a changeset names audio by hash, and a workspace
 * that imports it has none of the source's snapshots, so the package carries the bytes of every
 * audio file the changeset writes. Each file is one more artifact, `audio-<sha256>.wav`, signed as
 * a subject like the changeset itself; the verifier then holds the set to exactly what the
 * changeset names. The name is a plain file name (so `package extract` can write it) that is
 * longer than a general artifact name may be: a Ferry that predates audio refuses such a package
 * instead of importing a changeset whose audio it drops.
 */

/** The only form an audio artifact's name may take: the file's own sha256, lower-case hex. */
export const AUDIO_ARTIFACT_NAME = /^audio-([0-9a-f]{64})\.wav$/;

/** A prompt has a resource per language; a changeset touching a few hundred prompts is plenty. */
export const MAX_AUDIO_FILES = 200;

export function audioArtifactName(sha256: string): string {
  return `audio-${sha256}.wav`;
}

/** The hash an audio artifact's name declares, or null when the name is not in the audio form. */
export function audioHashOfName(name: string): string | null {
  return AUDIO_ARTIFACT_NAME.exec(name)?.[1] ?? null;
}

/**
 * Names that claim to be audio (they start with `audio` or end in `.wav`, in any case): each must
 * be in the exact audio form, so a name such as `audio-../x.wav` or `AUDIO-<HEX>.wav` cannot pass
 * as an ordinary artifact and slip past the audio checks.
 */
export function claimsToBeAudio(name: string): boolean {
  return /^audio/i.test(name) || /\.wav$/i.test(name);
}

/** Where in the changeset an audio file is named, for messages a person can act on. */
export interface AudioUse {
  descriptor: AudioDescriptor;
  /** e.g. `create architect.prompt "VideoWhisper"`. */
  where: string;
}

/**
 * Every audio file the changeset writes to a target, by sha256: from create bodies and update
 * `after` values, at any depth (a whole `resources` list, one resource, or one `audio` field).
 * `before` values and deletes need no bytes: they describe what the target has. A value counts as
 * audio when it is exactly an audio descriptor (`sha256`, `bytes`, `durationSeconds`), which is
 * how canonical form and changesets hold it.
 */
export function audioWrittenBy(changeset: Changeset): Map<string, AudioUse[]> {
  const found = new Map<string, AudioUse[]>();
  const visit = (value: unknown, where: string, depth: number): void => {
    // Changesets are bounded by the store; the depth bound keeps a crafted package from recursing without end.
    if (depth > 64 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, where, depth + 1);
      return;
    }
    const descriptor = audioDescriptorSchema.safeParse(value);
    if (descriptor.success) {
      const uses = found.get(descriptor.data.sha256) ?? [];
      uses.push({ descriptor: descriptor.data, where });
      found.set(descriptor.data.sha256, uses);
      return;
    }
    for (const item of Object.values(value)) visit(item, where, depth + 1);
  };
  for (const operation of changeset.operations) {
    const where = `${operation.op} ${operation.type} ${JSON.stringify(operation.key)}`;
    if (operation.op === 'create') visit(operation.body, where, 0);
    if (operation.op === 'update') {
      for (const change of operation.changes) visit(change.after, `${where} (${change.path})`, 0);
    }
  }
  return found;
}
