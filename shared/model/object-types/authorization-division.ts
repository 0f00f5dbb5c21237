import { z } from 'zod';
import { entityIdentityFields } from './entity-reference-schema';
import { commonVolatileFields, type ObjectTypeDefinition } from './object-type-definition';

export const divisionSchema = z
  .object({
    ...entityIdentityFields,
    description: z.string().nullish(),
    homeDivision: z.boolean().nullish(),
    objectCounts: z.record(z.string(), z.number()).nullish(),
  })
  .loose();
export type Division = z.infer<typeof divisionSchema>;

export const divisionType = {
  id: 'authorization.division',
  label: 'Division',
  pluralLabel: 'Divisions',
  collectionPath: '/api/v2/authorization/divisions',
  naturalKey: 'name',
  schema: divisionSchema,
  references: [],
  // Which division is "home" is decided when the org is made, not by configuration we promote.
  volatileFields: [...commonVolatileFields, 'objectCounts', 'homeDivision'],
  unorderedArrays: [],
  subResources: [],
  dependencies: [],
} satisfies ObjectTypeDefinition;
