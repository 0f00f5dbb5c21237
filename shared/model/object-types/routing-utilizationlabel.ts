import { z } from 'zod';
import { entityIdentityFields } from './entity-reference-schema';
import { commonVolatileFields, type ObjectTypeDefinition } from './object-type-definition';

/**
 * `UtilizationLabel`: a name agents' capacity is counted under (a VIP interaction, a complex
 * case). Only `{id, name, selfUri}`: no division and no version; PUT only renames it.
 */
export const utilizationLabelSchema = z.object({ ...entityIdentityFields }).loose();
export type UtilizationLabel = z.infer<typeof utilizationLabelSchema>;

export const utilizationLabelType = {
  id: 'routing.utilizationlabel',
  label: 'Utilization label',
  pluralLabel: 'Utilization labels',
  collectionPath: '/api/v2/routing/utilization/labels',
  naturalKey: 'name',
  schema: utilizationLabelSchema,
  references: [],
  volatileFields: commonVolatileFields,
  unorderedArrays: [],
  subResources: [],
  dependencies: [],
} satisfies ObjectTypeDefinition;
