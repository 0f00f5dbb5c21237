import type { DatatableRow, DatatableSchema } from './datatable-schema';
import type { QueueSettings } from './queue-body';

/**
 * One org's whole configuration as the sandbox keeps it: records keyed by id, with references
 * stored as bare ids and turned into `{id, name, selfUri}` only when rendered, so a rename shows
 * up everywhere the object is referenced, as it does in Genesys.
 */
export const ORG_KEYS = ['dev', 'uat', 'prod'] as const;
export type OrgKey = (typeof ORG_KEYS)[number];

/**
 * 2 added the objects queues refer to (groups, skill groups, teams, scripts, flows, prompts, sites,
 * edge groups, email domains and routes, canned-response libraries, SMS numbers, messaging
 * recipients); org-store.ts migrates a format 1 file by seeding them.
 */
export const ORG_STATE_FORMAT = 3;

/**
 * What format 3 added: IVRs and emergency groups (with the inbound flows they answer with) and
 * utilization labels and the org-wide utilization setting.
 * org-store.ts seeds them into an org saved in an older format.
 */
export const FORMAT_3_KEYS = [
  'ivrs',
  'emergencyGroups',
  'utilizationLabels',
  'utilization',
] as const satisfies readonly (keyof OrgState)[];

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

/** An IVR configuration: the numbers it owns and the flows that answer them, by schedule. */
export interface IvrRecord extends AuditFields {
  id: string;
  name: string;
  divisionId: string;
  description?: string;
  version: number;
  dnis: string[];
  openHoursFlowId?: string;
  closedHoursFlowId?: string;
  holidayHoursFlowId?: string;
  scheduleGroupId?: string;
}

/** An emergency group: when enabled, its flows answer instead of the IVRs' usual ones. */
export interface EmergencyGroupRecord extends AuditFields {
  id: string;
  name: string;
  divisionId: string;
  description?: string;
  version: number;
  enabled: boolean;
  emergencyCallFlows: { emergencyFlowId?: string; ivrIds: string[] }[];
}

/** A utilization label: a name and nothing else, as Genesys keeps it. */
export interface UtilizationLabelRecord {
  id: string;
  name: string;
}

/** The org-wide utilization setting (one per org): per media type, and per label by label id. */
export interface UtilizationRecord {
  media: Record<
    string,
    { maximumCapacity: number; interruptableMediaTypes: string[]; includeNonAcd: boolean }
  >;
  labels: Record<string, { maximumCapacity: number; interruptingLabelIds: string[] }>;
  maxInboundCalls?: number;
}

/** A directory group (`/api/v2/groups`); `type` and `visibility` as Genesys reports them. */
export interface GroupRecord {
  id: string;
  name: string;
  description?: string;
  type: 'official' | 'social';
  visibility: 'public' | 'owners' | 'members';
  memberCount: number;
  dateModified: string;
  version: number;
  /** Absent on groups saved before groups could be written: read as the defaults below. */
  rulesVisible?: boolean;
  rolesEnabled?: boolean;
  callsEnabled?: boolean;
  includeOwners?: boolean;
  addresses?: { address: string; extension?: string; type: 'GROUPRING' | 'GROUPPHONE'; mediaType: 'PHONE' }[];
}

export interface SkillGroupRecord {
  id: string;
  name: string;
  divisionId: string;
  description?: string;
  memberCount: number;
  dateCreated: string;
  dateModified: string;
  /**
   * Absent on skill groups saved before they could be written: read as no conditions, no member
   * divisions and status `Complete` (see routes/skill-groups-routes.ts).
   */
  skillConditions?: SkillGroupConditionRecord[];
  memberDivisionIds?: string[];
  status?: string;
}

/** `SkillGroupCondition`: skills and languages are named by name, as the real API holds them. */
export interface SkillGroupConditionRecord {
  routingSkillConditions: SkillConditionTerm<'routingSkill'>[];
  languageSkillConditions: SkillConditionTerm<'languageSkill'>[];
  operation: 'And' | 'Or';
}

export type SkillConditionTerm<Field extends 'routingSkill' | 'languageSkill'> = {
  [K in Field]: string;
} & {
  comparator: string;
  proficiency: number;
  childConditions?: SkillGroupConditionRecord[];
};

export interface TeamRecord {
  id: string;
  name: string;
  divisionId: string;
  description?: string;
  memberCount: number;
  dateCreated: string;
  dateModified: string;
}

export interface ScriptRecord {
  id: string;
  name: string;
  divisionId: string;
  versionId: string;
  createdDate: string;
  modifiedDate: string;
  publishedDate: string;
}

export const FLOW_TYPES = [
  'INBOUNDCALL',
  'INBOUNDEMAIL',
  'INBOUNDSHORTMESSAGE',
  'INQUEUECALL',
  'INQUEUEEMAIL',
  'INQUEUESHORTMESSAGE',
  'OUTBOUNDCALL',
  // Issue 18: the flows that are called rather than answer (sub-flows and workflows), and chat.
  'INBOUNDCHAT',
  'COMMONMODULE',
  'WORKFLOW',
] as const;
export type FlowType = (typeof FLOW_TYPES)[number];

/** One checked-in version of a flow (`FlowVersion`): ids "1.0", "2.0"… in order. */
export interface FlowVersionRecord {
  id: string;
  /** The configuration in Ferry's flow dialect, with `lit` references carrying this org's ids. */
  configuration: string;
  dateCreated: string;
  createdByClientId?: string;
  createdByUserId?: string;
  /** When this version was last made the published one. */
  datePublished?: string;
}

/** Who holds a flow checked out: a person (`lockedUser`) or an OAuth client (`lockedClient`). */
export interface FlowLockRecord {
  userId?: string;
  userName?: string;
  clientId?: string;
  dateLocked: string;
}

export interface FlowRecord {
  id: string;
  name: string;
  divisionId: string;
  description?: string;
  type: FlowType;
  /**
   * What the flow's published version uses, as Genesys tracks it to refuse deleting a queue or
   * data table a flow still needs. Sandbox-internal: never rendered.
   */
  queueIds: string[];
  datatableIds: string[];
  /**
   * Issue 18 (optional, no format bump: an org saved before gets seeded versions on load). The
   * checked-in versions, oldest first; the published one; who holds it checked out; and the
   * configuration saved by the lock holder but not yet checked in (`savedVersion`).
   */
  versions?: FlowVersionRecord[];
  publishedVersionId?: string;
  publishedByClientId?: string;
  lock?: FlowLockRecord;
  saved?: { configuration: string; dateSaved: string };
}

export interface PromptRecord {
  id: string;
  name: string;
  description?: string;
  /** Absent on prompts saved before they had one: read as the home division. */
  divisionId?: string;
  /**
   * The prompt's audio and text per language. Optional so that orgs saved before prompts were
   * writable read as having none (no state format change); see prompts-routes.ts.
   */
  resources?: PromptResourceRecord[];
}

/** `uploadStatus` of a prompt resource, as Genesys reports it. */
export const PROMPT_UPLOAD_STATUSES = ['created', 'uploaded', 'transcoded', 'transcodeFailed'] as const;
export type PromptUploadStatus = (typeof PROMPT_UPLOAD_STATUSES)[number];

/** One language of a prompt (the SDK's `PromptAsset`). */
export interface PromptResourceRecord {
  id: string;
  language: string;
  ttsString?: string;
  text?: string;
  tags?: Record<string, string[]>;
  languageDefault?: boolean;
  /** The uploaded file, base64 (a few KB in the sandbox); kept once it transcoded. */
  audio?: string;
  /** Bumped each time new audio lands, so the media link of old audio stops working. */
  audioVersion?: number;
  /** What the last upload turned into; until `readyAt` the resource still reads `uploaded`. */
  uploadStatus: PromptUploadStatus;
  readyAt?: string;
  durationSeconds?: number;
  /** The pre-signed upload the last `uploads` call handed out (sandbox-internal). */
  upload?: { id: string; token: string; expiresAt: string };
  dateCreated: string;
  dateModified: string;
}

/** A telephony site or edge group: only what a queue's callback settings need of them. */
export interface TelephonyRecord {
  id: string;
  name: string;
  description?: string;
  version: number;
  dateCreated: string;
  dateModified: string;
}

/** An inbound email domain: Genesys uses the domain name itself as its id. */
export interface EmailDomainRecord {
  id: string;
  /** True for the `<org>.mypurecloud.com`-style sub-domains Genesys hosts. */
  subDomain: boolean;
}

/** An inbound email route of one domain. Real routes often have no name, so neither do these. */
export interface EmailRouteRecord {
  id: string;
  domainId: string;
  pattern: string;
  fromName: string;
  fromEmail: string;
  priority: number;
}

export interface LibraryRecord {
  id: string;
  name: string;
  version: number;
  dateCreated: string;
}

export interface SmsPhoneNumberRecord {
  id: string;
  name: string;
  /** E.164; differs per org while the name does not. */
  phoneNumber: string;
  phoneNumberType: 'local' | 'mobile' | 'tollfree' | 'shortcode';
  countryCode: string;
  version: number;
  dateCreated: string;
}

export const MESSENGER_TYPES = ['sms', 'open', 'whatsapp', 'webmessaging', 'facebook', 'instagram'] as const;
export type MessengerType = (typeof MESSENGER_TYPES)[number];

export interface MessageRecipientRecord {
  id: string;
  name: string;
  messengerType: MessengerType;
  dateCreated: string;
  dateModified: string;
}

/** The collections format 2 added; read-only through the API, seeded per org. */
export interface ReferencedObjects {
  groups: Record<string, GroupRecord>;
  skillGroups: Record<string, SkillGroupRecord>;
  teams: Record<string, TeamRecord>;
  scripts: Record<string, ScriptRecord>;
  flows: Record<string, FlowRecord>;
  prompts: Record<string, PromptRecord>;
  sites: Record<string, TelephonyRecord>;
  edgeGroups: Record<string, TelephonyRecord>;
  emailDomains: Record<string, EmailDomainRecord>;
  emailRoutes: Record<string, EmailRouteRecord>;
  libraries: Record<string, LibraryRecord>;
  smsPhoneNumbers: Record<string, SmsPhoneNumberRecord>;
  messageRecipients: Record<string, MessageRecipientRecord>;
}

export const REFERENCED_OBJECT_KEYS = [
  'groups',
  'skillGroups',
  'teams',
  'scripts',
  'flows',
  'prompts',
  'sites',
  'edgeGroups',
  'emailDomains',
  'emailRoutes',
  'libraries',
  'smsPhoneNumbers',
  'messageRecipients',
] as const satisfies readonly (keyof ReferencedObjects)[];

/** Every referenced-object collection, empty. */
export function emptyReferencedObjects(): ReferencedObjects {
  return Object.fromEntries(REFERENCED_OBJECT_KEYS.map((key) => [key, {}])) as unknown as ReferencedObjects;
}

export interface OrgState extends ReferencedObjects {
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
  ivrs: Record<string, IvrRecord>;
  emergencyGroups: Record<string, EmergencyGroupRecord>;
  utilizationLabels: Record<string, UtilizationLabelRecord>;
  utilization: UtilizationRecord;
  /**
   * Issue 18 added these as optional fields, with no format bump (as issue 17 did for prompt
   * resources): an org saved before them has them seeded on load (org-store.ts).
   */
  integrations?: Record<string, IntegrationRecord>;
  integrationCredentials?: Record<string, CredentialRecord>;
  dataActions?: Record<string, DataActionRecord>;
}

/** The record kinds issue 18 added; org-store.ts seeds each one an older org file lacks. */
export const ISSUE_18_KEYS = [
  'integrations',
  'integrationCredentials',
  'dataActions',
] as const satisfies readonly (keyof OrgState)[];

/** An installed integration (`Integration`) with its current configuration. */
export interface IntegrationRecord {
  id: string;
  name: string;
  /** `custom-rest-actions`, `gcp-data-actions`…: the `IntegrationType` id. */
  integrationTypeId: string;
  notes?: string;
  intendedState: 'ENABLED' | 'DISABLED' | 'DELETED';
  attributes: Record<string, string>;
  config: IntegrationConfigRecord;
  dateModified: string;
}

/** `IntegrationConfiguration`: credentials are held as key → credential id. */
export interface IntegrationConfigRecord {
  name: string;
  version: number;
  properties: Record<string, unknown>;
  advanced: Record<string, unknown>;
  notes: string;
  credentials: Record<string, string>;
}

/** A credential: its field values are write-only through the API (never rendered). */
export interface CredentialRecord {
  id: string;
  name: string;
  /** `basicAuth`, `userDefined`, `userDefinedOAuth`… */
  type: string;
  fields: Record<string, string>;
  createdDate: string;
  modifiedDate: string;
}

/** What an action's published version and its draft both hold. */
export interface DataActionBody {
  name: string;
  category: string;
  secure: boolean;
  config: Record<string, unknown>;
  contract: { input: Record<string, unknown>; output: Record<string, unknown> };
}

/** A data action (`Action`) with its published version and, while one is open, its draft. */
export interface DataActionRecord extends DataActionBody {
  id: string;
  integrationId: string;
  /** The published version's number; absent while the action exists only as a draft. */
  version?: number;
  draft?: DataActionBody & { version: number; dateModified: string };
  dateModified: string;
}

export function isOrgKey(value: string): value is OrgKey {
  return (ORG_KEYS as readonly string[]).includes(value);
}
