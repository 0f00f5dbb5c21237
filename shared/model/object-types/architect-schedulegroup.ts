import { z } from 'zod';
import { architectEntityFields } from './architect-schedule';
import { entityReferenceSchema } from './entity-reference-schema';
import { commonVolatileFields, type ObjectTypeDefinition } from './object-type-definition';

export const scheduleGroupSchema = z
  .object({
    ...architectEntityFields,
    timeZone: z.string().nullish(),
    openSchedules: z.array(entityReferenceSchema).nullish(),
    closedSchedules: z.array(entityReferenceSchema).nullish(),
    holidaySchedules: z.array(entityReferenceSchema).nullish(),
  })
  .loose();
export type ScheduleGroup = z.infer<typeof scheduleGroupSchema>;

const scheduleLists = ['openSchedules', 'closedSchedules', 'holidaySchedules'] as const;

export const scheduleGroupType = {
  id: 'architect.schedulegroup',
  label: 'Schedule group',
  pluralLabel: 'Schedule groups',
  collectionPath: '/api/v2/architect/schedulegroups',
  naturalKey: 'name',
  schema: scheduleGroupSchema,
  references: [
    { path: 'division', targetType: 'authorization.division' },
    ...scheduleLists.map((list) => ({ path: `${list}[]`, targetType: 'architect.schedule' as const })),
  ],
  volatileFields: [...commonVolatileFields, 'state'],
  // Membership in a list is what counts; the API returns members in whatever order it stored them.
  unorderedArrays: scheduleLists.map((list) => ({ path: list, sortBy: 'name' })),
  subResources: [],
  dependencies: ['authorization.division', 'architect.schedule'],
} satisfies ObjectTypeDefinition;
