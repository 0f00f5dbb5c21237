import { z } from 'zod';

/**
 * What a client may write on a queue (`CreateQueueRequest` / `QueueRequest`). Unknown fields are
 * dropped rather than refused, as Genesys does, so a client can PUT back what it read.
 */
const entityRef = z.object({ id: z.string().min(1) });

const mediaSetting = z.object({
  enableAutoAnswer: z.boolean().optional(),
  alertingTimeoutSeconds: z.number().int().min(7).max(604_800).optional(),
  serviceLevel: z
    .object({
      percentage: z.number().min(0).max(1),
      durationMs: z.number().int().min(0),
    })
    .optional(),
  autoAnswerAlertToneSeconds: z.number().min(0).max(15).optional(),
  manualAnswerAlertToneSeconds: z.number().min(0).max(15).optional(),
});
export type QueueMediaSetting = z.infer<typeof mediaSetting>;

export const QUEUE_MEDIA_TYPES = ['call', 'callback', 'chat', 'email', 'message'] as const;
export type QueueMediaType = (typeof QUEUE_MEDIA_TYPES)[number];

/** `CallbackMediaSettings`: the common settings plus how callbacks are dialled and where. */
const callbackMediaSetting = mediaSetting.extend({
  mode: z.enum(['AgentFirst', 'CustomerFirst']).optional(),
  enableAutoDialAndEnd: z.boolean().optional(),
  autoDialDelaySeconds: z.number().int().min(0).max(1_200).optional(),
  autoEndDelaySeconds: z.number().int().min(0).max(1_200).optional(),
  pacingModifier: z.number().min(0).max(100).optional(),
  maxRetryCount: z.number().int().min(0).max(10).optional(),
  retryDelaySeconds: z.number().int().min(0).max(86_400).optional(),
  liveVoiceReactionType: z.enum(['HangUp', 'TransferToQueue', 'TransferToFlow']).optional(),
  liveVoiceFlow: entityRef.optional(),
  answeringMachineReactionType: z.enum(['HangUp', 'TransferToQueue', 'TransferToFlow']).optional(),
  answeringMachineFlow: entityRef.optional(),
  edgeGroup: entityRef.optional(),
  site: entityRef.optional(),
});
export type CallbackMediaSetting = z.infer<typeof callbackMediaSetting>;

/**
 * `EmailMediaSettings`: its `allOutboundEmailAddresses` is what Genesys derives from the queue's
 * outbound address, so it is dropped on write like any field a client cannot set.
 */
const emailMediaSetting = mediaSetting;

const messageMediaSetting = mediaSetting.extend({
  subTypeSettings: z
    .record(
      z.string().min(1).max(64),
      z.object({ enableAutoAnswer: z.boolean().optional(), enableInactivityTimeout: z.boolean().optional() }),
    )
    .optional(),
  enableInactivityTimeout: z.boolean().optional(),
  inactivityTimeoutSettings: z
    .object({
      timeoutSeconds: z.number().int().min(0).max(2_592_000).optional(),
      actionType: z.string().min(1).max(64).optional(),
      flowId: entityRef.optional(),
    })
    .optional(),
});
export type MessageMediaSetting = z.infer<typeof messageMediaSetting>;

const mediaSettings = z.object({
  call: mediaSetting.optional(),
  callback: callbackMediaSetting.optional(),
  chat: mediaSetting.optional(),
  email: emailMediaSetting.optional(),
  message: messageMediaSetting.optional(),
});

export const MEMBER_GROUP_TYPES = ['GROUP', 'SKILLGROUP', 'TEAM'] as const;
export type MemberGroupType = (typeof MEMBER_GROUP_TYPES)[number];

/** A member group as written: the id and the collection it lives in; the name is looked up. */
const memberGroup = z.object({ id: z.string().min(1), type: z.enum(MEMBER_GROUP_TYPES) });
export type MemberGroupRef = z.infer<typeof memberGroup>;

const conditionalGroupRoutingRule = z.object({
  queue: entityRef.optional(),
  metric: z.enum(['EstimatedWaitTime', 'ServiceLevel']).optional(),
  operator: z
    .enum(['GreaterThan', 'GreaterThanOrEqualTo', 'LessThan', 'LessThanOrEqualTo', 'EqualTo', 'NotEqualTo'])
    .optional(),
  conditionValue: z.number().min(0).optional(),
  groups: z.array(memberGroup).max(100).optional(),
  waitSeconds: z.number().int().min(0).max(259_200).optional(),
});

/** The media keys `defaultScripts` uses, upper case as the real API answers them. */
export const DEFAULT_SCRIPT_MEDIA = [
  'CALL',
  'CALLBACK',
  'CHAT',
  'COBROWSE',
  'EMAIL',
  'MESSAGE',
  'SCREENSHARE',
  'VIDEO',
] as const;

const defaultScripts = z.partialRecord(z.enum(DEFAULT_SCRIPT_MEDIA), entityRef);

const cannedResponseLibraries = z.object({
  mode: z.enum(['All', 'SelectedOnly', 'None']).optional(),
  /** Bare ids, not references: this is how the real API holds them. */
  libraryIds: z.array(z.string().min(1)).max(50).optional(),
});

const outboundMessagingAddresses = z.object({
  smsAddress: entityRef.optional(),
  openMessagingRecipient: entityRef.optional(),
  whatsAppRecipient: entityRef.optional(),
});

const directRoutingMediaSettings = z.object({ useAgentAddressOutbound: z.boolean().optional() });

const directRouting = z.object({
  callMediaSettings: directRoutingMediaSettings.optional(),
  emailMediaSettings: directRoutingMediaSettings.optional(),
  messageMediaSettings: directRoutingMediaSettings.optional(),
  /** A bare queue id, as the real API has it. */
  backupQueueId: z.string().min(1).optional(),
  waitForAgent: z.boolean().optional(),
  agentWaitSeconds: z.number().int().min(0).max(1_200).optional(),
});

const agentOwnedRouting = z.object({
  enableAgentOwnedCallbacks: z.boolean().optional(),
  maxOwnedCallbackHours: z.number().int().min(0).max(720).optional(),
  maxOwnedCallbackDelayHours: z.number().int().min(0).max(720).optional(),
});

/** The route is an `InboundRoute`; only its id says which one, the rest is rendered from it. */
const outboundEmailAddress = z.object({
  domain: entityRef,
  route: entityRef,
});

/**
 * Kept exactly as given: its shape (pilot rule, conditions, expressions) changes between API
 * versions and nothing in the sandbox acts on it.
 */
const conditionalGroupActivation = z.record(z.string(), z.unknown());

const routingRule = z.object({
  operator: z.enum(['MEETS_THRESHOLD', 'ANY']).optional(),
  threshold: z.number().int().min(0).optional(),
  waitSeconds: z.number().min(0).max(259_200).optional(),
});

const bullseyeRing = z.object({
  expansionCriteria: z
    .array(z.object({ type: z.enum(['TIMEOUT_SECONDS']), threshold: z.number().min(0) }))
    .optional(),
  actions: z.object({ skillsToRemove: z.array(entityRef).optional() }).optional(),
  memberGroups: z.array(memberGroup).max(100).optional(),
});

const acwSettings = z.object({
  wrapupPrompt: z
    .enum(['MANDATORY', 'OPTIONAL', 'MANDATORY_TIMEOUT', 'MANDATORY_FORCED_TIMEOUT', 'AGENT_REQUESTED'])
    .optional(),
  timeoutMs: z.number().int().min(0).max(86_400_000).optional(),
});

export const queueBodySchema = z.object({
  name: z.string().trim().min(1).max(255),
  description: z.string().max(512).optional(),
  division: entityRef.optional(),
  mediaSettings: mediaSettings.optional(),
  routingRules: z.array(routingRule).max(6).optional(),
  bullseye: z.object({ rings: z.array(bullseyeRing).max(6).optional() }).optional(),
  acwSettings: acwSettings.optional(),
  skillEvaluationMethod: z.enum(['NONE', 'BEST', 'ALL']).optional(),
  scoringMethod: z.enum(['TimestampAndPriority', 'PriorityOnly']).optional(),
  lastAgentRoutingMode: z.enum(['Disabled', 'QueueMembersOnly', 'AnyAgent']).optional(),
  queueFlow: entityRef.optional(),
  emailInQueueFlow: entityRef.optional(),
  messageInQueueFlow: entityRef.optional(),
  whisperPrompt: entityRef.optional(),
  onHoldPrompt: entityRef.optional(),
  autoAnswerOnly: z.boolean().optional(),
  enableTranscription: z.boolean().optional(),
  enableAudioMonitoring: z.boolean().optional(),
  enableManualAssignment: z.boolean().optional(),
  callingPartyName: z.string().max(255).optional(),
  callingPartyNumber: z.string().max(64).optional(),
  memberGroups: z.array(memberGroup).max(100).optional(),
  conditionalGroupRouting: z
    .object({ rules: z.array(conditionalGroupRoutingRule).max(6).optional() })
    .optional(),
  conditionalGroupActivation: conditionalGroupActivation.optional(),
  defaultScripts: defaultScripts.optional(),
  cannedResponseLibraries: cannedResponseLibraries.optional(),
  outboundMessagingAddresses: outboundMessagingAddresses.optional(),
  outboundEmailAddress: outboundEmailAddress.optional(),
  directRouting: directRouting.optional(),
  agentOwnedRouting: agentOwnedRouting.optional(),
  peerId: z.string().min(1).max(255).optional(),
  suppressInQueueCallRecording: z.boolean().optional(),
  defaultMediaLanguage: z.string().min(1).max(64).optional(),
});
export type QueueBody = z.infer<typeof queueBodySchema>;

/** A queue's settings as stored: the body minus name, description and division. */
export type QueueSettings = Omit<QueueBody, 'name' | 'description' | 'division'>;

const DEFAULT_ALERTING_SECONDS: Readonly<Record<QueueMediaType, number>> = {
  call: 8,
  callback: 30,
  chat: 30,
  email: 300,
  message: 30,
};

const DEFAULT_SERVICE_LEVEL_MS: Readonly<Record<QueueMediaType, number>> = {
  call: 20_000,
  callback: 20_000,
  chat: 20_000,
  email: 86_400_000,
  message: 20_000,
};

/** Fields stored exactly as written (after validation), with no default when omitted. */
const OPTIONAL_AS_GIVEN = [
  'memberGroups',
  'conditionalGroupRouting',
  'conditionalGroupActivation',
  'defaultScripts',
  'cannedResponseLibraries',
  'outboundMessagingAddresses',
  'outboundEmailAddress',
  'directRouting',
  'agentOwnedRouting',
  'peerId',
  'suppressInQueueCallRecording',
  'defaultMediaLanguage',
] as const satisfies readonly (keyof QueueSettings)[];

/**
 * Genesys answers every queue with settings for every media type and the routing defaults
 * filled in, whether or not the client sent them; doing the same here keeps two orgs that were
 * configured with different amounts of explicitness comparable.
 */
export function withQueueDefaults(body: QueueBody): QueueSettings {
  const settings: QueueSettings = {};
  const media: NonNullable<QueueSettings['mediaSettings']> = {};
  for (const type of QUEUE_MEDIA_TYPES) {
    const given = body.mediaSettings?.[type] ?? {};
    media[type] = {
      enableAutoAnswer: given.enableAutoAnswer ?? false,
      alertingTimeoutSeconds: given.alertingTimeoutSeconds ?? DEFAULT_ALERTING_SECONDS[type],
      serviceLevel: given.serviceLevel ?? { percentage: 0.8, durationMs: DEFAULT_SERVICE_LEVEL_MS[type] },
      ...(given.autoAnswerAlertToneSeconds === undefined
        ? {}
        : { autoAnswerAlertToneSeconds: given.autoAnswerAlertToneSeconds }),
      ...(given.manualAnswerAlertToneSeconds === undefined
        ? {}
        : { manualAnswerAlertToneSeconds: given.manualAnswerAlertToneSeconds }),
    };
  }
  // The settings only some media have are kept as given, without defaults: Genesys leaves them
  // out until they are set, and inventing them would make two orgs differ by explicitness.
  const { callback, message } = body.mediaSettings ?? {};
  if (callback) media.callback = { ...structuredClone(callback), ...media.callback };
  if (message) media.message = { ...structuredClone(message), ...media.message };
  settings.mediaSettings = media;
  settings.routingRules = body.routingRules ?? [];
  settings.bullseye = { rings: body.bullseye?.rings ?? [] };
  settings.acwSettings = { wrapupPrompt: body.acwSettings?.wrapupPrompt ?? 'OPTIONAL' };
  if (body.acwSettings?.timeoutMs !== undefined) settings.acwSettings.timeoutMs = body.acwSettings.timeoutMs;
  settings.skillEvaluationMethod = body.skillEvaluationMethod ?? 'ALL';
  settings.scoringMethod = body.scoringMethod ?? 'TimestampAndPriority';
  settings.lastAgentRoutingMode = body.lastAgentRoutingMode ?? 'Disabled';
  settings.autoAnswerOnly = body.autoAnswerOnly ?? false;
  settings.enableTranscription = body.enableTranscription ?? false;
  settings.enableAudioMonitoring = body.enableAudioMonitoring ?? false;
  settings.enableManualAssignment = body.enableManualAssignment ?? false;
  for (const key of [
    'queueFlow',
    'emailInQueueFlow',
    'messageInQueueFlow',
    'whisperPrompt',
    'onHoldPrompt',
  ] as const) {
    const ref = body[key];
    if (ref) settings[key] = { id: ref.id };
  }
  if (body.callingPartyName !== undefined) settings.callingPartyName = body.callingPartyName;
  if (body.callingPartyNumber !== undefined) settings.callingPartyNumber = body.callingPartyNumber;
  for (const key of OPTIONAL_AS_GIVEN) {
    if (body[key] !== undefined) Object.assign(settings, { [key]: structuredClone(body[key]) });
  }
  return settings;
}

/** Skill ids a queue's bullseye rings point at; each must exist in the org. */
export function bullseyeSkillIds(settings: QueueSettings): string[] {
  return (settings.bullseye?.rings ?? []).flatMap((ring) =>
    (ring.actions?.skillsToRemove ?? []).map((s) => s.id),
  );
}
