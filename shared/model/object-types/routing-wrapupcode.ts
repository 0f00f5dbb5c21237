import { z } from 'zod';
import { auditFields, entityIdentityFields, entityReferenceSchema } from './entity-reference-schema';
import { commonVolatileFields, type ObjectTypeDefinition } from './object-type-definition';

export const wrapupCodeSchema = z
  .object({
    ...entityIdentityFields,
    ...auditFields,
    division: entityReferenceSchema.nullish(),
    description: z.string().nullish(),
  })
  .loose();
export type WrapupCode = z.infer<typeof wrapupCodeSchema>;

export const wrapupCodeType = {
  id: 'routing.wrapupcode',
  label: 'Wrap-up code',
  pluralLabel: 'Wrap-up codes',
  collectionPath: '/api/v2/routing/wrapupcodes',
  naturalKey: 'name',
  schema: wrapupCodeSchema,
  references: [{ path: 'division', targetType: 'authorization.division' }],
  volatileFields: commonVolatileFields,
  unorderedArrays: [],
  subResources: [],
  dependencies: ['authorization.division'],
} satisfies ObjectTypeDefinition;
