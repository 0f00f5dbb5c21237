import { z } from 'zod';
import { commonVolatileFields, type ObjectTypeDefinition } from './object-type-definition';

/** The media types org-wide utilization is set for (`workitem` where the org has it). */
export const UTILIZATION_MEDIA_TYPES = ['call', 'callback', 'chat', 'email', 'message', 'workitem'] as const;

/** `MediaUtilization`: how many at once, and which other media may interrupt them. */
const mediaUtilizationSchema = z
  .object({
    maximumCapacity: z.number().int().min(0).max(25).nullish(),
    interruptableMediaTypes: z.array(z.enum(UTILIZATION_MEDIA_TYPES)).nullish(),
    includeNonAcd: z.boolean().nullish(),
  })
  .loose();

/** `LabelUtilizationResponse`: capacity for interactions carrying a label, and what interrupts them. */
const labelUtilizationSchema = z
  .object({
    maximumCapacity: z.number().int().min(0).max(25).nullish(),
    interruptingLabelIds: z.array(z.string().min(1)).nullish(),
    labelName: z.string().nullish(),
  })
  .loose();

/** The key every org's one utilization setting goes by (its file name in a snapshot). */
export const UTILIZATION_KEY = 'organization';

/**
 * `UtilizationResponse` of `GET /api/v2/routing/utilization`, with the `id` and `name` the
 * connector gives the org's single setting (the API object has neither).
 */
export const utilizationSchema = z
  .object({
    id: z.string().min(1),
    name: z.literal(UTILIZATION_KEY),
    utilization: z.record(z.string(), mediaUtilizationSchema).nullish(),
    labelUtilizations: z.record(z.string(), labelUtilizationSchema).nullish(),
    maxInboundCalls: z.number().int().min(0).nullish(),
  })
  .loose();
export type Utilization = z.infer<typeof utilizationSchema>;

export const utilizationType = {
  id: 'routing.utilization',
  label: 'Utilization',
  pluralLabel: 'Utilization settings',
  collectionPath: '/api/v2/routing/utilization',
  naturalKey: 'name',
  schema: utilizationSchema,
  references: [
    // Capacity per label is a map keyed by label id, and each names the labels that interrupt it.
    { path: 'labelUtilizations', targetType: 'routing.utilizationlabel', form: 'key' },
    {
      path: 'labelUtilizations.*.interruptingLabelIds[]',
      targetType: 'routing.utilizationlabel',
      form: 'id',
    },
  ],
  volatileFields: commonVolatileFields,
  unorderedArrays: [
    { path: 'utilization.*.interruptableMediaTypes' },
    { path: 'labelUtilizations.*.interruptingLabelIds', sortBy: 'name' },
  ],
  subResources: [],
  dependencies: ['routing.utilizationlabel'],
  singleton: { key: UTILIZATION_KEY },
} satisfies ObjectTypeDefinition;
