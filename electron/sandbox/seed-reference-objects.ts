import type { OrgKey, OrgState, ReferencedObjects } from './org-state';
import { emptyReferencedObjects } from './org-state';
import {
  DEV_ONLY_REFERENCE_OBJECTS,
  DEV_ONLY_SKILL_GROUP_CONDITIONS,
  EDGE_GROUPS,
  EMAIL_ROUTES,
  FLOWS,
  GROUPS,
  LIBRARIES,
  MESSAGE_RECIPIENTS,
  orgEmailDomain,
  PROMPTS,
  SCRIPTS,
  SHARED_EMAIL_DOMAIN,
  SITES,
  SKILL_GROUPS,
  SMS_PHONE_NUMBERS,
  TEAMS,
} from './seed-reference-catalogue';
import { createSeededRandom, seedFromText } from './seeded-random';
import { seedPromptResources } from './seed-prompts';

const REFERENCE_EPOCH = new Date(Date.UTC(2024, 1, 12, 9, 0, 0)).toISOString();

/** The last digits of each org's SMS numbers: same names, different numbers. */
const SMS_NUMBER_BASE: Readonly<Record<OrgKey, number>> = { dev: 100, uat: 200, prod: 300 };

/**
 * Builds the objects queues refer to, for one org whose divisions, queues and data tables already
 * exist (flows record which of those they use, looked up by name; a name the org no longer has is
 * skipped). The ids come from a generator of their own, so adding these left every id the orgs
 * had before unchanged, and an org saved before they existed gets the same ones when migrated.
 */
export function seedReferencedObjects(
  org: OrgKey,
  state: Pick<OrgState, 'divisions' | 'queues' | 'datatables'>,
): ReferencedObjects {
  const ids = createSeededRandom(seedFromText(`ferry-sandbox:reference-ids:${org}`));
  const divisionId = (name: string): string => {
    const division = Object.values(state.divisions).find((candidate) => candidate.name === name);
    if (!division) throw new Error(`seed: no division named "${name}"`);
    return division.id;
  };
  const idsByName = (records: Record<string, { id: string; name: string }>, names: readonly string[]) =>
    names.flatMap((name) =>
      Object.values(records)
        .filter((record) => record.name === name)
        .map((r) => r.id),
    );
  const objects: ReferencedObjects = emptyReferencedObjects();
  const stamp = REFERENCE_EPOCH;
  for (const group of GROUPS) {
    const id = ids.uuid();
    objects.groups[id] = {
      id,
      name: group.name,
      ...('description' in group ? { description: group.description } : {}),
      type: 'official',
      visibility: 'public',
      memberCount: 0,
      dateModified: stamp,
      version: 1,
    };
  }
  for (const group of SKILL_GROUPS) {
    const id = ids.uuid();
    objects.skillGroups[id] = {
      id,
      name: group.name,
      divisionId: divisionId(group.division),
      ...(group.description === undefined ? {} : { description: group.description }),
      memberCount: 0,
      dateCreated: stamp,
      dateModified: stamp,
      skillConditions: structuredClone(group.drift?.[org] ?? group.conditions),
      memberDivisionIds: [],
    };
  }
  for (const team of TEAMS) {
    const id = ids.uuid();
    objects.teams[id] = {
      id,
      name: team.name,
      divisionId: divisionId(team.division),
      ...(team.description === undefined ? {} : { description: team.description }),
      memberCount: 0,
      dateCreated: stamp,
      dateModified: stamp,
    };
  }
  for (const script of SCRIPTS) {
    const id = ids.uuid();
    objects.scripts[id] = {
      id,
      name: script.name,
      divisionId: divisionId(script.division),
      versionId: ids.uuid(),
      createdDate: stamp,
      modifiedDate: stamp,
      publishedDate: stamp,
    };
  }
  for (const flow of FLOWS) {
    const id = ids.uuid();
    objects.flows[id] = {
      id,
      name: flow.name,
      divisionId: divisionId(flow.division),
      ...(flow.description === undefined ? {} : { description: flow.description }),
      type: flow.type,
      queueIds: idsByName(state.queues, flow.queues ?? []),
      datatableIds: idsByName(state.datatables, flow.datatables ?? []),
    };
  }
  for (const prompt of PROMPTS) {
    const id = ids.uuid();
    objects.prompts[id] = {
      id,
      name: prompt.name,
      ...('description' in prompt ? { description: prompt.description } : {}),
    };
  }
  for (const [catalogue, collection] of [
    [SITES, objects.sites],
    [EDGE_GROUPS, objects.edgeGroups],
  ] as const) {
    for (const seed of catalogue) {
      const id = ids.uuid();
      collection[id] = {
        id,
        name: seed.name,
        ...('description' in seed ? { description: seed.description } : {}),
        version: 1,
        dateCreated: stamp,
        dateModified: stamp,
      };
    }
  }
  for (const [domain, subDomain] of [
    [SHARED_EMAIL_DOMAIN, false],
    [orgEmailDomain(org), true],
  ] as const) {
    objects.emailDomains[domain] = { id: domain, subDomain };
    for (const route of EMAIL_ROUTES) {
      const id = ids.uuid();
      objects.emailRoutes[id] = {
        id,
        domainId: domain,
        pattern: route.pattern,
        fromName: route.fromName,
        fromEmail: `${route.pattern}@${domain}`,
        priority: route.priority,
      };
    }
  }
  for (const name of LIBRARIES) {
    const id = ids.uuid();
    objects.libraries[id] = { id, name, version: 1, dateCreated: stamp };
  }
  SMS_PHONE_NUMBERS.forEach((seed, index) => {
    const id = ids.uuid();
    objects.smsPhoneNumbers[id] = {
      id,
      name: seed.name,
      phoneNumber: `+447700900${String(SMS_NUMBER_BASE[org] + index).padStart(3, '0')}`,
      phoneNumberType: seed.phoneNumberType,
      countryCode: 'GB',
      version: 1,
      dateCreated: stamp,
    };
  });
  for (const recipient of MESSAGE_RECIPIENTS) {
    const id = ids.uuid();
    objects.messageRecipients[id] = {
      id,
      name: recipient.name,
      messengerType: recipient.messengerType,
      dateCreated: stamp,
      dateModified: stamp,
    };
  }
  if (org === 'dev') {
    // Drawn last, so the objects every org has keep the same ids with or without these.
    const only = DEV_ONLY_REFERENCE_OBJECTS;
    const groupId = ids.uuid();
    objects.groups[groupId] = {
      id: groupId,
      name: only.group,
      type: 'official',
      visibility: 'public',
      memberCount: 0,
      dateModified: stamp,
      version: 1,
    };
    for (const [seed, collection] of [
      [only.skillGroup, objects.skillGroups],
      [only.team, objects.teams],
    ] as const) {
      const id = ids.uuid();
      collection[id] = {
        id,
        name: seed.name,
        divisionId: divisionId(seed.division),
        memberCount: 0,
        dateCreated: stamp,
        dateModified: stamp,
      };
    }
    const videoSpecialists = Object.values(objects.skillGroups).find(
      (group) => group.name === only.skillGroup.name,
    );
    if (videoSpecialists) videoSpecialists.skillConditions = structuredClone(DEV_ONLY_SKILL_GROUP_CONDITIONS);
    const scriptId = ids.uuid();
    objects.scripts[scriptId] = {
      id: scriptId,
      name: only.script.name,
      divisionId: divisionId(only.script.division),
      versionId: ids.uuid(),
      createdDate: stamp,
      modifiedDate: stamp,
      publishedDate: stamp,
    };
    const flowId = ids.uuid();
    objects.flows[flowId] = {
      id: flowId,
      name: only.flow.name,
      divisionId: divisionId(only.flow.division),
      type: only.flow.type,
      queueIds: [],
      datatableIds: [],
    };
    const promptId = ids.uuid();
    objects.prompts[promptId] = { id: promptId, name: only.prompt };
  }
  seedPromptResources(org, objects.prompts);
  return objects;
}

/**
 * Points some seeded queues at the objects above, the same way in every org, so every id-bearing
 * queue field is in use somewhere: "Billing - Voice" (member groups of every type, ring member
 * groups, conditional group routing, a default script, in-queue flow, prompts, callback flows,
 * edge group and site, agent-owned routing), "Billing - Email" (in-queue email flow, outbound
 * address on the shared domain), "Billing - Messaging" (in-queue message flow, outbound messaging
 * addresses, selected canned-response libraries), "Collections - Voice" (direct routing with a
 * backup queue) and "Retention - Voice" (skill group and team members).
 */
export function useReferencesInSeededQueues(state: OrgState): void {
  const find = <T extends { id: string; name: string }>(
    records: Record<string, T>,
    name: string,
    extra: (record: T) => boolean = () => true,
  ): T => {
    const record = Object.values(records).find((candidate) => candidate.name === name && extra(candidate));
    if (!record) throw new Error(`seed: no object named "${name}"`);
    return record;
  };
  const ref = (records: Record<string, { id: string; name: string }>, name: string) => ({
    id: find(records, name).id,
  });
  const flow = (name: string, type: string) => ({ id: find(state.flows, name, (f) => f.type === type).id });
  const group = (name: string) => ({ id: find(state.groups, name).id, type: 'GROUP' as const });
  const skillGroup = (name: string) => ({
    id: find(state.skillGroups, name).id,
    type: 'SKILLGROUP' as const,
  });
  const team = (name: string) => ({ id: find(state.teams, name).id, type: 'TEAM' as const });
  const queue = (name: string) => find(state.queues, name);

  const billingVoice = queue('Billing - Voice').settings;
  billingVoice.memberGroups = [
    group('Customer Service Agents'),
    skillGroup('Billing Specialists'),
    team('Billing Team A'),
  ];
  const rings = billingVoice.bullseye?.rings ?? [];
  const [firstRing, secondRing] = rings;
  if (!firstRing || !secondRing) throw new Error('seed: "Billing - Voice" has fewer than two rings');
  firstRing.memberGroups = [group('Billing Team Leads')];
  secondRing.memberGroups = [team('Billing Team B')];
  billingVoice.conditionalGroupRouting = {
    rules: [
      {
        metric: 'EstimatedWaitTime',
        operator: 'GreaterThan',
        conditionValue: 0,
        groups: [skillGroup('Billing Specialists')],
        waitSeconds: 2,
      },
      {
        queue: { id: queue('Billing Disputes - Voice').id },
        metric: 'EstimatedWaitTime',
        operator: 'GreaterThan',
        conditionValue: 120,
        groups: [team('Billing Team B')],
        waitSeconds: 20,
      },
    ],
  };
  billingVoice.defaultScripts = { CALL: ref(state.scripts, 'Billing Call Script') };
  billingVoice.queueFlow = flow('Billing', 'INQUEUECALL');
  billingVoice.whisperPrompt = ref(state.prompts, 'BillingWhisper');
  billingVoice.onHoldPrompt = ref(state.prompts, 'HoldMusicAcme');
  const callback = billingVoice.mediaSettings?.callback;
  if (!callback) throw new Error('seed: "Billing - Voice" has no callback settings');
  Object.assign(callback, {
    mode: 'AgentFirst',
    enableAutoDialAndEnd: false,
    maxRetryCount: 2,
    retryDelaySeconds: 600,
    liveVoiceReactionType: 'TransferToFlow',
    liveVoiceFlow: flow('Callback Live Voice', 'OUTBOUNDCALL'),
    answeringMachineReactionType: 'TransferToFlow',
    answeringMachineFlow: flow('Callback Answering Machine', 'OUTBOUNDCALL'),
    edgeGroup: ref(state.edgeGroups, 'London Edge Group'),
    site: ref(state.sites, 'London Site'),
  });
  billingVoice.agentOwnedRouting = {
    enableAgentOwnedCallbacks: true,
    maxOwnedCallbackHours: 24,
    maxOwnedCallbackDelayHours: 48,
  };

  const billingEmail = queue('Billing - Email').settings;
  billingEmail.emailInQueueFlow = flow('Email In-Queue', 'INQUEUEEMAIL');
  billingEmail.memberGroups = [group('Customer Service Agents')];
  billingEmail.defaultScripts = { EMAIL: ref(state.scripts, 'Billing Email Script') };
  const route = Object.values(state.emailRoutes).find(
    (candidate) => candidate.domainId === SHARED_EMAIL_DOMAIN && candidate.pattern === 'billing',
  );
  if (!route) throw new Error('seed: no billing route on the shared email domain');
  billingEmail.outboundEmailAddress = { domain: { id: SHARED_EMAIL_DOMAIN }, route: { id: route.id } };

  const billingMessaging = queue('Billing - Messaging').settings;
  billingMessaging.messageInQueueFlow = flow('Messaging In-Queue', 'INQUEUESHORTMESSAGE');
  billingMessaging.outboundMessagingAddresses = {
    smsAddress: ref(state.smsPhoneNumbers, 'Acme Billing SMS'),
    openMessagingRecipient: ref(state.messageRecipients, 'Acme Web Messenger'),
    whatsAppRecipient: ref(state.messageRecipients, 'Acme WhatsApp'),
  };
  billingMessaging.cannedResponseLibraries = {
    mode: 'SelectedOnly',
    libraryIds: [
      find(state.libraries, 'Billing Responses').id,
      find(state.libraries, 'General Responses').id,
    ],
  };
  const message = billingMessaging.mediaSettings?.message;
  if (!message) throw new Error('seed: "Billing - Messaging" has no message settings');
  Object.assign(message, {
    subTypeSettings: { sms: { enableAutoAnswer: false, enableInactivityTimeout: true } },
    enableInactivityTimeout: true,
    inactivityTimeoutSettings: { timeoutSeconds: 3_600, actionType: 'AutoEnd' },
  });

  queue('Collections - Voice').settings.directRouting = {
    callMediaSettings: { useAgentAddressOutbound: true },
    backupQueueId: queue('Billing - Voice').id,
    waitForAgent: true,
    agentWaitSeconds: 30,
  };
  queue('Retention - Voice').settings.memberGroups = [
    skillGroup('Retention Specialists'),
    team('Retention Team'),
  ];
}
