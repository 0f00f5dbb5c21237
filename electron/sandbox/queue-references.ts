import { badRequest, type GenesysErrorDetail } from './genesys-error';
import type { FlowType, OrgState } from './org-state';
import type { MemberGroupRef, MemberGroupType, QueueSettings } from './queue-body';
import { referenceExists, referenceTo, REFERENCE_KINDS, type ReferenceKind } from './reference-kinds';
import type { EntityRef } from './route-helpers';
import { SKILLS_PATH } from './routes/skills-routes';
import { renderEmailRoute } from './routes/email-domains-routes';

/**
 * Every id a queue holds, with the body path it was written at, so that one list drives both
 * the 400 for an id the org does not have and (through the same field names) the rendering of
 * `{id, name, selfUri}`. Ids are stored bare; names are looked up only when rendered.
 */
export interface ReferenceSlot {
  field: string;
  kind: ReferenceKind | 'skill';
  id: string;
  /** For the fields Genesys only accepts a flow of one type in. */
  flowType?: FlowType;
}

const MEMBER_GROUP_KINDS: Readonly<Record<MemberGroupType, ReferenceKind>> = {
  GROUP: 'group',
  SKILLGROUP: 'skillGroup',
  TEAM: 'team',
};

const IN_QUEUE_FLOWS = [
  ['queueFlow', 'INQUEUECALL'],
  ['emailInQueueFlow', 'INQUEUEEMAIL'],
  ['messageInQueueFlow', 'INQUEUESHORTMESSAGE'],
] as const;

const CALLBACK_REFERENCES = [
  ['liveVoiceFlow', 'flow'],
  ['answeringMachineFlow', 'flow'],
  ['edgeGroup', 'edgeGroup'],
  ['site', 'site'],
] as const;

const MESSAGING_ADDRESSES = [
  ['smsAddress', 'smsPhoneNumber'],
  ['openMessagingRecipient', 'messageRecipient'],
  ['whatsAppRecipient', 'messageRecipient'],
] as const;

export function queueReferenceSlots(settings: QueueSettings): ReferenceSlot[] {
  const slots: ReferenceSlot[] = [];
  const memberGroups = (groups: readonly MemberGroupRef[] | undefined, at: string) =>
    (groups ?? []).forEach((group, index) =>
      slots.push({ field: `${at}.${index}.id`, kind: MEMBER_GROUP_KINDS[group.type], id: group.id }),
    );
  for (const [key, flowType] of IN_QUEUE_FLOWS) {
    const ref = settings[key];
    if (ref) slots.push({ field: `${key}.id`, kind: 'flow', id: ref.id, flowType });
  }
  for (const key of ['whisperPrompt', 'onHoldPrompt'] as const) {
    const ref = settings[key];
    if (ref) slots.push({ field: `${key}.id`, kind: 'prompt', id: ref.id });
  }
  memberGroups(settings.memberGroups, 'memberGroups');
  (settings.bullseye?.rings ?? []).forEach((ring, ringIndex) => {
    (ring.actions?.skillsToRemove ?? []).forEach((ref, refIndex) =>
      slots.push({
        field: `bullseye.rings.${ringIndex}.actions.skillsToRemove.${refIndex}.id`,
        kind: 'skill',
        id: ref.id,
      }),
    );
    memberGroups(ring.memberGroups, `bullseye.rings.${ringIndex}.memberGroups`);
  });
  (settings.conditionalGroupRouting?.rules ?? []).forEach((rule, ruleIndex) => {
    const at = `conditionalGroupRouting.rules.${ruleIndex}`;
    if (rule.queue) slots.push({ field: `${at}.queue.id`, kind: 'queue', id: rule.queue.id });
    memberGroups(rule.groups, `${at}.groups`);
  });
  for (const [media, ref] of Object.entries(settings.defaultScripts ?? {})) {
    if (ref) slots.push({ field: `defaultScripts.${media}.id`, kind: 'script', id: ref.id });
  }
  (settings.cannedResponseLibraries?.libraryIds ?? []).forEach((id, index) =>
    slots.push({ field: `cannedResponseLibraries.libraryIds.${index}`, kind: 'library', id }),
  );
  for (const [key, kind] of MESSAGING_ADDRESSES) {
    const ref = settings.outboundMessagingAddresses?.[key];
    if (ref) slots.push({ field: `outboundMessagingAddresses.${key}.id`, kind, id: ref.id });
  }
  const email = settings.outboundEmailAddress;
  if (email)
    slots.push({ field: 'outboundEmailAddress.domain.id', kind: 'emailDomain', id: email.domain.id });
  const backup = settings.directRouting?.backupQueueId;
  if (backup !== undefined) slots.push({ field: 'directRouting.backupQueueId', kind: 'queue', id: backup });
  const callback = settings.mediaSettings?.callback;
  for (const [key, kind] of CALLBACK_REFERENCES) {
    const ref = callback?.[key];
    if (ref) slots.push({ field: `mediaSettings.callback.${key}.id`, kind, id: ref.id });
  }
  const timeoutFlow = settings.mediaSettings?.message?.inactivityTimeoutSettings?.flowId;
  if (timeoutFlow) {
    slots.push({
      field: 'mediaSettings.message.inactivityTimeoutSettings.flowId.id',
      kind: 'flow',
      id: timeoutFlow.id,
    });
  }
  return slots;
}

/**
 * Refuses a queue that names an id the org does not hold (or holds in another collection than
 * the field means, or a flow of the wrong type) with one 400 naming every such field, as
 * Genesys does; nothing is written.
 */
export function checkQueueReferences(org: OrgState, settings: QueueSettings): void {
  const problems: { field: string; id: string; why: string }[] = [];
  for (const slot of queueReferenceSlots(settings)) {
    const exists =
      slot.kind === 'skill' ? Object.hasOwn(org.skills, slot.id) : referenceExists(org, slot.kind, slot.id);
    const label = slot.kind === 'skill' ? 'skill' : REFERENCE_KINDS[slot.kind].label;
    if (!exists) {
      problems.push({ field: slot.field, id: slot.id, why: `no ${label} with this id` });
      continue;
    }
    const flow = slot.flowType === undefined ? undefined : org.flows[slot.id];
    if (flow && flow.type !== slot.flowType) {
      problems.push({
        field: slot.field,
        id: slot.id,
        why: `flow "${flow.name}" is ${flow.type}, this field takes ${slot.flowType}`,
      });
    }
  }
  const email = settings.outboundEmailAddress;
  if (email) {
    const route = Object.hasOwn(org.emailRoutes, email.route.id)
      ? org.emailRoutes[email.route.id]
      : undefined;
    if (!route) {
      problems.push({
        field: 'outboundEmailAddress.route.id',
        id: email.route.id,
        why: 'no email route with this id',
      });
    } else if (route.domainId !== email.domain.id && referenceExists(org, 'emailDomain', email.domain.id)) {
      problems.push({
        field: 'outboundEmailAddress.route.id',
        id: email.route.id,
        why: `the route belongs to domain ${route.domainId}, not ${email.domain.id}`,
      });
    }
  }
  if (problems.length === 0) return;
  const details: GenesysErrorDetail[] = problems.map((problem) => ({
    errorCode: 'invalid.reference',
    fieldName: problem.field,
    entityId: problem.id,
  }));
  throw badRequest(
    `Unknown or unusable reference at ${problems
      .map((problem) => `${problem.field} (${problem.id}: ${problem.why})`)
      .join(', ')}.`,
    details,
  );
}

/** Bare ids stored, `{id, name, selfUri}` answered: every reference in a queue's settings. */
export function renderQueueSettings(org: OrgState, settings: QueueSettings) {
  const ref = (kind: ReferenceKind, value: { id: string } | undefined): EntityRef | undefined =>
    value ? referenceTo(org, kind, value.id) : undefined;
  const memberGroups = (groups: readonly MemberGroupRef[]) =>
    groups.map((group) => {
      const { id, name, selfUri } = referenceTo(org, MEMBER_GROUP_KINDS[group.type], group.id);
      return { id, name, type: group.type, selfUri };
    });
  const rendered: Record<string, unknown> = { ...settings };

  const rings = (settings.bullseye?.rings ?? []).map((ring) => ({
    ...(ring.expansionCriteria ? { expansionCriteria: ring.expansionCriteria } : {}),
    ...(ring.actions
      ? {
          actions: {
            skillsToRemove: (ring.actions.skillsToRemove ?? []).map((skill) => ({
              id: skill.id,
              name: org.skills[skill.id]?.name ?? '',
              selfUri: `${SKILLS_PATH}/${skill.id}`,
            })),
          },
        }
      : {}),
    ...(ring.memberGroups ? { memberGroups: memberGroups(ring.memberGroups) } : {}),
  }));
  rendered.bullseye = { rings };

  for (const [key] of IN_QUEUE_FLOWS) if (settings[key]) rendered[key] = ref('flow', settings[key]);
  for (const key of ['whisperPrompt', 'onHoldPrompt'] as const) {
    if (settings[key]) rendered[key] = ref('prompt', settings[key]);
  }
  if (settings.memberGroups) rendered.memberGroups = memberGroups(settings.memberGroups);
  if (settings.conditionalGroupRouting) {
    rendered.conditionalGroupRouting = {
      ...settings.conditionalGroupRouting,
      rules: (settings.conditionalGroupRouting.rules ?? []).map((rule) => ({
        ...rule,
        ...(rule.queue ? { queue: ref('queue', rule.queue) } : {}),
        ...(rule.groups ? { groups: memberGroups(rule.groups) } : {}),
      })),
    };
  }
  if (settings.defaultScripts) {
    rendered.defaultScripts = Object.fromEntries(
      Object.entries(settings.defaultScripts).map(([media, script]) => [media, ref('script', script)]),
    );
  }
  if (settings.outboundMessagingAddresses) {
    rendered.outboundMessagingAddresses = Object.fromEntries(
      MESSAGING_ADDRESSES.filter(([key]) => settings.outboundMessagingAddresses?.[key]).map(([key, kind]) => [
        key,
        ref(kind, settings.outboundMessagingAddresses?.[key]),
      ]),
    );
  }
  const email = settings.outboundEmailAddress;
  if (email) {
    const route = Object.hasOwn(org.emailRoutes, email.route.id)
      ? org.emailRoutes[email.route.id]
      : undefined;
    rendered.outboundEmailAddress = {
      domain: referenceTo(org, 'emailDomain', email.domain.id),
      route: route ? renderEmailRoute(route) : { id: email.route.id },
    };
  }
  const media = settings.mediaSettings;
  if (media) {
    const callback = media.callback
      ? {
          ...media.callback,
          ...Object.fromEntries(
            CALLBACK_REFERENCES.filter(([key]) => media.callback?.[key]).map(([key, kind]) => [
              key,
              ref(kind, media.callback?.[key]),
            ]),
          ),
        }
      : undefined;
    const timeout = media.message?.inactivityTimeoutSettings;
    const message =
      media.message && timeout?.flowId
        ? {
            ...media.message,
            inactivityTimeoutSettings: { ...timeout, flowId: ref('flow', timeout.flowId) },
          }
        : media.message;
    rendered.mediaSettings = {
      ...media,
      ...(callback ? { callback } : {}),
      ...(message ? { message } : {}),
    };
  }
  return rendered;
}
