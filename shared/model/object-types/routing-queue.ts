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

/** `CallbackMediaSettings`: the callback channel adds dialling and the objects it dials through. */
const callbackMediaSettingSchema = mediaSettingSchema.extend({
  mode: z.string().nullish(),
  enableAutoDialAndEnd: z.boolean().nullish(),
  autoDialDelaySeconds: z.number().int().min(0).nullish(),
  autoEndDelaySeconds: z.number().int().min(0).nullish(),
  pacingModifier: z.number().nullish(),
  maxRetryCount: z.number().int().min(0).nullish(),
  retryDelaySeconds: z.number().int().min(0).nullish(),
  liveVoiceReactionType: z.string().nullish(),
  liveVoiceFlow: entityReferenceSchema.nullish(),
  answeringMachineReactionType: z.string().nullish(),
  answeringMachineFlow: entityReferenceSchema.nullish(),
  edgeGroup: entityReferenceSchema.nullish(),
  site: entityReferenceSchema.nullish(),
});

/** `QueueEmailAddress`: the route is a whole `InboundRoute`, often without a `name`. */
const queueEmailAddressSchema = z
  .object({
    domain: entityReferenceSchema.nullish(),
    route: entityReferenceSchema.nullish(),
  })
  .loose();

const emailMediaSettingSchema = mediaSettingSchema.extend({
  allOutboundEmailAddresses: z.array(queueEmailAddressSchema).nullish(),
});

const messageMediaSettingSchema = mediaSettingSchema.extend({
  subTypeSettings: z.record(z.string(), z.object({}).loose()).nullish(),
  enableInactivityTimeout: z.boolean().nullish(),
  inactivityTimeoutSettings: z
    .object({ flowId: z.string().min(1).nullish() })
    .loose()
    .nullish(),
});

const mediaSettingsSchema = z
  .object({
    call: mediaSettingSchema.nullish(),
    callback: callbackMediaSettingSchema.nullish(),
    chat: mediaSettingSchema.nullish(),
    email: emailMediaSettingSchema.nullish(),
    message: messageMediaSettingSchema.nullish(),
  })
  .loose();

/** `MemberGroup`: a group, skill group or team whose members the queue takes in. */
const memberGroupSchema = entityReferenceSchema.extend({
  type: z.enum(['GROUP', 'SKILLGROUP', 'TEAM']).nullish(),
});

/** Where `MemberGroup.type` says a member group's id points. */
export const MEMBER_GROUP_TYPES = {
  GROUP: 'directory.group',
  SKILLGROUP: 'routing.skillgroup',
  TEAM: 'directory.team',
} as const;

const conditionalGroupRoutingSchema = z
  .object({
    rules: z
      .array(
        z
          .object({
            queue: entityReferenceSchema.nullish(),
            metric: z.string().nullish(),
            operator: z.string().nullish(),
            conditionValue: z.number().nullish(),
            groups: z.array(memberGroupSchema).nullish(),
            waitSeconds: z.number().int().min(0).nullish(),
          })
          .loose(),
      )
      .nullish(),
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
    memberGroups: z.array(memberGroupSchema).nullish(),
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
    outboundEmailAddress: queueEmailAddressSchema.nullish(),
    memberGroups: z.array(memberGroupSchema).nullish(),
    conditionalGroupRouting: conditionalGroupRoutingSchema.nullish(),
    conditionalGroupActivation: z.object({}).loose().nullish(),
    defaultScripts: z.record(z.string(), entityReferenceSchema).nullish(),
    cannedResponseLibraries: z
      .object({
        mode: z.string().nullish(),
        libraryIds: z.array(z.string().min(1)).nullish(),
      })
      .loose()
      .nullish(),
    outboundMessagingAddresses: z
      .object({
        smsAddress: entityReferenceSchema.nullish(),
        openMessagingRecipient: entityReferenceSchema.nullish(),
        whatsAppRecipient: entityReferenceSchema.nullish(),
      })
      .loose()
      .nullish(),
    directRouting: z
      .object({
        callMediaSettings: z.object({ useAgentAddressOutbound: z.boolean().nullish() }).loose().nullish(),
        emailMediaSettings: z.object({ useAgentAddressOutbound: z.boolean().nullish() }).loose().nullish(),
        messageMediaSettings: z.object({ useAgentAddressOutbound: z.boolean().nullish() }).loose().nullish(),
        backupQueueId: z.string().min(1).nullish(),
        waitForAgent: z.boolean().nullish(),
        agentWaitSeconds: z.number().int().min(0).nullish(),
      })
      .loose()
      .nullish(),
    agentOwnedRouting: z
      .object({
        enableAgentOwnedCallbacks: z.boolean().nullish(),
        maxOwnedCallbackHours: z.number().int().min(0).nullish(),
        maxOwnedCallbackDelayHours: z.number().int().min(0).nullish(),
      })
      .loose()
      .nullish(),
    defaultMediaLanguage: z.string().nullish(),
    suppressInQueueCallRecording: z.boolean().nullish(),
    /** An external system's queue: an id only its own org understands (see `localIdFields`). */
    peerId: z.string().nullish(),
    /** Not on the API object: the connector reads `GET /{queueId}/wrapupcodes` into it. */
    wrapupCodes: z.array(entityReferenceSchema).nullish(),
  })
  .loose();
export type Queue = z.infer<typeof queueSchema>;

/** Flow names are unique per flow type only. */
const flowTypes = (...values: string[]) => ({ field: 'type', values });

const memberGroupKinds = { field: 'type', types: MEMBER_GROUP_TYPES };

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
    { path: 'queueFlow', targetType: 'architect.flow', narrow: flowTypes('INQUEUECALL') },
    { path: 'emailInQueueFlow', targetType: 'architect.flow', narrow: flowTypes('INQUEUEEMAIL') },
    { path: 'messageInQueueFlow', targetType: 'architect.flow', narrow: flowTypes('INQUEUESHORTMESSAGE') },
    { path: 'whisperPrompt', targetType: 'architect.prompt' },
    { path: 'onHoldPrompt', targetType: 'architect.prompt' },
    { path: 'outboundEmailAddress.domain', targetType: 'routing.emaildomain' },
    {
      path: 'outboundEmailAddress.route',
      targetType: 'routing.emailroute',
      carriedKey: 'pattern',
      qualifiedBy: 'domain',
    },
    { path: 'mediaSettings.email.allOutboundEmailAddresses[].domain', targetType: 'routing.emaildomain' },
    {
      path: 'mediaSettings.email.allOutboundEmailAddresses[].route',
      targetType: 'routing.emailroute',
      carriedKey: 'pattern',
      qualifiedBy: 'domain',
    },
    {
      path: 'mediaSettings.callback.liveVoiceFlow',
      targetType: 'architect.flow',
      narrow: flowTypes('OUTBOUNDCALL'),
    },
    {
      path: 'mediaSettings.callback.answeringMachineFlow',
      targetType: 'architect.flow',
      narrow: flowTypes('OUTBOUNDCALL'),
    },
    { path: 'mediaSettings.callback.edgeGroup', targetType: 'telephony.edgegroup' },
    { path: 'mediaSettings.callback.site', targetType: 'telephony.site' },
    { path: 'memberGroups[]', targetType: 'directory.group', kinds: memberGroupKinds },
    { path: 'bullseye.rings[].memberGroups[]', targetType: 'directory.group', kinds: memberGroupKinds },
    {
      path: 'conditionalGroupRouting.rules[].groups[]',
      targetType: 'directory.group',
      kinds: memberGroupKinds,
    },
    { path: 'conditionalGroupRouting.rules[].queue', targetType: 'routing.queue', omitSelf: true },
    { path: 'defaultScripts.*', targetType: 'scripts.script' },
    { path: 'cannedResponseLibraries.libraryIds[]', targetType: 'responsemanagement.library', form: 'id' },
    { path: 'outboundMessagingAddresses.smsAddress', targetType: 'routing.smsphonenumber' },
    { path: 'outboundMessagingAddresses.openMessagingRecipient', targetType: 'routing.messagerecipient' },
    { path: 'outboundMessagingAddresses.whatsAppRecipient', targetType: 'routing.messagerecipient' },
    { path: 'directRouting.backupQueueId', targetType: 'routing.queue', form: 'id' },
    {
      path: 'mediaSettings.message.inactivityTimeoutSettings.flowId',
      targetType: 'architect.flow',
      form: 'id',
    },
  ],
  localIdFields: ['peerId'],
  // What the org's customers see of the queue: each org has its own numbers, addresses and
  // domains (the SDK's Queue callingPartyNumber/Name, outboundEmailAddress, the email media's
  // outbound addresses and the SMS number it sends from), so dev and prod rightly differ there.
  environmentFields: [
    'callingPartyNumber',
    'callingPartyName',
    'outboundEmailAddress',
    'mediaSettings.email.allOutboundEmailAddresses',
    'outboundMessagingAddresses',
  ],
  // Member counts follow who is in the queue today, which is people, not configuration.
  volatileFields: [...commonVolatileFields, 'memberCount', 'userMemberCount', 'joinedMemberCount'],
  // Rings and routing rules are ordered (ring 1 before ring 2); the sets inside them are not.
  unorderedArrays: [
    { path: 'wrapupCodes', sortBy: 'name' },
    { path: 'bullseye.rings[].actions.skillsToRemove', sortBy: 'name' },
    { path: 'memberGroups', sortBy: 'name' },
    { path: 'bullseye.rings[].memberGroups', sortBy: 'name' },
    { path: 'conditionalGroupRouting.rules[].groups', sortBy: 'name' },
    { path: 'cannedResponseLibraries.libraryIds', sortBy: 'name' },
  ],
  subResources: [{ field: 'wrapupCodes', path: '/wrapupcodes', holdsReferences: true }],
  // Member groups of kind GROUP (directory groups) and SKILLGROUP are managed: they come first.
  dependencies: [
    'authorization.division',
    'routing.skill',
    'routing.wrapupcode',
    'directory.group',
    'routing.skillgroup',
    // Whisper and on-hold prompts are managed too (issue 17).
    'architect.prompt',
    // In-queue flows are managed too (issue 18).
    'architect.flow',
  ],
} satisfies ObjectTypeDefinition;
