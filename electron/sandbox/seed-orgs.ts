import type { DatatableRow } from './datatable-schema';
import { normaliseDatatableSchema } from './datatable-schema';
import type { DatatableRecord, OrgKey, OrgState, QueueRecord, ScheduleRecord } from './org-state';
import { emptyReferencedObjects, ORG_STATE_FORMAT } from './org-state';
import { withQueueDefaults, type QueueBody } from './queue-body';
import {
  CHANNEL_SKILLS,
  CHANNELS,
  COMMON_WRAPUP_CODES,
  DEPARTMENTS,
  DIVISIONS,
  IVR_FEATURE_FLAGS,
  LANGUAGES,
  SCHEDULE_GROUPS,
  SCHEDULES,
  SKILLS,
  STORE_DIRECTORY_ROWS,
  WRAPUP_CODES,
  type Channel,
  type Department,
  type DivisionName,
} from './seed-catalogue';
import { createSeededRandom, seedFromText, type SeededRandom } from './seeded-random';
import { seedReferencedObjects, useReferencesInSeededQueues } from './seed-reference-objects';
import { addArchitectObjects } from './seed-architect-objects';
import { seedIntegrations } from './seed-integrations';
import { addFlowVersions } from './seed-flows';

/**
 * How the three demo orgs differ, the way real orgs drift apart. Tests and demos rely on these
 * exact names and values; the generator below applies them from this table, so the two cannot
 * disagree.
 *
 * - dev only (new work not yet promoted): skill "Video Support", language "Arabic", wrap-up
 *   code "Video Call Completed", queue "Video Support - Voice" (its bullseye ring removes
 *   "Video Support"; wrap-up codes include "Video Call Completed"), schedule "Video Support
 *   Hours", data table "Store Directory" gains boolean field "Video Kiosk" and row "LDN03".
 * - dev and uat (promoted to uat, waiting for prod): queue "Billing - Voice" ACW timeout
 *   30000 -> 45000 ms; queue "Mobile Support - Voice" ring 1 also removes skill "Porting".
 * - uat only (tuned by hand in uat): schedule "Saturday Opening Hours" ends 18:00 not 17:00
 *   (its version is 2 in uat, 1 elsewhere).
 * - prod only (a manual hot-fix): wrap-up code "Outage - Known Issue", assigned to queue
 *   "Broadband Support - Voice"; queue "Complaints - Voice" call alerting timeout 8 -> 15 s;
 *   "Store Directory" row "MAN01" has a new phone number.
 *
 * Everything else is identical in configuration; every id differs per org.
 */
export const SEEDED_DRIFT = {
  devOnly: {
    skill: 'Video Support',
    language: 'Arabic',
    wrapupCode: 'Video Call Completed',
    queue: 'Video Support - Voice',
    schedule: 'Video Support Hours',
    datatableField: { table: 'Store Directory', field: 'Video Kiosk' },
    datatableRow: { table: 'Store Directory', key: 'LDN03' },
  },
  devAndUat: {
    acwTimeout: { queue: 'Billing - Voice', before: 30_000, after: 45_000 },
    ringSkill: { queue: 'Mobile Support - Voice', ringIndex: 0, skill: 'Porting' },
  },
  uatOnly: {
    scheduleEnd: {
      schedule: 'Saturday Opening Hours',
      before: '2024-01-06T17:00:00.000',
      after: '2024-01-06T18:00:00.000',
    },
  },
  prodOnly: {
    wrapupCode: 'Outage - Known Issue',
    queueWrapupCode: { queue: 'Broadband Support - Voice', code: 'Outage - Known Issue' },
    alertingTimeout: { queue: 'Complaints - Voice', mediaType: 'call', before: 8, after: 15 },
    datatableRow: {
      table: 'Store Directory',
      key: 'MAN01',
      field: 'Phone Number',
      before: '+44 161 496 0000',
      after: '+44 161 496 0999',
    },
  },
} as const;

const ORG_NAMES: Readonly<Record<OrgKey, string>> = {
  dev: 'Acme Telecom (Dev)',
  uat: 'Acme Telecom (UAT)',
  prod: 'Acme Telecom (Prod)',
};

const SEED_EPOCH = Date.UTC(2024, 2, 4, 9, 0, 0);
const DRIFT_EPOCH = Date.UTC(2025, 5, 2, 14, 30, 0);

/** Builds one demo org. Same org key, same result, on every machine. */
export function seedOrg(org: OrgKey): OrgState {
  // Ids come from a per-org generator; everything else from one shared generator, so the
  // orgs hold the same configuration under different ids, as real orgs do.
  const ids = createSeededRandom(seedFromText(`ferry-sandbox:ids:${org}`));
  const shared = createSeededRandom(seedFromText('ferry-sandbox:catalogue'));
  const builder = new OrgBuilder(org, ids, shared);
  builder.buildBase();
  Object.assign(builder.state, seedReferencedObjects(org, builder.state));
  useReferencesInSeededQueues(builder.state);
  builder.applyDrift();
  addArchitectObjects(org, builder.state, builder.adminUserId);
  Object.assign(builder.state, seedIntegrations(org));
  addFlowVersions(org, builder.state, builder.adminUserId);
  return builder.state;
}

class OrgBuilder {
  readonly state: OrgState;
  readonly adminUserId: string;
  private tick = 0;

  constructor(
    private readonly org: OrgKey,
    private readonly ids: SeededRandom,
    private readonly shared: SeededRandom,
  ) {
    const orgId = ids.uuid();
    this.adminUserId = ids.uuid();
    this.state = {
      format: ORG_STATE_FORMAT,
      key: org,
      organization: {
        id: orgId,
        name: ORG_NAMES[org],
        domain: `acme-telecom-${org}`,
        thirdPartyOrgName: `acme-telecom-${org}`,
        defaultLanguage: 'en-gb',
        defaultCountryCode: 'GB',
        version: 1,
      },
      divisions: {},
      skills: {},
      languages: {},
      wrapupCodes: {},
      queues: {},
      schedules: {},
      scheduleGroups: {},
      datatables: {},
      ivrs: {},
      emergencyGroups: {},
      utilizationLabels: {},
      utilization: { media: {}, labels: {} },
      // Filled by seedReferencedObjects once the queues and data tables the flows use exist.
      ...emptyReferencedObjects(),
    };
  }

  buildBase(): void {
    for (const division of DIVISIONS) {
      const id = this.ids.uuid();
      this.state.divisions[id] = {
        id,
        name: division.name,
        description: division.description,
        homeDivision: division.home,
      };
    }
    for (const skill of SKILLS) this.addSkill(skill.name, skill.division);
    for (const language of LANGUAGES) this.addLanguage(language);
    for (const code of WRAPUP_CODES) this.addWrapupCode(code.name, code.division, code.description);
    for (const department of DEPARTMENTS) {
      for (const channel of CHANNELS) this.addQueue(department, channel);
    }
    for (const schedule of SCHEDULES) this.addSchedule(schedule);
    for (const group of SCHEDULE_GROUPS) {
      const id = this.ids.uuid();
      const stamp = this.nextStamp();
      this.state.scheduleGroups[id] = {
        id,
        name: group.name,
        divisionId: this.divisionId(group.division),
        version: 1,
        dateCreated: stamp,
        dateModified: stamp,
        createdBy: this.adminUserId,
        modifiedBy: this.adminUserId,
        timeZone: group.timeZone,
        openScheduleIds: group.open.map((name) => this.idByName(this.state.schedules, name)),
        closedScheduleIds: group.closed.map((name) => this.idByName(this.state.schedules, name)),
        holidayScheduleIds: group.holiday.map((name) => this.idByName(this.state.schedules, name)),
      };
    }
    this.addStoreDirectory();
    this.addFeatureFlags();
  }

  applyDrift(): void {
    const drift = SEEDED_DRIFT;
    const driftStamp = new Date(DRIFT_EPOCH).toISOString();
    if (this.org === 'dev') {
      const only = drift.devOnly;
      this.addSkill(only.skill, 'Customer Service');
      this.addLanguage(only.language);
      this.addWrapupCode(only.wrapupCode, 'Customer Service', 'Video call closed with the customer');
      this.addQueue(
        {
          name: 'Video Support',
          division: 'Customer Service',
          skills: [only.skill, 'Device Repairs'],
          wrapupCodes: [only.wrapupCode],
        },
        'Voice',
      );
      this.addSchedule({
        name: only.schedule,
        description: 'Pilot: video support on weekday afternoons',
        start: '2024-01-01T12:00:00.000',
        end: '2024-01-01T18:00:00.000',
        rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
      });
      const table = this.recordByName(this.state.datatables, only.datatableField.table);
      table.schema = normaliseDatatableSchema({
        properties: {
          ...table.schema.properties,
          [only.datatableField.field]: { type: 'boolean', default: false },
        },
      });
      table.rows[only.datatableRow.key] = {
        key: only.datatableRow.key,
        City: 'London Westfield',
        'Phone Number': '+44 20 7946 0002',
        'Open Sundays': true,
        'Routing Priority': 1,
        [only.datatableField.field]: true,
      };
    }
    if (this.org === 'dev' || this.org === 'uat') {
      const { acwTimeout, ringSkill } = drift.devAndUat;
      const billing = this.recordByName(this.state.queues, acwTimeout.queue);
      billing.settings.acwSettings = { ...billing.settings.acwSettings, timeoutMs: acwTimeout.after };
      billing.dateModified = driftStamp;
      const mobile = this.recordByName(this.state.queues, ringSkill.queue);
      const ring = mobile.settings.bullseye?.rings?.[ringSkill.ringIndex];
      if (!ring?.actions?.skillsToRemove) throw new Error(`seed: ${ringSkill.queue} has no ring to extend`);
      ring.actions.skillsToRemove.push({ id: this.idByName(this.state.skills, ringSkill.skill) });
      mobile.dateModified = driftStamp;
    }
    if (this.org === 'uat') {
      const { scheduleEnd } = drift.uatOnly;
      const saturday = this.recordByName(this.state.schedules, scheduleEnd.schedule);
      saturday.end = scheduleEnd.after;
      saturday.version = 2;
      saturday.dateModified = driftStamp;
    }
    if (this.org === 'prod') {
      const only = drift.prodOnly;
      const codeId = this.addWrapupCode(
        only.wrapupCode,
        'Customer Service',
        'Known network incident; no fault to log',
      );
      this.recordByName(this.state.queues, only.queueWrapupCode.queue).wrapupCodeIds.push(codeId);
      const complaints = this.recordByName(this.state.queues, only.alertingTimeout.queue);
      const call = complaints.settings.mediaSettings?.call;
      if (!call) throw new Error(`seed: ${only.alertingTimeout.queue} has no call settings`);
      call.alertingTimeoutSeconds = only.alertingTimeout.after;
      complaints.dateModified = driftStamp;
      const table = this.recordByName(this.state.datatables, only.datatableRow.table);
      const row = table.rows[only.datatableRow.key];
      if (!row) throw new Error(`seed: no row ${only.datatableRow.key}`);
      row[only.datatableRow.field] = only.datatableRow.after;
    }
  }

  private addSkill(name: string, division: DivisionName): void {
    const id = this.ids.uuid();
    this.state.skills[id] = {
      id,
      name,
      divisionId: this.divisionId(division),
      dateModified: this.nextStamp(),
      version: 1,
    };
  }

  private addLanguage(name: string): void {
    const id = this.ids.uuid();
    this.state.languages[id] = { id, name, dateModified: this.nextStamp(), version: 1 };
  }

  private addWrapupCode(name: string, division: DivisionName, description?: string): string {
    const id = this.ids.uuid();
    const stamp = this.nextStamp();
    this.state.wrapupCodes[id] = {
      id,
      name,
      divisionId: this.divisionId(division),
      ...(description === undefined ? {} : { description }),
      dateCreated: stamp,
      dateModified: stamp,
      createdBy: this.adminUserId,
      modifiedBy: this.adminUserId,
    };
    return id;
  }

  private addQueue(department: Department, channel: Channel): void {
    const id = this.ids.uuid();
    const stamp = this.nextStamp();
    const skillRefs = (names: readonly string[]) =>
      names.map((name) => ({ id: this.idByName(this.state.skills, name) }));
    const [core, ...secondary] = department.skills;
    const channelSkill = CHANNEL_SKILLS[channel];
    const memberCount = this.shared.int(4, 40);
    const body: QueueBody = { name: `${department.name} - ${channel}`, ...channelSettings(channel) };
    if (channel === 'Voice') {
      body.bullseye = {
        rings: [
          {
            expansionCriteria: [{ type: 'TIMEOUT_SECONDS', threshold: 15 }],
            actions: { skillsToRemove: skillRefs(secondary) },
          },
          {
            expansionCriteria: [{ type: 'TIMEOUT_SECONDS', threshold: 30 }],
            actions: { skillsToRemove: skillRefs(core === undefined ? [] : [core]) },
          },
          {},
        ],
      };
      if (this.shared.chance(0.4)) {
        body.routingRules = [
          { operator: 'MEETS_THRESHOLD', threshold: 9, waitSeconds: 5 },
          { operator: 'ANY', waitSeconds: 10 },
        ];
      }
    } else if (channelSkill !== null && channel !== 'Email') {
      body.bullseye = {
        rings: [
          {
            expansionCriteria: [{ type: 'TIMEOUT_SECONDS', threshold: channel === 'Chat' ? 30 : 60 }],
            actions: { skillsToRemove: skillRefs([channelSkill]) },
          },
          {},
        ],
      };
    }
    const codes = [
      ...COMMON_WRAPUP_CODES,
      ...department.wrapupCodes,
      ...(channel === 'Voice'
        ? ['Wrong Number', 'Silent Call', 'Callback Scheduled']
        : ['Duplicate Contact', 'No Response From Customer']),
    ];
    const record: QueueRecord = {
      id,
      name: body.name,
      divisionId: this.divisionId(department.division),
      description: `${department.name} enquiries by ${channel.toLowerCase()}`,
      dateCreated: stamp,
      dateModified: stamp,
      createdBy: this.adminUserId,
      modifiedBy: this.adminUserId,
      memberCount,
      userMemberCount: memberCount,
      joinedMemberCount: this.shared.int(0, memberCount),
      settings: withQueueDefaults(body),
      wrapupCodeIds: [...new Set(codes)].map((name) => this.idByName(this.state.wrapupCodes, name)),
    };
    this.state.queues[id] = record;
  }

  private addSchedule(seed: {
    name: string;
    description?: string;
    start: string;
    end: string;
    rrule?: string;
  }): void {
    const id = this.ids.uuid();
    const stamp = this.nextStamp();
    const record: ScheduleRecord = {
      id,
      name: seed.name,
      divisionId: this.divisionId('Home'),
      ...(seed.description === undefined ? {} : { description: seed.description }),
      version: 1,
      dateCreated: stamp,
      dateModified: stamp,
      createdBy: this.adminUserId,
      modifiedBy: this.adminUserId,
      start: seed.start,
      end: seed.end,
      ...(seed.rrule === undefined ? {} : { rrule: seed.rrule }),
    };
    this.state.schedules[id] = record;
  }

  private addStoreDirectory(): void {
    const rows: Record<string, DatatableRow> = {};
    for (const [key, city, phone, openSundays, priority] of STORE_DIRECTORY_ROWS) {
      rows[key] = {
        key,
        City: city,
        'Phone Number': phone,
        'Open Sundays': openSundays,
        'Routing Priority': priority,
      };
    }
    this.addDatatable({
      name: 'Store Directory',
      description: 'Stores the IVR can transfer to, looked up by store code',
      division: 'Customer Service',
      properties: {
        key: { type: 'string', title: 'Store Code' },
        City: { type: 'string' },
        'Phone Number': { type: 'string' },
        'Open Sundays': { type: 'boolean', default: false },
        'Routing Priority': { type: 'integer', default: 3, minimum: 1, maximum: 3 },
      },
      rows,
    });
  }

  private addFeatureFlags(): void {
    const rows: Record<string, DatatableRow> = {};
    for (const [key, enabled, notes] of IVR_FEATURE_FLAGS)
      rows[key] = { key, Enabled: enabled, Notes: notes };
    this.addDatatable({
      name: 'IVR Feature Flags',
      description: 'Switches read by the inbound call flows',
      division: 'Home',
      properties: {
        key: { type: 'string', title: 'Flag' },
        Enabled: { type: 'boolean', default: false },
        Notes: { type: 'string', default: '' },
      },
      rows,
    });
  }

  private addDatatable(seed: {
    name: string;
    description: string;
    division: DivisionName;
    properties: Parameters<typeof normaliseDatatableSchema>[0]['properties'];
    rows: Record<string, DatatableRow>;
  }): void {
    const id = this.ids.uuid();
    const table: DatatableRecord = {
      id,
      name: seed.name,
      divisionId: this.divisionId(seed.division),
      description: seed.description,
      schema: normaliseDatatableSchema({ properties: seed.properties }),
      rows: seed.rows,
    };
    this.state.datatables[id] = table;
  }

  /** Seeded objects were "created" a minute apart, starting on a fixed date. */
  private nextStamp(): string {
    this.tick += 1;
    return new Date(SEED_EPOCH + this.tick * 60_000).toISOString();
  }

  private divisionId(name: DivisionName): string {
    return this.idByName(this.state.divisions, name);
  }

  private idByName(collection: Record<string, { id: string; name: string }>, name: string): string {
    return this.recordByName(collection, name).id;
  }

  private recordByName<T extends { name: string }>(collection: Record<string, T>, name: string): T {
    const record = Object.values(collection).find((candidate) => candidate.name === name);
    if (!record) throw new Error(`seed: no object named "${name}"`);
    return record;
  }
}

function channelSettings(channel: Channel): Omit<QueueBody, 'name'> {
  switch (channel) {
    case 'Voice':
      return {
        mediaSettings: {
          call: { alertingTimeoutSeconds: 8, serviceLevel: { percentage: 0.8, durationMs: 20_000 } },
          callback: { alertingTimeoutSeconds: 30, serviceLevel: { percentage: 0.8, durationMs: 3_600_000 } },
        },
        acwSettings: { wrapupPrompt: 'MANDATORY_TIMEOUT', timeoutMs: 30_000 },
        skillEvaluationMethod: 'BEST',
        callingPartyName: 'Acme Telecom',
        callingPartyNumber: '+443306000000',
      };
    case 'Chat':
      return {
        mediaSettings: {
          chat: { alertingTimeoutSeconds: 30, serviceLevel: { percentage: 0.8, durationMs: 60_000 } },
        },
        acwSettings: { wrapupPrompt: 'MANDATORY_TIMEOUT', timeoutMs: 60_000 },
        skillEvaluationMethod: 'ALL',
      };
    case 'Email':
      return {
        mediaSettings: {
          email: { alertingTimeoutSeconds: 300, serviceLevel: { percentage: 0.9, durationMs: 14_400_000 } },
        },
        acwSettings: { wrapupPrompt: 'OPTIONAL' },
        skillEvaluationMethod: 'NONE',
      };
    case 'Messaging':
      return {
        mediaSettings: {
          message: { alertingTimeoutSeconds: 45, serviceLevel: { percentage: 0.8, durationMs: 300_000 } },
        },
        acwSettings: { wrapupPrompt: 'MANDATORY_TIMEOUT', timeoutMs: 45_000 },
        skillEvaluationMethod: 'BEST',
      };
  }
}
