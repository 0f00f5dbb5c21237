import type { DatatableRow, DatatableSchema } from './datatable-schema';
import type { QueueSettings } from './queue-body';

/**
 * One org's whole configuration as the sandbox keeps it: records keyed by id, with references
 * stored as bare ids and turned into `{id, name, selfUri}` only when rendered, so a rename shows
 * up everywhere the object is referenced, as it does in Genesys.
 */
export const ORG_KEYS = ['dev', 'uat', 'prod'] as const;
export type OrgKey = (typeof ORG_KEYS)[number];

export const ORG_STATE_FORMAT = 1;

export interface OrganizationRecord {
  id: string;
  name: string;
  domain: string;
  thirdPartyOrgName: string;
  defaultLanguage: string;
  defaultCountryCode: string;
  version: number;
}

export interface DivisionRecord {
  id: string;
  name: string;
  description: string;
  homeDivision: boolean;
}

/** Who and when, on types where Genesys reports it. */
export interface AuditFields {
  dateCreated: string;
  dateModified: string;
  createdBy: string;
  modifiedBy: string;
}

export interface SkillRecord {
  id: string;
  name: string;
  divisionId: string;
  dateModified: string;
  version: number;
}

export interface LanguageRecord {
  id: string;
  name: string;
  dateModified: string;
  version: number;
}

export interface WrapupCodeRecord extends AuditFields {
  id: string;
  name: string;
  divisionId: string;
  description?: string;
}

export interface QueueRecord extends AuditFields {
  id: string;
  name: string;
  divisionId: string;
  description?: string;
  memberCount: number;
  userMemberCount: number;
  joinedMemberCount: number;
  settings: QueueSettings;
  /** The `/wrapupcodes` sub-resource. */
  wrapupCodeIds: string[];
}

export interface ScheduleRecord extends AuditFields {
  id: string;
  name: string;
  divisionId: string;
  description?: string;
  version: number;
  start: string;
  end: string;
  rrule?: string;
}

export interface ScheduleGroupRecord extends AuditFields {
  id: string;
  name: string;
  divisionId: string;
  description?: string;
  version: number;
  timeZone?: string;
  openScheduleIds: string[];
  closedScheduleIds: string[];
  holidayScheduleIds: string[];
}

export interface DatatableRecord {
  id: string;
  name: string;
  divisionId: string;
  description?: string;
  schema: DatatableSchema;
  rows: Record<string, DatatableRow>;
}

export interface OrgState {
  format: typeof ORG_STATE_FORMAT;
  key: OrgKey;
  organization: OrganizationRecord;
  divisions: Record<string, DivisionRecord>;
  skills: Record<string, SkillRecord>;
  languages: Record<string, LanguageRecord>;
  wrapupCodes: Record<string, WrapupCodeRecord>;
  queues: Record<string, QueueRecord>;
  schedules: Record<string, ScheduleRecord>;
  scheduleGroups: Record<string, ScheduleGroupRecord>;
  datatables: Record<string, DatatableRecord>;
}

export function isOrgKey(value: string): value is OrgKey {
  return (ORG_KEYS as readonly string[]).includes(value);
}
