import type { EmergencyGroupRecord, FlowRecord, FlowType, IvrRecord, OrgKey, OrgState } from './org-state';
import type { DivisionName } from './seed-catalogue';
import { createSeededRandom, seedFromText } from './seeded-random';

/**
 * The demo orgs' IVR configurations and emergency groups, with the inbound call flows they answer
 * with. Names are the same in every org and the numbers are not: each org owns its own DIDs.
 *
 * - every org: IVRs "Main Line", "Billing Line" and "Sales Line"; emergency groups "Site
 *   Evacuation" (Main and Billing lines) and "Sales Floor Closure" (Sales line), both off.
 * - dev only: IVR "Video Support Line" (a pilot number on the Main IVR flow).
 * - uat only: "Site Evacuation" left enabled after a drill.
 * - prod only: "Billing Line" plays "Closed Message" on holidays (a hot-fix), not "Holiday Message".
 *
 * Utilization labels "VIP", "Complex Case" and "Back Office" in every org; "Video Calls" in dev only.
 * Utilization: call 1, callback 1, chat 3 (a call interrupts it), email 2 (a call or chat
 * interrupts it), message 4; VIP 1 and Complex Case 2 (a VIP interrupts it). Prod only: chat 2
 * (a hot-fix after a busy week). Dev only: Video Calls 1.
 */
export const ARCHITECT_DRIFT = {
  devOnly: { ivr: 'Video Support Line' },
  uatOnly: { enabledEmergencyGroup: 'Site Evacuation' },
  prodOnly: { holidayFlow: { ivr: 'Billing Line', before: 'Holiday Message', after: 'Closed Message' } },
} as const;

interface InboundFlowSeed {
  name: string;
  division: DivisionName;
  description?: string;
}

/** Inbound call flows only IVRs and emergency groups use (the queues' flows are elsewhere). */
export const IVR_FLOWS: readonly InboundFlowSeed[] = [
  { name: 'Closed Message', division: 'Home', description: 'We are closed: opening hours, then hang up' },
  { name: 'Holiday Message', division: 'Home', description: 'Bank holiday greeting' },
  { name: 'Emergency Closure', division: 'Home', description: 'Unplanned closure: callback offer' },
  { name: 'Sales IVR', division: 'Sales & Retention' },
];

interface IvrSeed {
  name: string;
  division: DivisionName;
  description?: string;
  /** The last digits of each org's numbers; the org's prefix goes in front. */
  lines: readonly number[];
  open: string;
  closed?: string;
  holiday?: string;
  scheduleGroup?: string;
}

export const IVRS: readonly IvrSeed[] = [
  {
    name: 'Main Line',
    division: 'Home',
    description: 'The published customer service number',
    lines: [1, 2],
    open: 'Main IVR',
    closed: 'Closed Message',
    holiday: 'Holiday Message',
    scheduleGroup: 'Customer Service Hours',
  },
  {
    name: 'Billing Line',
    division: 'Customer Service',
    lines: [11],
    open: 'Billing',
    closed: 'Closed Message',
    holiday: 'Holiday Message',
    scheduleGroup: 'Customer Service Hours',
  },
  {
    name: 'Sales Line',
    division: 'Sales & Retention',
    lines: [21, 22],
    open: 'Sales IVR',
    closed: 'Closed Message',
    scheduleGroup: 'Sales Hours',
  },
];

export const EMERGENCY_GROUPS: ReadonlyArray<{
  name: string;
  division: DivisionName;
  description: string;
  flows: ReadonlyArray<{ flow: string; ivrs: readonly string[] }>;
}> = [
  {
    name: 'Site Evacuation',
    division: 'Home',
    description: 'Fire alarm or evacuation of the contact centre',
    flows: [{ flow: 'Emergency Closure', ivrs: ['Main Line', 'Billing Line'] }],
  },
  {
    name: 'Sales Floor Closure',
    division: 'Sales & Retention',
    description: 'Sales floor unavailable',
    flows: [{ flow: 'Emergency Closure', ivrs: ['Sales Line'] }],
  },
];

/** The numbers of each org: dev and uat hold test DIDs, prod the published ones. */
const DID_PREFIX: Readonly<Record<OrgKey, string>> = {
  dev: '+44330600',
  uat: '+44330700',
  prod: '+44330000',
};

export function didOf(org: OrgKey, line: number): string {
  return `${DID_PREFIX[org]}${String(line).padStart(4, '0')}`;
}

const ARCHITECT_EPOCH = Date.UTC(2024, 3, 8, 9, 0, 0);

export const UTILIZATION_LABELS = ['VIP', 'Complex Case', 'Back Office'] as const;
export const DEV_ONLY_UTILIZATION_LABEL = 'Video Calls';

export const UTILIZATION_DRIFT = { prodOnly: { media: 'chat', before: 3, after: 2 } } as const;

export type ArchitectObjects = Pick<
  OrgState,
  'ivrs' | 'emergencyGroups' | 'utilizationLabels' | 'utilization'
> & {
  flows: Record<string, FlowRecord>;
};

/**
 * Builds the IVR flows, IVRs and emergency groups of one org whose divisions, flows and schedule
 * groups exist. Ids come from a generator of their own, so every id the orgs had before is
 * unchanged, and an org saved in an older format gets the same ones when migrated. A name the
 * org no longer has (a schedule group deleted since) leaves that reference out.
 */
export function seedArchitectObjects(
  org: OrgKey,
  state: Pick<OrgState, 'divisions' | 'flows' | 'scheduleGroups'>,
  adminUserId: string,
): ArchitectObjects {
  const ids = createSeededRandom(seedFromText(`ferry-sandbox:architect-ids:${org}`));
  let tick = 0;
  const stamp = () => new Date(ARCHITECT_EPOCH + (tick += 1) * 60_000).toISOString();
  const audit = () => {
    const at = stamp();
    return { dateCreated: at, dateModified: at, createdBy: adminUserId, modifiedBy: adminUserId };
  };
  const divisionId = (name: string): string => {
    const division = Object.values(state.divisions).find((candidate) => candidate.name === name);
    if (!division) throw new Error(`seed: no division named "${name}"`);
    return division.id;
  };
  const flows: Record<string, FlowRecord> = {};
  for (const seed of IVR_FLOWS) {
    const id = ids.uuid();
    flows[id] = {
      id,
      name: seed.name,
      divisionId: divisionId(seed.division),
      ...(seed.description === undefined ? {} : { description: seed.description }),
      type: 'INBOUNDCALL',
      queueIds: [],
      datatableIds: [],
    };
  }
  const allFlows = { ...state.flows, ...flows };
  const flowId = (name: string | undefined, type: FlowType = 'INBOUNDCALL') =>
    name === undefined
      ? undefined
      : Object.values(allFlows).find((flow) => flow.name === name && flow.type === type)?.id;
  const groupId = (name: string | undefined) =>
    name === undefined ? undefined : Object.values(state.scheduleGroups).find((g) => g.name === name)?.id;
  const optional = <K extends string>(key: K, value: string | undefined) =>
    (value === undefined ? {} : { [key]: value }) as Partial<Record<K, string>>;

  const ivrs: Record<string, IvrRecord> = {};
  const addIvr = (seed: IvrSeed) => {
    const id = ids.uuid();
    const holiday =
      org === 'prod' && seed.name === ARCHITECT_DRIFT.prodOnly.holidayFlow.ivr
        ? ARCHITECT_DRIFT.prodOnly.holidayFlow.after
        : seed.holiday;
    ivrs[id] = {
      id,
      name: seed.name,
      divisionId: divisionId(seed.division),
      ...(seed.description === undefined ? {} : { description: seed.description }),
      version: 1,
      ...audit(),
      dnis: seed.lines.map((line) => didOf(org, line)),
      ...optional('openHoursFlowId', flowId(seed.open)),
      ...optional('closedHoursFlowId', flowId(seed.closed)),
      ...optional('holidayHoursFlowId', flowId(holiday)),
      ...optional('scheduleGroupId', groupId(seed.scheduleGroup)),
    };
  };
  for (const seed of IVRS) addIvr(seed);
  if (org === 'dev') {
    addIvr({
      name: ARCHITECT_DRIFT.devOnly.ivr,
      division: 'Customer Service',
      description: 'Pilot number for video support',
      lines: [31],
      open: 'Main IVR',
      closed: 'Closed Message',
      scheduleGroup: 'Customer Service Hours',
    });
  }

  const ivrId = (name: string) => Object.values(ivrs).find((ivr) => ivr.name === name)?.id;
  const emergencyGroups: Record<string, EmergencyGroupRecord> = {};
  for (const seed of EMERGENCY_GROUPS) {
    const id = ids.uuid();
    emergencyGroups[id] = {
      id,
      name: seed.name,
      divisionId: divisionId(seed.division),
      description: seed.description,
      version: org === 'uat' && seed.name === ARCHITECT_DRIFT.uatOnly.enabledEmergencyGroup ? 2 : 1,
      ...audit(),
      enabled: org === 'uat' && seed.name === ARCHITECT_DRIFT.uatOnly.enabledEmergencyGroup,
      emergencyCallFlows: seed.flows.map((entry) => ({
        ...optional('emergencyFlowId', flowId(entry.flow)),
        ivrIds: entry.ivrs.flatMap((name) => ivrId(name) ?? []),
      })),
    };
  }
  // Labels come last from the generator, so the ids above stay what they were before labels existed.
  const utilizationLabels: OrgState['utilizationLabels'] = {};
  for (const name of [...UTILIZATION_LABELS, ...(org === 'dev' ? [DEV_ONLY_UTILIZATION_LABEL] : [])]) {
    const id = ids.uuid();
    utilizationLabels[id] = { id, name };
  }
  const labelId = (name: string) =>
    Object.values(utilizationLabels).find((label) => label.name === name)?.id ?? '';
  const media = (maximumCapacity: number, interruptableMediaTypes: string[] = []) => ({
    maximumCapacity,
    interruptableMediaTypes,
    includeNonAcd: false,
  });
  const utilization: OrgState['utilization'] = {
    media: {
      call: media(1),
      callback: media(1),
      chat: media(org === 'prod' ? UTILIZATION_DRIFT.prodOnly.after : UTILIZATION_DRIFT.prodOnly.before, [
        'call',
      ]),
      email: media(2, ['call', 'chat']),
      message: media(4),
    },
    labels: {
      [labelId('VIP')]: { maximumCapacity: 1, interruptingLabelIds: [] },
      [labelId('Complex Case')]: { maximumCapacity: 2, interruptingLabelIds: [labelId('VIP')] },
      ...(org === 'dev'
        ? { [labelId(DEV_ONLY_UTILIZATION_LABEL)]: { maximumCapacity: 1, interruptingLabelIds: [] } }
        : {}),
    },
  };
  return { flows, ivrs, emergencyGroups, utilizationLabels, utilization };
}

/** Seeds the architect objects into `state` (new flows join the org's flows). */
export function addArchitectObjects(org: OrgKey, state: OrgState, adminUserId: string): void {
  const seeded = seedArchitectObjects(org, state, adminUserId);
  Object.assign(state.flows, seeded.flows);
  state.ivrs = seeded.ivrs;
  state.emergencyGroups = seeded.emergencyGroups;
  state.utilizationLabels = seeded.utilizationLabels;
  state.utilization = seeded.utilization;
}
