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

const mediaSettings = z.object({
  call: mediaSetting.optional(),
  callback: mediaSetting.optional(),
  chat: mediaSetting.optional(),
  email: mediaSetting.optional(),
  message: mediaSetting.optional(),
});

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
  return settings;
}

/** Skill ids a queue's bullseye rings point at; each must exist in the org. */
export function bullseyeSkillIds(settings: QueueSettings): string[] {
  return (settings.bullseye?.rings ?? []).flatMap((ring) =>
    (ring.actions?.skillsToRemove ?? []).map((s) => s.id),
  );
}
