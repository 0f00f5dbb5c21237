import { z } from 'zod';
import { entityIdentityFields, entityStateSchema } from './entity-reference-schema';
import { commonVolatileFields, type ObjectTypeDefinition } from './object-type-definition';

export const languageSchema = z
  .object({
    ...entityIdentityFields,
    state: entityStateSchema.nullish(),
    version: z.string().nullish(),
    dateModified: z.string().nullish(),
  })
  .loose();
export type Language = z.infer<typeof languageSchema>;

/** Languages are not divisioned. */
export const languageType = {
  id: 'routing.language',
  label: 'Language',
  pluralLabel: 'Languages',
  collectionPath: '/api/v2/routing/languages',
  naturalKey: 'name',
  schema: languageSchema,
  references: [],
  volatileFields: [...commonVolatileFields, 'state'],
  unorderedArrays: [],
  subResources: [],
  dependencies: [],
} satisfies ObjectTypeDefinition;
