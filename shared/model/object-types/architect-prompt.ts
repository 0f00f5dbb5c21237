import { z } from 'zod';
import { audioDescriptorSchema } from '../prompt-audio';
import { entityIdentityFields, entityReferenceSchema } from './entity-reference-schema';
import { commonVolatileFields, type ObjectTypeDefinition } from './object-type-definition';

/**
 * One language of a prompt as Ferry keeps it: the SDK's `PromptAsset` without what belongs to
 * one org or one moment (its id, the prompt's id and name, `mediaUri`, `uploadUri`,
 * `uploadStatus`, `durationSeconds`, `selfUri`), and with `audio` in place of the media link: the
 * hash, size and length of the WAV the connector downloaded, or null when the language has no
 * transcoded audio (text-to-speech only). The bytes live in the workspace by hash.
 */
export const promptResourceSchema = z
  .object({
    language: z.string().min(1),
    ttsString: z.string().nullish(),
    text: z.string().nullish(),
    tags: z.record(z.string(), z.array(z.string())).nullish(),
    languageDefault: z.boolean().nullish(),
    audio: audioDescriptorSchema.nullable(),
  })
  .loose();
export type PromptResource = z.infer<typeof promptResourceSchema>;

/** What of a `PromptAsset` the connector leaves out of the form above. */
export const PROMPT_RESOURCE_VOLATILE_FIELDS = [
  'id',
  'name',
  'promptId',
  'mediaUri',
  'uploadUri',
  'uploadStatus',
  'durationSeconds',
  // The format Genesys transcoded to: a property of the stored file, which `audio` describes.
  'audioFormat',
  'selfUri',
  'dateCreated',
  'dateModified',
] as const;

/** `Prompt` of `/api/v2/architect/prompts` (a user prompt), with its resources read in. */
export const promptSchema = z
  .object({
    ...entityIdentityFields,
    division: entityReferenceSchema.nullish(),
    description: z.string().nullish(),
    resources: z.array(promptResourceSchema).nullish(),
  })
  .loose();
export type Prompt = z.infer<typeof promptSchema>;

export const promptType = {
  id: 'architect.prompt',
  label: 'Prompt',
  pluralLabel: 'Prompts',
  collectionPath: '/api/v2/architect/prompts',
  naturalKey: 'name',
  schema: promptSchema,
  // The SDK's Prompt has a division (WritableStarrableDivision), like the objects queues sit in.
  references: [{ path: 'division', targetType: 'authorization.division' }],
  // `currentOperation` is a pending Architect job on the prompt, not configuration.
  volatileFields: [...commonVolatileFields, 'currentOperation'],
  unorderedArrays: [{ path: 'resources', sortBy: 'language' }],
  // Each language is written through its own URL, its audio through the upload flow.
  subResources: [{ field: 'resources', path: '/resources', holdsReferences: false }],
  dependencies: ['authorization.division'],
} satisfies ObjectTypeDefinition;
