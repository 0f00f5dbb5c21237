import { z } from 'zod';
import { entityIdentityFields, entityReferenceSchema, entityStateSchema } from './entity-reference-schema';
import { commonVolatileFields, type ObjectTypeDefinition } from './object-type-definition';

export const skillSchema = z
  .object({
    ...entityIdentityFields,
    division: entityReferenceSchema.nullish(),
    state: entityStateSchema.nullish(),
    // A string on skills and languages, an integer on schedules: the API is not consistent.
    version: z.string().nullish(),
    dateModified: z.string().nullish(),
  })
  .loose();
export type Skill = z.infer<typeof skillSchema>;

export const skillType = {
  id: 'routing.skill',
  label: 'Skill',
  pluralLabel: 'Skills',
  collectionPath: '/api/v2/routing/skills',
  naturalKey: 'name',
  schema: skillSchema,
  references: [{ path: 'division', targetType: 'authorization.division' }],
  volatileFields: [...commonVolatileFields, 'state'],
  unorderedArrays: [],
  subResources: [],
  dependencies: ['authorization.division'],
} satisfies ObjectTypeDefinition;
