import type {
  ObjectTypeId,
  ReferenceTargetType,
} from '../../../shared/model/object-types/object-type-definition';

/**
 * One configuration as two different orgs would return it: every id differs, server-set fields
 * (dates, versions, counts, states) differ, and lists the API does not keep in order come back in
 * another order. Canonical form must not be able to tell the two apart.
 */
export interface OrgFixture {
  objects: Record<ObjectTypeId, Record<string, unknown>[]>;
  resolveName: (refType: ReferenceTargetType, id: string) => string | undefined;
  resolveId: (refType: string, name: string) => string | undefined;
  idOf: (refType: ReferenceTargetType, name: string) => string;
}

export interface OrgVariant {
  /** Distinguishes the ids (`dev`, `prod`). */
  org: string;
  /** Reverse the lists whose order does not matter. */
  reorder: boolean;
  /** Seconds added to server-set dates and numbers added to counters/versions. */
  drift: number;
}

export function buildOrg({ org, reorder, drift }: OrgVariant): OrgFixture {
  const ids = new Map<string, string>();
  let counter = 0;
  const idOf = (refType: ReferenceTargetType, name: string): string => {
    const slot = `${refType}/${name}`;
    let id = ids.get(slot);
    if (id === undefined) {
      counter += 1;
      id = `${org}-${(counter * 7919 + org.length * 104729).toString(16).padStart(8, '0')}-${counter}`;
      ids.set(slot, id);
    }
    return id;
  };
  const ref = (refType: ReferenceTargetType, name: string) => ({
    id: idOf(refType, name),
    name,
    selfUri: `/api/v2/${refType.replace('.', '/')}s/${idOf(refType, name)}`,
  });
  const maybeReversed = <T>(items: T[]): T[] => (reorder ? [...items].reverse() : items);
  const date = (seconds: number) => new Date(Date.UTC(2024, 0, 1) + (seconds + drift) * 1000).toISOString();
  const audit = (seed: number) => ({
    dateCreated: date(seed),
    dateModified: date(seed + 100),
    createdBy: `${org}-user-${seed}`,
    modifiedBy: `${org}-user-${seed + 1}`,
  });
  // The object's own id and selfUri come from the same table as references to it.
  const identity = (refType: ObjectTypeId, name: string) => ref(refType, name);

  const divisions = ['Home', 'Sales'].map((name, index) => ({
    ...identity('authorization.division', name),
    description: `${name} division`,
    homeDivision: name === 'Home',
    objectCounts: { queues: 3 + drift + index, skills: 10 * drift },
  }));
  const division = (name: string) => ref('authorization.division', name);

  const skills = ['Billing', 'Spanish', 'English'].map((name, index) => ({
    ...identity('routing.skill', name),
    division: division('Home'),
    state: 'active',
    version: String(index + 1 + drift),
    dateModified: date(index),
  }));
  const languages = ['French', 'German'].map((name) => ({
    ...identity('routing.language', name),
    state: 'active',
    version: String(1 + drift),
    dateModified: date(5),
  }));
  const wrapupCodes = ['Resolved', 'Escalated', 'Call Back'].map((name, index) => ({
    ...identity('routing.wrapupcode', name),
    ...audit(index),
    division: division(index === 0 ? 'Home' : 'Sales'),
    description: `Outcome: ${name}`,
  }));
  const schedules = [
    {
      name: 'Weekdays',
      start: '2024-01-01T08:00:00.000',
      end: '2024-01-01T18:00:00.000',
      rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
    },
    {
      name: 'Weekend',
      start: '2024-01-06T10:00:00.000',
      end: '2024-01-06T14:00:00.000',
      rrule: 'FREQ=WEEKLY;BYDAY=SA,SU',
    },
    {
      name: 'Christmas',
      start: '2024-12-25T00:00:00.000',
      end: '2024-12-26T00:00:00.000',
      rrule: 'FREQ=YEARLY',
    },
  ].map((schedule, index) => ({
    ...identity('architect.schedule', schedule.name),
    ...audit(index + 10),
    ...schedule,
    division: division('Home'),
    version: index + 1 + drift,
    state: 'active',
  }));
  const scheduleGroups = [
    {
      ...identity('architect.schedulegroup', 'Main Hours'),
      ...audit(20),
      division: division('Sales'),
      description: 'Opening hours',
      version: 3 + drift,
      state: 'active',
      timeZone: 'Europe/London',
      openSchedules: maybeReversed([
        ref('architect.schedule', 'Weekdays'),
        ref('architect.schedule', 'Weekend'),
      ]),
      closedSchedules: [],
      holidaySchedules: [ref('architect.schedule', 'Christmas')],
    },
  ];
  const ivrs = [
    {
      ...identity('architect.ivr', 'Main Line'),
      ...audit(25),
      division: division('Home'),
      version: 2 + drift,
      state: 'active',
      dnis: maybeReversed(['+443306000001', '+443306000002']),
      openHoursFlow: ref('architect.flow', 'Main IVR'),
      closedHoursFlow: ref('architect.flow', 'Closed Message'),
      scheduleGroup: ref('architect.schedulegroup', 'Main Hours'),
    },
  ];
  const emergencyGroups = [
    {
      ...identity('architect.emergencygroup', 'Site Evacuation'),
      ...audit(27),
      division: division('Home'),
      description: 'Fire alarm',
      version: 4 + drift,
      state: 'active',
      enabled: false,
      emergencyCallFlows: [
        {
          emergencyFlow: ref('architect.flow', 'Emergency Closure'),
          ivrs: maybeReversed([ref('architect.ivr', 'Main Line'), ref('architect.ivr', 'Sales Line')]),
        },
      ],
    },
  ];
  const queue = {
    ...identity('routing.queue', 'Billing Queue'),
    ...audit(30),
    division: division('Sales'),
    description: 'Billing questions',
    memberCount: 12 + drift,
    userMemberCount: 12 + drift,
    joinedMemberCount: 4 + drift,
    mediaSettings: {
      call: {
        alertingTimeoutSeconds: 8,
        serviceLevel: { percentage: 0.8, durationMs: 20000 },
        enableAutoAnswer: false,
      },
      email: { alertingTimeoutSeconds: 300, serviceLevel: { percentage: 0.8, durationMs: 86400000 } },
    },
    routingRules: [
      { operator: 'MEETS_THRESHOLD', threshold: 9, waitSeconds: 2 },
      { operator: 'ANY', waitSeconds: 10 },
    ],
    bullseye: {
      rings: [
        {
          expansionCriteria: [{ type: 'TIMEOUT_SECONDS', threshold: 15 }],
          actions: {
            skillsToRemove: maybeReversed([ref('routing.skill', 'Billing'), ref('routing.skill', 'Spanish')]),
          },
        },
        { expansionCriteria: [{ type: 'TIMEOUT_SECONDS', threshold: 30 }], actions: { skillsToRemove: [] } },
      ],
    },
    acwSettings: { wrapupPrompt: 'MANDATORY_TIMEOUT', timeoutMs: 30000 },
    skillEvaluationMethod: 'BEST',
    queueFlow: ref('architect.flow', 'Billing In-Queue'),
    whisperPrompt: ref('architect.prompt', 'Billing Whisper'),
    autoAnswerOnly: false,
    enableTranscription: true,
    callingPartyName: 'Acme Billing',
    // Fields Ferry has no schema for must survive untouched.
    suppressInQueueCallRecording: true,
    wrapupCodes: maybeReversed(wrapupCodes.map((code) => ({ ...code }))),
  };
  const rows = [
    { key: 'NYD', Date: '2025-01-01', Closed: true },
    { key: 'XMAS', Date: '2025-12-25', Closed: true },
    { key: '10', Date: '2025-05-05', Closed: false },
  ];
  const dataTables = [
    {
      ...identity('flows.datatable', 'Holidays'),
      division: division('Home'),
      description: 'Public holidays',
      schema: {
        $schema: 'http://json-schema.org/draft-04/schema#',
        type: 'object',
        required: reorder ? ['Date', 'key'] : ['key', 'Date'],
        additionalProperties: false,
        properties: {
          key: { $id: '/properties/key', type: 'string', title: 'Holiday', displayOrder: 0 },
          Date: { $id: '/properties/Date', type: 'string', title: 'Date', displayOrder: 1 },
          Closed: {
            $id: '/properties/Closed',
            type: 'boolean',
            title: 'Closed',
            default: false,
            displayOrder: 2,
          },
        },
      },
      rows: maybeReversed(rows),
    },
  ];

  const objects: OrgFixture['objects'] = {
    'authorization.division': divisions,
    'routing.skill': skills,
    'routing.language': languages,
    'routing.wrapupcode': wrapupCodes,
    'routing.queue': [queue],
    'architect.schedule': schedules,
    'architect.schedulegroup': scheduleGroups,
    'flows.datatable': dataTables,
    'architect.ivr': ivrs,
    'architect.emergencygroup': emergencyGroups,
    // Flows and data actions have fixtures of their own (test/unit/flows); here they are only
    // what queues, IVRs and emergency groups point at.
    'architect.flow': [],
    'integrations.integration': [],
    'integrations.action': [],
    'routing.utilizationlabel': [
      { ...identity('routing.utilizationlabel', 'VIP') },
      { ...identity('routing.utilizationlabel', 'Back Office') },
    ],
    'directory.group': [
      {
        ...identity('directory.group', 'Billing Team Leads'),
        description: 'Team leaders',
        dateModified: date(40),
        memberCount: 3 + drift,
        state: 'active',
        version: 2 + drift,
        type: 'official',
        rulesVisible: true,
        visibility: 'public',
        owners: [{ id: `${org}-owner`, selfUri: `/api/v2/users/${org}-owner` }],
      },
    ],
    'routing.skillgroup': [
      {
        ...identity('routing.skillgroup', 'Billing Linguists'),
        division: division('Sales'),
        description: 'Billing, and French or German',
        memberCount: 12 + drift,
        status: drift === 0 ? 'Complete' : 'Pending',
        dateCreated: date(50),
        dateModified: date(60),
        // Skills and languages are named by name in the API itself; the sets an operation joins
        // come back in any order, the nesting and the top-level list in theirs.
        skillConditions: [
          {
            routingSkillConditions: maybeReversed([
              {
                routingSkill: 'Billing',
                comparator: 'GreaterThanOrEqualTo',
                proficiency: 3,
                childConditions: [
                  {
                    routingSkillConditions: [],
                    languageSkillConditions: maybeReversed([
                      { languageSkill: 'French', comparator: 'GreaterThan', proficiency: 2 },
                      { languageSkill: 'German', comparator: 'GreaterThan', proficiency: 2 },
                    ]),
                    operation: 'Or',
                  },
                ],
              },
              { routingSkill: 'English', comparator: 'EqualTo', proficiency: 5 },
            ]),
            languageSkillConditions: [],
            operation: 'And',
          },
        ],
      },
    ],
    'architect.prompt': [
      {
        ...identity('architect.prompt', 'Billing Whisper'),
        description: 'Whispered to the agent',
        // As the connector hands a prompt over: resources without their per-org links, audio by hash.
        resources: maybeReversed([
          {
            language: 'en-us',
            ttsString: 'Billing call',
            audio: { sha256: 'a'.repeat(64), bytes: 4044, durationSeconds: 0.5 },
          },
          { language: 'es-us', ttsString: 'Llamada de facturación', audio: null },
        ]),
      },
    ],
    'routing.utilization': [
      {
        id: 'organization',
        name: 'organization',
        utilization: {
          call: { maximumCapacity: 1, interruptableMediaTypes: [], includeNonAcd: false },
          email: {
            maximumCapacity: 2,
            interruptableMediaTypes: maybeReversed(['call', 'chat']),
            includeNonAcd: false,
          },
        },
        labelUtilizations: {
          [idOf('routing.utilizationlabel', 'VIP')]: {
            maximumCapacity: 1,
            interruptingLabelIds: [],
            labelName: 'VIP',
          },
          [idOf('routing.utilizationlabel', 'Back Office')]: {
            maximumCapacity: 2,
            interruptingLabelIds: [idOf('routing.utilizationlabel', 'VIP')],
            labelName: 'Back Office',
          },
        },
      },
    ],
  };
  const names = new Map<string, string>();
  for (const [slot, id] of ids) names.set(id, slot.slice(slot.indexOf('/') + 1));
  const typeOfId = new Map<string, string>();
  for (const slot of ids.keys()) typeOfId.set(ids.get(slot) ?? '', slot.slice(0, slot.indexOf('/')));
  return {
    objects,
    idOf,
    resolveName: (refType, id) => (typeOfId.get(id) === refType ? names.get(id) : undefined),
    // Flows are referred to by name and known by key (`INQUEUECALL/Billing In-Queue`) since
    // issue 18; this org has one flow per name, so the name alone finds it.
    resolveId: (refType, name) =>
      ids.get(
        `${refType.split('#')[0]}/${refType === 'architect.flow' ? name.slice(name.indexOf('/') + 1) : name}`,
      ),
  };
}
