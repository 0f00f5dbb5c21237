import { usesOfConfiguration, writeFlowFile } from './flow-file';
import { dataActionsOf } from './integration-records';
import { CRM_INTEGRATION } from './seed-integrations';
import type { FlowRecord, FlowType, FlowVersionRecord, OrgKey, OrgState } from './org-state';
import { createSeededRandom, seedFromText } from './seeded-random';

const FLOW_EPOCH = Date.UTC(2024, 4, 6, 9, 0, 0);
const DEV_MENU_EPOCH = Date.UTC(2025, 6, 14, 11, 0, 0);

/** Flows issue 18 added (the ones queues and IVRs point at were seeded before). */
export const ISSUE_18_FLOWS = [
  { name: 'Main Menu', type: 'INBOUNDCALL', division: 'Home', description: 'Answers the main number' },
  {
    name: 'Identify Caller',
    type: 'COMMONMODULE',
    division: 'Home',
    description: 'Looks the caller up in the CRM',
  },
  {
    name: 'Customer Lookup',
    type: 'WORKFLOW',
    division: 'Customer Service',
    description: 'Reads the account balance of a customer',
  },
] as const satisfies ReadonlyArray<{ name: string; type: FlowType; division: string; description: string }>;

/**
 * How the orgs' flows differ, as three real orgs' do:
 * - dev has a newer "Main Menu" (version 2.0, published) whose extra choice 4 transfers to its own
 *   queue "Video Support - Voice"; uat and prod publish 1.0.
 * - uat has work in progress: the "Billing" in-queue flow has a version 2.0 checked in but never
 *   published (an overflow to "Billing Disputes - Voice" being tried), so uat's newest version is
 *   not its published one.
 * - prod was hot-fixed: its "Holiday Message" publishes a version 2.0 that announces the fraud
 *   line and transfers to "Fraud - Voice"; dev and uat still publish 1.0.
 */
export const FLOW_DRIFT = {
  devOnly: { flow: 'Main Menu', version: '2.0', choice: 'Video support', queue: 'Video Support - Voice' },
  uatOnly: {
    flow: 'Billing',
    type: 'INQUEUECALL',
    checkedIn: '2.0',
    published: '1.0',
    queue: 'Billing Disputes - Voice',
  },
  prodOnly: { flow: 'Holiday Message', type: 'INBOUNDCALL', version: '2.0', queue: 'Fraud - Voice' },
} as const;

const UAT_WIP_EPOCH = Date.UTC(2025, 8, 2, 15, 30, 0);
const PROD_HOTFIX_EPOCH = Date.UTC(2025, 11, 24, 18, 5, 0);

type Lit = { lit: Record<string, string> };

/** Builds `{lit: {name, id}}` for an object of this org, or by name alone when it lacks one. */
function literals(state: OrgState) {
  const find = (
    records: Record<string, { id: string; name: string; type?: string }>,
    name: string,
    type?: string,
  ): Lit => {
    const record = Object.values(records).find(
      (r) => r.name === name && (type === undefined || r.type === type),
    );
    return { lit: { name, ...(type === undefined ? {} : { type }), ...(record ? { id: record.id } : {}) } };
  };
  return {
    queue: (name: string) => ({ queue: find(state.queues, name) }),
    scheduleGroup: (name: string) => ({ scheduleGroup: find(state.scheduleGroups, name) }),
    dataTable: (name: string) => ({ dataTable: find(state.datatables, name) }),
    prompt: (name: string) => ({ prompt: find(state.prompts, name) }),
    dataAction: (name: string) => ({ dataAction: find(dataActionsOf(state), name) }),
    flow: (name: string, type: FlowType) => ({ flow: find(state.flows, name, type) }),
  };
}

type Literals = ReturnType<typeof literals>;

function mainMenu(refs: Literals, withVideo: boolean): Record<string, unknown> {
  const choice = (name: string, digit: number, queue: string) => ({
    menuTransferToAcd: { name, dtmf: `digit_${digit}`, ...refs.queue(queue) },
  });
  const choices = [
    // As Archy exports a menu transfer: `targetQueue: {lit: {id, name}}`, not the dialect's `queue`.
    {
      menuTransferToAcd: {
        name: 'Billing',
        dtmf: 'digit_1',
        targetQueue: refs.queue('Billing - Voice').queue,
      },
    },
    choice('Broadband support', 2, 'Broadband Support - Voice'),
    choice('Mobile support', 3, 'Mobile Support - Voice'),
    ...(withVideo ? [choice(FLOW_DRIFT.devOnly.choice, 4, FLOW_DRIFT.devOnly.queue)] : []),
  ];
  return {
    name: 'Main Menu',
    description: 'Answers the main number',
    division: 'Home',
    defaultLanguage: 'en-gb',
    startUpRef: '/inboundCall/tasks/task[checkHours]',
    initialGreeting: { audio: refs.prompt('WelcomeMessage') },
    tasks: [
      {
        task: {
          name: 'Check opening hours',
          refId: 'checkHours',
          actions: [
            {
              // As Archy writes a call: the module's name is the key, the version and inputs under it.
              callCommonModule: {
                name: 'Identify caller',
                commonModule: { 'Identify Caller': { ver_latestPublished: { inputs: {}, outputs: {} } } },
              },
            },
            {
              evaluateScheduleGroup: {
                name: 'Opening hours',
                ...refs.scheduleGroup('Customer Service Hours'),
                outputs: {
                  open: {
                    actions: [
                      {
                        jumpToMenu: {
                          name: 'To main menu',
                          targetMenuRef: '/inboundCall/menus/menu[mainMenu]',
                        },
                      },
                    ],
                  },
                  closed: {
                    actions: [
                      { transferToFlow: { name: 'Closed', ...refs.flow('Closed Message', 'INBOUNDCALL') } },
                    ],
                  },
                  holiday: {
                    actions: [
                      { transferToFlow: { name: 'Holiday', ...refs.flow('Holiday Message', 'INBOUNDCALL') } },
                    ],
                  },
                },
              },
            },
          ],
        },
      },
    ],
    menus: [
      {
        menu: {
          name: 'Main menu',
          refId: 'mainMenu',
          audio: {
            tts: withVideo
              ? 'For billing press 1, broadband 2, mobile 3, video support 4.'
              : 'For billing press 1, broadband 2, mobile 3.',
          },
          choices,
        },
      },
    ],
  };
}

function identifyCaller(refs: Literals): Record<string, unknown> {
  return {
    name: 'Identify Caller',
    description: 'Looks the caller up in the CRM',
    division: 'Home',
    startUpRef: './tasks/task[identify]',
    tasks: [
      {
        task: {
          name: 'Identify',
          refId: 'identify',
          actions: [
            {
              callData: {
                name: 'Lookup customer',
                ...refs.dataAction('Lookup Customer By Phone'),
                inputs: { phoneNumber: { exp: 'Call.Ani' } },
              },
            },
          ],
        },
      },
    ],
  };
}

function customerLookup(): Record<string, unknown> {
  return {
    name: 'Customer Lookup',
    description: 'Reads the account balance of a customer',
    division: 'Customer Service',
    startUpRef: '/workflow/states/state[start]',
    states: [
      {
        state: {
          name: 'Start',
          refId: 'start',
          actions: [
            {
              // As Archy writes a data action call: the integration, then the action, by name.
              callData: {
                name: 'Balance',
                category: {
                  [CRM_INTEGRATION]: {
                    dataAction: {
                      'Get Account Balance': { inputs: { customerId: { exp: 'Flow.customerId' } } },
                    },
                  },
                },
              },
            },
          ],
        },
      },
    ],
  };
}

/**
 * A flow seeded before issue 18 gets a configuration that says what it was already known to use:
 * its queues (transfers) and data tables (lookups), plus a prompt for in-queue flows.
 */
function existingFlowBody(state: OrgState, refs: Literals, flow: FlowRecord): Record<string, unknown> {
  const division = state.divisions[flow.divisionId]?.name ?? 'Home';
  const actions: unknown[] = [];
  for (const datatableId of flow.datatableIds) {
    const table = state.datatables[datatableId];
    if (table)
      actions.push({
        // As Archy writes a lookup: the table's name is the key, its outputs under it.
        dataTableLookup: {
          name: `Look up ${table.name}`,
          dataTable: { [table.name]: { foundOutputs: {}, failureOutputs: {} } },
          lookupValue: { exp: 'Call.Ani' },
        },
      });
  }
  for (const queueId of flow.queueIds) {
    const queue = state.queues[queueId];
    if (queue) actions.push({ transferToAcd: { name: `To ${queue.name}`, ...refs.queue(queue.name) } });
  }
  if (flow.type.startsWith('INQUEUE'))
    actions.push({ playAudio: { name: 'Hold music', audio: refs.prompt('HoldMusicAcme') } });
  actions.push({ disconnect: { name: 'Disconnect' } });
  return {
    name: flow.name,
    ...(flow.description === undefined ? {} : { description: flow.description }),
    division,
    defaultLanguage: 'en-gb',
    startUpRef: './tasks/task[start]',
    tasks: [{ task: { name: 'Start', refId: 'start', actions } }],
  };
}

/** uat's unpublished in-queue work: after the hold music, callers wait in the disputes queue. */
function billingOverflow(state: OrgState, refs: Literals, flow: FlowRecord): Record<string, unknown> {
  const body = existingFlowBody(state, refs, flow);
  const [start] = body.tasks as { task: { actions: unknown[] } }[];
  start?.task.actions.splice(-1, 0, {
    transferToAcd: {
      name: 'Overflow to disputes',
      ...refs.queue(FLOW_DRIFT.uatOnly.queue),
    },
  });
  return body;
}

/** prod's hot-fix: on holidays the fraud line still answers. */
function holidayWithFraudLine(state: OrgState, refs: Literals, flow: FlowRecord): Record<string, unknown> {
  const body = existingFlowBody(state, refs, flow);
  const [start] = body.tasks as { task: { actions: unknown[] } }[];
  start?.task.actions.splice(
    -1,
    0,
    {
      playAudio: {
        name: 'Fraud line open',
        audio: { tts: 'We are closed for the holiday. To report a lost card or fraud, please hold.' },
      },
    },
    { transferToAcd: { name: 'To the fraud line', ...refs.queue(FLOW_DRIFT.prodOnly.queue) } },
  );
  return body;
}

/** The versions one org has beyond 1.0 (FLOW_DRIFT), and whether the newest is published. */
function driftVersions(
  org: OrgKey,
  state: OrgState,
  refs: Literals,
  flow: FlowRecord,
  userId: string,
): { versions: FlowVersionRecord[]; publishNewest: boolean } {
  const is = (drift: { flow: string }, type: FlowType) => flow.name === drift.flow && flow.type === type;
  if (org === 'dev' && is(FLOW_DRIFT.devOnly, 'INBOUNDCALL')) {
    const text = writeFlowFile(flow.type, mainMenu(refs, true));
    return {
      versions: [version(FLOW_DRIFT.devOnly.version, text, DEV_MENU_EPOCH, userId)],
      publishNewest: true,
    };
  }
  if (org === 'uat' && is(FLOW_DRIFT.uatOnly, FLOW_DRIFT.uatOnly.type)) {
    const text = writeFlowFile(flow.type, billingOverflow(state, refs, flow));
    const wip = version(FLOW_DRIFT.uatOnly.checkedIn, text, UAT_WIP_EPOCH, userId);
    delete wip.datePublished;
    return { versions: [wip], publishNewest: false };
  }
  if (org === 'prod' && is(FLOW_DRIFT.prodOnly, FLOW_DRIFT.prodOnly.type)) {
    const text = writeFlowFile(flow.type, holidayWithFraudLine(state, refs, flow));
    return {
      versions: [version(FLOW_DRIFT.prodOnly.version, text, PROD_HOTFIX_EPOCH, userId)],
      publishNewest: true,
    };
  }
  return { versions: [], publishNewest: true };
}

function version(id: string, configuration: string, at: number, userId: string): FlowVersionRecord {
  const stamp = new Date(at).toISOString();
  return { id, configuration, dateCreated: stamp, createdByUserId: userId, datePublished: stamp };
}

/**
 * Gives every flow of the org versions with configurations, and adds the flows issue 18 brought
 * (Main Menu, its common module, a workflow calling a data action). Runs after the queues,
 * schedule groups, data tables, prompts and data actions exist, since configurations name them
 * by id. A flow's uses are then derived from its published configuration.
 */
export function addFlowVersions(org: OrgKey, state: OrgState, userId: string): void {
  const ids = createSeededRandom(seedFromText(`ferry-sandbox:flow-ids:${org}`));
  const divisionId = (name: string): string =>
    Object.values(state.divisions).find((division) => division.name === name)?.id ??
    Object.values(state.divisions).find((division) => division.homeDivision)?.id ??
    '';
  for (const seed of ISSUE_18_FLOWS) {
    const exists = Object.values(state.flows).some(
      (flow) => flow.name === seed.name && flow.type === seed.type,
    );
    if (exists) continue;
    const id = ids.uuid();
    state.flows[id] = {
      id,
      name: seed.name,
      divisionId: divisionId(seed.division),
      description: seed.description,
      type: seed.type,
      queueIds: [],
      datatableIds: [],
    };
  }
  const refs = literals(state);
  for (const flow of Object.values(state.flows)) {
    if (flow.versions !== undefined) continue;
    const body = (): Record<string, unknown> => {
      if (flow.name === 'Main Menu' && flow.type === 'INBOUNDCALL') return mainMenu(refs, false);
      if (flow.name === 'Identify Caller' && flow.type === 'COMMONMODULE') return identifyCaller(refs);
      if (flow.name === 'Customer Lookup' && flow.type === 'WORKFLOW') return customerLookup();
      return existingFlowBody(state, refs, flow);
    };
    const first = version('1.0', writeFlowFile(flow.type, body()), FLOW_EPOCH, userId);
    const drift = driftVersions(org, state, refs, flow, userId);
    flow.versions = [first, ...drift.versions];
    const published = drift.publishNewest
      ? (flow.versions[flow.versions.length - 1] as FlowVersionRecord)
      : first;
    flow.publishedVersionId = published.id;
    Object.assign(flow, usesOfConfiguration(state, published.configuration));
  }
}

/**
 * Adds `count` generated inbound call flows ("Generated Flow 001"…), each published at 1.0 and
 * transferring to one of the org's voice queues, so a test or bench can meet an org with hundreds
 * of flows without importing each one. Names continue after the generated flows already there.
 */
export function addGeneratedFlows(state: OrgState, count: number, userId: string): string[] {
  if (!Number.isInteger(count) || count < 1 || count > 5_000) {
    throw new Error(`count must be an integer from 1 to 5000, got ${count}`);
  }
  const home = Object.values(state.divisions).find((division) => division.homeDivision);
  if (!home) throw new Error(`org ${state.key} has no home division`);
  const queues = Object.values(state.queues)
    .filter((queue) => queue.name.endsWith(' - Voice'))
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));
  const refs = literals(state);
  const already = Object.values(state.flows).filter((flow) => flow.name.startsWith('Generated Flow ')).length;
  const ids = createSeededRandom(seedFromText(`ferry-sandbox:generated-flows:${state.key}:${already}`));
  const added: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const name = `Generated Flow ${String(already + index + 1).padStart(3, '0')}`;
    const queue = queues[index % Math.max(1, queues.length)];
    const body = {
      name,
      division: home.name,
      defaultLanguage: 'en-gb',
      startUpRef: './tasks/task[start]',
      tasks: [
        {
          task: {
            name: 'Start',
            refId: 'start',
            actions: [
              ...(queue ? [{ transferToAcd: { name: `To ${queue.name}`, ...refs.queue(queue.name) } }] : []),
              { disconnect: { name: 'Disconnect' } },
            ],
          },
        },
      ],
    };
    const id = ids.uuid();
    const configuration = writeFlowFile('INBOUNDCALL', body);
    state.flows[id] = {
      id,
      name,
      divisionId: home.id,
      type: 'INBOUNDCALL',
      versions: [version('1.0', configuration, FLOW_EPOCH, userId)],
      publishedVersionId: '1.0',
      ...usesOfConfiguration(state, configuration),
    };
    added.push(id);
  }
  return added;
}
