import assert from 'node:assert/strict';
import { type apiFor, listAll, type Listing, type Named } from './sandbox-test-client';

type Api = ReturnType<typeof apiFor>;

/**
 * A queue body that uses every id-bearing field of the SDK's `QueueRequest`, built from one org's
 * ids (looked up by name over HTTP): shared by the raw-HTTP and the official-SDK tests.
 */
interface CursorPage {
  entities: Named[];
  nextUri?: string;
}

async function everyEntity(api: Api, path: string): Promise<Named[]> {
  if (!path.endsWith('/skillgroups') && path !== '/api/v2/teams') return listAll(api, `${path}?pageSize=100`);
  const all: Named[] = [];
  let next: string | undefined = `${path}?pageSize=100`;
  for (let page = 0; next !== undefined && page < 20; page += 1) {
    const response: { body: CursorPage } = await api<CursorPage>('GET', next);
    all.push(...response.body.entities);
    next = response.body.nextUri;
  }
  return all;
}

async function idOf(api: Api, path: string, name: string): Promise<string> {
  const match = (await everyEntity(api, path)).find((entity) => entity.name === name);
  assert.ok(match, `${path} has ${name}`);
  return match.id;
}

/** Ids of one org's objects by what a queue body needs, looked up over HTTP. */
export async function referenceIds(api: Api) {
  const flow = async (name: string, type: string) => {
    const list = await api<Listing<Named>>(
      'GET',
      `/api/v2/flows?name=${encodeURIComponent(name)}&type=${type}`,
    );
    const found = list.body.entities.find((entity) => entity.name === name);
    assert.ok(found, `flow ${name}`);
    return found.id;
  };
  const route = await api<Listing<{ id: string }>>(
    'GET',
    '/api/v2/routing/email/domains/support.contoso.com/routes?pattern=support',
  );
  return {
    group: await idOf(api, '/api/v2/groups', 'Out of Hours Cover'),
    skillGroup: await idOf(api, '/api/v2/routing/skillgroups', 'Welsh Speakers'),
    team: await idOf(api, '/api/v2/teams', 'Broadband Team'),
    script: await idOf(api, '/api/v2/scripts', 'Default Inbound Script'),
    inQueueCall: await flow('Standard In-Queue', 'INQUEUECALL'),
    inQueueEmail: await flow('Email In-Queue', 'INQUEUEEMAIL'),
    inQueueMessage: await flow('Messaging In-Queue', 'INQUEUESHORTMESSAGE'),
    inboundCall: await flow('Main IVR', 'INBOUNDCALL'),
    outboundCall: await flow('Callback Live Voice', 'OUTBOUNDCALL'),
    prompt: await idOf(api, '/api/v2/architect/prompts', 'WelcomeMessage'),
    site: await idOf(api, '/api/v2/telephony/providers/edges/sites', 'Manchester Site'),
    edgeGroup: await idOf(api, '/api/v2/telephony/providers/edges/edgegroups', 'Manchester Edge Group'),
    library: await idOf(api, '/api/v2/responsemanagement/libraries', 'Sales Responses'),
    sms: await idOf(api, '/api/v2/routing/sms/phonenumbers', 'Acme Support SMS'),
    openRecipient: await idOf(api, '/api/v2/routing/message/recipients', 'Acme Web Messenger'),
    whatsApp: await idOf(api, '/api/v2/routing/message/recipients', 'Acme WhatsApp'),
    route: route.body.entities[0]?.id ?? '',
    queue: await idOf(api, '/api/v2/routing/queues', 'Retention - Voice'),
    skill: await idOf(api, '/api/v2/routing/skills', 'Welsh Language'),
  };
}

export type ReferenceIds = Awaited<ReturnType<typeof referenceIds>>;

/** A queue body using every id-bearing field the SDK's `QueueRequest` has. */
export function queueWithEveryReference(name: string, ids: ReferenceIds): Record<string, unknown> {
  return {
    name,
    memberGroups: [
      { id: ids.group, type: 'GROUP' },
      { id: ids.skillGroup, type: 'SKILLGROUP' },
      { id: ids.team, type: 'TEAM' },
    ],
    bullseye: {
      rings: [
        {
          expansionCriteria: [{ type: 'TIMEOUT_SECONDS', threshold: 10 }],
          actions: { skillsToRemove: [{ id: ids.skill }] },
          memberGroups: [{ id: ids.team, type: 'TEAM' }],
        },
        {},
      ],
    },
    conditionalGroupRouting: {
      rules: [
        {
          metric: 'EstimatedWaitTime',
          operator: 'GreaterThan',
          conditionValue: 0,
          groups: [{ id: ids.skillGroup, type: 'SKILLGROUP' }],
          waitSeconds: 2,
        },
        {
          queue: { id: ids.queue },
          metric: 'ServiceLevel',
          operator: 'LessThan',
          conditionValue: 0.8,
          groups: [{ id: ids.group, type: 'GROUP' }],
          waitSeconds: 30,
        },
      ],
    },
    defaultScripts: { CALL: { id: ids.script }, EMAIL: { id: ids.script } },
    cannedResponseLibraries: { mode: 'SelectedOnly', libraryIds: [ids.library] },
    outboundMessagingAddresses: {
      smsAddress: { id: ids.sms },
      openMessagingRecipient: { id: ids.openRecipient },
      whatsAppRecipient: { id: ids.whatsApp },
    },
    outboundEmailAddress: { domain: { id: 'support.contoso.com' }, route: { id: ids.route } },
    directRouting: {
      callMediaSettings: { useAgentAddressOutbound: true },
      emailMediaSettings: { useAgentAddressOutbound: false },
      messageMediaSettings: { useAgentAddressOutbound: true },
      backupQueueId: ids.queue,
      waitForAgent: true,
      agentWaitSeconds: 20,
    },
    agentOwnedRouting: {
      enableAgentOwnedCallbacks: true,
      maxOwnedCallbackHours: 12,
      maxOwnedCallbackDelayHours: 24,
    },
    peerId: 'external-peer-7',
    suppressInQueueCallRecording: true,
    defaultMediaLanguage: 'en-gb',
    conditionalGroupActivation: { pilotRule: { conditionExpression: 'C1', conditions: [] } },
    queueFlow: { id: ids.inQueueCall },
    emailInQueueFlow: { id: ids.inQueueEmail },
    messageInQueueFlow: { id: ids.inQueueMessage },
    whisperPrompt: { id: ids.prompt },
    onHoldPrompt: { id: ids.prompt },
    mediaSettings: {
      call: { alertingTimeoutSeconds: 10 },
      callback: {
        alertingTimeoutSeconds: 30,
        mode: 'AgentFirst',
        enableAutoDialAndEnd: true,
        autoDialDelaySeconds: 5,
        autoEndDelaySeconds: 10,
        pacingModifier: 1.5,
        maxRetryCount: 3,
        retryDelaySeconds: 300,
        liveVoiceReactionType: 'TransferToFlow',
        liveVoiceFlow: { id: ids.outboundCall },
        answeringMachineReactionType: 'TransferToFlow',
        answeringMachineFlow: { id: ids.outboundCall },
        edgeGroup: { id: ids.edgeGroup },
        site: { id: ids.site },
      },
      email: { alertingTimeoutSeconds: 600 },
      message: {
        alertingTimeoutSeconds: 40,
        subTypeSettings: { whatsapp: { enableAutoAnswer: true, enableInactivityTimeout: false } },
        enableInactivityTimeout: true,
        inactivityTimeoutSettings: {
          timeoutSeconds: 1_800,
          actionType: 'AutoEnd',
          flowId: { id: ids.inQueueMessage },
        },
      },
    },
  };
}
