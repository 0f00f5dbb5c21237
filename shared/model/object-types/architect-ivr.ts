import { z } from 'zod';
import { architectEntityFields } from './architect-schedule';
import { entityReferenceSchema } from './entity-reference-schema';
import { commonVolatileFields, type ObjectTypeDefinition } from './object-type-definition';

/** E.164 as Genesys stores DNIS numbers: a `+`, then digits. */
export const dnisSchema = z
  .string()
  .regex(/^\+[1-9]\d{3,14}$/, 'must be an E.164 number such as +443306000001');

/** `IVR` in the SDK: which flows answer the numbers it owns, by time of day. */
export const ivrSchema = z
  .object({
    ...architectEntityFields,
    dnis: z.array(dnisSchema).nullish(),
    openHoursFlow: entityReferenceSchema.nullish(),
    closedHoursFlow: entityReferenceSchema.nullish(),
    holidayHoursFlow: entityReferenceSchema.nullish(),
    scheduleGroup: entityReferenceSchema.nullish(),
  })
  .loose();
export type Ivr = z.infer<typeof ivrSchema>;

/** Only inbound call flows answer a number; a name is unique within its flow type only. */
const inboundCallFlow = { field: 'type', values: ['INBOUNDCALL'] };

export const ivrType = {
  id: 'architect.ivr',
  label: 'IVR',
  pluralLabel: 'IVRs',
  collectionPath: '/api/v2/architect/ivrs',
  naturalKey: 'name',
  schema: ivrSchema,
  references: [
    { path: 'division', targetType: 'authorization.division' },
    { path: 'openHoursFlow', targetType: 'architect.flow', narrow: inboundCallFlow },
    { path: 'closedHoursFlow', targetType: 'architect.flow', narrow: inboundCallFlow },
    { path: 'holidayHoursFlow', targetType: 'architect.flow', narrow: inboundCallFlow },
    { path: 'scheduleGroup', targetType: 'architect.schedulegroup' },
  ],
  volatileFields: [...commonVolatileFields, 'state'],
  // The numbers an IVR owns: which ones counts, not the order Genesys returns them in.
  unorderedArrays: [{ path: 'dnis' }],
  subResources: [],
  // Each org owns its own phone numbers: dev's test DIDs are not prod's published ones.
  environmentFields: ['dnis'],
  // A number rings one IVR only: Genesys refuses a second IVR claiming it.
  uniqueValues: ['dnis[]'],
  dependencies: ['authorization.division', 'architect.schedulegroup', 'architect.flow'],
} satisfies ObjectTypeDefinition;
