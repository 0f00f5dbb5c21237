import { z } from 'zod';
import {
  auditFields,
  entityIdentityFields,
  entityReferenceSchema,
  entityStateSchema,
} from './entity-reference-schema';
import { commonVolatileFields, type ObjectTypeDefinition } from './object-type-definition';

/** Local date-time without a zone (`yyyy-MM-ddTHH:mm:ss.SSS`); the zone is the schedule group's. */
export const localDateTimeSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/, 'must be a local date-time');

/** Fields schedules and schedule groups share. */
export const architectEntityFields = {
  ...entityIdentityFields,
  ...auditFields,
  division: entityReferenceSchema.nullish(),
  description: z.string().nullish(),
  version: z.number().int().nullish(),
  state: entityStateSchema.nullish(),
};

export const scheduleSchema = z
  .object({
    ...architectEntityFields,
    start: localDateTimeSchema.nullish(),
    end: localDateTimeSchema.nullish(),
    rrule: z.string().nullish(),
  })
  .loose();
export type Schedule = z.infer<typeof scheduleSchema>;

export const scheduleType = {
  id: 'architect.schedule',
  label: 'Schedule',
  pluralLabel: 'Schedules',
  collectionPath: '/api/v2/architect/schedules',
  naturalKey: 'name',
  schema: scheduleSchema,
  references: [{ path: 'division', targetType: 'authorization.division' }],
  volatileFields: [...commonVolatileFields, 'state'],
  unorderedArrays: [],
  subResources: [],
  dependencies: ['authorization.division'],
} satisfies ObjectTypeDefinition;
