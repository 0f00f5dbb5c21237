import { z } from 'zod';
import { architectEntityFields } from './architect-schedule';
import { entityReferenceSchema } from './entity-reference-schema';
import { commonVolatileFields, type ObjectTypeDefinition } from './object-type-definition';

/** `EmergencyCallFlow`: the flow that answers instead, and the IVRs whose calls it takes. */
const emergencyCallFlowSchema = z
  .object({
    emergencyFlow: entityReferenceSchema.nullish(),
    ivrs: z.array(entityReferenceSchema).nullish(),
  })
  .loose();

export const emergencyGroupSchema = z
  .object({
    ...architectEntityFields,
    enabled: z.boolean().nullish(),
    emergencyCallFlows: z.array(emergencyCallFlowSchema).nullish(),
  })
  .loose();
export type EmergencyGroup = z.infer<typeof emergencyGroupSchema>;

export const emergencyGroupType = {
  id: 'architect.emergencygroup',
  label: 'Emergency group',
  pluralLabel: 'Emergency groups',
  collectionPath: '/api/v2/architect/emergencygroups',
  naturalKey: 'name',
  schema: emergencyGroupSchema,
  references: [
    { path: 'division', targetType: 'authorization.division' },
    // Emergency flows answer calls, so they are inbound call flows (names are unique per type).
    {
      path: 'emergencyCallFlows[].emergencyFlow',
      targetType: 'architect.flow',
      narrow: { field: 'type', values: ['INBOUNDCALL'] },
    },
    { path: 'emergencyCallFlows[].ivrs[]', targetType: 'architect.ivr' },
  ],
  volatileFields: [...commonVolatileFields, 'state'],
  // Which IVRs a flow takes over counts, not their order; the flows themselves stay in order.
  unorderedArrays: [{ path: 'emergencyCallFlows[].ivrs', sortBy: 'name' }],
  subResources: [],
  dependencies: ['authorization.division', 'architect.ivr', 'architect.flow'],
} satisfies ObjectTypeDefinition;
