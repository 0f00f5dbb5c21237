import { z } from 'zod';
import { auditFields, entityIdentityFields, entityReferenceSchema } from './entity-reference-schema';
import { commonVolatileFields, type ObjectTypeDefinition } from './object-type-definition';

const serviceLevelSchema = z
  .object({
    percentage: z.number().min(0).max(1).nullish(),
    durationMs: z.number().int().min(0).nullish(),
  })
  .loose();

const mediaSettingSchema = z
  .object({
    enableAutoAnswer: z.boolean().nullish(),
    alertingTimeoutSeconds: z.number().int().min(0).nullish(),
    serviceLevel: serviceLevelSchema.nullish(),
    autoAnswerAlertToneSeconds: z.number().min(0).nullish(),
    manualAnswerAlertToneSeconds: z.number().min(0).nullish(),
  })
  .loose();

const mediaSettingsSchema = z
  .object({
    call: mediaSettingSchema.nullish(),
    callback: mediaSettingSchema.nullish(),
    chat: mediaSettingSchema.nullish(),
    email: mediaSettingSchema.nullish(),
    message: mediaSettingSchema.nullish(),
  })
  .loose();

const routingRuleSchema = z
  .object({
    operator: z.enum(['MEETS_THRESHOLD', 'ANY']).nullish(),
    threshold: z.number().int().nullish(),
    waitSeconds: z.number().min(0).nullish(),
  })
  .loose();

const bullseyeRingSchema = z
  .object({
    expansionCriteria: z
      .array(z.object({ type: z.enum(['TIMEOUT_SECONDS']), threshold: z.number().nullish() }).loose())
      .nullish(),
    actions: z
      .object({ skillsToRemove: z.array(entityReferenceSchema).nullish() })
      .loose()
      .nullish(),
  })
  .loose();

const acwSettingsSchema = z
  .object({
    wrapupPrompt: z
      .enum(['MANDATORY', 'OPTIONAL', 'MANDATORY_TIMEOUT', 'MANDATORY_FORCED_TIMEOUT', 'AGENT_REQUESTED'])
      .nullish(),
    timeoutMs: z.number().int().min(0).nullish(),
  })
  .loose();

export const queueSchema = z
  .object({
    ...entityIdentityFields,
    ...auditFields,
    division: entityReferenceSchema.nullish(),
    description: z.string().nullish(),
    memberCount: z.number().int().nullish(),
    userMemberCount: z.number().int().nullish(),
    joinedMemberCount: z.number().int().nullish(),
    mediaSettings: mediaSettingsSchema.nullish(),
    routingRules: z.array(routingRuleSchema).nullish(),
    bullseye: z
      .object({ rings: z.array(bullseyeRingSchema).nullish() })
      .loose()
      .nullish(),
    acwSettings: acwSettingsSchema.nullish(),
    skillEvaluationMethod: z.enum(['NONE', 'BEST', 'ALL']).nullish(),
    scoringMethod: z.enum(['TimestampAndPriority', 'PriorityOnly']).nullish(),
    lastAgentRoutingMode: z.enum(['Disabled', 'QueueMembersOnly', 'AnyAgent']).nullish(),
    queueFlow: entityReferenceSchema.nullish(),
    emailInQueueFlow: entityReferenceSchema.nullish(),
    messageInQueueFlow: entityReferenceSchema.nullish(),
    whisperPrompt: entityReferenceSchema.nullish(),
    onHoldPrompt: entityReferenceSchema.nullish(),
    autoAnswerOnly: z.boolean().nullish(),
    enableTranscription: z.boolean().nullish(),
    enableAudioMonitoring: z.boolean().nullish(),
    enableManualAssignment: z.boolean().nullish(),
    callingPartyName: z.string().nullish(),
    callingPartyNumber: z.string().nullish(),
    outboundEmailAddress: z
      .object({ domain: entityReferenceSchema.nullish(), route: entityReferenceSchema.nullish() })
      .loose()
      .nullish(),
    /** Not on the API object: the connector reads `GET /{queueId}/wrapupcodes` into it. */
    wrapupCodes: z.array(entityReferenceSchema).nullish(),
  })
  .loose();
export type Queue = z.infer<typeof queueSchema>;

export const queueType = {
  id: 'routing.queue',
  label: 'Queue',
  pluralLabel: 'Queues',
  collectionPath: '/api/v2/routing/queues',
  naturalKey: 'name',
  schema: queueSchema,
  references: [
    { path: 'division', targetType: 'authorization.division' },
    { path: 'bullseye.rings[].actions.skillsToRemove[]', targetType: 'routing.skill' },
    { path: 'wrapupCodes[]', targetType: 'routing.wrapupcode' },
    { path: 'queueFlow', targetType: 'architect.flow' },
    { path: 'emailInQueueFlow', targetType: 'architect.flow' },
    { path: 'messageInQueueFlow', targetType: 'architect.flow' },
    { path: 'whisperPrompt', targetType: 'architect.prompt' },
    { path: 'onHoldPrompt', targetType: 'architect.prompt' },
    { path: 'outboundEmailAddress.domain', targetType: 'routing.emaildomain' },
    { path: 'outboundEmailAddress.route', targetType: 'routing.emailroute' },
  ],
  // Member counts follow who is in the queue today, which is people, not configuration.
  volatileFields: [...commonVolatileFields, 'memberCount', 'userMemberCount', 'joinedMemberCount'],
  // Rings and routing rules are ordered (ring 1 before ring 2); the sets inside them are not.
  unorderedArrays: [
    { path: 'wrapupCodes', sortBy: 'name' },
    { path: 'bullseye.rings[].actions.skillsToRemove', sortBy: 'name' },
  ],
  subResources: [{ field: 'wrapupCodes', path: '/wrapupcodes', holdsReferences: true }],
  dependencies: ['authorization.division', 'routing.skill', 'routing.wrapupcode'],
} satisfies ObjectTypeDefinition;
