import { z } from 'zod';

/**
 * The audio of one prompt resource, as canonical form and changesets hold it: never the bytes
 * (base64 in JSON would bloat every diff and every commit), only what identifies and describes
 * them. The bytes live in the workspace as `<sha256>.wav` files (see the paths below); whoever
 * reads one checks its hash against its name, because the workspace is untrusted input.
 */
export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lower-case sha256 in hex');

export const audioDescriptorSchema = z
  .object({
    sha256: sha256HexSchema,
    /** Size of the file in bytes. */
    bytes: z.number().int().nonnegative(),
    /** Length when played, from the WAV header; null when the header does not say. */
    durationSeconds: z.number().nonnegative().nullable(),
  })
  .strict();
export type AudioDescriptor = z.infer<typeof audioDescriptorSchema>;

/** Genesys accepts bigger files, but a prompt is seconds long; anything larger is a mistake. */
export const AUDIO_MAX_BYTES = 25 * 1024 * 1024;

/** Where a snapshot keeps its audio: beside its JSON, in the environment's folder, by hash. */
export function snapshotAudioPath(environment: string, sha256: string): string {
  return `environments/${environment}/audio/${sha256}.wav`;
}

/** Where audio uploaded while authoring a changeset is kept until it is promoted. */
export function changesetAudioPath(changesetId: string, sha256: string): string {
  return `changesets/${changesetId}.audio/${sha256}.wav`;
}

/** Where to read audio from: an environment's snapshot (at a commit, or its latest) or a changeset. */
export const audioSourceSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('snapshot'),
      environment: z.string().min(1).max(64),
      commit: z
        .string()
        .regex(/^[0-9a-f]{40}$/)
        .optional(),
    })
    .strict(),
  z.object({ kind: z.literal('changeset'), changesetId: z.string().min(1).max(100) }).strict(),
]);
export type AudioSource = z.infer<typeof audioSourceSchema>;

/** `audio.read` request: one file, by hash. */
export const audioReadRequestSchema = z
  .object({ source: audioSourceSchema, sha256: sha256HexSchema })
  .strict();

/** `audio.read` reply: the bytes (checked against the hash), ready for an `<audio>` element. */
export const audioFileSchema = z
  .object({
    descriptor: audioDescriptorSchema,
    /** `audio/wav`. */
    mediaType: z.literal('audio/wav'),
    base64: z.string(),
  })
  .strict();
export type AudioFile = z.infer<typeof audioFileSchema>;

/** `audio.attach` request: a WAV file a person picked while editing a changeset's prompt. */
export const audioAttachRequestSchema = z
  .object({
    changesetId: z.string().min(1).max(100),
    fileName: z.string().min(1).max(255),
    base64: z.string().max(Math.ceil((AUDIO_MAX_BYTES * 4) / 3) + 4),
  })
  .strict();

/**
 * `audio.attach` reply: what the changeset's prompt resource puts in its `audio` field, where the
 * file was written, and the commit that added it (null when the same bytes were already there).
 */
export const audioAttachResultSchema = z
  .object({
    descriptor: audioDescriptorSchema,
    file: z.string(),
    commit: z.string().nullable(),
  })
  .strict();
export type AudioAttachResult = z.infer<typeof audioAttachResultSchema>;
